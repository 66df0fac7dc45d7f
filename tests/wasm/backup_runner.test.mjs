// The backup runner (wasm/backup_runner.js) over the real wasm module under
// Node, with a clock the test moves and an in-memory folder: the schedule,
// catch-up, retention, failures, permission waits and restores.
process.env.TZ = 'America/New_York';  // DST changes: 03:00 local is 08:00 or 07:00 UTC

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BackupRunner } from '../../wasm/backup_runner.js';
import { BackupStore, PARTIAL } from '../../wasm/backup_store.js';
import { MemoryDirectory as MemDir } from '../../wasm/memory_directory.js';
import { openDb, tempDir } from './module.mjs';

async function setUp() {
  const s = {};  // s.opfsStore(store): a test's wrapper around the real store
  const t = tempDir();
  const clock = { ms: Date.UTC(2026, 2, 1, 17) };  // Sunday 1 March 2026, 12:00 in New York
  const db = await openDb(t.dir, { now: () => clock.ms });
  const env = (r) => { if (!r.ok) throw Object.assign(new Error(r.error.message), r.error); return r.value; };
  const collect = (method, args) => { const r = db.io(method, args, { collect: true }); return { ...env(r), bytes: r.bytes }; };
  const withSource = async (blob, method, args) => env(db.io(method, args, { input: new Uint8Array(await blob.arrayBuffer()) }));
  const opfs = new BackupStore(new MemDir('opfs'), 'opfs');
  const folder = new MemDir('Backups');
  const events = [];
  // The stored backup password, as the worker keeps it (wasm/stored_password.js needs
  // IndexedDB, so here it is a plain value); useStoredPassword resolves to it.
  const stored = { password: null };
  const usePassword = ({ useStoredPassword, ...rest } = {}) => {
    if (!useStoredPassword) return rest;
    if (stored.password === null) throw Object.assign(new Error('No backup password is stored.'), { code: 'password_required' });
    return { ...rest, password: stored.password };
  };
  const runner = new BackupRunner({
    call: (method, ...args) => db.call(method, ...args),
    exportJson: ({ encrypt = false } = {}) => collect('exportBackup', [usePassword({ useStoredPassword: encrypt })]),
    exportDatabase: () => collect('exportDatabase', []),
    validateBackup: (blob, o) => withSource(blob, 'validateBackup', [usePassword(o)]),
    importBackup: (blob, o) => withSource(blob, 'importBackup', [usePassword(o)]),
    inspectDatabase: (blob) => withSource(blob, 'inspectDatabase', []),
    importDatabase: (blob) => withSource(blob, 'importDatabase', []),
    storedPasswordSet: async () => stored.password !== null,
    storeFor: async (location) => {
      if (location === 'opfs') return s.opfsStore ? s.opfsStore(opfs) : opfs;
      if (folder.permission !== 'granted') throw Object.assign(new Error(`Streakbox needs permission to write to “${folder.name}”.`), { code: 'permission_needed' });
      return new BackupStore(folder, `folder:${folder.name}`);
    },
    nowMs: () => clock.ms,
    notify: (e) => events.push(e.event),
  });
  const at = (y, m, d, hh, mm = 0) => { clock.ms = Date.UTC(y, m - 1, d, hh, mm); };
  const scheduled = () => db.call('backupHistory').filter((e) => e.kind === 'scheduled');
  const done = () => { runner.stop(); db.close(); t.remove(); };
  return Object.assign(s, { db, runner, opfs, folder, clock, at, scheduled, events, stored, done });
}

