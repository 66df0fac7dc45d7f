// Progress: the streaks with their dates, a calendar that pages through all
// history (ui/calendar.js), and per task its current and best run with dates
// and its completion rate by week or by month as a small chart
// (ui/rate_chart.js). A day opens its checklist, its notes and its day off in
// a dialog, so a missed check can be fixed; closing it redraws the numbers
// and the calendar page in place, focus back on that day.
import { h, showDialog, dialogFrame, errorLine, showError } from './dom.js';
import { longDate, mediumDate } from './dates.js';
import { streakCards, sinceWords, runWords } from './streaks.js';
import { checklist } from './checklist.js';
import { dayOffControl } from './day_off.js';
import { streakWords, streakUnit } from './schedule_words.js';
import { calendar } from './calendar.js';
import { rateChart } from './rate_chart.js';

// Each task's current and best run, in its own steps, with their dates and its chart.
function taskList(tasks, progress, by) {
  const byId = new Map(progress.map((s) => [s.task_id, s]));
  return h('ul', { class: 'task-streaks' }, tasks.filter((t) => byId.has(t.id)).map((t) => {
    const s = byId.get(t.id);
    const unit = { countedIn: s.counted_in, schedule: t.schedule };
    const dates = [
      s.current ? sinceWords(s.current_from) : '',
      s.best ? `best ${runWords(s.best_from, s.best_to)}` : '',
    ].filter(Boolean).join(' · ');
    return h('li', { class: t.active ? '' : 'inactive', 'data-task-id': t.id },
      h('div', { class: 'ts-head' },
        h('span', { class: 'ts-title' }, t.title, t.active ? '' : h('span', { class: 'badge badge-inactive' }, 'Inactive')),
        h('span', { class: 'ts-nums', 'data-task-id': t.id },
          streakWords(s.current, s.counted_in, t.schedule),
          s.best ? ` · best ${s.best} ${streakUnit(s.best, s.counted_in, t.schedule)}` : '')),
      dates ? h('p', { class: 'ts-dates muted' }, dates) : null,
      rateChart(t.title, by === 'weeks' ? s.weeks : s.months, by, unit));
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
  const [progress, tasks] = await Promise.all([sb.getProgress(profile.id), sb.listTasks(profile.id)]);
  let by = 'weeks';
  const err = errorLine();
  const cards = streakCards(progress.streak);
  const summary = h('p', { class: 'muted' });
  const list = h('div', { class: 'task-progress' });
  const byButtons = [['weeks', 'By week'], ['months', 'By month']].map(([value, label]) =>
    h('button', { type: 'button', class: 'seg', 'data-rate-by': value, onclick: () => { by = value; drawTasks(); } }, label));

  function drawTasks() {
    for (const b of byButtons) b.setAttribute('aria-pressed', String(b.dataset.rateBy === by));
    list.replaceChildren(tasks.length ? taskList(tasks, progress.tasks, by) : h('p', { class: 'muted' }, 'No tasks yet.'));
  }
  function drawNumbers() {
    cards.update(progress.streak);
    summary.textContent = progress.first_day && progress.first_day <= sb.today()
      ? `Tracked since ${mediumDate(progress.first_day)}`
      : 'Nothing tracked yet.';
    drawTasks();
  }

  const cal = calendar({
    sb, profileId: profile.id, firstDay: progress.first_day,
    onOpenDay: async (date) => {
      try {
        await openDay(app, date);
        // The day may have changed: the numbers and this page of the calendar.
        Object.assign(progress, await sb.getProgress(profile.id));
        drawNumbers();
        await cal.refresh(date);
      } catch (e) {
        showError(err, e);
      }
    },
  });
  drawNumbers();
  await cal.ready;
  section.append(
    h('div', { class: 'view-head' }, h('h1', {}, 'Progress'), summary),
    cards,
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, 'Calendar')), err, cal),
    h('section', { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, 'By task'),
        h('div', { class: 'segmented', role: 'group', 'aria-label': 'Completion rate' }, byButtons)),
      list));
}
