// Calendar dates as 'YYYY-MM-DD' strings in the user's local calendar.
import { localDate } from '../api.js';

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

/** A UTC timestamp from the core ('2025-01-02T03:04:05Z') as local time, e.g. '14:05'. */
export const timeOf = (iso) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** The local date of a core UTC timestamp. */
export const dateOf = (iso) => localDate(new Date(iso));