test('a daily schedule runs at 03:00 local once per day, across a DST change', async () => {
  const s = await setUp();
  try {
    const p = s.db.call('createProfile', { name: 'Mom' });
    s.db.call('createTask', p, { title: 'Run' });
    s.db.call('configureBackups', { enabled: true, frequency: 'daily', retention_count: 3 });
    let st = await s.runner.check();
    assert.equal(st.due, false);
    assert.equal(st.next_due, '2026-03-02T08:00:00Z', '03:00 EST');
    s.at(2026, 3, 2, 7, 59);
    assert.equal((await s.runner.check()).due, false);
    assert.equal(s.scheduled().length, 0, 'nothing before 03:00');
    s.at(2026, 3, 2, 8, 0);
    st = await s.runner.check();
    assert.equal(s.scheduled().length, 1);
    assert.equal(st.due, false, 'one run per slot');
    const [entry] = s.scheduled();
    assert.equal(entry.status, 'ok');
    assert.equal(entry.location, 'opfs');
    assert.equal(entry.encrypted, false);
    assert.deepEqual(entry.counts, { profiles: 1, tasks: 1, task_checks: 0, daily_status: 0, days_off: 0 });
    assert.equal(entry.sha256.length, 64);
    const names = await s.opfs.names();
    assert.deepEqual(names, [entry.filename]);
    assert.ok(![...s.opfs.dir.files.keys()].some((n) => n.endsWith(PARTIAL)), 'no partial file left');
    assert.equal(entry.size, s.opfs.dir.files.get(entry.filename).length);

    // Spring forward on Sunday 8 March: 03:00 EDT is 07:00 UTC.
    s.at(2026, 3, 7, 12);
    await s.runner.check();
    s.at(2026, 3, 8, 6, 59);
    assert.equal((await s.runner.check()).due, false);
    const before = s.scheduled().length;
    s.at(2026, 3, 8, 7, 0);
    await s.runner.check();
    assert.equal(s.scheduled().length, Math.min(before + 1, 3));
    assert.equal(s.scheduled()[0].created_at, '2026-03-08T07:00:00Z');
  } finally {
    s.done();
  }
});

test('a week away gives one catch-up run; retention keeps N scheduled and every manual backup', async () => {
  const s = await setUp();
  try {
    // Something to back up: a backup counts only when it would restore, and the validator
    // refuses an empty instance's backup until the rules branch's fix lands.
    s.db.call('createProfile', { name: 'Mom' });
    s.db.call('configureBackups', { enabled: true, retention_count: 2 });
    const manual = await s.runner.runNow();
    assert.equal(manual.kind, 'manual');
    for (let day = 2; day <= 5; day++) {
      s.at(2026, 3, day, 9);
      await s.runner.check();
    }
    assert.equal(s.scheduled().length, 2, 'exactly N scheduled backups');
    s.at(2026, 3, 13, 9);  // a week later
    await s.runner.check();
    await s.runner.check();
    const list = s.db.call('backupHistory');
    assert.deepEqual(list.map((e) => [e.kind, e.created_at]), [
      ['scheduled', '2026-03-13T09:00:00Z'],
      ['scheduled', '2026-03-05T09:00:00Z'],
      ['manual', '2026-03-01T17:00:00Z'],
    ]);
    assert.equal((await s.opfs.names()).length, 3, 'files of removed entries are deleted');
    assert.equal(list[2].retention.reason, 'manual backups are never deleted automatically');
  } finally {
    s.done();
  }
});

test('a failed run is recorded and reported until a later one succeeds', async () => {
  const s = await setUp();
  try {
    // Something to back up: a backup counts only when it would restore, and the validator
    // refuses an empty instance's backup until the rules branch's fix lands.
    s.db.call('createProfile', { name: 'Mom' });
    s.db.call('configureBackups', { enabled: true, encrypt: true });
    s.at(2026, 3, 2, 9);
    const st = await s.runner.check();
    assert.equal(st.last_failed, true);
    assert.match(st.last_error, /^no_backup_password: /);
    assert.deepEqual(s.scheduled().map((e) => [e.status, e.encrypted]), [['failed', true]]);
    assert.equal((await s.runner.check()).due, false, 'no retry loop within the slot');
    s.db.call('configureBackups', { encrypt: false });
    s.at(2026, 3, 3, 9);
    const after = await s.runner.check();
    assert.equal(after.last_failed, false);
    assert.deepEqual(s.scheduled().map((e) => e.status), ['ok'], 'the older failure is pruned');
  } finally {
    s.done();
  }
});

test('with the stored password, encrypted scheduled runs write a .ttbak that verifies and restores', async () => {
  const s = await setUp();
  try {
    const p = s.db.call('createProfile', { name: 'Mom' });
    s.db.call('createTask', p, { title: 'Run' });
    s.stored.password = 'correct horse battery staple';
    s.db.call('configureBackups', { enabled: true, encrypt: true });
    s.at(2026, 3, 2, 9);
    const st = await s.runner.check();
    assert.equal(st.last_failed, false, st.last_error);
    const [entry] = s.scheduled();
    assert.equal(entry.encrypted, true);
    assert.match(entry.filename, /\.ttbak$/);
    const head = new Uint8Array(await (await s.opfs.read(entry.filename)).slice(0, 8).arrayBuffer());
    assert.equal(String.fromCharCode(...head), 'SBXTTBAK', 'the file on disk is sealed');
    const verified = await s.runner.verify(entry.id);
    assert.equal(verified.counts.tasks, 1, 'verify unlocks it with the stored password');
    s.db.call('deleteProfile', p);
    const restored = await s.runner.restore(entry.id);
    assert.equal(restored.integrity, 'ok');
    assert.deepEqual(s.db.call('listProfiles').map((x) => x.name), ['Mom']);
  } finally {
    s.done();
  }
});

