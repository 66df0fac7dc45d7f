// Storage benchmark, run by tools/bench in headless Chromium. The same SQL
// runs through our worker (our "opfs" VFS) and through the official build's
// opfs-sahpool VFS, each in its own dedicated worker, side by side in one run.
// Results land in window.benchResults.
import { createStreakbox } from './api.js';
import { publish } from './publish.mjs';

const TOGGLES = 200;
const BULK_ROWS = 100000;
const BULK_RUNS = 3;

const SCHEMA = `CREATE TABLE IF NOT EXISTS bench_checks (task_id INTEGER NOT NULL, date TEXT NOT NULL,
  checked INTEGER NOT NULL, checked_at TEXT, PRIMARY KEY (task_id, date)) WITHOUT ROWID;`;
const TOGGLE_SQL = `INSERT INTO bench_checks VALUES (1, '2026-01-01', 1, '2026-01-01T00:00:00Z')
  ON CONFLICT (task_id, date) DO UPDATE SET checked = 1 - checked;`;
const bulkSql = (run) => `BEGIN; DELETE FROM bench_checks WHERE task_id >= 1000;
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${BULK_ROWS - 1})
  INSERT INTO bench_checks SELECT 1000 + ${run} * 100 + i % 30, date('2020-01-01', '+' || (i / 30) || ' days'),
    1, '2026-01-01T00:00:00Z' FROM n; COMMIT;`;

function peer() {
  const worker = new Worker(new URL('./sahpool-worker.mjs', import.meta.url), { type: 'module' });
  let next = 1;
  const pending = new Map();
  worker.onmessage = ({ data }) => {
    const p = pending.get(data.id);
    pending.delete(data.id);
    if (data.ok) p.resolve(data.value);
    else p.reject(new Error(data.error.message));
  };
  return (sql) => new Promise((resolve, reject) => {
    const id = next++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, sql });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function timeEach(n, fn) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return times;
}

async function measure(exec) {
  await exec(SCHEMA);
  await exec(TOGGLE_SQL); // warm up
  const toggle = median(await timeEach(TOGGLES, () => exec(TOGGLE_SQL)));
  const bulk = median(await timeEach(BULK_RUNS, (run) => exec(bulkSql(run))));
  return { toggle_ms: toggle, bulk_100k_ms: bulk };
}

async function main() {
  const t0 = performance.now();
  const sb = createStreakbox(new URL('./worker.js', import.meta.url));
  await sb.ready();
  const openMs = performance.now() - t0;

  const io0 = await sb._ioStats();
  const ours = await measure(sb._exec);
  const io1 = await sb._ioStats();

  // The real API call a user's click makes (checks, day status, commit).
  const p = await sb.createProfile({ name: 'Bench' });
  const t = await sb.createTask(p, { title: 'Run' });
  const today = sb.today();
  const setCheck = median(await timeEach(TOGGLES, (i) => sb.setCheck(p, t, today, i % 2 === 0)));

  // Encrypted backups: the container against raw secretstream in this worker,
  // and the Argon2id time at Streakbox's settings.
  const ttbak = await sb._benchTtbak({ mib: 16, runs: 9 });
  // The same key derivation seen from the page: an encrypted export of the
  // small Bench profile minus a plain one (both through the worker).
  const plainExport = median(await timeEach(3, () => sb.exportAll()));
  const encryptedExport = median(await timeEach(3, () => sb.exportAll({ password: 'benchmark password' })));

  const peerExec = peer();
  const peerVersion = await peerExec('__version__');
  const sahpool = await measure(peerExec);

  return {
    toggles: TOGGLES, bulk_rows: BULK_ROWS, bulk_runs: BULK_RUNS,
    ours: { ...ours, set_check_api_ms: setCheck, open_ms: openMs,
      io: { writes: io1.writes - io0.writes, syncs: io1.syncs - io0.syncs, reads: io1.reads - io0.reads } },
    sahpool: { ...sahpool, sqlite_version: peerVersion },
    ttbak: { ...ttbak, export_plain_ms: plainExport, export_encrypted_ms: encryptedExport },
    ratio: { toggle: sahpool.toggle_ms / ours.toggle_ms, bulk: sahpool.bulk_100k_ms / ours.bulk_100k_ms },
  };
}

publish(main());
