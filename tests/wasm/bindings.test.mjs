// The module's bindings under Node: the real wasm build (core + SQLite +
// the "opfs" VFS) over real files, through the same call surface the worker uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, tempDir, DB } from './module.mjs';

// 2026-03-10T12:00:00Z: local date is 2026-03-10 in any zone within ±11h.
const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

async function withTemp(fn) {
  const t = tempDir();
  try {
    return await fn(t.dir);
  } finally {
    t.remove();
  }
}
const withDb = withTemp;

function rejects(fn, code) {
  assert.throws(fn, (e) => {
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    assert.ok(e.message.length > 0);
    return true;
  });
}

test('profiles, tasks, checks and streaks through the bindings', () => withDb(async (dir) => {
  const db = await openDb(dir, { now: NOW });
  const mom = db.call('createProfile', { name: 'Mom', color: '#3b82f6' });
  const run = db.call('createTask', mom, { title: 'Morning run', description: '30 min' });
  const read = db.call('createTask', mom, { title: 'Read', required: false });
  db.call('setCheck', mom, run, '2026-03-09', true);
  db.call('setCheck', mom, run, '2026-03-10', true);
  const day = db.call('getDay', mom, '2026-03-10');
  assert.equal(day.completed_at, '2026-03-10T12:00:00Z');
  assert.deepEqual(day.tasks.map((t) => [t.id, t.checked, t.required]), [[run, true, true], [read, false, false]]);
  assert.deepEqual(db.call('getStreak', mom), { current: 2, best: 2 });
  db.call('setCheck', mom, run, '2026-03-10', false);
  assert.equal(db.call('getDay', mom, '2026-03-10').completed_at, null);
  assert.deepEqual(db.call('getStreak', mom), { current: 1, best: 1 });
  db.close();
}));

test('a committed change survives closing and reopening the database', () => withDb(async (dir) => {
  let db = await openDb(dir, { now: NOW });
  const p = db.call('createProfile', { name: 'Dad' });
  const t = db.call('createTask', p, { title: 'Stretch' });
  db.call('setCheck', p, t, '2026-03-10', true);
  // No close(): like a tab killed after the commit. The WAL holds the data.
  db.files.close();
  assert.ok(statSync(join(dir, `${DB}-wal`)).size > 0, 'the commit is in the WAL');
  db = await openDb(dir, { now: NOW });
  assert.deepEqual(db.call('listProfiles').map((x) => x.name), ['Dad']);
  assert.equal(db.call('getDay', p, '2026-03-10').tasks[0].checked, true);
  db.close();
}));

test('each commit reaches storage with a flush, in few large writes', () => withDb(async (dir) => {
  const db = await openDb(dir, { now: NOW });
  const p = db.call('createProfile', { name: 'Kid' });
  const t = db.call('createTask', p, { title: 'Homework' });
  const before = { ...db.files.calls };
  db.call('setCheck', p, t, '2026-03-10', true);
  const writes = db.files.calls.write - before.write;
  const flushes = db.files.calls.flush - before.flush;
  assert.equal(flushes, 1, 'one durable flush per commit');
  assert.equal(writes, 1, 'the commit\'s WAL frames are coalesced into one write');
  db.close();
}));

test('bad input is rejected with a stable code and changes nothing', () => withDb(async (dir) => {
  const db = await openDb(dir, { now: NOW });
  const p = db.call('createProfile', { name: 'Mom' });
  const t = db.call('createTask', p, { title: 'Run' });
  rejects(() => db.call('createProfile', { name: '' }), 'invalid_argument');
  rejects(() => db.call('createProfile', { name: 'Mom' }), 'already_exists');
  rejects(() => db.call('createTask', p, { title: 'Run' }), 'already_exists');
  rejects(() => db.call('setCheck', p, t, '2026-02-30', true), 'invalid_date');
  rejects(() => db.call('setCheck', p, t, '2026-03-11', true), 'invalid_date');
  rejects(() => db.call('deleteTask', 999), 'not_found');
  rejects(() => db.call('updateProfile', 999, { name: 'X' }), 'not_found');
  rejects(() => db.call('noSuchMethod'), 'invalid_argument');
  assert.equal(db.call('listProfiles').length, 1);
  assert.equal(db.call('listTasks', p).length, 1);
  assert.equal(db.call('getDay', p, '2026-03-10').completed_at, null);
  db.close();
}));

