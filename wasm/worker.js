// The Streakbox worker entry: a dedicated module Worker that owns the
// database. It loads the wasm module, takes the Web Lock that makes this tab
// the single owner, opens the OPFS files, and answers calls from the page.
// Where the browser cannot keep the database (no OPFS, no working sync
// access handles, no Web Locks: wasm/storage_support.js) it opens an
// in-memory database instead, through the same VFS and core, and says so in
// every STATE message (storage: 'memory', reason).
//
// The messages and their fields are defined in wasm/protocol.js, which the
// page (www/api.js) imports too. Every request gets exactly one RESULT reply,
// even when its handler throws (reply() below).
import createStreakbox from './streakbox.mjs';
import { OpfsFiles } from './opfs_files.js';
import { MemoryFiles } from './memory_files.js';
import { MemoryDirectory } from './memory_directory.js';
import { findStorage, storageSupport } from './storage_support.js';
import { plainStorageError } from './storage_errors.js';
import { BlobSource } from './blob_source.js';
import { BackupRunner } from './backup_runner.js';
import { BackupStore, StoreError } from './backup_store.js';
import { idbGet, FOLDER_KEY } from './idb.js';
import { StoredPassword } from './stored_password.js';
import { OffsiteRecord } from './offsite.js';
import { Request, Reply, StreakboxError, errorOf, result, unwrap } from './protocol.js';
import { callModule } from './module_call.js';

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
// storageSupport()'s verdict, found once before the first open: {ok, missing, reason}.
let support = null;
// In memory: "Streakbox's own folder" for backups and safety snapshots, lost with the tab.
let memoryFolder = null;

function post(msg) {
  self.postMessage(msg);
}

const storageKind = () => (support ? (support.ok ? 'opfs' : 'memory') : null);

// `extra`: {code, reloadHelps} of a failure.
function setState(next, message, extra = {}) {
  state = next;
  post({
    type: Reply.STATE, state: next, message, storage: storageKind(),
    missing: support ? support.missing : [], reason: support ? support.reason : '', ...extra,
  });
}

