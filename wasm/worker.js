// The Streakbox worker entry: a dedicated module Worker that owns the
// database. It loads the wasm module, takes the Web Lock that makes this tab
// the single owner, opens the OPFS files, and answers calls from the page.
//
// Page -> worker messages:
//   {type: 'call', id, method, args}   a core call (docs/API.md)
//   {type: 'takeover'}                 steal ownership from another tab
//   {type: 'setClock', ms}             tests: freeze the clock at ms (null: real time)
//   {type: 'exec', id, sql}            benchmarks: run an SQL script
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
import createStreakbox from './streakbox.mjs';
import { OpfsFiles } from './opfs_files.js';
import { BlobSource } from './blob_source.js';
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

/** Resolves true once this worker holds the lock, false when another tab does (and steal is false). */
function acquireLock(steal) {
  return new Promise((resolve) => {
    const options = steal ? { steal: true } : { ifAvailable: true };
    navigator.locks
      .request(LOCK_NAME, options, (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        resolve(true);
        return new Promise((release) => {
          releaseLock = release;
        });
      })
      .catch((e) => {
        if (e && e.name === 'AbortError') onStolen();
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

async function open(steal) {
  setState('opening');
  try {
    if (!(await acquireLock(steal))) {
      setState('elsewhere', 'Streakbox is open in another tab or window.');
      return;
    }
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

// The database's secret.* settings through the bindings, for StoredPassword.
function secrets() {
  const unwrap = (json) => {
    const r = JSON.parse(json);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
  return {
    get: (key) => unwrap(sb.getSecret(key)),
    set: (key, value) => unwrap(sb.setSecret(key, value)),
    remove: (key) => unwrap(sb.deleteSecret(key)),
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
    return JSON.parse(sb.importBackup(JSON.stringify(options || {}), !!validateOnly));
  } finally {
    module.streakboxSource = null;
    module.streakboxProgress = null;
  }
}

// Posts the envelope of work() (sync or async) for request `id`; a thrown
// error with a code becomes that failure. transfer(value) lists buffers to move.
async function answer(id, work, transfer = () => []) {
  let r;
  try {
    r = await work();
  } catch (e) {
    r = fail(e.code || 'internal', e.message || String(e));
  }
  self.postMessage({ type: 'result', id, ...r }, r.ok ? transfer(r.value) : []);
}

self.onmessage = (event) => {
  const msg = event.data;
  switch (msg.type) {
    case 'call':
      post({ type: 'result', id: msg.id, ...call(msg.method, msg.args) });
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
    case 'import':
      answer(msg.id, () => importBackup(msg.id, msg.blob, msg.options, msg.validateOnly));
      break;
    case 'decrypt':
      answer(msg.id, () => decryptBackup(msg), (v) => [v.buffer]);
      break;
    case 'backupPassword':
      answer(msg.id, () => backupPassword(msg));
      break;
    case 'setClock':
      frozenMs = msg.ms;
      post({ type: 'result', id: msg.id, ok: true, value: null });
      break;
    case 'takeover':
      if (state === 'elsewhere' || state === 'taken' || state === 'failed') open(true);
      break;
    default:
      post({ type: 'result', id: msg.id, ok: false, error: { code: 'invalid_argument', message: `unknown message ${msg.type}` } });
  }
};

open(false);
