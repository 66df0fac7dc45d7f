// The amount field of a measurable task on a checklist: a text box for
// decimals ('6.5') between − and + buttons that step by 1 (never below 0).
import { h, uid } from './dom.js';
import { AMOUNT_MAX, formatAmount, parseAmount } from './amounts.js';

/**
 * amountField({title, unit, amount, onChange}): `title` is the task's
 * ('Water'; the box is labelled 'Amount for Water, in glasses'); onChange(value) runs when a
 * step is taken or the typed text is committed (change: Enter or leaving the
 * box) with a number, null (the box emptied) or NaN (not a number: the caller
 * says so). set(amount) shows a saved amount unless the box is being edited.
 */
export function amountField({ title, unit, amount, onChange }) {
  const label = `Amount for ${title}${unit ? `, in ${unit}` : ''}`;
  const id = uid('amount');
  const input = h('input', {
    id, type: 'text', inputMode: 'decimal', autocomplete: 'off', class: 'amount-input',
    value: amount == null ? '' : formatAmount(amount), 'aria-label': label, size: 5,
  });
  const step = (delta) => {
    const now = parseAmount(input.value);
    const base = Number.isFinite(now) ? now : 0;
    const next = Math.min(AMOUNT_MAX, Math.max(0, base + delta));
    input.value = formatAmount(next);
    onChange(next);
  };
  const minus = h('button', { type: 'button', class: 'step-button', 'aria-label': `1 less for ${title}`, 'data-step': '-1', onclick: () => step(-1) }, '−');
  const plus = h('button', { type: 'button', class: 'step-button', 'aria-label': `1 more for ${title}`, 'data-step': '1', onclick: () => step(1) }, '+');
  input.addEventListener('change', () => onChange(parseAmount(input.value)));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();  // inside a dialog's form Enter would close it
      input.dispatchEvent(new Event('change'));
    }
  });
  const el = h('div', { class: 'amount-field' },
    h('span', { class: 'stepper' }, minus, input, plus),
    unit ? h('span', { class: 'amount-unit', 'aria-hidden': 'true' }, unit) : null);
  el.input = input;
  el.set = (value) => {
    if (document.activeElement === input) return;
    input.value = value == null ? '' : formatAmount(value);
  };
  return el;
}
