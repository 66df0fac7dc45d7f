// The Progress calendar: one month, or one year as twelve small months, each
// day marked by what happened (complete, some tasks, nothing, skipped, day
// off; a dot for notes). Previous/Next page through all history, oldest to
// newest in reading order, from the month of the profile's first entry (or
// last month, if later) to this month, never beyond; "Today" jumps back. The month's days are buttons
// with one tab stop: arrow keys move a day or a week, PageUp/PageDown a
// month, and crossing the month's edge pages there. A day opens its dialog
// (onOpenDay). The year view's months are buttons that open that month.
// Days are read with getHistory, a page (and the months beside it) per call.
import { h, errorLine, showError, hideError } from './dom.js';
import {
  addDays, monthStart, longDate, monthTitle, longMonth, firstWeekday, isoWeekday, weekdayName,
} from './dates.js';

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A getHistory() day as one of the calendar's marks (none, partial, complete, skipped, off). */
export function stateOf(info) {
  if (!info) return 'none';
  if (info.day_off) return 'off';
  if (info.complete) return 'complete';
  if (info.checked) return 'partial';
  return info.skipped ? 'skipped' : 'none';
}

/** A day in words for screen readers and the cell's title: 'day complete, 2 tasks checked, 1 note'. */
function describe(info) {
  if (!info) return 'nothing checked';
  const parts = [];
  if (info.day_off) parts.push(`day off${info.day_off.note ? ` (${info.day_off.note})` : ''}`);
  if (info.complete) parts.push(`day complete${info.checked ? `, ${plural(info.checked, 'task')} checked` : ''}`);
  else if (info.checked || !info.day_off) parts.push(info.checked ? `${plural(info.checked, 'task')} checked, not complete` : 'nothing checked');
  if (info.skipped) parts.push(`${plural(info.skipped, 'task')} skipped`);
  if (info.notes?.length) parts.push(plural(info.notes.length, 'note'));
  return parts.join(', ');
}

const lastOfMonth = (first) => addDays(monthStart(first, 1), -1);
const yearStart = (date) => `${date.slice(0, 4)}-01-01`;

/** Seven weekday headers from the locale's first day of the week. */
function weekdayHeaders(first) {
  // 2024-01-01 was a Monday (ISO 1).
  return Array.from({ length: 7 }, (_, i) => {
    const d = addDays('2024-01-01', (first - 1 + i) % 7);
    return h('abbr', { class: 'wd', title: weekdayName(d) }, weekdayName(d, 'narrow'));
  });
}

/** Blank cells before the month's first day, for a week starting on ISO weekday `first`. */
const leading = (monthFirst, first) => Array.from({ length: (isoWeekday(monthFirst) - first + 7) % 7 },
  () => h('span', { class: 'cell blank', 'aria-hidden': 'true' }));

/** The legend of the marks (a picture: each cell says its state in words). */
const KEYS = [['none', 'Nothing'], ['partial', 'Some tasks'], ['complete', 'Complete'], ['skipped', 'Skipped'],
  ['off', 'Day off'], ['note', 'Note'], ['today', 'Today']];
export const legend = () => h('div', { class: 'legend', 'aria-hidden': 'true' }, KEYS.map(([key, word]) =>
  h('span', { class: 'legend-item' }, h('span', { class: `key key-${key}` }, key === 'today' ? '1' : null), word)));

/**
 * calendar({sb, profileId, firstDay, onOpenDay}) → element with
 * refresh(focusDate) (re-reads the page shown; focusDate, when given and on
 * the page, gets the tab stop and focus). firstDay: the profile's first
 * entry ('YYYY-MM-DD' or null), the earliest page.
 */
