// The task editor's "Measure an amount": off for a yes/no task; on, a unit
// ('glasses'), a target and At least / At most. It builds docs/API.md's
// `measure`; the core checks the numbers, and its errors are shown next to
// the field they name.
import { h, uid, errorLine, fieldError } from './dom.js';
import { formatAmount, parseAmount } from './amounts.js';

const UNIT_MAX = 20;

/**
 * measureFields(measure, onToggle): the fieldset (`measure` prefills it;
 * null: off). onToggle(on) runs when the box is switched. el.value() is the
 * measure to save (null when off), or undefined after showing an error for a
 * target that is not a number; el.showError(field, e) puts a core error next
 * to 'unit', 'target', 'direction' or the whole fieldset.
 */
export function measureFields(measure, onToggle) {
  const ids = { on: uid('measured'), unit: uid('unit'), target: uid('target') };
  const errs = { unit: errorLine(), target: errorLine(), all: errorLine() };
  const on = h('input', { type: 'checkbox', id: ids.on, name: 'measured', checked: Boolean(measure) });
  const unit = h('input', { id: ids.unit, name: 'unit', maxLength: UNIT_MAX, value: measure?.unit ?? '', placeholder: 'glasses', autocomplete: 'off' });
  const target = h('input', { id: ids.target, name: 'target', inputMode: 'decimal', autocomplete: 'off', value: measure ? formatAmount(measure.target) : '', class: 'small-number' });
  unit.setAttribute('aria-describedby', errs.unit.id);
  target.setAttribute('aria-describedby', errs.target.id);
  const dirName = uid('direction');
  const direction = (value, text) => {
    const id = uid('dir');
    return h('span', { class: 'radio' },
      h('input', { type: 'radio', id, name: dirName, value, 'data-direction': value, checked: (measure?.direction ?? 'at_least') === value }),
      h('label', { for: id }, text));
  };
  const details = h('div', { class: 'measure-details' },
    h('div', { class: 'field' }, h('label', { for: ids.unit }, 'Unit ', h('span', { class: 'muted' }, '(like glasses, km, minutes)')), unit, errs.unit),
    h('fieldset', { class: 'field direction' }, h('legend', {}, 'Done when the amount is'),
      h('div', { class: 'radio-row' }, direction('at_least', 'At least'), direction('at_most', 'At most'))),
    h('div', { class: 'field' }, h('label', { for: ids.target }, 'Target'), target, errs.target));
  const el = h('fieldset', { class: 'field measure-fields' },
    h('legend', { class: 'visually-hidden' }, 'Amount'),
    h('div', { class: 'field check-field' }, on,
      h('label', { for: ids.on }, h('strong', {}, 'Measure an amount'),
        h('span', { class: 'muted' }, 'Record how much, like 8 glasses of water or at most 2 coffees, instead of yes or no.'))),
    details, errs.all);
  const show = () => { details.hidden = !on.checked; };
  on.addEventListener('change', () => { show(); onToggle(on.checked); });
  show();

  const clear = () => {
    fieldError(unit, errs.unit, null);
    fieldError(target, errs.target, null);
    fieldError(el, errs.all, null);
  };
  el.isOn = () => on.checked;
  el.value = () => {
    clear();
    if (!on.checked) return null;
    const amount = parseAmount(target.value);
    if (amount == null || Number.isNaN(amount)) {
      fieldError(target, errs.target, 'Please enter the target as a number, like 8 or 6.5.');
      target.focus();
      return undefined;
    }
    return { unit: unit.value.trim(), target: amount, direction: el.querySelector(`input[name="${dirName}"]:checked`).value };
  };
  el.showError = (field, e) => {
    const input = { unit, target }[field];
    if (input) {
      fieldError(input, errs[field], e);
      input.focus();
    } else fieldError(el, errs.all, e);
  };
  return el;
}
