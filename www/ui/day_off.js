// "Day off" for a profile and a date (holiday, illness: docs/API.md,
// setDayOff): pauses every task, so no streak breaks or grows that day. When
// off, it says so plainly with the note and an Undo; when on, "Take the day
// off" opens a short form with an optional note.
import { h, uid, errorLine, showError, hideError, fieldError } from './dom.js';
import { longDate } from './dates.js';
import { fieldOfError } from './field_words.js';

const DAY_OFF_NOTE_MAX = 500;

/**
 * dayOffControl(app, day, {onChange, announce}): `day` is a getDay() result;
 * onChange() runs after each saved change (the caller re-reads the day and
 * calls el.update(freshDay)); announce(text) tells screen readers.
 */
export function dayOffControl(app, day, { onChange, announce }) {
  const { sb, profile } = app;
  const el = h('section', { class: 'day-off', 'aria-label': 'Day off' });
  const err = errorLine();
  const isToday = () => day.date === sb.today();
  const dayName = () => (isToday() ? 'today' : longDate(day.date));

  async function save(off, refocus) {
    hideError(err);
    try {
      await sb.setDayOff(profile.id, day.date, off);
    } catch (e) {
      return e;
    }
    announce(off ? `Day off ${dayName()}. Streaks are paused.` : `Day off undone for ${dayName()}.`);
    await onChange();
    el.querySelector(refocus)?.focus();
    return null;
  }

  function shown() {
    const note = day.day_off.note;
    return [
      h('div', { class: 'day-off-on' },
        h('p', { class: 'day-off-title' }, h('strong', {}, isToday() ? 'Today is a day off' : 'A day off'), note ? ` · ${note}` : ''),
        h('p', { class: 'muted' }, 'Streaks are paused: this day neither breaks nor adds to them.')),
      h('button', { type: 'button', class: 'button', 'data-action': 'undo-day-off', onclick: async () => {
        const fail = await save(false, '[data-action="day-off"]');
        if (fail) showError(err, fieldOfError(fail).text);
      } }, 'Undo day off'),
      err];
  }

  function form() {
    const id = uid('off-note');
    const note = h('input', { id, name: 'day-off-note', maxLength: DAY_OFF_NOTE_MAX, placeholder: 'Holiday', autocomplete: 'off' });
    note.setAttribute('aria-describedby', err.id);
    const cancel = () => { draw(false); el.querySelector('[data-action="day-off"]').focus(); };
    const confirm = h('button', { type: 'button', class: 'button primary', 'data-action': 'confirm-day-off', onclick: async () => {
      const text = note.value.trim();
      const fail = await save(text ? { note: text } : true, '[data-action="undo-day-off"]');
      if (fail) fieldError(note, err, fieldOfError(fail).text);
    } }, 'Mark as day off');
    note.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); confirm.click(); }
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); }
    });
    return [
      h('div', { class: 'field' },
        h('label', { for: id }, 'Note ', h('span', { class: 'muted' }, '(optional)')), note),
      h('div', { class: 'button-row day-off-actions' },
        h('button', { type: 'button', class: 'button', onclick: cancel }, 'Cancel'), confirm),
      err];
  }

  function draw(asking) {
    el.classList.toggle('is-off', Boolean(day.day_off));
    if (day.day_off) el.replaceChildren(...shown());
    else if (asking) {
      el.replaceChildren(...form());
      el.querySelector('input').focus();
    } else {
      el.replaceChildren(
        h('p', { class: 'muted' }, 'Holiday or ill? A day off pauses every task, so no streak breaks.'),
        h('button', { type: 'button', class: 'button', 'data-action': 'day-off', onclick: () => draw(true) },
          isToday() ? 'Take today off' : 'Mark as a day off'),
        err);
    }
  }

  el.update = (fresh) => {
    day = fresh;
    draw(false);
  };
  draw(false);
  return el;
}
