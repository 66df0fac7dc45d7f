// window.streakbox: the promise-based JS API of Streakbox (docs/API.md).
// The UI uses nothing else. Each call goes to the database worker
// (wasm/worker.js) as a message of wasm/protocol.js and settles with its
// value, or rejects with a StreakboxError whose `code` is stable (docs/API.md,
// "Errors").

import { idbGet, idbPut, FOLDER_KEY } from './idb.js';
import { Reply, Request, StreakboxError, request } from './protocol.js';

export { StreakboxError };

/** Today's date in the user's local calendar, 'YYYY-MM-DD'. */
export function localDate(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function createStreakbox(workerUrl = new URL('./worker.js', import.meta.url)) {
  const worker = new Worker(workerUrl, { type: 'module' });
  const pending = new Map();
  const listeners = new Set();
  const backupListeners = new Set();
  let nextId = 1;
  let state = { state: 'opening', message: '', storage: null, missing: [], reason: '' };
  let waiters = [];

  worker.onmessage = ({ data }) => {
    if (data.type === Reply.STATE) {
      state = {
        state: data.state, message: data.message || '', storage: data.storage ?? null,
        missing: data.missing || [], reason: data.reason || '',
      };
      if (data.state === 'failed') Object.assign(state, { code: data.code || 'io_error', reloadHelps: Boolean(data.reloadHelps) });
      if (state.state !== 'opening') {
        for (const w of waiters) w();
        waiters = [];
      }
      for (const fn of listeners) fn(state);
      return;
    }
    if (data.type === Reply.BACKUPS) {
      for (const fn of backupListeners) fn(data.event);
      return;
    }
    const p = pending.get(data.id);
    if (!p) return;
    if (data.type === Reply.PROGRESS) {
      if (p.onProgress) p.onProgress(data.fraction);
      return;
    }
    pending.delete(data.id);
    if (data.ok) p.resolve(data.value);
    else p.reject(new StreakboxError(data.error.code, data.error.message, data.error.errors || []));
  };
  worker.onerror = (e) => {
    state = {
      state: 'failed', message: e.message || 'The database worker failed to start.', storage: null,
      missing: [], reason: '', code: 'io_error', reloadHelps: true,
    };
    for (const w of waiters) w();
    waiters = [];
    for (const fn of listeners) fn(state);
  };

  // Sends a request (wasm/protocol.js) and settles with its one RESULT reply.
  function send(type, fields = {}, onProgress = null) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const msg = request(type, id, fields);
      pending.set(id, { resolve, reject, onProgress });
      worker.postMessage(msg);
    });
  }

  // Any accepted backup input as a Blob (File is a Blob): cheap to hand to the worker.
  function asBlob(data) {
    if (data instanceof Blob) return data;
    if (typeof data === 'string' || data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return new Blob([data]);
    throw new StreakboxError('invalid_argument', 'a backup must be a File, Blob, ArrayBuffer, Uint8Array or string');
  }
  async function importCall(data, options = {}, validateOnly = false) {
    const { onProgress, ...rest } = options;
    return send(Request.IMPORT, { blob: asBlob(data), options: rest, validateOnly }, onProgress);
  }
  const call = (method, ...args) => send(Request.CALL, { method, args });
  const backupOp = (op, ...args) => send(Request.BACKUPS, { op, args });
  const idOrBlob = (x) => (typeof x === 'number' ? x : asBlob(x));

  /** Scheduled backups, history and restores (docs/API.md, "Scheduled backups"). */
  const backups = {
    /** {enabled, frequency: 'daily'|'weekly'|'monthly', retention_count, encrypt, location: 'opfs'|'folder'} */
    settings: () => call('backupSettings'),
    /** Saves some of the settings; an invalid value rejects with code 'invalid_argument' and saves nothing. */
    configure: async (patch) => {
      const saved = await call('configureBackups', patch);
      await backupOp('check').catch(() => {});  // the schedule may have changed; its outcome shows in status()
      return saved;
    },
    /** Runs the schedule now if due; {enabled, due, next_due, last_attempt, last_success, last_failed, last_error, waiting}. */
    status: () => backupOp('check'),
    /** A manual backup into the backup location; resolves with its history entry. */
    runNow: () => backupOp('runNow'),
    /**
     * Every history entry, newest first, each with retention: {keep, reason} and
     * outside: 'folder' | 'downloaded' | null (a copy exists outside the browser).
     */
    list: () => backupOp('list'),
    /** Backups that left the browser (a download, a disk folder, a share) and the reminder on Today. */
    offsite: {
      /** {last_at, how, reminder_days, due, reason, now}; `due` by the worker's clock. */
      status: () => backupOp('offsiteStatus'),
      /** Records that a backup left the browser now: how 'download' | 'folder' | 'share'; {entryId} for a history download. */
      record: (how, { entryId } = {}) => backupOp('offsiteRecord', how, entryId === undefined ? {} : { entryId }),
      /** Saves {reminder_days}: 0 (off), 1, 3, 7 (default), 14 or 30; resolves with status(). */
      configure: (patch) => backupOp('offsiteConfigure', patch),
    },
    /** Checks entry `id` (file present, checksum, valid) without applying: {format, header, counts, checksum_ok}. */
    verify: (id, { password } = {}) => backupOp('verify', id, { password }),
    /** What a file or history entry holds, checked without applying: {format, header, counts}. */
    inspect: (data, { password } = {}) => backupOp('inspect', asBlob(data), { password }),
    /**
     * Full restore from a history id or a file; a safety snapshot is saved first. A history file that
     * changed rejects with 'damaged'. This browser's backup schedule stays unless takeBackupSettings.
     */
    restore: (idOrData, { password, takeBackupSettings } = {}) =>
      backupOp('restore', idOrBlob(idOrData), { password, takeBackupSettings }),
    /** {filename, bytes} of entry `id`. */
    download: (id) => backupOp('download', id),
    /** Deletes entry `id` and its file. */
    remove: (id) => backupOp('remove', id),
    /** Calls fn(event) when the history or schedule changes ('history' | 'schedule' | 'restored'). */
    onChange(fn) {
      backupListeners.add(fn);
      return () => backupListeners.delete(fn);
    },
    /** Whether this browser can write to a folder on disk (File System Access API). */
    canUseFolder: () => typeof window !== 'undefined' && typeof window.showDirectoryPicker === 'function',
    /** The chosen folder: {name, permission: 'granted'|'prompt'|'denied'}, or null. */
    async folder() {
      const handle = await idbGet(FOLDER_KEY).catch(() => null);
      if (!handle) return null;
      const permission = handle.queryPermission ? await handle.queryPermission({ mode: 'readwrite' }) : 'granted';
      return { name: handle.name, permission };
    },
    /**
     * Chooses the folder backups go to (a picker, from a user gesture) and
     * switches the location to it. Tests may pass a FileSystemDirectoryHandle.
     */
    async chooseFolder(handle) {
      const dir = handle || await window.showDirectoryPicker({ id: 'streakbox-backups', mode: 'readwrite' });
      await idbPut(FOLDER_KEY, dir);
      return backups.configure({ location: 'folder' });
    },
    /** Asks again for permission to write to the chosen folder (call from a click); then runs a waiting backup. */
    async requestPermission() {
      const handle = await idbGet(FOLDER_KEY);
      if (!handle) throw new StreakboxError('folder_missing', 'No backup folder is chosen.');
      const granted = !handle.requestPermission || (await handle.requestPermission({ mode: 'readwrite' })) === 'granted';
      if (granted) await backupOp('check');
      return granted;
    },
  };

  const api = {
    /** Resolves once this tab owns the open database; rejects with code 'locked' when another tab does. */
    ready() {
      const settle = () => {
        if (state.state === 'ready') return Promise.resolve();
        const code = state.state === 'failed' ? state.code : 'locked';
        return Promise.reject(new StreakboxError(code, state.message || 'Streakbox is open elsewhere.'));
      };
      if (state.state !== 'opening') return settle();
      return new Promise((r) => waiters.push(r)).then(settle);
    },
    /**
     * {state: 'opening'|'ready'|'elsewhere'|'taken'|'failed', message, storage: 'opfs'|'memory'|null,
     *  missing: ['opfs'|'sync_access_handle'|'web_locks'], reason}; when failed also {code, reloadHelps}.
     */
    get state() {
      return state;
    },
    onStateChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /** Takes the database over from another tab; resolves like ready(). */
    takeOver() {
      state = { ...state, state: 'opening', message: '' };
      send(Request.TAKEOVER).catch(() => {});  // how it goes arrives as state changes
      return api.ready();
    },
    today: () => localDate(),
    info: () => call('info'),

    listProfiles: () => call('listProfiles'),
    getProfile: (id) => call('getProfile', id),
    createProfile: ({ name, color } = {}) => call('createProfile', { name, color }),
    updateProfile: (id, patch) => call('updateProfile', id, patch),
    deleteProfile: (id) => call('deleteProfile', id),

    listTasks: (profileId) => call('listTasks', profileId),
    createTask: (profileId, task) => call('createTask', profileId, task),
    updateTask: (taskId, patch) => call('updateTask', taskId, patch),
    deleteTask: (taskId) => call('deleteTask', taskId),
    reorderTasks: (profileId, taskIds) => call('reorderTasks', profileId, taskIds),

    /** entry: true/false, or {done, skipped, amount, note} (only the fields given change). */
    setCheck: (profileId, taskId, date, entry) => call('setCheck', profileId, taskId, date, entry),
    /** off: true/false, or {note} for a day off with a note. */
    setDayOff: (profileId, date, off) => call('setDayOff', profileId, date, off),
    getDay: (profileId, date) => call('getDay', profileId, date),
    getStreak: (profileId) => call('getStreak', profileId),
    getTaskStreaks: (profileId) => call('getTaskStreaks', profileId),
    getHistory: (profileId, from, to) => call('getHistory', profileId, from, to),
    /** The Progress view's numbers: streaks with their dates, per-task rates by week and month. */
    getProgress: (profileId) => call('getProgress', profileId),

    /** {usage, quota, persisted} from the Storage API (bytes). */
    async storage() {
      const est = navigator.storage && navigator.storage.estimate ? await navigator.storage.estimate() : {};
      const persisted = navigator.storage && navigator.storage.persisted ? await navigator.storage.persisted() : false;
      return { usage: est.usage ?? null, quota: est.quota ?? null, persisted };
    },
    /** Asks the browser to keep this site's storage; resolves true when granted. */
    async requestPersistence() {
      if (!navigator.storage || !navigator.storage.persist) return false;
      return navigator.storage.persist();
    },

    /**
     * A backup of one profile: {filename, bytes (Uint8Array), counts, encrypted}.
     * options: {password} or {useStoredPassword: true} make it an encrypted .ttbak.
     */
    exportProfile: (profileId, { password, useStoredPassword } = {}) =>
      send(Request.EXPORT, { profileId, password, useStoredPassword }),
    /** A backup of all profiles and settings, like exportProfile. */
    exportAll: ({ password, useStoredPassword } = {}) =>
      send(Request.EXPORT, { profileId: null, password, useStoredPassword }),
    /**
     * A spreadsheet file (CSV) of one profile (profileId) or all (leave it out):
     * {filename, bytes (Uint8Array), kind, profiles, rows}; kind 'entries' (one row per
     * task and day with an entry) or 'days' (one row per day with anything recorded).
     */
    exportCsv: (options = {}) => send(Request.EXPORT_CSV, { options }),
    /**
     * Imports a backup (File, Blob, ArrayBuffer, Uint8Array or string): JSON, or
     * an encrypted .ttbak (recognised by content) unlocked with options.password
     * or options.useStoredPassword.
     * options: {mode: 'replace'|'merge', profileId, dryRun, tasksOnly, password, useStoredPassword, onProgress(fraction)}.
     * Resolves to the report; rejects with code malformed | unsupported_version | invalid (with .errors) |
     * password_required | wrong_password | damaged | not_a_backup | kdf_out_of_bounds | ...
     */
    importBackup: (data, options) => importCall(data, options),
    /** Validates a backup without changing anything: {header, counts, profile_names, encrypted}. */
    validateBackup: (data, options) => importCall(data, options, true),
    /** The backup JSON inside a .ttbak, as a Uint8Array; rejects like importBackup. */
    decryptBackup: (data, { password } = {}) => send(Request.DECRYPT, { blob: asBlob(data), password }),
    /**
     * The stored backup password (Settings → Backups): kept encrypted at rest
     * and never handed back; exports use it with {useStoredPassword: true}.
     */
    backupPassword: {
      isSet: () => send(Request.BACKUP_PASSWORD, { op: 'isSet' }),
      set: (password) => send(Request.BACKUP_PASSWORD, { op: 'set', password }),
      remove: () => send(Request.BACKUP_PASSWORD, { op: 'remove' }),
    },

    backups,
    /** The SQLite database file, a consistent snapshot: {filename, bytes, info}. */
    exportDatabase: () => backupOp('exportDatabase'),
    /** Replaces everything with a database file after checking it, with a safety snapshot first. */
    importDatabase: (data, { takeBackupSettings } = {}) => backupOp('importDatabase', asBlob(data), { takeBackupSettings }),

    /** Test and benchmark hooks; not for the UI. */
    _setClock: (ms) => send(Request.SET_CLOCK, { ms }),
    /** PRAGMA integrity_check: ['ok'] for a sound database, else the problems found (diagnostics). */
    integrityCheck: () => call('integrityCheck'),
    _exec: (sql) => send(Request.EXEC, { sql }),
    _ioStats: () => send(Request.IO_STATS),
    _terminate: () => worker.terminate(),  // benchmarks: end the worker (and its lock) at once
    _benchTtbak: ({ mib = 32, runs = 3 } = {}) => send(Request.BENCH_TTBAK, { mib, runs }),
  };
  return api;
}
