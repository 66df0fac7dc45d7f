// Backups that left the browser (docs/ARCHITECTURE.md, "A copy outside the
// browser"): when one last did, how, which history entries were downloaded,
// and whether Today should remind the user to make one.
//
// A backup "leaves the browser" when it is downloaded (an export, a history
// entry, the database file), written to a folder on disk, or shared. The
// record is kept in local.offsite.* settings (core/src/app_backup_calls.cc):
// no backup exports them and no import or restore replaces them, so a file
// from another machine never claims a copy was made here.

import { StreakboxError } from './protocol.js';

export const DEFAULT_REMINDER_DAYS = 7;
export const REMINDER_CHOICES = [0, 1, 3, 7, 14, 30];  // days; 0 is "off"
export const HOW = ['download', 'folder', 'share'];
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_DOWNLOADED_IDS = 500;  // the newest ids are kept; older entries are long gone

const KEYS = {
  lastAt: 'local.offsite.last_at',     // Unix ms (the worker's clock), decimal
  how: 'local.offsite.how',            // one of HOW
  reminderDays: 'local.offsite.reminder_days',
  downloaded: 'local.offsite.downloaded',  // JSON array of history ids downloaded
};

/**
 * The pure decision: should Today remind the user to put a backup outside
 * the browser?
 *   hasData       whether there is anything to lose (a task exists)
 *   lastMs        when a backup last left the browser (Unix ms), or null: never
 *   reminderDays  the interval in days; 0 means the reminder is off
 *   nowMs         the clock (the worker's, which tests move)
 * Returns {due, reason}; reason is 'off', 'no_data', 'never', 'overdue' or
 * 'recent'. A record from the future (the clock was moved back) counts as
 * recent: it is never older than the interval.
 */
export function offsiteDue({ hasData, lastMs, reminderDays, nowMs }) {
  if (!reminderDays) return { due: false, reason: 'off' };
  if (!hasData) return { due: false, reason: 'no_data' };
  if (lastMs === null || lastMs === undefined) return { due: true, reason: 'never' };
  return nowMs - lastMs > reminderDays * DAY_MS ? { due: true, reason: 'overdue' } : { due: false, reason: 'recent' };
}

/** A stored reminder interval, or the default when it is missing or not one of the choices. */
export function parseReminderDays(text) {
  const n = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : NaN;
  return REMINDER_CHOICES.includes(n) ? n : DEFAULT_REMINDER_DAYS;
}

/**
 * The record over the database, in the worker. deps:
 *   get(key) -> string|null, set(key, value)  the local.offsite.* settings
 *   hasData()                                 whether a task exists
 *   nowMs()                                   the worker's clock
 */
export class OffsiteRecord {
  constructor(deps) {
    this.deps = deps;
  }

  /** {last_at (ISO)|null, how|null, reminder_days, due, reason, now (ISO)}. */
  async status() {
    const { get, nowMs } = this.deps;
    const raw = get(KEYS.lastAt);
    const lastMs = raw === null || !/^\d+$/.test(raw) ? null : Number(raw);
    const reminderDays = parseReminderDays(get(KEYS.reminderDays));
    const now = nowMs();
    const { due, reason } = offsiteDue({ hasData: await this.deps.hasData(), lastMs, reminderDays, nowMs: now });
    return {
      last_at: lastMs === null ? null : new Date(lastMs).toISOString(),
      how: lastMs === null ? null : get(KEYS.how),
      reminder_days: reminderDays,
      due,
      reason,
      now: new Date(now).toISOString(),
    };
  }

  /**
   * Records that a backup left the browser now. how: 'download' | 'folder' |
   * 'share'; entryId: the history entry downloaded, if it was one.
   */
  async record(how, { entryId } = {}) {
    if (!HOW.includes(how)) throw new StreakboxError('invalid_argument', `how must be one of ${HOW.join(', ')}`);
    if (entryId !== undefined && !(Number.isSafeInteger(entryId) && entryId > 0)) {
      throw new StreakboxError('invalid_argument', 'entryId must be a positive integer id');
    }
    const { set, nowMs } = this.deps;
    set(KEYS.lastAt, String(nowMs()));
    set(KEYS.how, how);
    if (entryId !== undefined) {
      const ids = this.downloadedIds().filter((id) => id !== entryId);
      ids.push(entryId);
      set(KEYS.downloaded, JSON.stringify(ids.slice(-MAX_DOWNLOADED_IDS)));
    }
    return this.status();
  }

  /** Saves {reminder_days} (one of REMINDER_CHOICES; 0 is off); resolves with status(). */
  async configure(patch) {
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) {
      throw new StreakboxError('invalid_argument', 'the reminder settings must be an object');
    }
    for (const k of Object.keys(patch)) {
      if (k !== 'reminder_days') throw new StreakboxError('invalid_argument', `the reminder settings have no field '${k}'`);
    }
    if ('reminder_days' in patch) {
      if (!REMINDER_CHOICES.includes(patch.reminder_days)) {
        throw new StreakboxError('invalid_argument', `reminder_days must be one of ${REMINDER_CHOICES.join(', ')} (0 is off)`);
      }
      this.deps.set(KEYS.reminderDays, String(patch.reminder_days));
    }
    return this.status();
  }

  /** The history ids downloaded from the history, oldest first. */
  downloadedIds() {
    try {
      const ids = JSON.parse(this.deps.get(KEYS.downloaded) || '[]');
      return Array.isArray(ids) ? ids.filter((x) => Number.isSafeInteger(x)) : [];
    } catch {
      return [];
    }
  }

  /**
   * History entries (backups.list()) with `outside`: 'folder' (written to a
   * folder on disk), 'downloaded' (downloaded from the history) or null.
   */
  mark(entries) {
    const downloaded = new Set(this.downloadedIds());
    return entries.map((e) => ({
      ...e,
      outside: e.status === 'ok' && String(e.location).startsWith('folder:') ? 'folder'
        : downloaded.has(e.id) ? 'downloaded' : null,
    }));
  }
}