function fail(code, message) {
  return { ok: false, error: { code, message, errors: [] } };
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
  if (!support) support = storageSupport(await findStorage());
  if (!support.ok) {
    // In memory each tab has a database of its own, so no lock is taken: there
    // is nothing to share. (Without Web Locks there could be no second-tab
    // coordination at all, which is why a browser without them gets memory too.)
    await openDatabase();
    return;
  }
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

// REQUIRES: this worker holds the lock, or the database is in memory (support.ok is false).
async function openDatabase() {
  try {
    if (!module) {
      module = await createStreakbox({
        streakboxNow: () => (frozenMs === null ? Date.now() : frozenMs),
      });
    }
    files = support.ok ? await openFiles() : new MemoryFiles(FILE_NAMES);
    module.streakboxFiles = files;
    sb = new module.Streakbox();
    unwrap(JSON.parse(sb.open(DB_NAME)));
    setState('ready');
    // Tidies after a tab closed mid-backup, then catches up a run that fell due while the app was closed.
    runner.recover().catch(() => {}).then(() => runner.check()).catch(() => {});
  } catch (e) {
    closeDatabase();
    if (releaseLock) releaseLock();
    releaseLock = null;
    const plain = plainStorageError(e, 'open the database');
    setState('failed', plain.message, { code: plain.code, reloadHelps: plain.reloadHelps });
  }
}

// The failure every request gets while this worker does not own an open database.
function notReady() {
  return fail('locked', state === 'elsewhere' || state === 'taken'
    ? 'Streakbox is open in another tab. Use it there, or take over here.'
    : 'The database is not open yet.');
}

// A core call with its files (see module_call.js): the envelope, with
// `bytes` when `collect` is set. notReady() while this worker owns no open database.
function coreCall(method, args = [], io = {}) {
  if (state !== 'ready' || !sb) return notReady();
  if (typeof method !== 'string' || !Array.isArray(args)) {
    return fail('invalid_argument', 'a call needs a method name (a string) and an array of arguments');
  }
  return callModule(module, sb, method, args, io);
}

// Reports progress of request `id` at most every 50 ms.
function progressFor(id) {
  let last = 0;
  return (fraction) => {
    const now = Date.now();
    if (now - last < 50 && fraction < 1) return;
    last = now;
    post({ type: Reply.PROGRESS, id, fraction });
  };
}

// An envelope whose value gains the collected bytes: {...value, bytes}.
function withBytes(r) {
  return r.ok ? { ok: true, value: { ...r.value, bytes: r.bytes } } : r;
}

// Writes a consistent copy of the database file: {filename, info, bytes}.
function exportDatabase() {
  return withBytes(coreCall('exportDatabase', [], { collect: true }));
}

// Checks (inspectOnly) or restores the SQLite database file in `blob`.
function importDatabase(blob, inspectOnly) {
  return coreCall(inspectOnly ? 'inspectDatabase' : 'importDatabase', [], { source: new BlobSource(blob) });
}

// The database's secret.* settings through the call surface, for StoredPassword.
function secrets() {
  return {
    get: (key) => unwrap(coreCall('getSecret', [key])),
    set: (key, value) => unwrap(coreCall('setSecret', [key, value])),
    remove: (key) => unwrap(coreCall('deleteSecret', [key])),
  };
}

// The password a request asks for: its own, the stored one, or none (undefined).
async function passwordFor({ password, useStoredPassword }) {
  if (!useStoredPassword) return password;
  const stored = await new StoredPassword(secrets()).get();
  if (stored === null) {
    throw new StreakboxError('password_required', 'No backup password is stored. Set one in Settings → Backups, or type one.');
  }
  return stored;
}

// msg: {profileId (null: every profile), password?, useStoredPassword?}
async function exportBackup(msg) {
  if (state !== 'ready' || !sb) return notReady();
  const password = await passwordFor(msg);
  const options = {};
  if (msg.profileId !== null) options.profileId = msg.profileId ?? null;  // the core refuses a missing id
  if (password !== undefined && password !== null) options.password = password;
  return withBytes(coreCall('exportBackup', [options], { collect: true }));
}

// msg.options: exportCsv's {kind, profileId?}, checked by the core (docs/API.md);
// a profileId of null means every profile, as leaving it out does.
function exportCsv({ options = {} }) {
  let args = options;
  if (options && typeof options === 'object' && options.profileId === null) {
    args = { ...options };
    delete args.profileId;
  }
  return withBytes(coreCall('exportCsv', [args], { collect: true }));
}

function decryptBackup(msg) {
  const options = msg.password === undefined ? {} : { password: msg.password };
  const r = coreCall('decryptBackup', [options], { source: new BlobSource(msg.blob), collect: true });
  return r.ok ? { ok: true, value: r.bytes } : r;
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

// Validates or imports the backup in `blob`. options: importBackup's (docs/API.md);
// useStoredPassword is resolved here, into password, before the core sees them.
async function importBackup(id, blob, options, validateOnly) {
  if (state !== 'ready' || !sb) return notReady();
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    return fail('invalid_argument', 'options must be an object');
  }
  const { useStoredPassword, ...rest } = options || {};
  const password = await passwordFor({ password: rest.password, useStoredPassword });
  if (password === undefined || password === null) delete rest.password;
  else rest.password = password;
  return coreCall(validateOnly ? 'validateBackup' : 'importBackup', [rest],
    { source: new BlobSource(blob), progress: progressFor(id) });
}

/** Where backups go: Streakbox's OPFS folder, or the folder the user chose (its handle in IndexedDB). */
async function storeFor(location) {
  if ((!location || location === 'opfs') && !support.ok) {
    memoryFolder = memoryFolder || new BackupStore(new MemoryDirectory(), 'opfs');
    return memoryFolder;
  }
  if (!location || location === 'opfs') return BackupStore.opfs();
  const handle = await idbGet(FOLDER_KEY).catch(() => null);
  if (!handle) throw new StoreError('folder_missing', 'No backup folder is chosen. Choose one in Settings → Backups, or back up to Streakbox’s own folder.');
  const permission = handle.queryPermission ? await handle.queryPermission({ mode: 'readwrite' }) : 'granted';
  if (permission !== 'granted') {
    throw new StoreError('permission_needed', `Streakbox needs permission to write to “${handle.name}”.`);
  }
  return new BackupStore(handle, `folder:${handle.name}`);
}

const nowMs = () => (frozenMs === null ? Date.now() : frozenMs);

// Backups that left the browser (wasm/offsite.js), over local.offsite.* settings.
const offsite = new OffsiteRecord({
  get: (key) => unwrap(coreCall('getOffsite', [key])),
  set: (key, value) => unwrap(coreCall('setOffsite', [key, value])),
  // Anything to lose: a task in any profile.
  hasData: () => unwrap(coreCall('listProfiles')).some((p) => unwrap(coreCall('listTasks', [p.id])).length > 0),
  nowMs,
});

const runner = new BackupRunner({
  call: (method, ...args) => unwrap(coreCall(method, args)),
  // All profiles as JSON, or as a .ttbak with the stored backup password.
  exportJson: async ({ encrypt = false } = {}) => unwrap(await exportBackup({ profileId: null, useStoredPassword: encrypt })),
  exportDatabase: () => unwrap(exportDatabase()),
  validateBackup: async (blob, options) => unwrap(await importBackup(0, blob, options, true)),
  importBackup: async (blob, options) => unwrap(await importBackup(0, blob, options, false)),
  inspectDatabase: (blob) => unwrap(importDatabase(blob, true)),
  importDatabase: (blob) => unwrap(importDatabase(blob, false)),
  storedPasswordSet: () => new StoredPassword(secrets()).isSet(),
  storeFor,
  recordOffsite: (how) => offsite.record(how),
  nowMs,
  notify: (event) => post({ type: Reply.BACKUPS, ...event }),
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
  list: () => offsite.mark(unwrap(coreCall('backupHistory'))),
  offsiteStatus: () => offsite.status(),
  offsiteRecord: (how, options) => offsite.record(how, options),
  offsiteConfigure: (patch) => offsite.configure(patch),
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
  const op = Object.hasOwn(BACKUP_OPS, msg.op) ? BACKUP_OPS[msg.op] : null;
  if (!op) return fail('invalid_argument', `unknown backup operation ${msg.op}`);
  return { ok: true, value: await op(...(msg.args || [])) };
}

// The handler of each request type: msg -> an envelope (sync or async), and
// optionally transfer(value) -> the buffers to move with the reply.
const HANDLERS = {
  [Request.CALL]: {
    run: (msg) => (DESTRUCTIVE_CALLS.has(msg.method)
      ? undoable(() => coreCall(msg.method, msg.args))
      : coreCall(msg.method, msg.args)),
  },
  [Request.EXPORT]: { run: exportBackup, transfer: (v) => [v.bytes.buffer] },
  [Request.EXPORT_CSV]: { run: exportCsv, transfer: (v) => [v.bytes.buffer] },
  [Request.IMPORT]: {
    run: (msg) => {
      const work = () => importBackup(msg.id, msg.blob, msg.options, msg.validateOnly);
      return isDestructiveImport(msg) ? undoable(work) : work();
    },
  },
  [Request.DECRYPT]: { run: decryptBackup, transfer: (v) => [v.buffer] },
  [Request.BACKUP_PASSWORD]: { run: backupPassword },
  [Request.BACKUPS]: { run: backupOp, transfer: (v) => (v && v.bytes instanceof Uint8Array ? [v.bytes.buffer] : []) },
  [Request.EXEC]: { run: (msg) => (sb ? JSON.parse(sb.exec(msg.sql)) : notReady()) },
  [Request.BENCH_TTBAK]: { run: (msg) => (sb ? JSON.parse(sb.benchTtbak(msg.mib, msg.runs)) : notReady()) },
  [Request.IO_STATS]: { run: () => ({ ok: true, value: sb ? JSON.parse(sb.ioStats()) : null }) },
  [Request.SET_CLOCK]: {
    run: (msg) => {
      frozenMs = msg.ms;
      if (state === 'ready') runner.check().catch(() => {});  // a moved clock may make a run due
      return { ok: true, value: null };
    },
  },
  [Request.TAKEOVER]: {
    // Answers at once; how the takeover goes arrives as STATE messages.
    run: () => {
      if (state === 'elsewhere' || state === 'taken' || state === 'failed') open('steal');
      return { ok: true, value: null };
    },
  },
};

// Answers request `msg` exactly once: the envelope of its handler, or the
// failure it threw (a thrown value without a code: io_error), or
// invalid_argument for an unknown type. Never throws.
async function reply(msg) {
  const id = msg && msg.id;
  const handler = msg && Object.hasOwn(HANDLERS, msg.type) ? HANDLERS[msg.type] : null;
  let r;
  try {
    r = handler ? await handler.run(msg) : fail('invalid_argument', `unknown message ${msg && msg.type}`);
  } catch (e) {
    r = { ok: false, error: errorOf(e) };
  }
  let transfer = [];
  try {
    if (r.ok && handler && handler.transfer) transfer = handler.transfer(r.value);
  } catch {
    transfer = [];
  }
  try {
    self.postMessage(result(id, r), transfer);
  } catch (e) {
    // A value that cannot be cloned still gets its one reply.
    self.postMessage(result(id, { ok: false, error: errorOf(e) }));
  }
}

self.onmessage = (event) => {
  reply(event.data);
};

open('ifAvailable');
