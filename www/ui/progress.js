// Progress: six month calendars marked by what happened each day (complete,
// some tasks, nothing, skipped, day off; a dot for notes), the streaks, and
// per-task streaks in days, weeks or months. A day opens its checklist, its
// notes and its day off in a dialog, so a missed check can be fixed.
import { h, showDialog, dialogFrame, errorLine, showError } from './dom.js';
import { addDays, monthStart, toDate, longDate } from './dates.js';
import { streakCards } from './streaks.js';
import { checklist } from './checklist.js';
import { dayOffControl } from './day_off.js';
import { streakWords, streakUnit } from './schedule_words.js';

const MONTHS = 6;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A getHistory() day as one of the calendar's marks (none, partial, complete, skipped, off). */
function stateOf(info) {
  if (!info) return 'none';
  if (info.day_off) return 'off';
  if (info.complete) return 'complete';
  if (info.checked) return 'partial';
  return info.skipped ? 'skipped' : 'none';
}

/** A day in words for screen readers and the cell's title: 'day complete, 2 tasks checked, 1 note'. */
function describe(info) {
  if (!info) return 'nothing checked';
  const parts = [];
  if (info.day_off) parts.push(`day off${info.day_off.note ? ` (${info.day_off.note})` : ''}`);
  if (info.complete) parts.push(`day complete${info.checked ? `, ${plural(info.checked, 'task')} checked` : ''}`);
  else if (info.checked || !info.day_off) parts.push(info.checked ? `${plural(info.checked, 'task')} checked, not complete` : 'nothing checked');
  if (info.skipped) parts.push(`${plural(info.skipped, 'task')} skipped`);
  if (info.notes?.length) parts.push(plural(info.notes.length, 'note'));
  return parts.join(', ');
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
    const label = `${date === today ? 'Today, ' : ''}${longDate(date)}: ${describe(info)}`;
    const noted = info?.notes?.length ? ' has-note' : '';
    cells.push(h('button', {
      type: 'button', class: `cell${date === today ? ' today' : ''}${noted}`, 'data-date': date, 'data-state': stateOf(info),
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

// Each task's current and best run, in its own steps: '4 weeks in a row · best 6 weeks'.
function taskStreakList(tasks, streaks) {
  const byId = new Map(streaks.map((s) => [s.task_id, s]));
  const top = Math.max(1, ...streaks.map((s) => s.best));
  return h('ul', { class: 'task-streaks' }, tasks.map((t) => {
    const s = byId.get(t.id) || { current: 0, best: 0, counted_in: 'days' };
    return h('li', { class: t.active ? '' : 'inactive' },
      h('span', { class: 'ts-title' }, t.title, t.active ? '' : h('span', { class: 'badge badge-inactive' }, 'Inactive')),
      h('span', { class: 'ts-bar', 'aria-hidden': 'true' },
        h('span', { class: 'ts-best', style: `width: ${(100 * s.best) / top}%` }),
        h('span', { class: 'ts-current', style: `width: ${(100 * s.current) / top}%` })),
      h('span', { class: 'ts-nums', 'data-task-id': t.id },
        streakWords(s.current, s.counted_in, t.schedule),
        s.best ? ` · best ${s.best} ${streakUnit(s.best, s.counted_in, t.schedule)}` : ''));
  }));
}

async function openDay(app, date) {
  const day = await app.sb.getDay(app.profile.id, date);
  const list = checklist(app, day);
  const dayOff = dayOffControl(app, day, {
    announce: list.announce,
    onChange: async () => {
      const fresh = await app.sb.getDay(app.profile.id, date);
      dayOff.update(fresh);
      list.update(fresh);
    },
  });
  const dialog = dialogFrame(longDate(date), [
    h('p', { class: 'muted' }, date === app.sb.today() ? 'Today' : 'Missed a check? Fix it here.'),
    list,
    dayOff,
  ], [h('button', { class: 'button primary', value: 'close', autofocus: true }, 'Done')], { class: 'dialog day-dialog' });
  await showDialog(dialog);
}

export async function renderProgress(section, app) {
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
    h('div', { class: 'view-head' }, h('h1', {}, 'Progress'),
      h('p', { class: 'muted' }, `${plural(complete, 'complete day')} in the last six months`)),
    streakCards(streak),
    h('section', { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, 'Calendar'),
        h('div', { class: 'legend', 'aria-hidden': 'true' },
          h('span', { class: 'key key-none' }), 'Nothing',
          h('span', { class: 'key key-partial' }), 'Some tasks',
          h('span', { class: 'key key-complete' }), 'Complete',
          h('span', { class: 'key key-skipped' }), 'Skipped',
          h('span', { class: 'key key-off' }), 'Day off',
          h('span', { class: 'key key-note' }), 'Note')),
      err, months),
    h('section', { class: 'card' }, h('h2', {}, 'Streaks by task'),
      tasks.length ? taskStreakList(tasks, taskStreaks) : h('p', { class: 'muted' }, 'No tasks yet.')));
}
