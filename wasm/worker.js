// The Streakbox worker entry: a dedicated module Worker that owns the
// database. It loads the wasm module, takes the Web Lock that makes this tab
// the single owner, opens the OPFS files, and answers calls from the page.
//
// Page -> worker messages:
//   {type: 'call', id, method, args}   a core call (docs/API.md)
//   {type: 'takeover'}                 steal ownership from another tab
//   {type: 'setClock', ms}             tests: freeze the clock at ms (null: real time)
//   {type: 'exec', id, sql}            benchmarks: run an SQL script
//   {type: 'backups', id, op, args}    scheduled backups, history, restores (wasm/backup_runner.js):
//                                      op is runNow | check | list | verify | download | remove |
//                                      restore | inspect | exportDatabase | importDatabase
//   {type: 'benchTtbak', id, mib, runs}  benchmarks: .ttbak vs raw secretstream, and the KDF time
//   {type: 'export', id, profileId, password?, useStoredPassword?}
//                                      a backup (profileId 0: all) -> {filename, counts, encrypted, bytes};
//                                      a .ttbak when a password is given or the stored one is asked for
//   {type: 'import', id, blob, options, validateOnly}  validate or import a backup file (JSON or .ttbak;
//                                      options.password or options.useStoredPassword unlock a .ttbak)
//   {type: 'decrypt', id, blob, password}  a .ttbak's backup JSON -> bytes
//   {type: 'backupPassword', id, op: 'isSet'|'set'|'remove', password?}  the stored backup password
//                                      (wasm/stored_password.js); it never leaves the worker
// Worker -> page messages:
//   {type: 'state', state, message?}   'opening' | 'ready' | 'elsewhere' | 'taken' | 'failed'
//   {type: 'result', id, ok, value? , error?: {code, message, errors}}
//   {type: 'progress', id, fraction}   during export and import
//   {type: 'backups', event}           'history' | 'schedule' | 'restored': the page redraws what shows them
import createStreakbox from './streakbox.mjs';
import { OpfsFiles } from './opfs_files.js';
import { BlobSource } from './blob_source.js';
import { BackupRunner } from './backup_runner.js';
import { BackupStore, StoreError } from './backup_store.js';
import { idbGet, FOLDER_KEY } from './idb.js';
import { StoredPassword } from './stored_password.js';

const LOCK_NAME = 'streakbox-database';
const DIR_NAME = 'streakbox';
const DB_NAME = 'streakbox.db';
// SQLite asks for these by name; each is pre-opened (the VFS cannot open files later).
const FILE_NAMES = [DB_NAME, `${DB_NAME}-wal`, `${DB_NAME}-journal`];
const HANDLE_RETRY_MS = 100;
const HANDLE_RETRY_LIMIT_MS = 10000;

let module = null;
let sb = null;
let files = null;
let state = 'opening';
let releaseLock = null;
let frozenMs = null;

function post(msg) {
  self.postMessage(msg);
}

function setState(next, message) {
  state = next;
  post({ type: 'state', state: next, message });
}

function fail(code, message) {
  return { ok: false, error: { code, message } };
}

/**
 * Resolves true once this worker holds the lock. `how`: 'ifAvailable' (false
 * at once when another tab holds it), 'steal' (take it from that tab), or
 * 'wait' (queue until it is free; false when `signal` cancels the wait).
 */
function acquireLock(how, signal) {
  return new Promise((resolve) => {
    const options = how === 'steal' ? { steal: true } : how === 'wait' ? { signal } : { ifAvailable: true };
    let granted = false;
    navigator.locks
      .request(LOCK_NAME, options, (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        granted = true;
        resolve(true);
        return new Promise((release) => {
          releaseLock = release;
        });
      })
      .catch((e) => {
        if (e && e.name === 'AbortError') {
          if (granted) onStolen();
          else resolve(false);
        }
      });
  });
}

// Another tab took over: let go of the files at once so it can open them.
function onStolen() {
  releaseLock = null;
  closeDatabase();
  setState('taken', 'Streakbox was opened in another tab.');
}

function closeDatabase() {
  runner.stop();
  if (sb) {
    sb.close();
    sb.delete();
    sb = null;
  }
  if (files) {
    files.close();
    files = null;
  }
}

