// ui/restore_preview.js, the words of "Bring a file back" (issue 13): what a
// file is, and a dry run's net changes per profile in plain words. Loaded
// from the built site (build/site), where its imports resolve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SITE = join(resolve(new URL('../..', import.meta.url).pathname), 'build', 'site');
const { identity, changeLines, shortChange, summaryLine } = await import(pathToFileURL(join(SITE, 'ui', 'restore_preview.js')).href);

const task = (title, change, extra = {}) => ({
  title, change, checks: 0, checks_added: 0, checks_removed: 0, checks_changed: 0, fields_changed: false, ...extra,
});
const net = (tasks, extra = {}) => ({
  unchanged: tasks.every((t) => t.change === 'unchanged'), tasks,
  checks_added: tasks.reduce((n, t) => n + t.checks_added, 0), checks_removed: tasks.reduce((n, t) => n + t.checks_removed, 0),
  checks_changed: 0, completed_days_added: 0, completed_days_removed: 0, days_off_added: 0, days_off_removed: 0, ...extra,
});

test('an identical file says unchanged, not new and removed', () => {
  const p = { name: 'Mom', action: 'replaced', net: net([task('Run', 'unchanged', { checks: 35 })]) };
  assert.deepEqual(changeLines(p), ['“Mom”: unchanged']);
  assert.equal(shortChange(p), 'unchanged');
});

test('a removed task is named, with its checks', () => {
  const p = { name: 'Mom', action: 'replaced', net: net([task('Run', 'unchanged'), task('Stretch', 'removed', { checks: 40, checks_removed: 40 })]) };
  assert.deepEqual(changeLines(p), ['“Mom”', 'removes the task “Stretch” and its 40 checks']);
  assert.equal(shortChange(p), '−1 task, −40 checks');
});

test('added checks and tasks, and a one-line summary for the banner', () => {
  const mom = { name: 'Mom', action: 'merged', net: net([task('Run', 'changed', { checks: 50, checks_added: 12 })]) };
  const dad = { name: 'Dad', action: 'merged', net: net([task('Walk', 'unchanged')]) };
  assert.deepEqual(changeLines(mom), ['“Mom”', '“Run”: adds 12 checks']);
  assert.equal(summaryLine({ profiles: [mom, dad] }), 'Mom +12 checks, Dad unchanged');
});

test('a tasks-only merge into a profile with no checks says nothing about checks', () => {
  const p = { name: 'Kid', action: 'merged', net: net([task('Run', 'added')]) };
  assert.deepEqual(changeLines(p), ['“Kid”', 'adds the task “Run”']);
  assert.doesNotMatch(changeLines(p).join(' '), /check/);
});

test('what a file is, in words', () => {
  const all = identity({ kind: 'json', header: { scope: 'all', exported_at: '2026-12-01T10:00:00Z', app_version: '0.1.0' },
    profiles_held: [{ name: 'Mom', tasks: 2, task_checks: 35 }, { name: 'Dad', tasks: 1, task_checks: 1 }] });
  assert.match(all.title, /^A Streakbox backup of all profiles, made .*2026/);
  assert.deepEqual(all.holds, ['“Mom”: 2 tasks, 35 checks', '“Dad”: 1 task, 1 check']);
  assert.equal(identity({ kind: 'loop', source: { habits: [{ entries: 3 }, { entries: 4 }] } }).title, 'A Loop Habit Tracker backup');
  assert.equal(identity({ kind: 'sqlite', counts: { profiles: 1, tasks: 2, task_checks: 3 } }).title, 'A Streakbox database file');
  assert.match(identity({ kind: 'json', encrypted: true, header: { scope: 'profile' }, profiles_held: [] }).title, /^An encrypted Streakbox backup of one profile/);
});
