// CSV export (docs/FORMAT.md, "CSV export") through tools/streakbox, read
// back by a real spreadsheet and a real CSV parser: LibreOffice converts both
// files to .ods headless (one start for both), and Python's csv module reads
// them (tests/cli/spreadsheet_cells.py reads both kinds). The fixture has the
// tricky cells: commas, quotes and a newline in notes, a non-ASCII profile
// name, an amount 6.5, formula-like notes and a title starting with '-'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = join(ROOT, 'build', 'native', 'core', 'streakbox');
const FIXTURE = join(ROOT, 'tests', 'data', 'csv', 'tricky-cells.json');

const run = (...args) => {
  const r = spawnSync(BIN, args, { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const ZOE = 'Zoë ☕';
const ENTRIES = [
  ['date', 'profile', 'task', 'state', 'amount', 'unit', 'note'],
  ['2026-11-02', ZOE, 'Water', 'not done', '6.5', 'glasses', 'said "ok", then left'],
  ['2026-11-03', ZOE, 'Water', 'done', '8', 'glasses', ''],
  ['2026-11-02', ZOE, 'Run, outside', 'done', '', '', 'line1\nline2'],
  ['2026-11-03', ZOE, 'Run, outside', 'skipped', '', '', 'rain; café instead'],
  ['2026-11-02', ZOE, "'-10 push-ups", 'done', '', '', "'=1+1"],
  ['2026-11-03', ZOE, "'-10 push-ups", 'done', '', '', "'@SUM(A1:A3)"],
];
const DAYS = [
  ['date', 'profile', 'complete', 'tasks_done', 'tasks_due', 'note'],
  ['2026-11-02', ZOE, 'no', '2', '3', ''],
  ['2026-11-03', ZOE, 'yes', '2', '3', ''],
  ['2026-11-04', ZOE, 'day off', '0', '3', 'Holiday, abroad'],
];
// LibreOffice's CSV import options (its "Text Import" dialog): separator ',' (44),
// text delimiter '"' (34), UTF-8 (76), from line 1, standard column types,
// English (USA) numbers and dates (1033), quoted fields not forced to text,
// "detect special numbers" (dates) on, three export-only options, and
// "evaluate formulas" on: the worst case, in which an undefused "=1+1" becomes a formula.
const INFILTER = 'CSV:44,34,76,1,,1033,false,true,false,false,false,false,true';

test('CSV files open in LibreOffice and Python with the same cells: dates as dates, amounts as numbers, no formulas',
  { timeout: 180000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'streakbox-csv-'));
    try {
      const db = join(dir, 'app.db');
      const imp = run('import', '--db', db, FIXTURE);
      assert.equal(imp.code, 0, imp.err);
      const entries = join(dir, 'entries.csv');
      const days = join(dir, 'days.csv');
      const e = run('export', '--db', db, '--csv', '-o', entries);
      assert.equal(e.code, 0, e.err);
      assert.equal(e.err, 'exported 6 rows (entries) of 1 profiles\n');
      const d = run('export', '--db', db, '--csv', '--days', '--profile', ZOE, '-o', days);
      assert.equal(d.code, 0, d.err);
      assert.ok(!existsSync(`${days}.tmp`), 'no temporary file left behind');

      // The bytes: a BOM, CRLF after every row (the LF inside the quoted note stays).
      const bytes = readFileSync(entries);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      assert.equal(text.split('\r\n').length, ENTRIES.length + 1);
      assert.ok(text.endsWith('\r\n'));
      assert.ok(text.includes('"line1\nline2"'));

      // One LibreOffice start converts both files; a private profile keeps it apart from any other.
      const lo = spawnSync('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless',
        `--infilter=${INFILTER}`, '--convert-to', 'ods', '--outdir', dir, entries, days],
      { encoding: 'utf8', timeout: 150000 });
      assert.equal(lo.status, 0, `soffice: ${lo.error || ''} ${lo.stdout} ${lo.stderr}`);
      const files = [entries, days, join(dir, 'entries.ods'), join(dir, 'days.ods')];
      const py = spawnSync('python3', [join(ROOT, 'tests', 'cli', 'spreadsheet_cells.py'), ...files], { encoding: 'utf8' });
      assert.equal(py.status, 0, py.stderr);
      const cells = JSON.parse(py.stdout);

      // Python's csv module: exactly the rows, the BOM recognised.
      assert.equal(cells[entries].bom, true);
      assert.deepEqual(cells[entries].rows, ENTRIES);
      assert.deepEqual(cells[days].rows, DAYS);

      // LibreOffice: the same text in every cell, and the types a spreadsheet should give them.
      for (const [csvRows, ods] of [[ENTRIES, cells[join(dir, 'entries.ods')]], [DAYS, cells[join(dir, 'days.ods')]]]) {
        assert.deepEqual(ods.rows.map((r) => r.map((c) => c.text)), csvRows.map((r) => {
          const trimmed = [...r];
          while (trimmed.length && trimmed[trimmed.length - 1] === '') trimmed.pop();
          return trimmed;
        }));
        for (const row of ods.rows) for (const c of row) assert.equal(c.formula, null, `no formula: ${JSON.stringify(c)}`);
        for (const row of ods.rows.slice(1)) {
          assert.equal(row[0].type, 'date', JSON.stringify(row[0]));
          assert.equal(row[0].value, row[0].text);
          assert.equal(row[1].type, 'string');
        }
      }
      const ent = cells[join(dir, 'entries.ods')].rows;
      assert.deepEqual([ent[1][4].type, ent[1][4].value], ['float', '6.5']);
      assert.deepEqual([ent[2][4].type, ent[2][4].value], ['float', '8']);
      assert.deepEqual([ent[5][6].type, ent[5][6].text], ['string', "'=1+1"]);
      assert.deepEqual([ent[6][6].type, ent[6][6].text], ['string', "'@SUM(A1:A3)"]);
      assert.deepEqual([ent[5][2].type, ent[5][2].text], ['string', "'-10 push-ups"]);
      const dayRows = cells[join(dir, 'days.ods')].rows;
      assert.deepEqual(dayRows.slice(1).map((r) => [r[3].type, r[3].value, r[4].type, r[4].value]),
        [['float', '2', 'float', '3'], ['float', '2', 'float', '3'], ['float', '0', 'float', '3']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

test('export --csv: usage and failures', () => {
  assert.equal(run('export', '--db', '/tmp/x.db', '--days').code, 2);
  assert.equal(run('export', '--db', '/tmp/x.db', '--csv', '--encrypt').code, 2);
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-csv-'));
  try {
    const db = join(dir, 'app.db');
    assert.equal(run('import', '--db', db, FIXTURE).code, 0);
    const nobody = run('export', '--db', db, '--csv', '--profile', 'Nobody');
    assert.equal(nobody.code, 1);
    const out = run('export', '--db', db, '--csv', '--days');
    assert.equal(out.code, 0, out.err);
    assert.ok(out.out.startsWith('\ufeffdate,profile,complete,tasks_done,tasks_due,note\r\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
