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

/** 'Saturday 22 November' (in the browser's language). */
export const longDate = (date) =>
  toDate(date).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

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