test('a folder that needs permission makes the run wait, not fail', async () => {
  const s = await setUp();
  try {
    s.db.call('configureBackups', { enabled: true, location: 'folder' });
    s.folder.permission = 'prompt';
    s.at(2026, 3, 2, 9);
    const st = await s.runner.check();
    assert.equal(st.waiting.code, 'permission_needed');
    assert.match(st.waiting.message, /permission to write to “Backups”/);
    assert.equal(s.scheduled().length, 0, 'waiting is not an attempt');
    s.folder.permission = 'granted';
    const later = await s.runner.check();
    assert.equal(later.waiting, null);
    assert.equal(s.scheduled()[0].location, 'folder:Backups');
    assert.equal((await new BackupStore(s.folder).names()).length, 1);
  } finally {
    s.done();
  }
});

test('restore from history and from a database file, each with a safety snapshot', async () => {
  const s = await setUp();
  try {
    const p = s.db.call('createProfile', { name: 'Mom' });
    s.db.call('createTask', p, { title: 'Run' });
    const saved = await s.runner.runNow();
    s.db.call('deleteProfile', p);
    s.db.call('createProfile', { name: 'Dad' });
    const r = await s.runner.restore(saved.id);
    assert.equal(r.integrity, 'ok');
    assert.deepEqual(s.db.call('listProfiles').map((x) => x.name), ['Mom']);
    const safety = s.db.call('backupGet', r.safety_id);
    assert.equal(safety.kind, 'safety');
    assert.equal((await s.runner.verify(r.safety_id)).format, 'json');

    const dbFile = s.db.call('backupHistory').length;
    const image = await s.runner.deps.exportDatabase();
    s.db.call('createProfile', { name: 'Kid' });
    const back = await s.runner.restore(new Blob([image.bytes]), { expect: 'sqlite' });
    assert.equal(back.format, 'sqlite');
    assert.deepEqual(s.db.call('listProfiles').map((x) => x.name), ['Mom']);
    assert.equal(s.db.call('backupHistory').length, dbFile + 1, 'history survives, plus the new safety snapshot');
    assert.equal(s.db.call('backupGet', back.safety_id).format, 'sqlite');

    await assert.rejects(s.runner.restore(new Blob(['{"version":"1.1","profiles":[]}']), { expect: 'sqlite' }), { code: 'malformed' });
    await assert.rejects(s.runner.restore(new Blob(['SQLite format 3\0', new Uint8Array(4000)])), (e) => e.code === 'invalid' || e.code === 'malformed');
    assert.deepEqual(s.db.call('listProfiles').map((x) => x.name), ['Mom'], 'a refused restore changes nothing');
    assert.equal(s.db.call('backupHistory').length, dbFile + 1, 'and saves no safety snapshot');
  } finally {
    s.done();
  }
});

test('after a tab closed mid-backup: the run shows as failed and its partial file is deleted', async () => {
  const s = await setUp();
  try {
    s.db.call('configureBackups', { enabled: true });
    const id = s.db.call('backupBegin', { kind: 'scheduled', frequency: 'daily' });
    s.opfs.dir.files.set(`streakbox-scheduled-x-${id}.json${PARTIAL}`, new Uint8Array(10));
    s.opfs.dir.files.set('streakbox-manual-kept.json', new Uint8Array(3));
    await s.runner.recover();
    assert.deepEqual([...s.opfs.dir.files.keys()], ['streakbox-manual-kept.json']);
    const entry = s.db.call('backupGet', id);
    assert.equal(entry.status, 'failed');
    assert.match(entry.error, /^interrupted/);
  } finally {
    s.done();
  }
});