test('a full disk fails the write with storage_full and keeps the old data', () => withDb(async (dir) => {
  const db = await openDb(dir, { now: NOW });
  const p = db.call('createProfile', { name: 'Mom' });
  db.files.failWrites = true;
  rejects(() => db.call('createProfile', { name: 'Dad' }), 'storage_full');
  db.files.failWrites = false;
  assert.deepEqual(db.call('listProfiles').map((x) => x.id), [p]);
  db.call('createProfile', { name: 'Dad' });
  assert.equal(db.call('listProfiles').length, 2);
  db.close();
}));

test('unicode names round-trip and info reports the schema', () => withDb(async (dir) => {
  const db = await openDb(dir, { now: NOW });
  const p = db.call('createProfile', { name: 'Zoë 🌱', color: '#10b981' });
  assert.equal(db.call('getProfile', p).name, 'Zoë 🌱');
  const info = db.call('info');
  assert.equal(info.schema_version, 4);
  assert.match(info.sqlite_version, /^3\.53\./);
  assert.match(info.instance_id, /^[0-9a-f]{32}$/);
  db.close();
}));

test('a large transaction, a checkpoint and a reopen keep every row intact', () => withDb(async (dir) => {
  let db = await openDb(dir, { now: NOW });
  const p = db.call('createProfile', { name: 'Mom' });
  const t = db.call('createTask', p, { title: 'Run' });
  // 2000 days of checks in one transaction: about 1.5 MB of WAL, read back
  // through the VFS's read window during the checkpoint.
  const bulk = JSON.parse(db.sb.exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
    INSERT INTO task_checks (task_id, date, checked, checked_at)
    SELECT ${t}, date('2020-01-01', '+' || i || ' days'), 1, '2026-01-01T00:00:00Z' FROM n;
    PRAGMA wal_checkpoint(TRUNCATE);`));
  assert.ok(bulk.ok, JSON.stringify(bulk));
  db.call('setCheck', p, t, '2026-03-10', true);
  db.close();
  db = await openDb(dir, { now: NOW });
  assert.deepEqual(db.call('integrityCheck'), ['ok']);
  const history = db.call('getHistory', p, '2020-01-01', '2026-03-10');
  assert.equal(history.length, 2001);
  assert.equal(history[1999].date, '2025-06-22');
  assert.deepEqual(db.call('getTaskStreaks', p), [{ task_id: t, current: 1, best: 2000, counted_in: 'days', period: null }]);
  // getProgress over the same six years: the runs' dates and this week's and month's rates.
  const progress = db.call('getProgress', p);
  assert.equal(progress.first_day, '2020-01-01');
  // The bulk rows bypassed day completion: the profile's streak is today's alone, as getStreak says.
  assert.deepEqual(db.call('getStreak', p), { current: 1, best: 1 });
  assert.deepEqual(progress.streak, {
    current: 1, best: 1, current_from: '2026-03-10', current_to: '2026-03-10', best_from: '2026-03-10', best_to: '2026-03-10',
  });
  const [run] = progress.tasks;
  assert.deepEqual({ ...run, weeks: undefined, months: undefined }, {
    task_id: t, counted_in: 'days', current: 1, best: 2000, current_from: '2026-03-10', current_to: '2026-03-10',
    best_from: '2020-01-01', best_to: '2025-06-22', weeks: undefined, months: undefined,
  });
  assert.equal(run.weeks.length, 12);
  assert.deepEqual(run.weeks.at(-1), { start: '2026-03-09', met: 1, counted: 2 });
  assert.deepEqual(run.months.at(-1), { start: '2026-03-01', met: 1, counted: 10 });
  assert.deepEqual(run.months[2], { start: '2025-06-01', met: 22, counted: 30 });
  db.close();
}));

// --- Issue 9: one strict call surface --------------------------------------

// A one-profile backup "Rejected" made by a second, independent module: the
// data a refused import must not leave behind.
async function rejectedBackup(dir) {
  const other = await openDb(dir, { now: NOW });
  try {
    const p = other.call('createProfile', { name: 'Rejected' });
    other.call('createTask', p, { title: 'Rejected task' });
    const r = other.io('exportBackup', [{}], { collect: true });
    assert.ok(r.ok, JSON.stringify(r));
    return r.bytes;
  } finally {
    other.close();
  }
}

test('the file methods are in the one table; wrong import options are refused by name and change nothing', () => withDb(async (dir) => {
  const backup = await withTemp(rejectedBackup);
  const db = await openDb(dir, { now: NOW });
  const mom = db.call('createProfile', { name: 'Mom' });
  db.call('createProfile', { name: 'Dad' });
  const everything = () => JSON.stringify([db.call('listProfiles'), db.call('listTasks', mom)]);
  const before = everything();
  const cases = [
    [{ mode: 'replace', profileId: '1' }, /options\.profileId must be a positive integer id/],
    [{ mode: 'replace', profileId: 0 }, /options\.profileId must be a positive integer id/],
    [{ mode: 5 }, /options\.mode must be 'replace' or 'merge'/],
    [{ dryRun: 'yes' }, /options\.dryRun must be true or false/],
    [{ tasksOnly: 1 }, /options\.tasksOnly must be true or false/],
    [{ mode: 'replace', profile: 1 }, /options has no field 'profile'/],
  ];
  for (const [options, message] of cases) {
    const r = db.io('importBackup', [options], { input: backup });
    assert.equal(r.ok, false, JSON.stringify(options));
    assert.equal(r.error.code, 'invalid_argument', JSON.stringify(options));
    assert.match(r.error.message, message);
  }
  assert.equal(everything(), before, 'nothing changed');
  const exported = db.io('exportBackup', [{ profileId: mom }], { collect: true });
  assert.ok(exported.ok, JSON.stringify(exported));
  assert.equal(JSON.parse(Buffer.from(exported.bytes).toString('utf8')).profiles.length, 1);
  assert.equal(db.io('exportBackup', [{ profileId: null }], { collect: true }).error.code, 'invalid_argument');
  assert.ok(db.io('validateBackup', [{}], { input: backup }).ok);
  const image = db.io('exportDatabase', [], { collect: true });
  assert.ok(image.ok);
  assert.equal(db.io('inspectDatabase', [], { input: image.bytes }).value.counts.profiles, 2);
  db.close();
}));

// Before: the header check threw an nlohmann exception through Embind (the
// page saw a number such as "5558688") and left the import transaction open.
test('a header field of the wrong type fails as a clean envelope and leaves no transaction open', () => withDb(async (dir) => {
  const backup = JSON.parse(Buffer.from(await withTemp(rejectedBackup)).toString('utf8'));
  const db = await openDb(dir, { now: NOW });
  db.call('createProfile', { name: 'Mom' });
  const file = Buffer.from(JSON.stringify({ ...backup, scope: 5 }));
  for (const method of ['validateBackup', 'importBackup']) {
    const r = db.io(method, [{}], { input: file });
    assert.equal(r.ok, false, method);
    assert.ok(['invalid', 'internal'].includes(r.error.code), `${method}: ${JSON.stringify(r.error)}`);
    assert.ok(r.error.message.length > 0);
  }
  // A write works at once, and none of the rejected file's data is there.
  db.call('createProfile', { name: 'Dad' });
  assert.deepEqual(db.call('listProfiles').map((p) => p.name), ['Dad', 'Mom']);
  db.close();
}));

test('a source that throws mid-import is a failure, not an exception through the module', () => withDb(async (dir) => {
  const backup = await withTemp(rejectedBackup);
  const db = await openDb(dir, { now: NOW });
  db.call('createProfile', { name: 'Mom' });
  let reads = 0;
  const breaking = {
    size: () => backup.length,
    rewind: () => {},
    read: (view) => {
      if (++reads > 2) throw new Error('the file went away');
      view[0] = backup[reads - 1];
      return 1;
    },
  };
  const r = JSON.parse((() => {
    db.module.streakboxSource = breaking;
    try { return db.sb.call('importBackup', '[{}]'); } finally { db.module.streakboxSource = null; }
  })());
  assert.equal(r.ok, false);
  db.call('createProfile', { name: 'Dad' });
  assert.deepEqual(db.call('listProfiles').map((p) => p.name), ['Dad', 'Mom']);
  db.close();
}));

test('the exec hook never leaves a transaction open either', () => withDb(async (dir) => {
  const db = await openDb(dir, { now: NOW });
  const half = JSON.parse(db.sb.exec("BEGIN; INSERT INTO settings (key, value) VALUES ('secret.half', 'x'); SELECT nope;"));
  assert.equal(half.ok, false);
  const open = JSON.parse(db.sb.exec("BEGIN; INSERT INTO settings (key, value) VALUES ('secret.open', 'x');"));
  assert.equal(open.ok, false);
  assert.match(open.error.message, /left a transaction open/);
  assert.equal(db.call('getSecret', 'secret.half'), null);
  assert.equal(db.call('getSecret', 'secret.open'), null);
  db.call('createProfile', { name: 'After' });
  db.close();
}));
