// The current/best streak cards, shown on Today and Progress; with a
// getProgress() streak they also say when each run lies.
import { h, icon } from './dom.js';
import { mediumDate, dateRange } from './dates.js';

const days = (n) => (n === 1 ? 'day' : 'days');

function caption({ current, best }) {
  if (current === 0) return 'Complete a day to start a streak.';
  if (current >= best) return 'Your best run yet. Keep going!';
  return `${best - current} more ${days(best - current)} to match your best.`;
}

/** 'since 20 Nov 2026' for the current run; '' without dates. */
export const sinceWords = (from) => (from ? `since ${mediumDate(from)}` : '');
/** '1–30 Jun 2025' for a run; '' without dates. */
export const runWords = (from, to) => (from && to ? dateRange(from, to) : '');

/**
 * Two stat cards with ids streak-current / streak-best; update() refreshes
 * them in place. A streak with current_from / best_from / best_to (getProgress)
 * shows the dates under the numbers (ids streak-current-dates, streak-best-dates).
 */
export function streakCards(streak) {
  const current = h('span', { class: 'stat-num', id: 'streak-current' });
  const currentUnit = h('span', { class: 'stat-unit' });
  const best = h('span', { class: 'stat-num', id: 'streak-best' });
  const bestUnit = h('span', { class: 'stat-unit' });
  const note = h('p', { class: 'stat-note' });
  const currentDates = h('p', { class: 'stat-dates', id: 'streak-current-dates', hidden: true });
  const bestDates = h('p', { class: 'stat-dates', id: 'streak-best-dates', hidden: true });
  const el = h('div', { class: 'streaks' },
    h('div', { class: 'stat stat-current' },
      h('span', { class: 'stat-title' }, icon('flame'), 'Current streak'),
      h('span', { class: 'stat-value' }, current, currentUnit), currentDates, note),
    h('div', { class: 'stat stat-best' },
      h('span', { class: 'stat-title' }, icon('star'), 'Best streak'),
      h('span', { class: 'stat-value' }, best, bestUnit), bestDates));
  el.update = (s) => {
    current.textContent = String(s.current);
    currentUnit.textContent = days(s.current);
    best.textContent = String(s.best);
    bestUnit.textContent = days(s.best);
    note.textContent = caption(s);
    currentDates.textContent = s.current ? sinceWords(s.current_from) : '';
    currentDates.hidden = !currentDates.textContent;
    bestDates.textContent = s.best ? runWords(s.best_from, s.best_to) : '';
    bestDates.hidden = !bestDates.textContent;
  };
  el.update(streak);
  return el;
}
