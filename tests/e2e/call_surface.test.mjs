// The one call surface in a real browser (Chromium and Firefox) (issue 9): every message to the
// worker gets exactly one reply, even when its handler throws; a backup whose
// header field has the wrong type fails cleanly and leaves no transaction
// open; wrong import options are refused by name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openApp, test, withBrowser } from './harness.mjs';

const seedAll = readFileSync(join(ROOT, 'tests/data/backups/seed-server-all.json'), 'utf8');

test('every message to the worker gets exactly one reply, even when its handler throws', () => withBrowser(async ({ context, url }) => {
  const page = await context.newPage();
  await page.goto(new URL('version.json', url).href);  // same origin, no app: this worker owns the database
  const replies = await page.evaluate(async (seed) => {
    const worker = new Worker('./worker.js', { type: 'module' });
    const results = {};
    let ready;
    const isReady = new Promise((r) => { ready = r; });
    worker.onmessage = ({ data }) => {
      if (data.type === 'state' && data.state === 'ready') ready();
      if (data.type === 'result') (results[data.id] ||= []).push(data);
    };
    await isReady;
    const bad = JSON.stringify({ ...JSON.parse(seed), scope: 5 });
    const messages = [
      { type: 'nope', id: 1 },
      { type: 'call', id: 2, method: 5, args: [] },
      { type: 'call', id: 3, method: 'listProfiles', args: 'x' },
      { type: 'exec', id: 4 },                                  // no sql: Embind throws
      { type: 'backups', id: 5, op: 'constructor', args: [] },  // not an operation, though every object has it
      { type: 'import', id: 6, blob: 'not a blob', options: {} },
      { type: 'import', id: 7, blob: new Blob([bad]), options: {} },
      { type: 'import', id: 8, blob: new Blob([seed]), options: { mode: 'replace', profileId: '1' } },
      { type: 'call', id: 9, method: 'createProfile', args: [{ name: 'After' }] },
      { type: 'call', id: 10, method: 'listProfiles', args: [] },
    ];
    for (const m of messages) worker.postMessage(m);
    const deadline = Date.now() + 30000;
    // Every message answered (imports answer later than plain calls), then
    // room for a second, wrong reply.
    const answered = () => messages.every((m) => results[m.id]);
    while (!answered() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    worker.terminate();
    return results;
  }, seedAll);
  for (let id = 1; id <= 10; id++) assert.equal(replies[id]?.length, 1, `message ${id}: ${JSON.stringify(replies[id])}`);
  const code = (id) => replies[id][0].ok ? 'ok' : replies[id][0].error.code;
  assert.equal(code(1), 'invalid_argument');
  assert.equal(code(2), 'invalid_argument');
  assert.equal(code(3), 'invalid_argument');
  assert.notEqual(code(4), 'ok');
  assert.equal(code(5), 'invalid_argument');
  assert.notEqual(code(6), 'ok');
  assert.ok(['invalid', 'internal'].includes(code(7)), JSON.stringify(replies[7]));
  assert.equal(code(8), 'invalid_argument');
  assert.match(replies[8][0].error.message, /options\.profileId must be a positive integer id/);
  assert.equal(code(9), 'ok', 'a write works right after the failures');
  assert.deepEqual(replies[10][0].value.map((p) => p.name), ['After'], 'nothing of the rejected files is there');
}));

test('a header field of the wrong type rejects with a code, and every later write, export and import works', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  const r = await page.evaluate(async (seed) => {
    const s = window.streakbox;
    await s.ready();
    const mom = await s.createProfile({ name: 'Mom' });
    const fail = async (p) => p.then(() => 'ok', (e) => ({ name: e.name, code: e.code, message: e.message }));
    const bad = new Blob([JSON.stringify({ ...JSON.parse(seed), scope: 5 })]);
    const scope = await fail(s.importBackup(bad, { mode: 'merge' }));
    const options = {};
    for (const [k, o] of Object.entries({ profileId: { profileId: '1' }, mode: { mode: 5 }, dryRun: { dryRun: 'yes' } })) {
      options[k] = await fail(s.importBackup(seed, o));
    }
    const task = await s.createTask(mom, { title: 'Run' });
    const all = await s.exportAll();
    const merged = await s.importBackup(seed, { mode: 'merge' });
    return { scope, options, task, exported: all.counts.tasks, merged: merged.profiles.length,
      names: (await s.listProfiles()).map((p) => p.name) };
  }, seedAll);
  assert.equal(r.scope.name, 'StreakboxError');
  assert.ok(['invalid', 'internal'].includes(r.scope.code), JSON.stringify(r.scope));
  assert.doesNotMatch(r.scope.message, /^\d+$/, 'a message, not a pointer');
  for (const [field, e] of Object.entries(r.options)) {
    assert.equal(e.code, 'invalid_argument', field);
    assert.match(e.message, new RegExp(`options\\.${field}`), field);
  }
  assert.equal(typeof r.task, 'number');
  assert.equal(r.exported, 1);
  assert.ok(r.merged > 0);
  assert.ok(r.names.includes('Mom'));
  assert.deepEqual(errors, []);
}));