test('a file retention cannot delete leaves the new backup good and is removed after a later run', async () => {
  const s = await setUp();
  try {
    // Something to back up: a backup counts only when it would restore, and the validator
    // refuses an empty instance's backup until the rules branch's fix lands.
    s.db.call('createProfile', { name: 'Mom' });
    s.db.call('configureBackups', { enabled: true, retention_count: 1 });
    s.at(2026, 3, 2, 9);
    await s.runner.check();
    const remove = s.opfs.dir.removeEntry.bind(s.opfs.dir);
    s.opfs.dir.removeEntry = async () => { throw Object.assign(new Error('busy'), { name: 'InvalidModificationError' }); };
    s.at(2026, 3, 3, 9);
    await s.runner.check();
    assert.deepEqual(s.scheduled().map((e) => [e.status, e.retention.keep]), [['ok', true], ['ok', false]]);
    s.opfs.dir.removeEntry = remove;
    s.at(2026, 3, 4, 9);
    await s.runner.check();
    assert.deepEqual(s.scheduled().map((e) => e.created_at), ['2026-03-04T09:00:00Z']);
    assert.equal((await s.opfs.names()).length, 1);
  } finally {
    s.done();
  }
});

// --- Issue 9: undo, restores that say what changes, backups that would restore

const names = (s) => s.db.call('listProfiles').map((x) => x.name);

test('a destructive step saves a safety snapshot first, and restoring it undoes the step (with its own snapshot)', async () => {
  const s = await setUp();
  try {
    const mom = s.db.call('createProfile', { name: 'Mom' });
    const dad = s.db.call('createProfile', { name: 'Dad' });
    s.db.call('createTask', dad, { title: 'Walk' });
    let seen;
    const r = await s.runner.beforeDestructive(() => {
      seen = s.db.call('backupHistory').map((e) => e.kind);
      return s.db.call('deleteProfile', dad);
    });
    assert.deepEqual(seen, ['safety'], 'the snapshot is in the history before the step runs');
    assert.deepEqual(names(s), ['Mom']);
    const safety = s.db.call('backupGet', r.safety_id);
    assert.deepEqual([safety.kind, safety.status, safety.format], ['safety', 'ok', 'json']);
    const undo = await s.runner.restore(r.safety_id);
    assert.deepEqual(names(s), ['Dad', 'Mom']);
    assert.equal(s.db.call('listTasks', s.db.call('listProfiles')[0].id)[0].title, 'Walk');
    assert.notEqual(undo.safety_id, r.safety_id, 'the undo saved a snapshot of its own');
    assert.equal(s.db.call('backupHistory').filter((e) => e.kind === 'safety').length, 2);
    assert.ok(mom);
  } finally {
    s.done();
  }
});

test('no snapshot, no step: when the snapshot cannot be saved the destructive step does not run', async () => {
  const s = await setUp();
  try {
    const dad = s.db.call('createProfile', { name: 'Dad' });
    s.opfsStore = (store) => ({ ...store, location: 'opfs', write: async () => { throw Object.assign(new Error('disk full'), { code: 'storage_full' }); } });
    let ran = false;
    await assert.rejects(s.runner.beforeDestructive(() => { ran = true; return s.db.call('deleteProfile', dad); }), { code: 'storage_full' });
    assert.equal(ran, false);
    assert.deepEqual(names(s), ['Dad']);
  } finally {
    s.done();
  }
});

test('restore(id) refuses a history file that changed since it was saved, as damaged, and changes nothing', async () => {
  const s = await setUp();
  try {
    s.db.call('createProfile', { name: 'Mom' });
    const saved = await s.runner.runNow();
    const bytes = s.opfs.dir.files.get(saved.filename);
    const changed = bytes.slice();
    changed[changed.length - 3] ^= 0x01;
    s.opfs.dir.files.set(saved.filename, changed);
    s.db.call('createProfile', { name: 'Dad' });
    const history = s.db.call('backupHistory').length;
    await assert.rejects(s.runner.restore(saved.id), (e) => e.code === 'damaged' && /has changed since it was saved/.test(e.message));
    await assert.rejects(s.runner.verify(saved.id), { code: 'damaged' });
    assert.deepEqual(names(s), ['Dad', 'Mom']);
    assert.equal(s.db.call('backupHistory').length, history, 'no safety snapshot either');
  } finally {
    s.done();
  }
});

