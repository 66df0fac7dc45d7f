// tools/streakbox, the native command-line tool, run as a user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = join(ROOT, 'build', 'native', 'core', 'streakbox');
const DATA = join(ROOT, 'tests', 'data', 'backups');

function run(...args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function withTemp(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-cli-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('validate prints a one-line summary for a good file', () => {
  const r = run('validate', join(DATA, 'seed-server-all.json'));
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'valid: 2 profiles, 3 tasks, 3 checks, 2 completed days\n');
});

test('validate prints one line per problem with its JSON path and exits 1', () => withTemp((dir) => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ version: '1.0', profiles: [{ profile: { name: '' }, tasks: [{ title: 'A' }, { title: 'A' }] }] }));
  const r = run('validate', bad);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.deepEqual(lines.map((l) => l.split(': ')[0]), ['$.profiles[0].profile.name', '$.profiles[0].tasks[1].title']);
}));

test('a newer format and broken JSON are told apart', () => withTemp((dir) => {
  writeFileSync(join(dir, 'new.json'), '{"version":"2.0","profiles":[]}');
  writeFileSync(join(dir, 'broken.json'), '{"version":"1.0",\n"profiles":[}');
  const newer = run('validate', join(dir, 'new.json'));
  assert.equal(newer.code, 1);
  assert.match(newer.out, /newer Streakbox/);
  const broken = run('validate', join(dir, 'broken.json'));
  assert.equal(broken.code, 1);
  assert.match(broken.out, /line 2, column \d+/);
}));

test('inspect prints the header as JSON', () => {
  const r = run('inspect', join(DATA, 'seed-docs-example.json'));
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.header.version, '1.0');
  assert.deepEqual(j.counts, { profiles: 1, tasks: 1, task_checks: 1, daily_status: 1, days_off: 0, skips: 0, amounts: 0, notes: 0 });
  assert.deepEqual(j.profile_names, ['Mom']);
});

test('validate and inspect count the days off, skips, amounts and notes of a 1.2 file', () => {
  const file = join(DATA, 'every-kind-source.json');
  const r = run('validate', file);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, 'valid: 2 profiles, 9 tasks, 23 checks, 2 completed days, 3 days off, 3 skipped, 9 amounts, 6 notes\n');
  const j = JSON.parse(run('inspect', file).out);
  assert.deepEqual(j.counts, { profiles: 2, tasks: 9, task_checks: 23, daily_status: 2, days_off: 3, skips: 3, amounts: 9, notes: 6 });
});

test('validate names the path of a schedule that can never be met', () => withTemp((dir) => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ version: '1.2', profiles: [{ profile: { name: 'P' },
    tasks: [{ title: 'A' }, { title: 'B', schedule: { type: 'per_week', times: 8 } }] }] }));
  const r = run('validate', bad);
  assert.equal(r.code, 1);
  assert.equal(r.out, '$.profiles[0].tasks[1].schedule.times: must be 1 to 7 for a weekly schedule\n');
}));

test('import into a new database, export, re-import: a round trip', () => withTemp((dir) => {
  const db = join(dir, 'app.db');
  const imp = run('import', '--db', db, join(DATA, 'seed-server-all.json'));
  assert.equal(imp.code, 0, imp.err);
  const report = JSON.parse(imp.out);
  assert.deepEqual(report.profiles.map((p) => [p.name, p.action]), [['Mom', 'created'], ['Kid', 'created']]);
  const out = join(dir, 'backup.json');
  const exp = run('export', '--db', db, '-o', out);
  assert.equal(exp.code, 0, exp.err);
  assert.ok(!existsSync(`${out}.tmp`), 'no temporary file left behind');
  assert.equal(run('validate', out).code, 0);
  const db2 = join(dir, 'copy.db');
  assert.equal(run('import', '--db', db2, out).code, 0);
  const again = join(dir, 'again.json');
  assert.equal(run('export', '--db', db2, '-o', again).code, 0);
  const strip = (f) => { const j = JSON.parse(readFileSync(f, 'utf8')); delete j.exported_at; delete j.instance_id; return j; };
  assert.deepEqual(strip(again), strip(out));
}));

