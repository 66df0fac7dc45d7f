// One task on a day's checklist: its entry (docs/API.md, entries: done,
// skipped, amount, note) as controls. A yes/no task is a checkbox; a
// measurable one an amount field with a stepper; a periodic one also shows its
// period's progress ('2 of 3 this week') and a bar. Skip and note live in the
// task's menu. The row never redraws its controls, so focus stays put.
import { h, icon, uid, errorLine, showError, hideError } from './dom.js';
import { fieldOfError } from './field_words.js';
import { menuButton } from './menu.js';
import { amountField } from './amount_field.js';
import { noteEditor } from './note_editor.js';
import { amountWords } from './amounts.js';
import { isPeriodic, taskPlanWords, currentPeriodName, periodProgressWords } from './schedule_words.js';

/**
 * What the row says about the entry and period, e.g. 'Skipped', '6.5 of 8
 * glasses', '2 of 3 this week' ('… that week' for a period that ended before `today`).
 */
function stateWords(t, today) {
  if (t.entry.skipped) return 'Skipped';
  if (!isPeriodic(t.schedule)) {
    if (!t.measure) return '';
    return `${amountWords(t.entry.amount, t.measure)}${t.entry.done ? ' · done' : ''}`;
  }
  const past = t.period.end < today;
  const words = t.measure
    ? amountWords(t.period.done, t.measure, currentPeriodName(t.schedule, past))
    : periodProgressWords(t.period, t.schedule, past);
  return `${words}${t.period.met ? ' · done' : ''}`;
}

/**
 * taskEntry(t, {today, isToday, save, announce}): the row for getDay task `t`
 * (`today`: today's date; `isToday`: whether `t` is today's).
 * save(fields) records setCheck's second form ({done}, {skipped}, {amount},
 * {note}) and resolves once the day was re-read (rejects with the core's
 * error); announce(text) tells screen readers. el.update(t) shows a fresh task.
 */
export function taskEntry(t, { today, isToday, save, announce }) {
  const err = errorLine();
  const checkId = uid('check');
  const when = isToday ? 'today' : 'this day';
  let pending = 0;

  // Saves `fields`; on success tells screen readers `said` (text, or a function of the fresh task).
  const run = async (fields, said) => {
    hideError(err);
    pending++;
    try {
      await save(fields);
      if (said) announce(typeof said === 'function' ? said() : said);
      return true;
    } catch (e) {
      showError(err, fieldOfError(e).text);
      return false;
    } finally {
      pending--;
    }
  };

  let box = null;
  let amount = null;
  if (t.measure) {
    amount = amountField({
      title: t.title,
      unit: t.measure.unit,
      amount: t.entry.amount,
      onChange: async (value) => {
        if (Number.isNaN(value)) {
          showError(err, 'Please enter a number, like 6.5, or leave the box empty.');
          amount.input.setAttribute('aria-invalid', 'true');
          return;
        }
        amount.input.removeAttribute('aria-invalid');
        await run({ amount: value }, () => `${t.title}: ${stateWords(t, today)}`);
      },
    });
    amount.input.setAttribute('aria-describedby', err.id);
  } else {
    box = h('input', { type: 'checkbox', id: checkId, 'data-task-id': t.id, checked: t.entry.done });
    box.setAttribute('aria-describedby', err.id);
    box.addEventListener('change', async () => {
      const want = box.checked;
      li.classList.toggle('checked', want);
      if (!(await run({ done: want }, `${t.title}: ${want ? 'done' : 'not done'}`)) && box.checked === want) {
        box.checked = !want;
        li.classList.toggle('checked', !want);
      }
    });
  }

  const state = h('span', { class: 'entry-state' });
  const bar = h('progress', { class: 'period-bar', 'aria-hidden': 'true' });
  const status = h('div', { class: 'entry-status' }, state, bar);
  const noteText = h('p', { class: 'entry-note' });
  const editorSlot = h('div', { class: 'note-slot' });
  const plan = taskPlanWords(t);
  let editing = null;

  const menu = menuButton({
    label: `More for ${t.title}`,
    items: () => [
      t.entry.skipped
        ? { label: 'Don’t skip', attrs: { 'data-action': 'unskip' }, action: () => run({ skipped: false }, `${t.title}: no longer skipped`) }
        : { label: `Skip ${when}`, attrs: { 'data-action': 'skip' }, action: () => run({ skipped: true }, `${t.title}: skipped`) },
      { label: t.entry.note ? 'Edit note' : 'Add a note', attrs: { 'data-action': 'note' }, action: openNote },
      ...(t.entry.note ? [{ label: 'Clear note', attrs: { 'data-action': 'clear-note' }, action: () => run({ note: '' }, `Note cleared for ${t.title}`) }] : []),
    ],
  });

  function openNote() {
    if (editing) return editing.focus();
    editing = noteEditor({
      title: t.title,
      note: t.entry.note,
      onSave: (text) => save({ note: text }),
      onDone: (saved) => {
        editing.remove();
        editing = null;
        noteText.hidden = !t.entry.note;
        if (saved) announce(t.entry.note ? `Note saved for ${t.title}` : `Note cleared for ${t.title}`);
        menu.querySelector('.menu-button').focus();
      },
    });
    noteText.hidden = true;
    editorSlot.append(editing);
    editing.focus();
  }

  const title = h('span', { class: 'check-title' }, t.title);
  const heading = [
    title,
    h('span', { class: t.required ? 'badge badge-required' : 'badge' }, t.required ? 'Required' : 'Optional'),
    plan !== 'Every day' ? h('span', { class: 'entry-plan muted' }, plan) : null,
    t.description ? h('span', { class: 'check-desc' }, t.description) : null,
  ];
  const li = h('li', { class: 'check-item', 'data-task-id': t.id },
    box || h('span', { class: 'entry-mark', 'aria-hidden': 'true' }, icon('check')),
    h('div', { class: 'entry-body' },
      box ? h('label', { for: checkId, class: 'entry-head' }, heading) : h('div', { class: 'entry-head' }, heading),
      amount,
      status,
      noteText,
      editorSlot,
      err),
    menu);

  li.update = (fresh) => {
    t = fresh;
    const met = t.period ? t.period.met : t.entry.done;
    li.classList.toggle('checked', t.entry.done || Boolean(t.period?.met));
    li.classList.toggle('skipped', t.entry.skipped);
    li.dataset.state = t.entry.skipped ? 'skipped' : met ? 'done' : 'open';
    if (box && !pending) box.checked = t.entry.done;
    if (amount) amount.set(t.entry.amount);
    state.textContent = stateWords(t, today);
    state.hidden = !state.textContent;
    const showBar = Boolean(t.period) && !(t.measure && t.measure.direction === 'at_most');
    bar.hidden = !showBar;
    if (showBar) {
      bar.max = t.period.target || 1;
      bar.value = Math.min(t.period.done, bar.max);
    }
    status.hidden = state.hidden && bar.hidden;
    noteText.replaceChildren(h('span', { class: 'muted' }, 'Note: '), t.entry.note);
    noteText.hidden = !t.entry.note || Boolean(editing);
  };
  li.update(t);
  return li;
}