async function openFiles() {
  const root = await navigator.storage.getDirectory();
  const dir = await root.getDirectoryHandle(DIR_NAME, { create: true });
  const deadline = Date.now() + HANDLE_RETRY_LIMIT_MS;
  for (;;) {
    try {
      return await OpfsFiles.open(dir, FILE_NAMES);
    } catch (e) {
      // The previous owner may still be closing its handles after a takeover.
      if (e.name !== 'NoModificationAllowedError' || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, HANDLE_RETRY_MS));
    }
  }
}

let lockWait = null;  // while another tab owns the database: cancels our queued lock request

async function open(how) {
  if (lockWait) lockWait.abort();
  lockWait = null;
  setState('opening');
  if (!(await acquireLock(how))) {
    setState('elsewhere', 'Streakbox is open in another tab or window.');
    waitForOwner();
    return;
  }
  await openDatabase();
}

// Another tab owns the database: queue for the lock, so this tab opens by
// itself once that tab closes (or a worker that died mid-import lets go).
async function waitForOwner() {
  const wait = new AbortController();
  lockWait = wait;
  if (!(await acquireLock('wait', wait.signal))) return;  // a takeover came first
  lockWait = null;
  setState('opening');
  await openDatabase();
}

// REQUIRES: this worker holds the lock.
async function openDatabase() {
  try {
    if (!module) {
      module = await createStreakbox({
        streakboxNow: () => (frozenMs === null ? Date.now() : frozenMs),
      });
    }
    files = await openFiles();
    module.streakboxFiles = files;
    sb = new module.Streakbox();
    const opened = JSON.parse(sb.open(DB_NAME));
    if (!opened.ok) throw Object.assign(new Error(opened.error.message), { code: opened.error.code });
    setState('ready');
    // Tidies after a tab closed mid-backup, then catches up a run that fell due while the app was closed.
    runner.recover().catch(() => {}).then(() => runner.check()).catch(() => {});
  } catch (e) {
    closeDatabase();
    if (releaseLock) releaseLock();
    releaseLock = null;
    setState('failed', `${e.code || e.name || 'error'}: ${e.message}`);
  }
}

// The failure every request gets while this worker does not own an open database.
function notReady() {
  return fail('locked', state === 'elsewhere' || state === 'taken'
    ? 'Streakbox is open in another tab. Use it there, or take over here.'
    : 'The database is not open yet.');
}

function call(method, args) {
  if (state !== 'ready' || !sb) return notReady();
  return JSON.parse(sb.call(method, JSON.stringify(args ?? [])));
}

// Reports progress of call `id` at most every 50 ms.
function progressFor(id) {
  let last = 0;
  return (fraction) => {
    const now = Date.now();
    if (now - last < 50 && fraction < 1) return;
    last = now;
    post({ type: 'progress', id, fraction });
  };
}

// Collects what the module writes to Module.streakboxSink during fn(); returns
// {r: fn's envelope, bytes: every chunk joined} and drops the sink.
function collected(fn) {
  const chunks = [];
  module.streakboxSink = (chunk) => chunks.push(chunk);
  try {
    const r = JSON.parse(fn());
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return { r, bytes };
  } finally {
    module.streakboxSink = null;
  }
}

// Writes a consistent copy of the database file: {filename, info, bytes}.
function exportDatabase() {
  if (state !== 'ready' || !sb) return notReady();
  const { r, bytes } = collected(() => sb.exportDatabase());
  return r.ok ? { ok: true, value: { ...r.value, bytes } } : r;
}

// Checks (inspectOnly) or restores the SQLite database file in `blob`.
function importDatabase(blob, inspectOnly) {
  if (state !== 'ready' || !sb) return notReady();
  module.streakboxSource = new BlobSource(blob);
  try {
    return JSON.parse(sb.importDatabase(!!inspectOnly));
  } finally {
    module.streakboxSource = null;
  }
}

// An envelope's value, or a thrown {code, message, errors}.
function unwrap(r) {
  if (r.ok) return r.value;
  throw Object.assign(new Error(r.error.message), { code: r.error.code, errors: r.error.errors || [] });
}