test('export of one profile by name, and dry-run import changes nothing', () => withTemp((dir) => {
  const db = join(dir, 'app.db');
  assert.equal(run('import', '--db', db, join(DATA, 'seed-server-all.json')).code, 0);
  const kid = run('export', '--db', db, '--profile', 'Kid');
  assert.equal(kid.code, 0, kid.err);
  assert.equal(JSON.parse(kid.out).scope, 'profile');
  const before = run('export', '--db', db).out;
  const dry = run('import', '--db', db, '--dry-run', '--mode', 'replace', join(DATA, 'seed-docs-example.json'));
  assert.equal(dry.code, 0, dry.err);
  assert.equal(JSON.parse(dry.out).dry_run, true);
  const after = run('export', '--db', db).out;
  assert.equal(JSON.parse(after).counts.profiles, JSON.parse(before).counts.profiles);
  assert.equal(run('export', '--db', db, '--profile', 'Nobody').code, 1);
}));

test('usage errors exit 2', () => {
  assert.equal(run().code, 2);
  assert.equal(run('frobnicate').code, 2);
  assert.equal(run('validate').code, 2);
  assert.equal(run('import', join(DATA, 'seed-docs-example.json')).code, 2);
  assert.equal(run('import', '--db', '/tmp/x.db', '--mode', 'sideways', join(DATA, 'seed-docs-example.json')).code, 2);
  assert.equal(run('export', '--db').code, 2);
});

test('database files: db-export makes a copy the other commands open; db-restore checks first', () => withTemp((dir) => {
  const db = join(dir, 'app.db');
  assert.equal(run('import', '--db', db, join(DATA, 'seed-server-all.json')).code, 0);
  const copy = join(dir, 'copy.db');
  const exp = run('db-export', '--db', db, '-o', copy);
  assert.equal(exp.code, 0, exp.err);
  assert.ok(!existsSync(`${copy}.tmp`));
  const info = run('db-inspect', copy);
  assert.equal(info.code, 0, info.err);
  assert.deepEqual(JSON.parse(info.out).counts, { profiles: 2, tasks: 3, task_checks: 3, daily_status: 2, days_off: 0 });
  // The copy is an ordinary Streakbox database: export reads it directly.
  assert.equal(JSON.parse(run('export', '--db', copy).out).counts.profiles, 2);

  const other = join(dir, 'other.db');
  assert.equal(run('import', '--db', other, join(DATA, 'seed-docs-example.json')).code, 0);
  const restored = run('db-restore', '--db', other, copy);
  assert.equal(restored.code, 0, restored.err);
  assert.deepEqual(JSON.parse(run('export', '--db', other).out).profiles.map((p) => p.profile.name), ['Kid', 'Mom']);

  const junk = join(dir, 'junk.db');
  writeFileSync(junk, 'SQLite format 3\0' + 'x'.repeat(5000));
  const bad = run('db-restore', '--db', other, junk);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /cannot be read|damaged|not a Streakbox/);
  const text = run('db-inspect', join(DATA, 'seed-docs-example.json'));
  assert.equal(text.code, 1);
  assert.match(text.err, /not an SQLite database/);
  assert.equal(JSON.parse(run('export', '--db', other).out).counts.profiles, 2, 'a refused restore changes nothing');
}));

// Issue 9: a header field of the wrong type used to abort the tool (an
// uncaught exception, exit 134) in the middle of the import's transaction.
test('a header field of the wrong type fails cleanly (exit 1), changes nothing, and the next import works', () => withTemp((dir) => {
  const db = join(dir, 'x.db');
  const file = join(dir, 'scope5.json');
  const backup = JSON.parse(readFileSync(join(DATA, 'seed-server-all.json'), 'utf8'));
  writeFileSync(file, JSON.stringify({ ...backup, scope: 5 }));
  for (const args of [['validate', file], ['inspect', file], ['import', '--db', db, file], ['encrypt', file, join(dir, 'out.ttbak')]]) {
    const r = spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, STREAKBOX_PASSWORD: 'pw' } });
    assert.equal(r.status, 1, `${args[0]}: exit ${r.status} ${r.signal ?? ''} ${r.stderr}`);
    assert.match(r.stdout + r.stderr, /scope|unexpected failure/, args[0]);
  }
  assert.equal(existsSync(join(dir, 'out.ttbak')), false, 'a refused encrypt writes nothing');
  const exported = run('export', '--db', db);
  assert.equal(exported.code, 0, exported.err);
  assert.deepEqual(JSON.parse(exported.out).profiles, [], 'the rejected file left nothing behind');
  const good = run('import', '--db', db, join(DATA, 'seed-server-all.json'));
  assert.equal(good.code, 0, good.err);
}));
