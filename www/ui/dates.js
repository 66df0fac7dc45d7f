// Calendar dates as 'YYYY-MM-DD' strings in the user's local calendar, and
// the one way dates and times are shown: Intl.DateTimeFormat in the browser's
// locale and its 12/24-hour preference (every view formats through here).
import { localDate } from '../api.js';

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const MEDIUM_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The date as a local Date at noon (safe from DST edges). */
export function toDate(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d, 12);
}

export function addDays(date, n) {
  const d = toDate(date);
  d.setDate(d.getDate() + n);
  return localDate(d);
}

/** The first day of the month `n` months from `date`'s month. */
export function monthStart(date, n = 0) {
  const d = toDate(date);
  return localDate(new Date(d.getFullYear(), d.getMonth() + n, 1, 12));
}

const LONG_DATE = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const WEEKDAY = { long: new Intl.DateTimeFormat(undefined, { weekday: 'long' }), narrow: new Intl.DateTimeFormat(undefined, { weekday: 'narrow' }) };

/** 'Saturday 22 November' (in the browser's language). */
export const longDate = (date) => LONG_DATE.format(toDate(date));

/** A date's weekday, style 'long' ('Monday') or 'narrow' ('M'). */
export const weekdayName = (date, style = 'long') => WEEKDAY[style].format(toDate(date));

/** A UTC timestamp from the core ('2025-01-02T03:04:05Z') as local time, e.g. '14:05' or '2:05 PM'. */
export const timeOf = (iso) => TIME.format(new Date(iso));

/** A UTC timestamp (ISO text or a Date/ms) as local date and time, e.g. '1 Dec 2026, 14:05'; `none` when absent. */
export const dateTimeOf = (when, none = 'never') => (when == null || when === '' ? none : DATE_TIME.format(new Date(when)));

/** A wall-clock time of day in the user's format, e.g. clockTime(3) is '03:00' or '3:00 AM'. */
export const clockTime = (hour, minute = 0) => TIME.format(new Date(2000, 0, 1, hour, minute));

/** A 'YYYY-MM-DD' date in the medium style, e.g. '1 Dec 2026' or 'Dec 1, 2026'. */
export const mediumDate = (date) => MEDIUM_DATE.format(toDate(date));

/** The local date of a core UTC timestamp. */
export const dateOf = (iso) => localDate(new Date(iso));

const RANGE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const MONTH_YEAR = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
const MONTH_SHORT = new Intl.DateTimeFormat(undefined, { month: 'short' });
const MONTH_LONG = new Intl.DateTimeFormat(undefined, { month: 'long' });
const DAY_MONTH = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** 'December 2026'. */
export const monthTitle = (date) => MONTH_YEAR.format(toDate(date));

/** 'December' (a month of the year view). */
export const longMonth = (date) => MONTH_LONG.format(toDate(date));

/** 'Dec' (a chart's axis). */
export const shortMonth = (date) => MONTH_SHORT.format(toDate(date));

/** '9 Mar' or 'Mar 9'. */
export const dayMonth = (date) => DAY_MONTH.format(toDate(date));

/** Two 'YYYY-MM-DD' dates as one range in the medium style, e.g. '1–30 Jun 2025'; one date when equal. */
export function dateRange(from, to) {
  if (from === to) return mediumDate(from);
  return RANGE.formatRange ? RANGE.formatRange(toDate(from), toDate(to)) : `${mediumDate(from)} – ${mediumDate(to)}`;
}

/**
 * The locale's first day of the week as an ISO weekday (1 Monday … 7 Sunday),
 * from Intl.Locale's week info where the browser has it, else Monday.
 */
export function firstWeekday() {
  try {
    const locale = new Intl.Locale(navigator.language);
    const info = typeof locale.getWeekInfo === 'function' ? locale.getWeekInfo() : locale.weekInfo;
    const first = Number(info?.firstDay);
    return first >= 1 && first <= 7 ? first : 1;
  } catch {
    return 1;
  }
}

/** ISO weekday (1 Monday … 7 Sunday) of a 'YYYY-MM-DD' date. */
export const isoWeekday = (date) => ((toDate(date).getDay() + 6) % 7) + 1;
