// Loop Habit Tracker backups through the wasm build's importBackup (the path
// the browser's file picker and drop zone take): the committed fixtures of
// tests/data/loop/ import with their habits and entries; a newer Loop is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDb, tempDir } from './module.mjs';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const LOOP = resolve(new URL('../data/loop', import.meta.url).pathname);
const fixture = (name) => readFileSync(join(LOOP, name));

async function withDb(fn) {
  const t = tempDir();
  try {
    const db = await openDb(t.dir, { now: NOW });
    try {
      return await fn(db);
    } finally {
      db.close();
    }
  } finally {
    t.remove();
  }
}

test('a Loop backup imports through importBackup: preview, then habits and entries', () => withDb((db) => {
  const file = fixture('loop-v25.db');
  const dry = db.io('importBackup', [{ dryRun: true, profileName: 'Phone' }], { input: file });
  assert.ok(dry.ok, JSON.stringify(dry));
  assert.equal(dry.value.source.app, 'loop');
  assert.deepEqual(dry.value.source.habits.map((h) => [h.title, h.renamed]),
    [['Run', false], ['Run (2)', true], ['Read', false], ['Stretch', false], ['Water', false], ['Smoke', false]]);
  assert.deepEqual(db.call('listProfiles'), []);

  const r = db.io('importBackup', [{ profileName: 'Phone' }], { input: file });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.profiles[0].task_checks.added, 13);
  const [phone] = db.call('listProfiles');
  assert.equal(phone.name, 'Phone');
  const tasks = db.call('listTasks', phone.id);
  assert.deepEqual(tasks.map((t) => t.title), ['Run', 'Run (2)', 'Read', 'Stretch', 'Water', 'Smoke']);
  assert.deepEqual(tasks[4].measure, { unit: 'glasses', target: 8, direction: 'at_least' });
  const day = db.call('getDay', phone.id, '2026-03-02');
  const run = day.tasks.find((t) => t.title === 'Run');
  const water = day.tasks.find((t) => t.title === 'Water');
  assert.equal(run.entry.skipped, true);
  assert.equal(water.entry.amount, 6.5);
  assert.equal(water.entry.note.length, 500);

  // The same file again, merged: nothing new.
  const again = db.io('importBackup', [{ profileName: 'Phone', mode: 'merge' }], { input: file });
  assert.ok(again.ok, JSON.stringify(again));
  assert.equal(again.value.profiles[0].task_checks.added, 0);
  assert.equal(again.value.profiles[0].tasks.added, 0);
}));

test('validateBackup recognises a Loop file; a newer Loop is refused and changes nothing', () => withDb((db) => {
  const v = db.io('validateBackup', [{}], { input: fixture('loop-v16.db') });
  assert.ok(v.ok, JSON.stringify(v));
  assert.equal(v.value.source.schema_version, 16);
  assert.equal(v.value.counts.tasks, 6);
  const r = db.io('importBackup', [{}], { input: fixture('loop-v26.db') });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'unsupported_version');
  assert.match(r.error.message, /newer Loop Habit Tracker \(schema 26\)/);
  assert.deepEqual(db.call('listProfiles'), []);
}));
