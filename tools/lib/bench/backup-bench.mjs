// Backup benchmark in headless Chromium (run by tools/bench): the data set of
// tests/bench/dataset.sql (20 profiles x 30 tasks x 5 years) in the app's own
// database on OPFS, exported and imported through window.streakbox's API, each
// against the raw SQLite ceiling measured in the same run, same module, same VFS:
//   export: a plain SELECT over the same rows (every check with its task title);
//   import: INSERT ... SELECT of the same rows into the app's emptied tables
//           (same keys, indexes and foreign keys), one transaction; no parsing
//           and no per-row binding, so a stricter ceiling than prepared INSERTs.
// Memory: the wasm heap (which never shrinks, so it is the peak) of a fresh
// worker after importing a one-profile file and after importing the whole file.
// Results land in window.benchResults.
import { createStreakbox } from './api.js';
import { publish } from './publish.mjs';

const DAYS = 365 * 5;
const RUNS = 3;

const TABLES = ['profiles', 'tasks', 'task_checks', 'daily_status'];
const SELECT_CEILING = `SELECT t.title, c.date, c.checked, c.checked_at FROM task_checks c
  JOIN tasks t ON t.id = c.task_id ORDER BY t.profile_id, t.sort_order, c.date`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function open() {
  const sb = createStreakbox(new URL('./worker.js', import.meta.url));
  await sb.ready();
  if (sb.state.state !== 'ready') throw new Error(`worker: ${sb.state.state} ${sb.state.message}`);
  return sb;
}

async function main() {
  const sql = (await (await fetch('./dataset.sql')).text()).replaceAll('__DAYS__', String(DAYS));
  let sb = await open();
  await sb._exec('DELETE FROM profiles');
  await sb._exec(sql);

  const selects = [];
  for (let i = 0; i < RUNS; i++) selects.push((await timed(() => sb._exec(SELECT_CEILING))).ms);
  const select = median(selects);
  const exports = [];
  let whole = null;
  for (let i = 0; i < RUNS; i++) {
    const r = await timed(() => sb.exportAll());
    exports.push(r.ms);
    whole = r.value.bytes;
  }
  const exportMs = median(exports);
  const one = (await sb.exportProfile((await sb.listProfiles())[0].id)).bytes;

  // The rows set aside in plain tables, then put back into the emptied real ones.
  await sb._exec(`BEGIN; ${TABLES.map((t) => `CREATE TABLE c_${t} AS SELECT * FROM ${t};`).join(' ')} COMMIT;`);
  const inserts = [];
  for (let i = 0; i < RUNS; i++) {
    await sb._exec('DELETE FROM profiles');
    const copy = TABLES.map((t) => `INSERT INTO ${t} SELECT * FROM c_${t};`).join(' ');
    inserts.push((await timed(() => sb._exec(`BEGIN; ${copy} COMMIT;`))).ms);
  }
  await sb._exec(TABLES.map((t) => `DROP TABLE c_${t};`).join(' '));
  const insertMs = median(inserts);

  const imports = [];
  for (let i = 0; i < RUNS; i++) {
    await sb._exec('DELETE FROM profiles');
    imports.push((await timed(() => sb.importBackup(whole, { mode: 'replace' }))).ms);
  }
  const importMs = median(imports);

  // Memory: a fresh worker per import, so each heap figure holds that import alone.
  const heapAfterImport = async (bytes) => {
    sb._terminate();
    sb = await open();
    await sb._exec('DELETE FROM profiles');
    sb._terminate();
    sb = await open();
    const before = (await sb._ioStats()).heap_bytes;
    await sb.importBackup(bytes, { mode: 'replace' });
    return { before, after: (await sb._ioStats()).heap_bytes };
  };
  const small = await heapAfterImport(one);
  const large = await heapAfterImport(whole);
  sb._terminate();

  const mb = whole.length / 1e6;
  return {
    days: DAYS, runs: RUNS, file_mb: mb, one_profile_file_mb: one.length / 1e6,
    export_ms: exportMs, select_ceiling_ms: select, export_mb_per_s: mb / (exportMs / 1000),
    export_ratio_to_select: select / exportMs,
    import_ms: importMs, insert_ceiling_ms: insertMs, import_ratio_to_insert: insertMs / importMs,
    runs_ms: { select: selects, export: exports, insert: inserts, import: imports },
    wasm_heap_bytes: { one_profile: small, whole: large, ratio_whole_to_one_profile: large.after / small.after },
  };
}

publish(main());
