// Scheduled backups, history, restores and database files through
// window.streakbox in a real browser (Chromium and Firefox), with the worker's clock moved by the test.
import assert from 'node:assert/strict';
import { openApp, test, withBrowser } from './harness.mjs';

test('a daily schedule runs once the clock passes 03:00; retention keeps N; the files are in OPFS', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  const r = await page.evaluate(async () => {
    const s = window.streakbox;
    await s.ready();
    const p = await s.createProfile({ name: 'Mom' });
    await s.createTask(p, { title: 'Run' });
    const out = {};
    out.defaults = await s.backups.settings();
    try { await s.backups.configure({ enabled: true, retention_count: 0 }); out.bad = 'accepted'; } catch (e) { out.bad = { code: e.code, message: e.message }; }
    out.afterBad = await s.backups.settings();
    await s.backups.configure({ enabled: true, frequency: 'daily', retention_count: 2 });
    const manual = await s.backups.runNow();
    const day = (n, h, m = 0) => { const d = new Date(); d.setDate(d.getDate() + n); d.setHours(h, m, 0, 0); return d.getTime(); };
    await s._setClock(day(1, 2, 59));
    out.before = (await s.backups.status()).due;
    out.countBefore = (await s.backups.list()).filter((e) => e.kind === 'scheduled').length;
    await s._setClock(day(1, 3, 1));
    const st = await s.backups.status();
    out.afterFirst = (await s.backups.list()).filter((e) => e.kind === 'scheduled').length;
    out.lastFailed = st.last_failed;
    for (let n = 2; n <= 5; n++) { await s._setClock(day(n, 3, 30)); await s.backups.status(); }
    const list = await s.backups.list();
    out.kinds = list.map((e) => e.kind);
    out.statuses = [...new Set(list.map((e) => e.status))];
    out.manualKept = list.some((e) => e.id === manual.id);
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('streakbox-backups');
    out.files = [];
    for await (const [name] of dir.entries()) out.files.push(name);
    out.historyFiles = list.map((e) => e.filename);
    out.verify = await s.backups.verify(list[0].id);
    return out;
  });
  assert.deepEqual(r.defaults, { enabled: false, frequency: 'daily', retention_count: 14, encrypt: false, location: 'opfs' });
  assert.equal(r.bad.code, 'invalid_argument');
  assert.match(r.bad.message, /retention_count must be a whole number from 1 to 365/);
  assert.equal(r.afterBad.enabled, false, 'an invalid patch saves nothing');
  assert.equal(r.before, false);
  assert.equal(r.countBefore, 0);
  assert.equal(r.afterFirst, 1);
  assert.equal(r.lastFailed, false);
  assert.deepEqual(r.kinds, ['scheduled', 'scheduled', 'manual'], 'exactly 2 scheduled and every manual backup');
  assert.deepEqual(r.statuses, ['ok']);
  assert.ok(r.manualKept);
  assert.deepEqual(r.files.sort(), r.historyFiles.sort(), 'OPFS holds exactly the history\'s files, no partial ones');
  assert.equal(r.verify.checksum_ok, true);
  assert.equal(r.verify.format, 'json');
  assert.deepEqual(r.verify.counts,
    { profiles: 1, tasks: 1, task_checks: 0, daily_status: 0, days_off: 0, skips: 0, amounts: 0, notes: 0 });
  assert.deepEqual(errors, []);
}));