test('a run whose written file does not pass the import validator is recorded failed, not ok', async () => {
  const s = await setUp();
  try {
    s.db.call('createProfile', { name: 'Mom' });
    // The real store writes (and checks its checksum); then the bytes change on "disk" before the read-back.
    s.opfsStore = (store) => Object.assign(Object.create(store), {
      async write(name, bytes) {
        const written = await store.write(name, bytes);
        const file = store.dir.files.get(name).slice();
        file[file.indexOf(0x7b)] = 0x5b;  // the first '{' becomes '['
        store.dir.files.set(name, file);
        return written;
      },
    });
    await assert.rejects(s.runner.runNow(), (e) => /would not restore/.test(e.message));
    const [entry] = s.db.call('backupHistory');
    assert.equal(entry.status, 'failed');
    assert.match(entry.error, /would not restore/);
  } finally {
    s.done();
  }
});

test('a database whose rows break the import rules makes failed backups, not ok ones that cannot be restored', async () => {
  const s = await setUp();
  try {
    s.db.call('createProfile', { name: 'Mom' });
    const r = JSON.parse(s.db.sb.exec("UPDATE profiles SET color = 'red;background-image:url(x)'"));
    assert.equal(r.ok, true, JSON.stringify(r));
    s.db.call('configureBackups', { enabled: true });
    s.at(2026, 3, 2, 9);
    const st = await s.runner.check();
    assert.equal(st.last_failed, true);
    assert.deepEqual(s.scheduled().map((e) => e.status), ['failed']);
    assert.match(s.scheduled()[0].error, /would not restore.*colou?r/s);
  } finally {
    s.done();
  }
});

test('a restore keeps this browser\'s backup schedule by default, says how the file\'s differs, and takes it when asked', async () => {
  const s = await setUp();
  try {
    s.db.call('createProfile', { name: 'Mom' });
    s.db.call('configureBackups', { enabled: false, frequency: 'daily', retention_count: 14 });
    const json = await s.runner.runNow();
    const image = await s.runner.deps.exportDatabase();
    s.db.call('configureBackups', { enabled: true, frequency: 'weekly', retention_count: 30 });
    const here = { enabled: true, frequency: 'weekly', retention_count: 30, encrypt: false };
    const schedule = () => { const { location, ...rest } = s.db.call('backupSettings'); return rest; };

    const look = await s.runner.verify(json.id);
    assert.equal(look.changes.backup_settings.differ, true);
    assert.deepEqual(look.changes.backup_settings.fields, ['enabled', 'frequency', 'retention_count']);
    assert.deepEqual(look.changes.backup_settings.file, { enabled: false, frequency: 'daily', retention_count: 14, encrypt: false });
    assert.equal(look.changes.other_instance, false);

    const kept = await s.runner.restore(json.id);
    assert.equal(kept.changes.backup_settings.applied, 'kept');
    assert.deepEqual(schedule(), here, 'a JSON restore keeps this browser\'s schedule');
    const keptDb = await s.runner.restore(new Blob([image.bytes]), { expect: 'sqlite' });
    assert.equal(keptDb.changes.backup_settings.differ, true);
    assert.deepEqual(schedule(), here, 'so does a database restore');

    const taken = await s.runner.restore(json.id, { takeBackupSettings: true });
    assert.equal(taken.changes.backup_settings.applied, 'taken');
    assert.deepEqual(schedule(), { enabled: false, frequency: 'daily', retention_count: 14, encrypt: false });
  } finally {
    s.done();
  }
});

test('a restore says when the file comes from another Streakbox and that a stored password cannot come along', async () => {
  const s = await setUp();
  try {
    s.db.call('createProfile', { name: 'Mom' });
    const ours = await s.runner.deps.exportJson();
    const foreign = JSON.parse(new TextDecoder().decode(ours.bytes));
    foreign.instance_id = 'f'.repeat(32);
    const blob = new Blob([JSON.stringify(foreign)]);
    let look = await s.runner.preview(blob);
    assert.equal(look.changes.other_instance, true);
    assert.equal(look.changes.stored_password, 'none');
    s.stored.password = 'hunter2 hunter2';
    look = await s.runner.preview(blob);
    assert.equal(look.changes.stored_password, 'kept', 'a JSON restore keeps this browser\'s stored password');
    const image = await s.runner.deps.exportDatabase();
    look = await s.runner.preview(new Blob([image.bytes]));
    assert.equal(look.changes.other_instance, false);
  } finally {
    s.done();
  }
});
