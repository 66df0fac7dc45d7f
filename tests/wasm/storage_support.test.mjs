// Where the browser cannot keep the database: the capability verdict
// (wasm/storage_support.js), the plain words for storage errors
// (wasm/storage_errors.js), and the real module opened in memory
// (wasm/memory_files.js) through the same VFS and call surface as on OPFS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findStorage, storageSupport } from '../../wasm/storage_support.js';
import { plainStorageError } from '../../wasm/storage_errors.js';
import { MemoryFiles } from '../../wasm/memory_files.js';
import { openDb, FILE_NAMES } from './module.mjs';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const ALL_GOOD = { locks: true, getDirectory: 'ok', syncHandle: 'ok' };

test('a browser with OPFS, working sync access handles and Web Locks keeps the database', () => {
  assert.deepEqual(storageSupport(ALL_GOOD), { ok: true, missing: [], reason: '' });
});

test('Firefox private windows (getDirectory throws SecurityError) open in memory', () => {
  const v = storageSupport({ ...ALL_GOOD, getDirectory: 'SecurityError', syncHandle: null });
  assert.equal(v.ok, false);
  assert.deepEqual(v.missing, ['opfs']);
  assert.match(v.reason, /does not let websites keep files, as private windows do/);
});

test('WebKitGTK (createSyncAccessHandle throws NotSupportedError) opens in memory', () => {
  const v = storageSupport({ ...ALL_GOOD, syncHandle: 'NotSupportedError' });
  assert.deepEqual([v.ok, v.missing], [false, ['sync_access_handle']]);
  assert.match(v.reason, /cannot give Streakbox the kind of file access/);
  assert.deepEqual(storageSupport({ ...ALL_GOOD, syncHandle: 'missing' }).missing, ['sync_access_handle']);
});

test('no navigator.storage.getDirectory, or no Web Locks, opens in memory', () => {
  assert.deepEqual(storageSupport({ locks: true, getDirectory: 'missing', syncHandle: null }).missing, ['opfs']);
  const v = storageSupport({ ...ALL_GOOD, locks: false });
  assert.deepEqual([v.ok, v.missing], [false, ['web_locks']]);
  assert.match(v.reason, /two tabs/);
});

test('a failure that is not a refusal (quota, unknown) is left to the real open and its own message', () => {
  assert.equal(storageSupport({ ...ALL_GOOD, syncHandle: 'QuotaExceededError' }).ok, true);
  assert.equal(storageSupport({ ...ALL_GOOD, getDirectory: 'UnknownError', syncHandle: null }).ok, true);
});

test('findStorage under Node (no navigator.storage, no navigator.locks) finds nothing and never rejects', async () => {
  const found = await findStorage(globalThis);
  assert.deepEqual(found, { locks: false, getDirectory: 'missing', syncHandle: null });
  assert.deepEqual(storageSupport(found).missing, ['opfs', 'web_locks']);
});

test('storage errors get plain words: no numeric DOMException code, Reload only where it can help', () => {
  const names = ['SecurityError', 'NotSupportedError', 'QuotaExceededError', 'NoModificationAllowedError',
    'NotAllowedError', 'NotFoundError', 'InvalidStateError', 'NotReadableError', 'SomethingNewError'];
  for (const name of names) {
    const e = new DOMException('Security error when calling GetDirectory', name);
    const plain = plainStorageError(e, 'open the database');
    assert.equal(plain.name, 'StreakboxError');
    assert.match(plain.message, /^could not open the database: /);
    assert.doesNotMatch(plain.message, /\d|Error|GetDirectory/, `${name}: ${plain.message}`);
    assert.equal(typeof plain.reloadHelps, 'boolean');
  }
  const quota = plainStorageError(new DOMException('full', 'QuotaExceededError'), 'open the database');
  assert.deepEqual([quota.code, quota.reloadHelps], ['storage_full', true]);
  assert.match(quota.message, /no room left/);
  assert.equal(plainStorageError(new DOMException('x', 'SecurityError'), 'open the database').reloadHelps, false);
  // A damaged database keeps the core's code and message; a reload cannot mend it.
  const corrupt = plainStorageError(Object.assign(new Error('the database file is damaged'), { code: 'corrupt' }));
  assert.deepEqual([corrupt.code, corrupt.message, corrupt.reloadHelps], ['corrupt', 'the database file is damaged', false]);
});

test('the real module opens in memory: checks, backups in and out, the database file, and nothing kept', async () => {
  const db = await openDb(null, { now: NOW, files: new MemoryFiles(FILE_NAMES) });
  const mom = db.call('createProfile', { name: 'Mom' });
  const tasks = [];
  for (let i = 0; i < 10; i++) tasks.push(db.call('createTask', mom, { title: `Task ${i}`, required: i < 2 }));
  // 200 days of checks: enough commits that the WAL grows, is checkpointed and the files are re-read.
  const day = (n) => new Date(NOW - n * 86400000).toISOString().slice(0, 10);
  for (let n = 0; n < 200; n++) for (const t of tasks) db.call('setCheck', mom, t, day(n), true);
  assert.deepEqual(db.call('getStreak', mom), { current: 200, best: 200 });
  assert.deepEqual(db.call('integrityCheck'), ['ok']);
  const json = db.io('exportBackup', [{}], { collect: true });
  assert.equal(json.ok, true);
  const file = db.io('exportDatabase', [], { collect: true });
  assert.equal(file.ok, true, JSON.stringify(file.error));
  db.close();

  // A new tab: a fresh in-memory database holds nothing of the last one.
  const next = await openDb(null, { now: NOW, files: new MemoryFiles(FILE_NAMES) });
  assert.deepEqual(next.call('listProfiles'), []);
  const checked = next.io('validateBackup', [{}], { input: json.bytes });
  assert.equal(checked.ok, true, JSON.stringify(checked.error));
  assert.equal(checked.value.counts.task_checks, 2000);
  const inspected = next.io('inspectDatabase', [], { input: file.bytes });
  assert.equal(inspected.ok, true, JSON.stringify(inspected.error));
  const imported = next.io('importBackup', [{ mode: 'replace' }], { input: json.bytes });
  assert.equal(imported.ok, true, JSON.stringify(imported.error));
  const [back] = next.call('listProfiles');
  assert.equal(back.name, 'Mom');
  assert.deepEqual(next.call('getStreak', back.id), { current: 200, best: 200 });
  const again = next.io('exportBackup', [{}], { collect: true });
  assert.equal(again.ok, true);
  assert.equal(JSON.parse(new TextDecoder().decode(again.bytes)).profiles[0].task_checks.length, 2000);
  next.close();
});

test('MemoryFiles reads back what was written, with gaps as zeros and truncation', () => {
  const f = new MemoryFiles(['a']);
  assert.equal(f.lookup('a'), 0);
  assert.equal(f.lookup('b'), -1);
  assert.equal(f.write(0, new Uint8Array([1, 2, 3]), 0), 0);
  assert.equal(f.truncate(0, 1), 0);
  assert.equal(f.write(0, new Uint8Array([9]), 4), 0);
  const out = new Uint8Array(8);
  assert.equal(f.read(0, out, 0), 5);
  assert.deepEqual([...out.subarray(0, 5)], [1, 0, 0, 0, 9]);
  assert.equal(f.size(0), 5);
  assert.equal(f.read(0, out, 10), 0);
  assert.equal(f.read(3, out, 0), -1);
});