// The database's secret.* settings through the bindings, for StoredPassword.
function secrets() {
  return {
    get: (key) => unwrap(JSON.parse(sb.getSecret(key))),
    set: (key, value) => unwrap(JSON.parse(sb.setSecret(key, value))),
    remove: (key) => unwrap(JSON.parse(sb.deleteSecret(key))),
  };
}

// The password a request asks for: its own, the stored one, or none (null).
async function passwordFor({ password, useStoredPassword }) {
  if (!useStoredPassword) return password ?? null;
  const stored = await new StoredPassword(secrets()).get();
  if (stored === null) {
    throw Object.assign(new Error('No backup password is stored. Set one in Settings → Backups, or type one.'),
      { code: 'password_required' });
  }
  return stored;
}

async function exportBackup(msg) {
  if (state !== 'ready' || !sb) return notReady();
  const password = await passwordFor(msg);
  const { r, bytes } = collected(() => sb.exportBackup(msg.profileId || 0, JSON.stringify({ password })));
  return r.ok ? { ok: true, value: { ...r.value, bytes } } : r;
}

function decryptBackup(msg) {
  if (!sb) return notReady();
  module.streakboxSource = new BlobSource(msg.blob);
  try {
    const { r, bytes } = collected(() => sb.decryptBackup(msg.password || ''));
    return r.ok ? { ok: true, value: bytes } : r;
  } finally {
    module.streakboxSource = null;
  }
}

async function backupPassword(msg) {
  if (state !== 'ready' || !sb) return notReady();
  const stored = new StoredPassword(secrets());
  if (msg.op === 'isSet') return { ok: true, value: await stored.isSet() };
  if (msg.op === 'set') await stored.set(msg.password);
  else if (msg.op === 'remove') await stored.remove();
  else return fail('invalid_argument', `unknown operation ${msg.op}`);
  return { ok: true, value: null };
}

async function importBackup(id, blob, options, validateOnly) {
  if (state !== 'ready' || !sb) return notReady();
  const { useStoredPassword, ...rest } = options || {};
  const password = await passwordFor({ password: rest.password, useStoredPassword });
  options = { ...rest, password };
  module.streakboxSource = new BlobSource(blob);
  module.streakboxProgress = progressFor(id);
  try {
    return JSON.parse(sb.importBackup(JSON.stringify(options), !!validateOnly));
  } finally {
    module.streakboxSource = null;
    module.streakboxProgress = null;
  }
}

/** Where backups go: Streakbox's OPFS folder, or the folder the user chose (its handle in IndexedDB). */
async function storeFor(location) {
  if (!location || location === 'opfs') return BackupStore.opfs();
  const handle = await idbGet(FOLDER_KEY).catch(() => null);
  if (!handle) throw new StoreError('folder_missing', 'No backup folder is chosen. Choose one in Settings → Backups, or back up to Streakbox’s own folder.');
  const permission = handle.queryPermission ? await handle.queryPermission({ mode: 'readwrite' }) : 'granted';
  if (permission !== 'granted') {
    throw new StoreError('permission_needed', `Streakbox needs permission to write to “${handle.name}”.`);
  }
  return new BackupStore(handle, `folder:${handle.name}`);
}

const runner = new BackupRunner({
  call: (method, ...args) => unwrap(call(method, args)),
  // All profiles as JSON, or as a .ttbak with the stored backup password.
  exportJson: async ({ encrypt = false } = {}) => unwrap(await exportBackup({ profileId: 0, useStoredPassword: encrypt })),
  exportDatabase: () => unwrap(exportDatabase()),
  validateBackup: async (blob, options) => unwrap(await importBackup(0, blob, options, true)),
  importBackup: async (blob, options) => unwrap(await importBackup(0, blob, options, false)),
  inspectDatabase: (blob) => unwrap(importDatabase(blob, true)),
  importDatabase: (blob) => unwrap(importDatabase(blob, false)),
  storedPasswordSet: () => new StoredPassword(secrets()).isSet(),
  storeFor,
  nowMs: () => (frozenMs === null ? Date.now() : frozenMs),
  notify: (event) => post({ type: 'backups', ...event }),
});

