// The current/best streak cards, shown on Today and Progress.
import { h, icon } from './dom.js';

const days = (n) => (n === 1 ? 'day' : 'days');

function caption({ current, best }) {
  if (current === 0) return 'Complete a day to start a streak.';
  if (current >= best) return 'Your best run yet. Keep going!';
  return `${best - current} more ${days(best - current)} to match your best.`;
}

/** Two stat cards with ids streak-current / streak-best; update() refreshes them in place. */
export function streakCards(streak) {
  const current = h('span', { class: 'stat-num', id: 'streak-current' });
  const currentUnit = h('span', { class: 'stat-unit' });
  const best = h('span', { class: 'stat-num', id: 'streak-best' });
  const bestUnit = h('span', { class: 'stat-unit' });
  const note = h('p', { class: 'stat-note' });
  const el = h('div', { class: 'streaks' },
    h('div', { class: 'stat stat-current' },
      h('span', { class: 'stat-title' }, icon('flame'), 'Current streak'),
      h('span', { class: 'stat-value' }, current, currentUnit), note),
    h('div', { class: 'stat stat-best' },
      h('span', { class: 'stat-title' }, icon('star'), 'Best streak'),
      h('span', { class: 'stat-value' }, best, bestUnit)));
  el.update = (s) => {
    current.textContent = String(s.current);
    currentUnit.textContent = days(s.current);
    best.textContent = String(s.best);
    bestUnit.textContent = days(s.best);
    note.textContent = caption(s);
  };
  el.update(streak);
  return el;
}
