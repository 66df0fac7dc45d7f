// Issue 9: a restore says what changes beyond the data (the file's backup
// schedule differs: this browser's is kept by default), a history file that
// changed is refused as damaged, and a failed backupPassword.set() keeps the
// stored password. A real browser (Chromium and Firefox), real OPFS, real IndexedDB.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, openWithMom, test, withBrowser } from './harness.mjs';
import { DIALOG, choose, confirm, logRestore } from './restore_steps.mjs';

const schedule = (page) => page.evaluate(async () => {
  const { location, ...rest } = await window.streakbox.backups.settings();
  return rest;
});

test('a restore shows that the file\'s backup settings differ and keeps this browser\'s by default', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  await page.evaluate(async () => {
    const s = window.streakbox;
    await s.backups.configure({ enabled: false, frequency: 'daily', retention_count: 14 });
    await s.backups.runNow();
    await s.backups.configure({ enabled: true, frequency: 'weekly', retention_count: 30 });
  });
  const here = { enabled: true, frequency: 'weekly', retention_count: 30, encrypt: false };
  assert.deepEqual(await schedule(page), here);
  await page.click('[data-view="settings"]');
  await logRestore(page, '#backup-history li[data-kind="manual"]');
  await choose(page, 'all');
  await page.waitForSelector(`${DIALOG} #restore-changes`);
  const changes = await page.textContent(`${DIALOG} #restore-changes`);
  assert.match(changes, /backup settings \(off, daily, keep 14, not encrypted\) differ from this browser’s \(on, weekly, keep 30, not encrypted\)/);
  assert.equal(await page.isChecked(`${DIALOG} #restore-settings-keep`), true, 'keeping is the default');
  await page.screenshot({ path: join(ROOT, 'build', 'restore-changes.png') });
  assert.match(await confirm(page), /This browser’s schedule was kept/);
  assert.deepEqual(await schedule(page), here, 'on, weekly, keep 30 survive the restore');

  // Taking the file's schedule is a choice; Undo brings this browser's back with the data.
  await logRestore(page, '#backup-history li[data-kind="manual"]');
  assert.equal(await page.$eval(`${DIALOG} input[name="restore-choice"]:checked`, (e) => e.value), 'all', 'the last choice is remembered');
  await page.waitForSelector(`${DIALOG} #restore-changes`);
  await page.check(`${DIALOG} #restore-settings-take`);
  assert.match(await confirm(page), /The file’s schedule was taken/);
  assert.deepEqual(await schedule(page), { enabled: false, frequency: 'daily', retention_count: 14, encrypt: false });
  await page.click('#undo-button');
  await page.waitForFunction(() => /^Undone/.test(document.querySelector('#undo-message')?.textContent));
  assert.deepEqual(await schedule(page), here);
  assert.deepEqual(errors, []);
}));

test('backups.restore(id) refuses a history file that changed as damaged, and changes nothing', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  const r = await page.evaluate(async () => {
    const s = window.streakbox;
    const entry = await s.backups.runNow();
    await s.createProfile({ name: 'Dad' });
    // Someone edits the saved file: same size, one byte different.
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('streakbox-backups');
    const handle = await dir.getFileHandle(entry.filename);
    const text = await (await handle.getFile()).text();
    const w = await handle.createWritable();
    await w.write(text.replace('"Run"', '"Rum"'));
    await w.close();
    const historyBefore = (await s.backups.list()).length;
    let error = null;
    try { await s.backups.restore(entry.id); } catch (e) { error = { code: e.code, message: e.message }; }
    return { error, names: (await s.listProfiles()).map((p) => p.name), history: (await s.backups.list()).length - historyBefore };
  });
  assert.equal(r.error && r.error.code, 'damaged');
  assert.match(r.error.message, /has changed since it was saved/);
  assert.deepEqual(r.names, ['Dad', 'Mom']);
  assert.equal(r.history, 0, 'no safety snapshot for a refused file');
  assert.deepEqual(errors, []);
}));

test('a backupPassword.set() that fails (too long) keeps the stored password; the cap is 1024 bytes of UTF-8', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  const r = await page.evaluate(async () => {
    const s = window.streakbox;
    const code = async (p) => { try { await p; return 'ok'; } catch (e) { return { code: e.code, message: e.message }; } };
    // Does the stored password still open what it seals? (It never leaves the worker.)
    const opensWith = async (pw) => {
      const sealed = await s.exportAll({ useStoredPassword: true });
      return code(s.decryptBackup(sealed.bytes, { password: pw }));
    };
    await s.backupPassword.set('the old password');
    const long = await code(s.backupPassword.set('x'.repeat(2_000_000)));
    const accents = await code(s.backupPassword.set('é'.repeat(513)));  // 1026 bytes
    const afterFailures = { isSet: await s.backupPassword.isSet(), old: await opensWith('the old password') };
    const atCap = await code(s.backupPassword.set('y'.repeat(1024)));
    return { long, accents, afterFailures, atCap, atCapOpens: await opensWith('y'.repeat(1024)) };
  });
  assert.equal(r.long.code, 'invalid_argument');
  assert.match(r.long.message, /at most 1024 bytes/);
  assert.equal(r.accents.code, 'invalid_argument');
  assert.deepEqual(r.afterFailures, { isSet: true, old: 'ok' });
  assert.equal(r.atCap, 'ok');
  assert.equal(r.atCapOpens, 'ok');
  assert.deepEqual(errors, []);
}));
