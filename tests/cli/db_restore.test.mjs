// tools/streakbox db-inspect / db-restore on hostile database files: the files
// of tests/support/db_images.h, written by make_db_seeds with this build. Each
// is refused within a few seconds (a recursive view used to hang both
// commands), naming what is wrong, and the database restored into is unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = join(ROOT, 'build', 'native', 'core', 'streakbox');
const SEEDS = join(ROOT, 'build', 'native', 'tests', 'native', 'make_db_seeds');
const DATA = join(ROOT, 'tests', 'data', 'backups');

function run(bin, ...args) {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 20000 });
  assert.equal(r.signal, null, `${args.join(' ')} did not finish within 20 s`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// The database's content as export writes it, without the moment of the export.
function content(db) {
  return run(BIN, 'export', '--db', db).out.replace(/"exported_at":"[^"]*"/, '');
}

function withSeeds(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-db-'));
  try {
    assert.equal(run(SEEDS, dir).code, 0);
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The words each refusal must contain (as in tests/support/db_images.h).
const REFUSALS = {
  'trigger-empties-on-check': "trigger 'wipe'",
  'trigger-switches-backups-off': "trigger 'schedule_off'",
  'trigger-erases-safety-snapshots': "trigger 'forget'",
  'view-instead-of-table': "view 'daily_status'",
  'recursive-view': "view 'tasks'",
  'extra-table': "table 'notes'",
  'extra-index': "index 'tasks_by_title'",
  'extra-column': "column 'style'",
  'bad-colour': 'profiles row id 1, column color',
  'duplicate-titles': 'tasks row id 8, column title',
  'empty-title': 'tasks row id 8, column title',
  'bad-check-time': "task_checks row task_id 8, date '2026-03-08', column checked_at",
  'date-injects-json': 'task_checks row task_id 7',
  'blob-title': 'tasks row id 8: title holds a blob',
  'orphan-task': 'tasks row id 9: profile_id 42 names no profiles row',
};

test('db-inspect and db-restore refuse every hostile file, naming it, and change nothing', () => withSeeds((dir) => {
  const db = join(dir, 'app.sqlite');
  assert.equal(run(BIN, 'import', '--db', db, join(DATA, 'seed-server-all.json')).code, 0);
  const before = content(db);
  const hostile = readdirSync(dir).filter((f) => f.endsWith('.db') && !f.startsWith('streakbox-'));
  assert.deepEqual(hostile.map((f) => f.slice(0, -3)).sort(), Object.keys(REFUSALS).sort());
  for (const file of hostile) {
    const words = REFUSALS[file.slice(0, -3)];
    const inspect = run(BIN, 'db-inspect', join(dir, file));
    assert.equal(inspect.code, 1, `${file}: ${inspect.out}`);
    assert.ok(inspect.err.includes(words), `${file}: ${inspect.err}`);
    const restore = run(BIN, 'db-restore', '--db', db, join(dir, file));
    assert.equal(restore.code, 1, `${file}: ${restore.out}`);
    assert.ok(restore.err.includes(words), `${file}: ${restore.err}`);
    assert.equal(content(db), before, `${file}: a refused restore changed nothing`);
  }
}));

test('db-restore of versions 1 and 2 keeps this database\'s instance id; db-inspect says whether a stored password is in the file', () => withSeeds((dir) => {
  const db = join(dir, 'app.sqlite');
  assert.equal(run(BIN, 'import', '--db', db, join(DATA, 'seed-server-all.json')).code, 0);
  const ours = JSON.parse(run(BIN, 'export', '--db', db).out).instance_id;
  for (const version of [1, 2]) {
    const file = join(dir, `streakbox-v${version}.db`);
    const info = JSON.parse(run(BIN, 'db-inspect', file).out);
    assert.equal(info.schema_version, version);
    assert.equal(info.stored_password, false);
    assert.notEqual(info.instance_id, ours);
    const restored = run(BIN, 'db-restore', '--db', db, file);
    assert.equal(restored.code, 0, restored.err);
    const after = JSON.parse(run(BIN, 'export', '--db', db).out);
    assert.equal(after.instance_id, ours);
    assert.deepEqual(after.profiles.map((p) => p.profile.name), ['Dad']);
    assert.deepEqual(after.counts, { profiles: 1, tasks: 2, task_checks: 3, daily_status: 1, days_off: 0 });
  }
}));
