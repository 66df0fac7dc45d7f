// window.streakbox: the promise-based JS API of Streakbox (docs/API.md).
// The UI uses nothing else. Each call goes to the database worker
// (wasm/worker.js) and settles with its value, or rejects with a
// StreakboxError whose `code` is stable (docs/API.md, "Errors").

export class StreakboxError extends Error {
  constructor(code, message, errors = []) {
    super(message);
    this.name = 'StreakboxError';
    this.code = code;
    this.errors = errors;
  }
}

/** Today's date in the user's local calendar, 'YYYY-MM-DD'. */
export function localDate(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function createStreakbox(workerUrl = new URL('./worker.js', import.meta.url)) {
  const worker = new Worker(workerUrl, { type: 'module' });
  const pending = new Map();
  const listeners = new Set();
  let nextId = 1;
  let state = { state: 'opening', message: '' };
  let waiters = [];

  worker.onmessage = ({ data }) => {
    if (data.type === 'state') {
      state = { state: data.state, message: data.message || '' };
      if (state.state !== 'opening') {
        for (const w of waiters) w();
        waiters = [];
      }
      for (const fn of listeners) fn(state);
      return;
    }
    const p = pending.get(data.id);
    if (!p) return;
    if (data.type === 'progress') {
      if (p.onProgress) p.onProgress(data.fraction);
      return;
    }
    pending.delete(data.id);
    if (data.ok) p.resolve(data.value);
    else p.reject(new StreakboxError(data.error.code, data.error.message, data.error.errors || []));
  };
  worker.onerror = (e) => {
    state = { state: 'failed', message: e.message || 'The database worker failed to start.' };
    for (const w of waiters) w();
    waiters = [];
    for (const fn of listeners) fn(state);
  };

  function send(msg, onProgress) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...msg, id });
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
    return send({ type: 'import', blob: asBlob(data), options: rest, validateOnly }, onProgress);
  }
  const call = (method, ...args) => send({ type: 'call', method, args });

  const api = {
    /** Resolves once this tab owns the open database; rejects with code 'locked' when another tab does. */
    ready() {
      const settle = () => {
        if (state.state === 'ready') return Promise.resolve();
        const code = state.state === 'failed' ? 'io_error' : 'locked';
        return Promise.reject(new StreakboxError(code, state.message || 'Streakbox is open elsewhere.'));
      };
      if (state.state !== 'opening') return settle();
      return new Promise((r) => waiters.push(r)).then(settle);
    },
    /** {state: 'opening'|'ready'|'elsewhere'|'taken'|'failed', message} */
    get state() {
      return state;
    },
    onStateChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /** Takes the database over from another tab; resolves like ready(). */
    takeOver() {
      state = { state: 'opening', message: '' };
      worker.postMessage({ type: 'takeover' });
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

    setCheck: (profileId, taskId, date, checked) => call('setCheck', profileId, taskId, date, checked),
    getDay: (profileId, date) => call('getDay', profileId, date),
    getStreak: (profileId) => call('getStreak', profileId),
    getTaskStreaks: (profileId) => call('getTaskStreaks', profileId),
    getHistory: (profileId, from, to) => call('getHistory', profileId, from, to),

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
      send({ type: 'export', profileId, password, useStoredPassword }),
    /** A backup of all profiles and settings, like exportProfile. */
    exportAll: ({ password, useStoredPassword } = {}) =>
      send({ type: 'export', profileId: 0, password, useStoredPassword }),
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
    decryptBackup: (data, { password } = {}) => send({ type: 'decrypt', blob: asBlob(data), password }),
    /**
     * The stored backup password (Settings → Backups): kept encrypted at rest
     * and never handed back; exports use it with {useStoredPassword: true}.
     */
    backupPassword: {
      isSet: () => send({ type: 'backupPassword', op: 'isSet' }),
      set: (password) => send({ type: 'backupPassword', op: 'set', password }),
      remove: () => send({ type: 'backupPassword', op: 'remove' }),
    },

    /** Test and benchmark hooks; not for the UI. */
    _setClock: (ms) => send({ type: 'setClock', ms }),
    _exec: (sql) => send({ type: 'exec', sql }),
    _ioStats: () => send({ type: 'ioStats' }),
    _benchTtbak: ({ mib = 32, runs = 3 } = {}) => send({ type: 'benchTtbak', mib, runs }),
  };
  return api;
}
