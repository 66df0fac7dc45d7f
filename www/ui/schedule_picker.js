// The task editor's "How often" choice, in words: Every day, On certain days
// (seven weekday toggles, Monday first), N times a week, N times a month, or N
// times in D days. It builds docs/API.md's `schedule`; the core checks the
// numbers, and its errors are shown next to the field they name.
import { h, uid, errorLine, fieldError } from './dom.js';
import { WEEKDAYS } from './schedule_words.js';

const CHOICES = [
  { type: 'daily', label: 'Every day' },
  { type: 'weekdays', label: 'On certain days' },
  { type: 'per_week', label: 'A number of times a week' },
  { type: 'per_month', label: 'A number of times a month' },
  { type: 'per_days', label: 'A number of times in a number of days' },
];
const DEFAULT_TIMES = { per_week: 3, per_month: 10, per_days: 2 };

function numberBox(name, value, label, max) {
  const id = uid(name);
  const input = h('input', { id, name, type: 'number', inputMode: 'numeric', min: 1, max, step: 1, value, class: 'small-number' });
  const err = errorLine();
  input.setAttribute('aria-describedby', err.id);
  return { id, input, err, label: h('label', { for: id, class: 'visually-hidden' }, label) };
}

/**
 * schedulePicker(schedule): the fieldset for a task's schedule (`schedule`
 * prefills it; absent: every day). el.value() is the schedule to save, or
 * null after showing "Choose at least one day"; el.showError(field, e) puts
 * a core error next to 'weekdays', 'times', 'days' or the whole choice;
 * el.setMeasured(on) hides the times boxes (a measurable periodic task
 * counts its total once per period: times is 1).
 */
export function schedulePicker(schedule = { type: 'daily' }) {
  const name = uid('schedule');
  const err = errorLine();
  const weekdayErr = errorLine();
  const days = WEEKDAYS.map((d) => {
    const id = uid('wd');
    const input = h('input', { type: 'checkbox', id, name: 'weekday', value: d.n, checked: schedule.type === 'weekdays' && schedule.weekdays.includes(d.n) });
    input.setAttribute('aria-describedby', weekdayErr.id);
    return { input, el: h('span', { class: 'weekday' }, input, h('label', { for: id, title: d.long }, h('span', { 'aria-hidden': 'true' }, d.short), h('span', { class: 'visually-hidden' }, d.long))) };
  });
  const weekdayBox = h('fieldset', { class: 'weekdays', 'aria-describedby': weekdayErr.id },
    h('legend', { class: 'visually-hidden' }, 'Which days'), days.map((d) => d.el));
  const times = {};
  for (const type of ['per_week', 'per_month', 'per_days']) {
    times[type] = numberBox(`times-${type}`, schedule.type === type ? schedule.times : DEFAULT_TIMES[type],
      'Times', type === 'per_week' ? 7 : type === 'per_month' ? 31 : 366);
  }
  const daysBox = numberBox('days', schedule.type === 'per_days' ? schedule.days : 10, 'Days', 366);
  // With an amount, the times box gives way to this note (times is then 1).
  const totalNote = (text) => h('span', { class: 'muted measured-note' }, text);
  const timesPart = (type, rest) => h('span', { class: 'times-part' }, times[type].label, times[type].input, ` ${rest}`);
  const details = {
    daily: null,
    weekdays: h('div', { class: 'choice-detail' }, weekdayBox, weekdayErr),
    per_week: h('div', { class: 'choice-detail inline-detail' },
      timesPart('per_week', 'times a week'), totalNote('The target is the total for each week'), times.per_week.err),
    per_month: h('div', { class: 'choice-detail inline-detail' },
      timesPart('per_month', 'times a month'), totalNote('The target is the total for each month'), times.per_month.err),
    per_days: h('div', { class: 'choice-detail inline-detail' },
      timesPart('per_days', 'times'), totalNote('The target is the total'),
      h('span', {}, ' in ', daysBox.label, daysBox.input, ' days'), times.per_days.err, daysBox.err),
  };
  const radios = CHOICES.map((c) => {
    const id = uid('sch');
    const input = h('input', { type: 'radio', id, name, value: c.type, checked: c.type === schedule.type, 'data-schedule': c.type });
    return { c, input, el: h('div', { class: 'choice' }, h('span', { class: 'radio' }, input, h('label', { for: id }, c.label)), details[c.type]) };
  });
  const el = h('fieldset', { class: 'field schedule-picker' }, h('legend', {}, 'How often'), radios.map((r) => r.el), err);
  const chosen = () => radios.find((r) => r.input.checked)?.c.type ?? 'daily';
  let measured = false;
  const show = () => {
    for (const r of radios) if (details[r.c.type]) details[r.c.type].hidden = !r.input.checked;
    for (const part of el.querySelectorAll('.times-part')) part.hidden = measured;
    for (const note of el.querySelectorAll('.measured-note')) note.hidden = !measured;
  };
  el.addEventListener('change', show);
  show();

  const clearErrors = () => {
    fieldError(weekdayBox, weekdayErr, null);
    for (const t of [...Object.values(times), daysBox]) fieldError(t.input, t.err, null);
    fieldError(el, err, null);
  };
  el.value = () => {
    clearErrors();
    const type = chosen();
    if (type === 'daily') return { type };
    if (type === 'weekdays') {
      const weekdays = days.filter((d) => d.input.checked).map((d) => Number(d.input.value));
      if (!weekdays.length) {
        fieldError(weekdayBox, weekdayErr, 'Choose at least one day.');
        days[0].input.focus();
        return null;
      }
      return { type, weekdays };
    }
    const n = measured ? 1 : Number(times[type].input.value);
    return type === 'per_days' ? { type, times: n, days: Number(daysBox.input.value) } : { type, times: n };
  };
  el.showError = (field, e) => {
    const type = chosen();
    if (field === 'weekdays' && type === 'weekdays') fieldError(weekdayBox, weekdayErr, e);
    else if (field === 'times' && times[type]) { fieldError(times[type].input, times[type].err, e); times[type].input.focus(); }
    else if (field === 'days' && type === 'per_days') { fieldError(daysBox.input, daysBox.err, e); daysBox.input.focus(); }
    else fieldError(el, err, e);
  };
  el.setMeasured = (on) => {
    measured = on;
    show();
  };
  return el;
}
