// History: six month calendars coloured by what happened each day (complete,
// partial, nothing), the streaks, and per-task streaks. A past day opens its
// checklist in a dialog so a missed check can be fixed.
import { h, showDialog, dialogFrame, errorLine, showError } from './dom.js';
import { addDays, monthStart, toDate, longDate } from './dates.js';
import { streakCards } from './streaks.js';
import { checklist } from './today.js';

const MONTHS = 6;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describe(info) {
  if (!info) return 'nothing checked';
  if (info.complete) return `day complete${info.checked ? `, ${plural(info.checked, 'task')} checked` : ''}`;
  return `${plural(info.checked, 'task')} checked, not complete`;
}

function weekdayHeaders() {
  // Monday first; 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const d = toDate(addDays('2024-01-01', i));
    return h('abbr', { class: 'wd', title: d.toLocaleDateString(undefined, { weekday: 'long' }) },
      d.toLocaleDateString(undefined, { weekday: 'narrow' }));
  });
}

function month(first, today, byDate, focusDate, openDay) {
  const d0 = toDate(first);
  const cells = [];
  for (let i = 0; i < (d0.getDay() + 6) % 7; i++) cells.push(h('span', { class: 'cell blank', 'aria-hidden': 'true' }));
  for (let date = first; date.slice(0, 7) === first.slice(0, 7); date = addDays(date, 1)) {
    const num = Number(date.slice(8));
    if (date > today) {
      cells.push(h('span', { class: 'cell future', 'aria-hidden': 'true' }, num));
      continue;
    }
    const info = byDate.get(date);
    const state = info?.complete ? 'complete' : info?.checked ? 'partial' : 'none';
    const label = `${date === today ? 'Today, ' : ''}${longDate(date)}: ${describe(info)}`;
    cells.push(h('button', {
      type: 'button', class: `cell${date === today ? ' today' : ''}`, 'data-date': date, 'data-state': state,
      'aria-label': label, title: label, tabIndex: date === focusDate ? 0 : -1, onclick: () => openDay(date),
    }, num));
  }
  const title = d0.toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
  return h('section', { class: 'month', 'aria-label': title },
    h('h3', {}, title),
    h('div', { class: 'month-grid' }, weekdayHeaders(), cells));
}

// Arrow keys move between days (one tab stop for the whole calendar).
function roving(container) {
  const STEP = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
  container.addEventListener('keydown', (e) => {
    const from = e.target.dataset?.date;
    if (!from || !(e.key in STEP)) return;
    const next = container.querySelector(`[data-date="${addDays(from, STEP[e.key])}"]`);
    if (!next) return;
    e.preventDefault();
    e.target.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
}

function taskStreakList(tasks, streaks) {
  const byId = new Map(streaks.map((s) => [s.task_id, s]));
  const top = Math.max(1, ...streaks.map((s) => s.best));
  return h('ul', { class: 'task-streaks' }, tasks.map((t) => {
    const s = byId.get(t.id) || { current: 0, best: 0 };
    return h('li', { class: t.active ? '' : 'inactive' },
      h('span', { class: 'ts-title' }, t.title, t.active ? '' : h('span', { class: 'badge badge-inactive' }, 'Inactive')),
      h('span', { class: 'ts-bar', 'aria-hidden': 'true' },
        h('span', { class: 'ts-best', style: `width: ${(100 * s.best) / top}%` }),
        h('span', { class: 'ts-current', style: `width: ${(100 * s.current) / top}%` })),
      h('span', { class: 'ts-nums' }, `${s.current} now · best ${s.best}`));
  }));
}

async function openDay(app, date) {
  const day = await app.sb.getDay(app.profile.id, date);
  const dialog = dialogFrame(longDate(date), [
    h('p', { class: 'muted' }, date === app.sb.today() ? 'Today' : 'Missed a check? Fix it here.'),
    checklist(app, day),
  ], [h('button', { class: 'button primary', value: 'close', autofocus: true }, 'Done')], { class: 'dialog day-dialog' });
  await showDialog(dialog);
}

export async function renderHistory(section, app) {
  const { sb, profile } = app;
  const today = sb.today();
  const from = monthStart(today, 1 - MONTHS);
  const [days, streak, tasks, taskStreaks] = await Promise.all([
    sb.getHistory(profile.id, from, today), sb.getStreak(profile.id),
    sb.listTasks(profile.id), sb.getTaskStreaks(profile.id)]);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const complete = days.filter((d) => d.complete).length;
  const err = errorLine();
  const open = async (date) => {
    try {
      await openDay(app, date);
      await app.render(); // the day may have changed: redraw calendar and streaks
      const cell = document.querySelector(`.months [data-date="${date}"]`);
      if (cell) {
        for (const c of document.querySelectorAll('.months [tabindex="0"]')) c.tabIndex = -1;
        cell.tabIndex = 0;
        cell.focus();
      }
    } catch (e) {
      showError(err, e);
    }
  };
  const months = h('div', { class: 'months', role: 'group', 'aria-label': 'Calendar of the last six months. Arrow keys move between days; Enter opens a day.' },
    Array.from({ length: MONTHS }, (_, i) => month(monthStart(today, -i), today, byDate, today, open)));
  roving(months);
  section.append(
    h('div', { class: 'view-head' }, h('h1', {}, 'History'),
      h('p', { class: 'muted' }, `${plural(complete, 'complete day')} in the last six months`)),
    streakCards(streak),
    h('section', { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, 'Calendar'),
        h('div', { class: 'legend', 'aria-hidden': 'true' },
          h('span', { class: 'key key-none' }), 'Nothing',
          h('span', { class: 'key key-partial' }), 'Some tasks',
          h('span', { class: 'key key-complete' }), 'Complete')),
      err, months),
    h('section', { class: 'card' }, h('h2', {}, 'Streaks by task'),
      tasks.length ? taskStreakList(tasks, taskStreaks) : h('p', { class: 'muted' }, 'No tasks yet.')));
}