test('restore round trips: from history, from a file, and the database file; bad database files change nothing', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  const r = await page.evaluate(async () => {
    const s = window.streakbox;
    await s.ready();
    const names = async () => (await s.listProfiles()).map((x) => x.name);
    const out = {};
    const mom = await s.createProfile({ name: 'Mom' });
    const t = await s.createTask(mom, { title: 'Run' });
    await s.setCheck(mom, t, s.today(), true);
    const saved = await s.backups.runNow();
    await s.deleteProfile(mom);
    await s.createProfile({ name: 'Dad' });
    const restored = await s.backups.restore(saved.id);
    out.fromHistory = { names: await names(), integrity: restored.integrity, header: restored.header.counts };
    out.safety = (await s.backups.list()).find((e) => e.id === restored.safety_id);
    out.historyLength = (await s.backups.list()).length;

    const file = await s.exportAll();
    await s.createProfile({ name: 'Kid' });
    await s.backups.restore(new File([file.bytes], file.filename));
    out.fromFile = await names();

    const db = await s.exportDatabase();
    out.magic = new TextDecoder().decode(db.bytes.slice(0, 15));
    out.dbFilename = db.filename;
    await s.createProfile({ name: 'Grandma' });
    const before = (await s.backups.list()).length;
    const back = await s.importDatabase(db.bytes);
    out.fromDb = { names: await names(), format: back.format, history: (await s.backups.list()).length - before };

    const damaged = db.bytes.slice();
    for (let i = 4096; i < damaged.length; i += 7) damaged[i] = 0xa5;
    const foreign = new TextEncoder().encode('{"version":"1.1","profiles":[]}');
    out.rejected = {};
    const historyBefore = (await s.backups.list()).length;
    for (const [kind, bytes] of Object.entries({ damaged, foreign })) {
      try { await s.importDatabase(bytes); out.rejected[kind] = 'accepted'; } catch (e) { out.rejected[kind] = { code: e.code, message: e.message }; }
    }
    out.afterRejected = { names: await names(), history: (await s.backups.list()).length - historyBefore };
    return out;
  });
  assert.deepEqual(r.fromHistory.names, ['Mom']);
  assert.equal(r.fromHistory.integrity, 'ok');
  assert.deepEqual(r.fromHistory.header, { profiles: 1, tasks: 1, task_checks: 1, daily_status: 1, days_off: 0 });
  assert.equal(r.safety.kind, 'safety');
  assert.equal(r.safety.status, 'ok');
  // runNow, the safety snapshot before deleteProfile, the restore's own: the history survives a full restore.
  assert.equal(r.historyLength, 3, 'the history survives a full restore');
  assert.deepEqual(r.fromFile, ['Mom']);
  assert.equal(r.magic, 'SQLite format 3');
  assert.match(r.dbFilename, /^streakbox-\d{4}-\d{2}-\d{2}\.db$/);
  assert.deepEqual(r.fromDb, { names: ['Mom'], format: 'sqlite', history: 1 });
  assert.equal(r.rejected.damaged.code, 'invalid');
  assert.match(r.rejected.damaged.message, /damaged/);
  assert.equal(r.rejected.foreign.code, 'malformed');
  assert.match(r.rejected.foreign.message, /not an SQLite database/);
  assert.deepEqual(r.afterRejected, { names: ['Mom'], history: 0 });
  assert.deepEqual(errors, []);
}));

test('a chosen folder (here an OPFS folder handle, the same code path as a disk folder) receives the backups', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  const r = await page.evaluate(async () => {
    const s = window.streakbox;
    await s.ready();
    await s.createProfile({ name: 'Mom' });  // something to back up (a backup counts only when it would restore)
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('chosen-folder', { create: true });
    const settings = await s.backups.chooseFolder(dir);
    const entry = await s.backups.runNow();
    const files = [];
    for await (const [name] of dir.entries()) files.push(name);
    return { settings, entry, files, folder: await s.backups.folder() };
  });
  assert.equal(r.settings.location, 'folder');
  assert.equal(r.entry.location, 'folder:chosen-folder');
  assert.deepEqual(r.files, [r.entry.filename]);
  assert.deepEqual(r.folder, { name: 'chosen-folder', permission: 'granted' });
  assert.deepEqual(errors, []);
}));

test('a run missed while the app was closed happens once when it opens again', () => withBrowser(async ({ context, errors, url }) => {
  let page = await openApp(context, url);
  await page.evaluate(async () => {
    const s = window.streakbox;
    await s.ready();
    await s.createProfile({ name: 'Mom' });
    // Switched on four days ago (by the worker's clock), then the app was closed.
    await s._setClock(Date.now() - 4 * 86400 * 1000);
    await s.backups.configure({ enabled: true, frequency: 'daily' });
    await s.backups.status();
  });
  const before = await page.evaluate(() => window.streakbox.backups.list());
  await page.close();
  // A new page: a new worker on the real clock; three or four slots were missed.
  page = await openApp(context, url);
  await page.waitForFunction(async () => (await window.streakbox.backups.list()).length > 0, null, { timeout: 30000, polling: 200 });
  const r = await page.evaluate(async () => {
    const s = window.streakbox;
    const status = await s.backups.status();
    return { list: await s.backups.list(), status };
  });
  assert.equal(before.length, 0, 'nothing ran while the clock said four days ago');
  assert.deepEqual(r.list.map((e) => [e.kind, e.status]), [['scheduled', 'ok']], 'exactly one catch-up');
  assert.equal(r.status.due, false);
  assert.ok(Date.parse(r.status.next_due) > Date.now());
  assert.deepEqual(errors, []);
}));