export function calendar({ sb, profileId, firstDay, onOpenDay }) {
  const today = sb.today();
  const weekStart = firstWeekday();
  // The earliest page: the month of the first entry, or last month when that
  // is later (so a missed check of yesterday can be fixed on the 1st).
  const lastMonth = monthStart(today, -1);
  const minMonth = firstDay && monthStart(firstDay) < lastMonth ? monthStart(firstDay) : lastMonth;
  const maxMonth = monthStart(today);
  let view = 'month';
  let anchor = maxMonth; // month view: the month's first day; year view: the year's first day
  let stop = today; // the day holding the tab stop in the month view

  const title = h('h3', { class: 'cal-title', 'aria-live': 'polite' });
  const pagerButton = (arrow, action, onclick) => h('button', { type: 'button', class: 'button pager', 'data-action': action, onclick },
    h('span', { 'aria-hidden': 'true' }, arrow), h('span', { class: 'visually-hidden' }));
  const prev = pagerButton('‹', 'cal-prev', () => page(-1));
  const next = pagerButton('›', 'cal-next', () => page(1));
  const toToday = h('button', { type: 'button', class: 'button', 'data-action': 'cal-today', onclick: () => show(view, view === 'month' ? maxMonth : yearStart(today), today, false) }, 'Today');
  // Month → year shows the month's year; year → month the month of the day
  // last chosen when it is in that year, else its first month with history.
  const toView = (v) => {
    if (v === 'year') return yearStart(anchor);
    if (view === 'month') return anchor;
    return clampMonth(stop.slice(0, 4) === anchor.slice(0, 4) ? stop : anchor);
  };
  const viewButton = (v, label) => h('button', { type: 'button', class: 'seg', 'data-cal-view': v, onclick: () => show(v, toView(v), null, false) }, label);
  const views = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Calendar view' },
    viewButton('month', 'Month'), viewButton('year', 'Year'));
  const grid = h('div', { class: 'months' });
  const err = errorLine();
  const el = h('div', { class: 'calendar' },
    h('div', { class: 'cal-bar' }, views, toToday, h('div', { class: 'cal-pager' }, prev, title, next)),
    err, legend(), grid);

  // The first day of `date`'s month, kept within the pages (minMonth … maxMonth).
  function clampMonth(date) {
    const m = monthStart(date);
    return m < minMonth ? minMonth : m > maxMonth ? maxMonth : m;
  }
  const atStart = () => (view === 'month' ? anchor <= minMonth : anchor <= yearStart(minMonth));
  const atEnd = () => (view === 'month' ? anchor >= maxMonth : anchor >= yearStart(maxMonth));

  function page(step) {
    if (step < 0 ? atStart() : atEnd()) return;
    const to = view === 'month' ? monthStart(anchor, step) : monthStart(anchor, 12 * step);
    show(view, to, null, false);
  }

  // Shows view `v` at `to`; `day` (in that month) takes the tab stop, and focus when `focus`.
  // A failure to read the days shows above the calendar.
  async function show(v, to, day, focus) {
    view = v;
    anchor = to;
    try {
      await draw(day, focus);
      hideError(err);
    } catch (e) {
      showError(err, e);
    }
  }

  function bar() {
    title.textContent = view === 'month' ? monthTitle(anchor) : anchor.slice(0, 4);
    for (const [button, end, word] of [[prev, atStart(), 'Previous'], [next, atEnd(), 'Next']]) {
      // aria-disabled keeps focus on the button at the edge of history.
      button.setAttribute('aria-disabled', String(end));
      button.lastChild.textContent = `${word} ${view}`;
    }
    for (const b of views.querySelectorAll('[data-cal-view]')) b.setAttribute('aria-pressed', String(b.dataset.calView === view));
    grid.dataset.view = view;
  }

  // The days read so far, by month ('YYYY-MM' → date → getHistory day). The
  // months beside the one shown are read ahead, so the arrow keys page at once.
  const cache = new Map();
  const monthsFrom = (lo, hi) => {
    const out = [];
    for (let m = lo; m <= hi; m = monthStart(m, 1)) out.push(m);
    return out;
  };
  async function load(lo, hi) {
    const missing = monthsFrom(lo, hi).filter((m) => !cache.has(m.slice(0, 7)));
    if (!missing.length) return;
    const last = lastOfMonth(missing.at(-1));
    const days = await sb.getHistory(profileId, missing[0], last < today ? last : today);
    for (const m of monthsFrom(missing[0], missing.at(-1))) cache.set(m.slice(0, 7), new Map());
    for (const d of days) cache.get(d.date.slice(0, 7))?.set(d.date, d);
  }
  const dayInfo = (date) => cache.get(date.slice(0, 7))?.get(date);

  async function draw(focusDate, focus = true) {
    const around = () => [clampMonth(monthStart(anchor, -1)), clampMonth(monthStart(anchor, 1))];
    const [lo, hi] = view === 'month' ? around() : [clampMonth(anchor), clampMonth(`${anchor.slice(0, 4)}-12-01`)];
    const shown = view === 'month' ? [anchor] : monthsFrom(lo, hi);
    if (shown.some((m) => !cache.has(m.slice(0, 7)))) await load(lo, hi);
    bar();
    if (view === 'month') {
      if (focusDate && focusDate.slice(0, 7) === anchor.slice(0, 7)) stop = focusDate;
      else if (stop.slice(0, 7) !== anchor.slice(0, 7)) stop = today.slice(0, 7) === anchor.slice(0, 7) ? today : anchor;
      grid.setAttribute('role', 'group');
      grid.setAttribute('aria-label', `${monthTitle(anchor)}. Arrow keys move between days; Enter opens a day.`);
      grid.replaceChildren(monthGrid());
      if (focusDate && focus) grid.querySelector(`[data-date="${stop}"]`)?.focus();
      // Read ahead; a failure here shows when that month is drawn (load runs again).
      load(...around()).catch(() => {});
    } else {
      grid.setAttribute('role', 'group');
      grid.setAttribute('aria-label', `${anchor.slice(0, 4)}, month by month`);
      grid.replaceChildren(...yearMonths());
    }
  }

  function monthGrid() {
    const cells = [];
    for (let date = anchor; date.slice(0, 7) === anchor.slice(0, 7); date = addDays(date, 1)) {
      const num = Number(date.slice(8));
      if (date > today) {
        cells.push(h('span', { class: 'cell future', 'aria-hidden': 'true' }, num));
        continue;
      }
      const info = dayInfo(date);
      const label = `${date === today ? 'Today, ' : ''}${longDate(date)}: ${describe(info)}`;
      cells.push(h('button', {
        type: 'button',
        class: `cell${date === today ? ' today' : ''}${info?.notes?.length ? ' has-note' : ''}`,
        'data-date': date, 'data-state': stateOf(info), 'aria-label': label, title: label,
        'aria-current': date === today ? 'date' : null,
        tabIndex: date === stop ? 0 : -1, onclick: () => onOpenDay(date),
      }, num));
    }
    return h('div', { class: 'month-grid' }, weekdayHeaders(weekStart), leading(anchor, weekStart), cells);
  }

  function yearMonths() {
    const out = [];
    // The year's months from the earliest page to this month.
    for (let m = anchor < minMonth ? minMonth : anchor; m.slice(0, 4) === anchor.slice(0, 4) && m <= maxMonth; m = monthStart(m, 1)) {
      const counts = { complete: 0, partial: 0, skipped: 0, off: 0 };
      const dots = [];
      for (let date = m; date.slice(0, 7) === m.slice(0, 7); date = addDays(date, 1)) {
        const state = date > today ? 'future' : stateOf(dayInfo(date));
        if (state in counts) counts[state]++;
        dots.push(h('span', { class: `dot${date === today ? ' today' : ''}`, 'data-state': state }));
      }
      const words = [plural(counts.complete, 'complete day'), plural(counts.partial, 'day') + ' with some tasks',
        plural(counts.skipped, 'skipped day'), plural(counts.off, 'day') + ' off'];
      const month = m;
      out.push(h('button', {
        type: 'button', class: 'mini-month', 'data-month': m.slice(0, 7),
        'aria-label': `${monthTitle(m)}: ${words.join(', ')}. Opens the month.`,
        onclick: () => show('month', month, month.slice(0, 7) === today.slice(0, 7) ? today : month, true),
      },
      h('span', { class: 'mini-title' }, longMonth(m)),
      h('span', { class: 'mini-grid', 'aria-hidden': 'true' }, leading(m, weekStart).map(() => h('span', { class: 'dot blank' })), dots)));
    }
    return out;
  }

  // Arrow keys move between days (one tab stop); beyond the month's edge they page.
  const STEP = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
  grid.addEventListener('keydown', async (e) => {
    const from = e.target.dataset?.date;
    if (!from || view !== 'month') return;
    let to;
    if (e.key in STEP) to = addDays(from, STEP[e.key]);
    else if (e.key === 'PageUp' || e.key === 'PageDown') {
      const m = monthStart(from, e.key === 'PageUp' ? -1 : 1);
      const day = Math.min(Number(from.slice(8)), Number(lastOfMonth(m).slice(8)));
      to = `${m.slice(0, 8)}${String(day).padStart(2, '0')}`;
    } else return;
    e.preventDefault();
    if (to > today || monthStart(to) < minMonth) return;
    const there = grid.querySelector(`[data-date="${to}"]`);
    if (there) {
      e.target.tabIndex = -1;
      there.tabIndex = 0;
      stop = to;
      there.focus();
    } else {
      await show('month', monthStart(to), to, true);
    }
  });

  el.refresh = (focusDate) => {
    cache.clear(); // the day may have changed
    return draw(focusDate);
  };
  el.ready = draw(null);
  return el;
}