const BACKUP_OPS = {
  check: () => runner.check(),
  runNow: () => runner.runNow(),
  verify: (id, options) => runner.verify(id, options),
  download: (id) => runner.download(id),
  remove: (id) => runner.remove(id),
  restore: (source, options) => runner.restore(source, options),
  inspect: (blob, options) => runner.preview(blob, options),
  exportDatabase: () => unwrap(exportDatabase()),
  importDatabase: (blob, options) => runner.restore(blob, { ...options, expect: 'sqlite' }),
};

// --- Undo: destructive steps save a safety snapshot first -------------------
// A Replace import (not a dry run, not a validation) and deleting a profile go
// through runner.beforeDestructive (wasm/backup_runner.js); the value gains
// `safety_id`, the snapshot that undoes the step (backups.restore(safety_id)).
// Restores take their snapshot inside runner.restore.
const DESTRUCTIVE_CALLS = new Set(['deleteProfile']);

function isDestructiveImport(msg) {
  const o = msg.options || {};
  return !msg.validateOnly && !o.dryRun && o.mode !== 'merge';
}

async function undoable(work) {
  if (state !== 'ready' || !sb) return notReady();
  const { value: r, safety_id } = await runner.beforeDestructive(work);
  if (!r.ok) return r;
  return { ok: true, value: r.value && typeof r.value === 'object' ? { ...r.value, safety_id } : { safety_id } };
}

async function backupOp(msg) {
  if (state !== 'ready' || !sb) return notReady();
  const op = BACKUP_OPS[msg.op];
  if (!op) return fail('invalid_argument', `unknown backup operation ${msg.op}`);
  return { ok: true, value: await op(...(msg.args || [])) };
}

// Posts the envelope of work() (sync or async) for request `id`; a thrown
// error becomes that failure (storage errors without a code: io_error).
// transfer(value) lists buffers to move.
async function answer(id, work, transfer = () => []) {
  let r;
  try {
    r = await work();
  } catch (e) {
    r = { ok: false, error: { code: e.code || 'io_error', message: e.message || String(e), errors: e.errors || [] } };
  }
  self.postMessage({ type: 'result', id, ...r }, r.ok ? transfer(r.value) : []);
}

self.onmessage = (event) => {
  const msg = event.data;
  switch (msg.type) {
    case 'call':
      if (DESTRUCTIVE_CALLS.has(msg.method)) answer(msg.id, () => undoable(() => call(msg.method, msg.args)));
      else post({ type: 'result', id: msg.id, ...call(msg.method, msg.args) });
      break;
    case 'exec':
      post({ type: 'result', id: msg.id, ...(sb ? JSON.parse(sb.exec(msg.sql)) : fail('locked', 'not open')) });
      break;
    case 'benchTtbak':
      post({ type: 'result', id: msg.id, ...(sb ? JSON.parse(sb.benchTtbak(msg.mib, msg.runs)) : notReady()) });
      break;
    case 'ioStats':
      post({ type: 'result', id: msg.id, ok: true, value: sb ? JSON.parse(sb.ioStats()) : null });
      break;
    case 'export':
      answer(msg.id, () => exportBackup(msg), (v) => [v.bytes.buffer]);
      break;
    case 'import': {
      const work = () => importBackup(msg.id, msg.blob, msg.options, msg.validateOnly);
      answer(msg.id, isDestructiveImport(msg) ? () => undoable(work) : work);
      break;
    }
    case 'decrypt':
      answer(msg.id, () => decryptBackup(msg), (v) => [v.buffer]);
      break;
    case 'backupPassword':
      answer(msg.id, () => backupPassword(msg));
      break;
    case 'backups':
      answer(msg.id, () => backupOp(msg), (v) => (v && v.bytes instanceof Uint8Array ? [v.bytes.buffer] : []));
      break;
    case 'setClock':
      frozenMs = msg.ms;
      post({ type: 'result', id: msg.id, ok: true, value: null });
      if (state === 'ready') runner.check().catch(() => {});  // a moved clock may make a run due
      break;
    case 'takeover':
      if (state === 'elsewhere' || state === 'taken' || state === 'failed') open('steal');
      break;
    default:
      post({ type: 'result', id: msg.id, ok: false, error: { code: 'invalid_argument', message: `unknown message ${msg.type}` } });
  }
};

open('ifAvailable');
