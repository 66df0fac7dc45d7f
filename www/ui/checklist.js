// A day's checklist (Today, and Progress's day dialog): the day's state in
// words, one row per task asked for that day (ui/task_entry.js), a quiet "Not
// today" line for day-scheduled tasks that are not due, and a live region
// that tells screen readers what changed.
import { h, icon, errorLine, showError } from './dom.js';
import { longDate, timeOf, dateOf } from './dates.js';
import { isPeriodic } from './schedule_words.js';
import { taskEntry } from './task_entry.js';

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

const hasEntry = (e) => e.done || e.skipped || e.amount != null || e.note !== '';

/** A task is on the list when asked for that day, counted in periods, or holding an entry. */
const listed = (t) => t.due || isPeriodic(t.schedule) || hasEntry(t.entry);

/** The day's state (getDay's state / paused_by) in words. */
function statusText(day, today) {
  const on = day.date === today ? 'today' : 'on this day';
  if (day.state === 'complete') {
    const when = dateOf(day.completed_at) === day.date
      ? `at ${timeOf(day.completed_at)}`
      : `(marked on ${longDate(dateOf(day.completed_at))})`;
    return `Day complete ${when}`;
  }
  if (day.state === 'paused') {
    if (day.paused_by === 'day_off') return 'Day off: streaks paused';
    if (day.paused_by === 'skipped') return 'All skipped: streak kept';
    return `Nothing required ${on}`;
  }
  const active = day.tasks.filter((t) => t.active);
  if (!active.length) return 'No tasks yet';
  const required = active.filter((t) => t.required && t.due && !isPeriodic(t.schedule));
  if (!active.some((t) => t.required)) return 'Check any task to complete the day';
  const left = required.filter((t) => !t.entry.done && !t.entry.skipped).length;
  return `${plural(left, 'required task')} ${day.date === today ? 'to go' : 'missing'}`;
}

/**
 * The checklist for `day` (a getDay() result). A change shows at once; on an
 * error it is undone and the core's message appears under that task.
 * onSaved() runs after each saved change; el.update(day) shows a fresh day.
 */
export function checklist(app, day, { onSaved } = {}) {
  const { sb, profile } = app;
  const today = sb.today();
  const status = h('p', { id: 'day-status', class: 'day-status', role: 'status' });
  const progress = h('p', { class: 'day-progress' });
  const live = h('p', { class: 'visually-hidden', role: 'status', 'data-live': 'checklist' });
  const notToday = h('p', { class: 'not-today muted' });
  const err = errorLine();
  const rows = new Map();
  const announce = (text) => { live.textContent = text; };

  async function refresh() {
    el.update(await sb.getDay(profile.id, day.date));
    if (onSaved) await onSaved();
  }
  const save = (taskId) => async (fields) => {
    await sb.setCheck(profile.id, taskId, day.date, fields);
    try {
      await refresh();
    } catch (e) {
      showError(err, e);
    }
  };

  const active = day.tasks.filter((t) => t.active);
  const shown = active.filter(listed);
  const items = shown.map((t) => {
    const row = taskEntry(t, { today, isToday: day.date === today, save: save(t.id), announce });
    rows.set(t.id, row);
    return row;
  });

  const el = h('div', { class: 'checklist' },
    h('div', { class: 'day-summary' }, status, progress),
    items.length
      ? h('ul', { class: 'check-list', 'aria-label': `Tasks for ${longDate(day.date)}` }, items)
      : active.length
        ? null
        : h('div', { class: 'empty' },
          h('p', {}, 'There are no active tasks yet. Add the habits you want to keep, then check them off here each day.'),
          h('button', { class: 'button primary', type: 'button', onclick: () => app.go('tasks') }, icon('plus'), 'Add a task')),
    notToday, live, err);

  el.update = (fresh) => {
    day = fresh;
    for (const t of fresh.tasks) rows.get(t.id)?.update(t);
    const complete = day.state === 'complete';
    status.replaceChildren(complete ? icon('check') : '', statusText(day, today));
    status.classList.toggle('complete', complete);
    status.classList.toggle('paused', day.state === 'paused');
    const listedNow = fresh.tasks.filter((t) => rows.has(t.id));
    const done = listedNow.filter((t) => t.entry.done || t.period?.met).length;
    progress.textContent = listedNow.length ? `${done} of ${listedNow.length} done` : '';
    const resting = fresh.tasks.filter((t) => t.active && !rows.has(t.id));
    notToday.replaceChildren(resting.length ? `Not ${day.date === today ? 'today' : 'on this day'}: ${resting.map((t) => t.title).join(', ')}` : '');
    notToday.hidden = !resting.length;
  };
  el.update(day);
  el.announce = announce;
  return el;
}
