// tools/streakbox validate / inspect / import on Loop Habit Tracker backups:
// the committed fixtures of tests/data/loop/ (tools/make-loop-files), which
// are recognised by content whatever their name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = join(ROOT, 'build', 'native', 'core', 'streakbox');
const LOOP = join(ROOT, 'tests', 'data', 'loop');

function run(...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 20000 });
  assert.equal(r.signal, null, `${args.join(' ')} did not finish within 20 s`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function withDir(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-loop-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The database's content as export writes it, without the moment of the export.
function content(db) {
  return run('export', '--db', db).out.replace(/"exported_at":"[^"]*"/, '');
}

test('validate names a Loop file and what it holds, for every fixture version', () => {
  for (const v of [8, 11, 12, 14, 16, 18, 21, 22, 23, 24, 25]) {
    const r = run('validate', join(LOOP, `loop-v${v}.db`));
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, new RegExp(`^valid: 1 profile, 6 tasks, .* \\(a Loop Habit Tracker backup, schema ${v}\\)\\n$`));
  }
});

test('inspect shows the per-habit preview: renamed duplicates, entries, what is left out', () => {
  const r = run('inspect', join(LOOP, 'loop-v25.db'));
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out).source;
  assert.equal(s.app, 'loop');
  assert.equal(s.schema_version, 25);
  assert.deepEqual(s.habits.map((h) => h.title), ['Run', 'Run (2)', 'Read', 'Stretch', 'Water', 'Smoke']);
  assert.equal(s.habits[1].renamed, true);
  assert.deepEqual(s.habits[0].left_out, ['colour', 'reminder', 'scores']);
  assert.deepEqual(s.habits[0].not_imported, { implicit: 1, not_done: 1, unknown: 0 });
});

test('import brings a Loop file (any name) into the profile "Loop" or one named, and again changes nothing', () => withDir((dir) => {
  const db = join(dir, 'app.sqlite');
  const file = join(dir, 'Loop Habits Backup 2026-03-10 120000.bak');  // the name does not matter
  copyFileSync(join(LOOP, 'loop-v24.db'), file);
  let r = run('import', '--db', db, '--mode', 'merge', file);
  assert.equal(r.code, 0, r.out + r.err);
  const report = JSON.parse(r.out);
  assert.equal(report.profiles[0].name, 'Loop');
  assert.equal(report.profiles[0].tasks.added, 6);
  assert.equal(report.source.schema_version, 24);
  const once = content(db);
  r = run('import', '--db', db, '--mode', 'merge', file);
  assert.equal(r.code, 0, r.out + r.err);
  assert.equal(JSON.parse(r.out).profiles[0].task_checks.added, 0);
  assert.equal(content(db), once);
  r = run('import', '--db', db, '--profile-name', 'Phone', join(LOOP, 'loop-v12.db'));
  assert.equal(r.code, 0, r.out + r.err);
  assert.equal(JSON.parse(r.out).profiles[0].name, 'Phone');
}));

test('a newer Loop, a Loop file with triggers and a dry run: refused or harmless, nothing changed', () => withDir((dir) => {
  const db = join(dir, 'app.sqlite');
  assert.equal(run('import', '--db', db, join(LOOP, 'loop-v25.db')).code, 0);
  const before = content(db);
  let r = run('import', '--db', db, join(LOOP, 'loop-v26.db'));
  assert.equal(r.code, 1);
  assert.match(r.out + r.err, /newer Loop Habit Tracker \(schema 26\); Streakbox reads up to 25/);
  r = run('import', '--db', db, '--dry-run', '--profile-name', 'Other', join(LOOP, 'loop-v25-trigger.db'));
  assert.equal(r.code, 0, r.out + r.err);
  assert.deepEqual(JSON.parse(r.out).source.ignored_objects, ["trigger 'wipe'", "view 'everything'"]);
  assert.equal(content(db), before);
}));
