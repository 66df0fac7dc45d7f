// A task's completion rate as a small inline SVG bar chart: one bar per week
// or month (getProgress's buckets, oldest first), its height the share of
// steps met. Colours come from CSS custom properties (style.css, "Progress
// charts"), so both themes apply. The numbers are the chart's accessible name
// (role="img" + aria-label), in words, and the total is shown as text.
import { h } from './dom.js';
import { dayMonth, shortMonth } from './dates.js';
import { streakUnit } from './schedule_words.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 240;
const H = 60;
const SLOT = W / 12;

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** '3 days', '1 week': a count of a task's steps (its streak's unit). */
const steps = (n, unit) => `${n} ${streakUnit(n, unit.countedIn, unit.schedule)}`;
const percent = (met, counted) => Math.round((100 * met) / counted);

/** A bucket's name: 'week of 9 Mar' or 'Mar'. */
const bucketName = (b, by) => (by === 'weeks' ? `week of ${dayMonth(b.start)}` : shortMonth(b.start));

/** One bucket in words: 'week of 9 Mar: 3 of 7 days, 43%' or 'Mar: nothing to count'. */
function bucketWords(b, by, unit) {
  if (!b.counted) return `${bucketName(b, by)}: nothing to count`;
  return `${bucketName(b, by)}: ${b.met} of ${steps(b.counted, unit)}, ${percent(b.met, b.counted)}%`;
}

/**
 * rateChart(title, buckets, by, unit): `buckets` getProgress's weeks or
 * months of one task, `by` 'weeks' or 'months', `unit` {countedIn, schedule}
 * of the task (what a step is: a day, a week, a block of 10 days…).
 */
export function rateChart(title, buckets, by, unit) {
  const bars = buckets.map((b, i) => {
    const x = i * SLOT + 3;
    if (!b.counted) return svg('rect', { class: 'bar-none', x, y: H - 2, width: SLOT - 6, height: 2, rx: 1 });
    const height = Math.max(2, (H - 4) * (b.met / b.counted));
    return svg('rect', { class: b.met === b.counted ? 'bar bar-full' : 'bar', x, y: H - height, width: SLOT - 6, height, rx: 2 });
  });
  const span = by === 'weeks' ? `last ${buckets.length} weeks` : `last ${buckets.length} months`;
  const label = `${title}, ${span}: ${buckets.map((b) => bucketWords(b, by, unit)).join('; ')}.`;
  const met = buckets.reduce((n, b) => n + b.met, 0);
  const counted = buckets.reduce((n, b) => n + b.counted, 0);
  const chart = svg('svg', { class: 'rate-chart', viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': label, focusable: 'false' },
    svg('line', { class: 'chart-base', x1: 0, x2: W, y1: H - 0.5, y2: H - 0.5 }),
    svg('line', { class: 'chart-half', x1: 0, x2: W, y1: H / 2, y2: H / 2 }), ...bars);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  return h('figure', { class: 'rate', 'data-by': by },
    chart,
    h('div', { class: 'rate-axis', 'aria-hidden': 'true' },
      h('span', {}, by === 'weeks' ? dayMonth(first.start) : shortMonth(first.start)),
      h('span', {}, by === 'weeks' ? 'this week' : shortMonth(last.start))),
    h('figcaption', { class: 'rate-total' }, counted
      ? `${span[0].toUpperCase()}${span.slice(1)}: ${met} of ${steps(counted, unit)} (${percent(met, counted)}%)`
      : `Nothing to count in the ${span} yet`));
}
