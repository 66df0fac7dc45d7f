// Issues 4 and 5 together in a real browser (Chromium and Firefox): scheduled backups sealed with the
// stored backup password, restored from the history without asking for it,
// and a .ttbak sealed with another password restored from a file after the
// password prompt (a wrong try first).
import assert from 'node:assert/strict';
import { openApp, test, withBrowser } from './harness.mjs';
import { DIALOG, choose, confirm, identifiedCard, logRestore } from './restore_steps.mjs';

const tomorrowAt = (h, m = 0) => `(() => { const d = new Date(); d.setDate(d.getDate() + 1); d.setHours(${h}, ${m}, 0, 0); return d.getTime(); })()`;

test('encrypted scheduled backups use the stored password; a foreign .ttbak restores after the prompt', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  const other = await page.evaluate(async () => {
    const s = window.streakbox;
    const p = await s.createProfile({ name: 'Mom' });
    await s.createTask(p, { title: 'Run' });
    await s.backupPassword.set('family secret');
    await s.backups.configure({ enabled: true, encrypt: true });
    // A backup of this moment sealed with some other password, for later.
    return Array.from((await s.exportAll({ password: 'grandma knows' })).bytes);
  });

  await page.evaluate(`window.streakbox._setClock(${tomorrowAt(3, 10)})`);
  const entry = await page.evaluate(async () => {
    await window.streakbox.backups.status();
    return (await window.streakbox.backups.list()).find((e) => e.kind === 'scheduled');
  });
  assert.equal(entry.status, 'ok', entry.error);
  assert.equal(entry.encrypted, true);
  assert.match(entry.filename, /\.ttbak$/);
  const verified = await page.evaluate((id) => window.streakbox.backups.verify(id), entry.id);
  assert.equal(verified.counts.tasks, 1);

  // Restore the sealed scheduled backup from the history: no password asked.
  await page.evaluate(() => window.streakbox.createProfile({ name: 'Dad' }));
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await page.click('[data-view="settings"]');
  await logRestore(page, `#backup-history li[data-id="${entry.id}"]`);
  assert.match(await page.textContent(`${DIALOG} #restore-identity`), /An encrypted Streakbox backup of all profiles/);
  await choose(page, 'all');
  assert.match(await confirm(page), /^Restored everything from .*\.ttbak: Mom unchanged, Dad removed\./);
  assert.deepEqual((await page.evaluate(() => window.streakbox.listProfiles())).map((p) => p.name), ['Mom']);

  // A .ttbak sealed with another password: the prompt, a wrong try, the right one.
  await page.setInputFiles('#restore-file', { name: 'from-grandma.ttbak', mimeType: 'application/octet-stream', buffer: Buffer.from(other) });
  await page.waitForSelector('dialog[open][data-password-prompt]');
  await page.fill('dialog[open] input[type="password"]', 'grandpa knows');
  await page.click('dialog[open] [data-unlock]');
  await page.waitForFunction(() => /password is wrong/.test(document.querySelector('dialog[open]')?.textContent));
  await page.fill('dialog[open] input[type="password"]', 'grandma knows');
  await page.click('dialog[open] [data-unlock]');
  await identifiedCard(page);
  await choose(page, 'all');
  assert.match(await confirm(page), /^Restored everything from from-grandma\.ttbak/);
  assert.deepEqual((await page.evaluate(() => window.streakbox.listProfiles())).map((p) => p.name), ['Mom']);
  assert.deepEqual(errors, []);
}));
