// Settings → Backups through the real UI: inline validation, switching the
// schedule on, a scheduled run appearing in the history after the clock moves
// past 03:00, restore from history with the header shown first, a database
// download the CLI opens, and the Today banner for a failed scheduled run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DIALOG, choose, confirm, logRestore, pickFile, previewText } from './restore_steps.mjs';
import { ROOT, openApp, test, withBrowser } from './harness.mjs';

const tomorrowAt = (h, m = 0, days = 1) => `(() => { const d = new Date(); d.setDate(d.getDate() + ${days}); d.setHours(${h}, ${m}, 0, 0); return d.getTime(); })()`;

test('backup settings, schedule, history, restore and the database file through the UI', () => withBrowser(async ({ context, errors, url, profileDir }) => {
  const page = await openApp(context, url);
  await page.evaluate(async () => {
    const s = window.streakbox;
    const p = await s.createProfile({ name: 'Mom' });
    await s.createTask(p, { title: 'Run' });
  });
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#backup-settings');
  assert.match(await page.textContent('#backup-schedule'), /Scheduled backups are off/);
  assert.match(await page.textContent('#backed-up'), /Transient state/);

  // An invalid count: a clear message next to the field, nothing saved.
  await page.check('#backup-settings input[type="checkbox"]');
  await page.fill('#backup-settings input[type="number"]', '400');
  await page.click('#backup-save');
  await page.waitForSelector('#backup-settings input[aria-invalid="true"]');
  assert.match(await page.textContent('#backup-settings'), /Enter a whole number from 1 to 365/);
  assert.equal((await page.evaluate(() => window.streakbox.backups.settings())).enabled, false);

  await page.fill('#backup-settings input[type="number"]', '3');
  await page.click('#backup-save');
  await page.waitForFunction(() => /Next backup/.test(document.querySelector('#backup-schedule')?.textContent));
  assert.deepEqual(await page.evaluate(() => window.streakbox.backups.settings()),
    { enabled: true, frequency: 'daily', retention_count: 3, encrypt: false, location: 'opfs' });

  // Past 03:00 tomorrow: the scheduled backup appears in the history.
  await page.evaluate(`window.streakbox._setClock(${tomorrowAt(3, 5)})`);
  await page.evaluate(() => window.streakbox.backups.status());
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#backup-history li[data-kind="scheduled"][data-status="ok"]');

  // Restore it from the log: what it is and holds is shown before anything changes.
  await page.evaluate(async () => window.streakbox.createProfile({ name: 'Dad' }));
  await logRestore(page, '#backup-history li[data-kind="scheduled"]');
  const header = await page.textContent(`${DIALOG} #restore-identity`);
  assert.match(header, /A Streakbox backup of all profiles/);
  assert.match(header, /“Mom”: 1 task, 0 checks/);
  assert.match(header, /Made by Streakbox \d/);
  await choose(page, 'all');
  assert.match(await previewText(page), /“Dad” is removed/);
  assert.match(await confirm(page), /^Restored everything from streakbox-.*: Mom unchanged, Dad removed\./);
  assert.deepEqual((await page.evaluate(() => window.streakbox.listProfiles())).map((p) => p.name), ['Mom']);
  await page.waitForSelector('#backup-history li[data-kind="safety"]');

  // The database file downloads, and the command-line tool opens it.
  const download = await page.download(() => page.click('#download-db'));
  const saved = download.path;
  const cli = spawnSync(join(ROOT, 'build/native/core/streakbox'), ['db-inspect', saved], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  assert.equal(JSON.parse(cli.stdout).counts.profiles, 1);

  // A foreign file offered as a database: refused, nothing changes.
  await pickFile(page, { name: 'notes.db', mimeType: 'application/octet-stream', buffer: Buffer.from('hello, not a database') }, { identified: false });
  await page.waitForFunction(() => [...document.querySelectorAll('#restore .error')].some((e) => !e.hidden && /notes\.db is not a file Streakbox can bring back/.test(e.textContent)));
  await page.screenshot({ path: join(ROOT, 'build', 'backups-ui.png'), fullPage: true });

  // A failed scheduled run shows on Today until a later one succeeds.
  await page.evaluate(() => window.streakbox.backups.configure({ encrypt: true }));
  await page.evaluate(`window.streakbox._setClock(${tomorrowAt(3, 5, 2)})`);
  await page.evaluate(() => window.streakbox.backups.status());
  await page.click('[data-view="today"]');
  await page.waitForSelector('#backup-banner');
  assert.match(await page.textContent('#backup-banner'), /last scheduled backup failed.*backup password/s);
  await page.screenshot({ path: join(ROOT, 'build', 'backups-banner.png') });
  await page.evaluate(() => window.streakbox.backups.configure({ encrypt: false }));
  await page.evaluate(`window.streakbox._setClock(${tomorrowAt(3, 5, 3)})`);
  await page.evaluate(() => window.streakbox.backups.status());
  await page.click('[data-view="today"]');
  await page.waitForSelector('.streaks');
  assert.equal(await page.count('#backup-banner'), 0, 'gone after a later success');
  assert.deepEqual(errors, []);
}));
