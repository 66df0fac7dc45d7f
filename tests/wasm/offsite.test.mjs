// The record of backups that left the browser and the reminder's decision
// (wasm/offsite.js), under Node: the pure decision as a table, then the
// record over an in-memory settings map (the worker passes the database's
// local.offsite.* settings; the browser tests run that path for real).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_REMINDER_DAYS, OffsiteRecord, offsiteDue, parseReminderDays } from '../../wasm/offsite.js';
import { StreakboxError } from '../../wasm/protocol.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

test('the reminder is due exactly when data exists and no copy left the browser within the interval', () => {
  const table = [
    // [name, hasData, lastMs, reminderDays, due, reason]
    ['never left, with data', true, null, 7, true, 'never'],
    ['never left, no data', false, null, 7, false, 'no_data'],
    ['no data, an old copy', false, NOW - 30 * DAY, 7, false, 'no_data'],
    ['left today', true, NOW - 60 * 1000, 7, false, 'recent'],
    ['left exactly 7 days ago', true, NOW - 7 * DAY, 7, false, 'recent'],
    ['left 7 days and a second ago', true, NOW - 7 * DAY - 1000, 7, true, 'overdue'],
    ['left 8 days ago, interval 14', true, NOW - 8 * DAY, 14, false, 'recent'],
    ['left 2 days ago, interval 1', true, NOW - 2 * DAY, 1, true, 'overdue'],
    ['off, never left', true, null, 0, false, 'off'],
    ['off, long ago', true, NOW - 365 * DAY, 0, false, 'off'],
    ['a record from the future (clock moved back)', true, NOW + 3 * DAY, 7, false, 'recent'],
  ];
  for (const [name, hasData, lastMs, reminderDays, due, reason] of table) {
    assert.deepEqual(offsiteDue({ hasData, lastMs, reminderDays, nowMs: NOW }), { due, reason }, name);
  }
});

test('a stored interval that is missing or not a choice reads as the default (7 days)', () => {
  assert.equal(DEFAULT_REMINDER_DAYS, 7);
  for (const [text, days] of [[null, 7], ['', 7], ['abc', 7], ['5', 7], ['-1', 7], ['0', 0], ['14', 14], ['30', 30]]) {
    assert.equal(parseReminderDays(text), days, String(text));
  }
});

function fakeRecord({ hasData = true } = {}) {
  const settings = new Map();
  const clock = { now: NOW };
  const rec = new OffsiteRecord({
    get: (k) => (settings.has(k) ? settings.get(k) : null),
    set: (k, v) => {
      assert.match(k, /^local\.offsite\.[a-z_]+$/, 'only local.offsite.* settings are written');
      assert.equal(typeof v, 'string');
      settings.set(k, v);
    },
    hasData: async () => hasData,
    nowMs: () => clock.now,
  });
  return { rec, settings, clock };
}

test('recording a copy clears the reminder until the interval passes again, by the given clock', async () => {
  const { rec, clock } = fakeRecord();
  let st = await rec.status();
  assert.deepEqual({ due: st.due, reason: st.reason, last_at: st.last_at, how: st.how, days: st.reminder_days },
    { due: true, reason: 'never', last_at: null, how: null, days: 7 });
  st = await rec.record('download');
  assert.deepEqual({ due: st.due, how: st.how, last_at: st.last_at }, { due: false, how: 'download', last_at: new Date(NOW).toISOString() });
  clock.now = NOW + 8 * DAY;
  st = await rec.status();
  assert.deepEqual({ due: st.due, reason: st.reason, now: st.now }, { due: true, reason: 'overdue', now: new Date(NOW + 8 * DAY).toISOString() });
  await rec.record('folder');
  assert.equal((await rec.status()).due, false);
  assert.equal((await rec.status()).how, 'folder');
});

test('the interval is a choice (0 is off); anything else is refused and changes nothing', async () => {
  const { rec, settings } = fakeRecord();
  assert.equal((await rec.configure({ reminder_days: 0 })).due, false);
  assert.equal((await rec.status()).reason, 'off');
  for (const bad of [{ reminder_days: 5 }, { reminder_days: '7' }, { remind: 7 }, null, [7]]) {
    await assert.rejects(rec.configure(bad), (e) => e instanceof StreakboxError && e.code === 'invalid_argument', JSON.stringify(bad));
  }
  assert.equal(settings.get('local.offsite.reminder_days'), '0');
  await assert.rejects(rec.record('email'), (e) => e.code === 'invalid_argument');
  await assert.rejects(rec.record('download', { entryId: '3' }), (e) => e.code === 'invalid_argument');
  assert.equal(settings.has('local.offsite.last_at'), false, 'a refused record records nothing');
});

test('history entries are marked: written to a disk folder, or downloaded from the history', async () => {
  const { rec } = fakeRecord();
  await rec.record('download', { entryId: 2 });
  const marked = rec.mark([
    { id: 1, status: 'ok', location: 'folder:Backups' },
    { id: 2, status: 'ok', location: 'opfs' },
    { id: 3, status: 'ok', location: 'opfs' },
    { id: 4, status: 'failed', location: 'folder:Backups' },
  ]);
  assert.deepEqual(marked.map((e) => e.outside), ['folder', 'downloaded', null, null]);
});

test('no data, no reminder', async () => {
  const { rec } = fakeRecord({ hasData: false });
  assert.deepEqual((await rec.status()).reason, 'no_data');
});
