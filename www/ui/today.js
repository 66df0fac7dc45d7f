// Today: the streak cards and the day's checklist. The checklist is also
// used by History to fix a past day.
import { h, icon, uid, errorLine, showError, hideError } from './dom.js';
import { longDate, timeOf, dateOf } from './dates.js';
import { streakCards } from './streaks.js';
import { backupBanner } from './backups.js';
import { offsiteReminder } from './offsite.js';

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function statusText(day, tasks, today) {
  if (day.completed_at) {
    const when = dateOf(day.completed_at) === day.date
      ? `at ${timeOf(day.completed_at)}`
      : `(marked on ${longDate(dateOf(day.completed_at))})`;
    return `Day complete ${when}`;
  }
  if (!tasks.length) return 'No tasks yet';
  const required = tasks.filter((t) => t.required);
  const left = required.filter((t) => !t.checked).length;
  if (!required.length) return 'Check any task to complete the day';
  const verb = day.date === today ? 'to go' : 'missing';
  return `${plural(left, 'required task')} ${verb}`;
}

/**
 * The checklist for `day` (a getDay() result): one real checkbox per active
 * task. A change shows at once; on an API error it is reverted and the
 * message appears under that task. onSaved() runs after each saved change.
 */
export function checklist(app, day, { onSaved } = {}) {
  const { sb, profile } = app;
  const tasks = day.tasks.filter((t) => t.active);
  const pending = new Map();
  const status = h('p', { id: 'day-status', class: 'day-status', role: 'status' });
  const progress = h('p', { class: 'day-progress' });
  const boxes = new Map();

  const update = (fresh) => {
    day = fresh;
    for (const t of fresh.tasks.filter((x) => x.active)) {
      const row = boxes.get(t.id);
      if (!row || pending.get(t.id)) continue;
      row.box.checked = t.checked;
      row.li.classList.toggle('checked', t.checked);
    }
    const shown = fresh.tasks.filter((t) => t.active);
    status.replaceChildren(day.completed_at ? icon('check') : '', statusText(day, shown, sb.today()));
    status.classList.toggle('complete', Boolean(day.completed_at));
    progress.textContent = shown.length ? `${shown.filter((t) => t.checked).length} of ${shown.length} checked` : '';
  };

  async function toggle(task, row) {
    const want = row.box.checked;
    hideError(row.err);
    row.li.classList.toggle('checked', want);
    pending.set(task.id, (pending.get(task.id) || 0) + 1);
    let saved = false;
    try {
      await sb.setCheck(profile.id, task.id, day.date, want);
      saved = true;
    } catch (e) {
      if (row.box.checked === want) {
        row.box.checked = !want;
        row.li.classList.toggle('checked', !want);
      }
      showError(row.err, e);
    } finally {
      pending.set(task.id, pending.get(task.id) - 1);
    }
    if (!saved) return;
    try {
      update(await sb.getDay(profile.id, day.date));
      if (onSaved) await onSaved();
    } catch (e) {
      showError(row.err, e);
    }
  }

  const items = tasks.map((t) => {
    const id = uid('check');
    const row = { box: h('input', { type: 'checkbox', id, 'data-task-id': t.id, checked: t.checked }), err: errorLine() };
    row.box.setAttribute('aria-describedby', row.err.id);
    row.li = h('li', { class: `check-item${t.checked ? ' checked' : ''}` },
      row.box,
      h('label', { for: id },
        h('span', { class: 'check-title' }, t.title),
        h('span', { class: t.required ? 'badge badge-required' : 'badge' }, t.required ? 'Required' : 'Optional'),
        t.description ? h('span', { class: 'check-desc' }, t.description) : null),
      row.err);
    row.box.addEventListener('change', () => toggle(t, row));
    boxes.set(t.id, row);
    return row.li;
  });

  update(day);
  return h('div', { class: 'checklist' },
    h('div', { class: 'day-summary' }, status, progress),
    items.length
      ? h('ul', { class: 'check-list', 'aria-label': `Tasks for ${longDate(day.date)}` }, items)
      : h('div', { class: 'empty' },
        h('p', {}, 'There are no active tasks yet. Add the habits you want to keep, then check them off here each day.'),
        h('button', { class: 'button primary', type: 'button', onclick: () => app.go('tasks') }, icon('plus'), 'Add a task')));
}

export async function renderToday(section, app) {
  const { sb, profile } = app;
  const date = sb.today();
  // The reminder does not hold up the checklist: it is added once decided.
  const reminder = offsiteReminder(app);
  const [day, streak, banner] = await Promise.all([sb.getDay(profile.id, date), sb.getStreak(profile.id), backupBanner(app)]);
  const streaks = streakCards(streak);
  const err = errorLine();
  // The failure banner leads; the reminder is calm, so it follows the checklist.
  section.append(...[
    h('div', { class: 'view-head' }, h('h1', {}, 'Today'), h('p', { class: 'muted' }, longDate(date))),
    ...(banner ? [banner] : []),  // Element.append(null) would show the text "null"
    streaks,
    h('section', { class: 'card', 'aria-label': 'Checklist' },
      checklist(app, day, {
        onSaved: async () => {
          try {
            streaks.update(await sb.getStreak(profile.id));
            hideError(err);
          } catch (e) {
            showError(err, e);
          }
        },
      }),
      err)].filter(Boolean));  // append() would show a missing banner as the text "null"
  // data-reminder says the reminder was decided ('shown' or 'none'), for whoever waits on it.
  const shown = await reminder;
  if (shown) section.append(shown);
  section.dataset.reminder = shown ? 'shown' : 'none';
}
