// The wasm module's heap growth when it validates hostile backups, against a
// normal import (tools/bench runs it; docs/PERFORMANCE.md has the figures).
// Each file runs in a fresh module instance: the heap only grows, so its size
// after the call is the call's peak. Prints one JSON object.
//   node tests/bench/wasm_heap_bench.mjs [MB]     (the hostile files' size, default 15)
import { openDb, tempDir } from '../wasm/module.mjs';

const MB = Number(process.argv[2] || 15);
const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

// One profile, 30 tasks, five years of daily checks: a real backup of ~6 MB.
function normalBackup() {
  const tasks = [], checks = [];
  for (let t = 0; t < 30; t++) tasks.push({ title: `Task number ${t}`, description: `Do task ${t} every day`, sort_order: t });
  const day0 = Date.UTC(2021, 0, 1);
  for (let d = 0; d < 365 * 5; d++) {
    const date = new Date(day0 + d * 86400000).toISOString().slice(0, 10);
    for (let t = 0; t < 30; t++) checks.push({ task_title: `Task number ${t}`, date, checked: true, checked_at: `${date}T07:00:00Z` });
  }
  return Buffer.from(JSON.stringify({ version: '1.1', scope: 'all', profiles: [{ profile: { name: 'A' }, tasks, task_checks: checks }] }));
}

function junk(kind) {
  const target = MB << 20;
  const head = kind === 'objects-in-task'
    ? '{"version":"1.1","profiles":[{"profile":{"name":"A"},"tasks":[{"title":"Run","junk":['
    : '{"version":"1.1","junk":[';
  const tail = kind === 'objects-in-task' ? '{}]}]}]}' : '{}],"profiles":[]}';
  const unit = kind === 'strings' ? `"${'x'.repeat(60000)}",` : '{},'.repeat(20000);
  return Buffer.from(head + unit.repeat(Math.ceil(target / unit.length)) + tail);
}

async function heapAfter(bytes, validateOnly) {
  const t = tempDir();
  const db = await openDb(t.dir, { now: NOW });
  try {
    const before = db.module.HEAPU8.buffer.byteLength;
    const r = validateOnly ? db.io('validateBackup', [], { input: bytes })
      : db.io('importBackup', [{ mode: 'replace' }], { input: bytes });
    const after = db.module.HEAPU8.buffer.byteLength;
    return { mb: +(bytes.length / 1e6).toFixed(1), heap_before_mb: before / 2 ** 20, heap_after_mb: after / 2 ** 20,
             growth_mb: (after - before) / 2 ** 20, verdict: r.ok ? 'ok' : r.error.code };
  } finally {
    db.close();
    t.remove();
  }
}

const results = { normal_import: await heapAfter(normalBackup(), false), normal_validate: await heapAfter(normalBackup(), true) };
for (const kind of ['objects', 'objects-in-task', 'strings']) results[`validate_${kind}`] = await heapAfter(junk(kind), true);
console.log(JSON.stringify(results));
