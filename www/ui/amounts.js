// Amounts of measurable tasks (docs/API.md, `measure`: {unit, target,
// direction: 'at_least' | 'at_most'}): reading what people type, and writing
// amounts and targets in words.

/** The largest amount or target the core takes (docs/API.md). */
export const AMOUNT_MAX = 1000000000;

/**
 * What a person typed, as a number: '6.5', '6,5', ' 8 ' → 6.5, 6.5, 8;
 * '' → null (no amount); anything else (letters, '-1', '1e3') → NaN.
 */
export function parseAmount(text) {
  const s = String(text).trim().replace(',', '.');
  if (s === '') return null;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(s)) return NaN;
  return Number(s);
}

/** 8 → '8', 6.5 → '6.5', 0.1 + 0.2 → '0.3' (at most three decimals). */
export const formatAmount = (n) => String(Math.round(n * 1000) / 1000);

const withUnit = (n, unit) => (unit ? `${formatAmount(n)} ${unit}` : formatAmount(n));

/** 'at least 8 glasses', 'at most 2 coffees'. */
export function measureWords(measure) {
  return `${measure.direction === 'at_most' ? 'at most' : 'at least'} ${withUnit(measure.target, measure.unit)}`;
}

/**
 * An amount against its target: '6.5 of 8 glasses' (at least), '1 coffees,
 * at most 2' (at most); 'none yet' stands for no amount. `when` ('this week')
 * follows the amount for a period's total.
 */
export function amountWords(amount, measure, when = '') {
  const suffix = when ? ` ${when}` : '';
  if (measure.direction === 'at_most') {
    const have = amount == null ? 'None yet' : withUnit(amount, measure.unit);
    return `${have}${suffix}, at most ${formatAmount(measure.target)}`;
  }
  const have = amount == null ? '0' : formatAmount(amount);
  return `${have} of ${withUnit(measure.target, measure.unit)}${suffix}`;
}
