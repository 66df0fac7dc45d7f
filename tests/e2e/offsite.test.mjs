// A copy outside the browser (wasm/offsite.js, www/ui/offsite.js): the
// reminder on Today under a moved worker clock, its one button (a real
// download through the UI), folder writes counted, the history's marks, the
// record kept through restores, and "Share a backup" following feature
// detection. Runs in every engine.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logAction } from './restore_steps.mjs';
import { ROOT, openApp, test, withBrowser } from './harness.mjs';

const DAY = 24 * 60 * 60 * 1000;

// Draws Today afresh (through another view), as a person coming back to it would.
async function showToday(page) {
  await page.click('#nav [data-view="progress"]');
  await page.waitForSelector('.view-inner h1:has-text("Progress")');
  await page.click('#nav [data-view="today"]');
  await page.waitForSelector('.view-inner h1:has-text("Today")');
  await page.waitForSelector('.view-inner[data-reminder]');  // the reminder was decided
}

const reminderShown = async (page) => (await page.count('#offsite-reminder')) === 1;
const setClock = (page, ms) => page.evaluate((t) => window.streakbox._setClock(t), ms);

test('Today reminds when no copy left the browser; its download clears it until the interval passes; off is a choice', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  const t0 = Date.now();
  await page.evaluate(async (now) => {
    const s = window.streakbox;
    await s.ready();
    await s._setClock(now);
    await s.createProfile({ name: 'Mom' });
  }, t0);
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await setClock(page, t0);
  await showToday(page);
  assert.equal(await reminderShown(page), false, 'no task, nothing to lose: no reminder');

  await page.evaluate(async () => {
    const s = window.streakbox;
    const [mom] = await s.listProfiles();
    await s.createTask(mom.id, { title: 'Run' });
  });
  await showToday(page);
  assert.equal(await reminderShown(page), true, 'data and never a copy outside: the reminder shows');
  assert.match(await page.textContent('#offsite-reminder'), /only in this browser/);
  assert.equal(await page.count('#offsite-reminder button'), 1, 'one button');

  const file = await page.download(() => page.click('#offsite-download'));
  assert.match(file.name, /^streakbox-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(readFileSync(file.path, 'utf8'));
  assert.deepEqual(backup.profiles.map((p) => p.profile.name), ['Mom']);
  await page.waitForSelector('#offsite-reminder', { state: 'detached' });
  const recorded = await page.evaluate(() => window.streakbox.backups.offsite.status());
  assert.deepEqual({ how: recorded.how, last_at: recorded.last_at }, { how: 'download', last_at: new Date(t0).toISOString() },
    'recorded at the worker clock’s time');

  await setClock(page, t0 + 6 * DAY);
  await showToday(page);
  assert.equal(await reminderShown(page), false, 'six days later: still recent');
  await setClock(page, t0 + 8 * DAY);
  await showToday(page);
  assert.equal(await reminderShown(page), true, 'eight days later: the reminder is back');
  assert.match(await page.textContent('#offsite-reminder'), /8 days ago/);

  // Encrypted backups chosen, with a stored password: the reminder's download is a .ttbak.
  await page.evaluate(async () => {
    const s = window.streakbox;
    await s.backupPassword.set('correct horse battery');
    await s.backups.configure({ encrypt: true });
  });
  await showToday(page);
  const sealed = await page.download(() => page.click('#offsite-download'));
  assert.match(sealed.name, /\.ttbak$/);
  assert.equal(readFileSync(sealed.path).subarray(0, 8).toString('latin1'), 'SBXTTBAK');
  await page.waitForSelector('#offsite-reminder', { state: 'detached' });

  // Off, chosen in Settings → Storage: no reminder however long ago.
  await page.click('#nav [data-view="settings"]');
  await page.waitForSelector('#offsite-reminder-days');
  assert.match(await page.textContent('#offsite-why'), /clear its storage/);
  assert.match(await page.textContent('#offsite-last'), /downloaded/);
  await page.evaluate(() => {
    const select = document.querySelector('#offsite-reminder-days');
    select.value = '0';
    select.dispatchEvent(new Event('change'));
  });
  await page.waitForSelector('#offsite p.result:has-text("will not remind")');
  await setClock(page, t0 + 400 * DAY);
  await showToday(page);
  assert.equal(await reminderShown(page), false, 'off: no reminder');
  assert.deepEqual(errors, []);
}));

test('backups written to a chosen folder count as copies outside (an OPFS folder handle, the same code path as a disk folder); the history marks them and history downloads; restores keep the record', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  const t0 = Date.now();
  const r = await page.evaluate(async ({ now, DAY }) => {
    const s = window.streakbox;
    await s.ready();
    await s._setClock(now);
    const mom = await s.createProfile({ name: 'Mom' });
    await s.createTask(mom, { title: 'Run' });
    const out = { before: await s.backups.offsite.status() };
    const older = await s.exportAll();  // a backup from before any copy left (as if from elsewhere)
    out.olderText = new TextDecoder().decode(older.bytes);
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('chosen-folder', { create: true });
    await s.backups.chooseFolder(dir);
    await s.backups.runNow();
    out.afterManual = await s.backups.offsite.status();
    // Eight days on, a scheduled run into the folder clears the reminder again.
    await s._setClock(now + 8 * DAY);
    out.overdue = await s.backups.offsite.status();
    await s.backups.configure({ enabled: true, frequency: 'daily' });
    const at3 = new Date(now + 9 * DAY);
    at3.setHours(3, 30, 0, 0);
    await s._setClock(at3.getTime());
    await s.backups.status();
    out.afterScheduled = await s.backups.offsite.status();
    out.scheduled = (await s.backups.list()).filter((e) => e.kind === 'scheduled').map((e) => e.location);
    out.at = at3.getTime();
    return out;
  }, { now: t0, DAY });
  assert.equal(r.before.due, true);
  assert.equal(r.before.reason, 'never');
  assert.deepEqual([r.afterManual.due, r.afterManual.how], [false, 'folder'], 'a backup into the folder counts');
  assert.equal(r.overdue.due, true);
  assert.deepEqual(r.scheduled, ['folder:chosen-folder']);
  assert.deepEqual([r.afterScheduled.due, r.afterScheduled.how], [false, 'folder'], 'a scheduled write to the folder counts');
  await page.reload();  // the UI shows the profile made through the API (a new worker: the clock is set again)
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await setClock(page, r.at);
  await showToday(page);
  assert.equal(await reminderShown(page), false);

  // Back to Streakbox's own folder: a backup there does not count, until it is downloaded from the history.
  const inside = await page.evaluate(async () => {
    const s = window.streakbox;
    await s.backups.configure({ location: 'opfs', enabled: false });
    return s.backups.runNow();
  });
  await page.click('#nav [data-view="settings"]');
  const row = `#backup-history li[data-id="${inside.id}"]`;
  await page.waitForSelector(row);
  assert.equal(await page.count(`${row} [data-outside]`), 0, 'in this browser only: not marked');
  assert.equal(await page.count('#backup-history [data-outside="folder"]'), 2, 'both folder backups are marked');
  await page.download(() => logAction(page, row, 'download'));
  await page.waitForSelector(`${row} [data-outside="downloaded"]`);

  // A restore (JSON backup, then the database file) keeps this browser's record.
  const kept = await page.evaluate(async (olderText) => {
    const s = window.streakbox;
    const before = await s.backups.offsite.status();
    await s.backups.restore(new File([olderText], 'older.json'));
    const afterJson = await s.backups.offsite.status();
    const db = await s.exportDatabase();
    await s.importDatabase(db.bytes);
    const afterDb = await s.backups.offsite.status();
    const marked = (await s.backups.list()).filter((e) => e.outside === 'downloaded').length;
    return { before: before.last_at, afterJson: afterJson.last_at, afterDb: afterDb.last_at, marked };
  }, r.olderText);
  assert.equal(kept.afterJson, kept.before, 'a JSON restore keeps the record');
  assert.equal(kept.afterDb, kept.before, 'a database-file restore keeps the record');
  assert.equal(kept.marked, 1, 'the history download stays marked through restores');
  assert.deepEqual(errors, []);
}));

test('"Share a backup" follows feature detection: absent without file sharing, present with it, recorded on success and not on cancel', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  await page.evaluate(async () => {
    const s = window.streakbox;
    await s.ready();
    const mom = await s.createProfile({ name: 'Mom' });
    await s.createTask(mom, { title: 'Run' });
  });
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await page.click('#nav [data-view="settings"]');
  await page.waitForSelector('#offsite-reminder-days');
  const native = await page.evaluate(() => typeof navigator.canShare === 'function'
    && navigator.canShare({ files: [new File(['{}'], 'x.json', { type: 'application/json' })] }));
  assert.equal(await page.count('#offsite-share'), native ? 1 : 0, 'present exactly when this browser can share files');
  assert.equal(native, false, 'headless Chromium and Firefox cannot share files');

  // A browser that can share files (as phones do), from before the app
  // loads: the share sheet is this stand-in, which resolves (shared) or
  // rejects with AbortError (the user closed the sheet).
  await page.evaluateOnNewDocument(() => {
    window.__shared = [];
    window.__shareOutcome = 'cancel';
    navigator.canShare = (data) => Boolean(data && data.files && data.files.length);
    navigator.share = async (data) => {
      window.__shared.push({ name: data.files[0].name, size: data.files[0].size, type: data.files[0].type });
      if (window.__shareOutcome === 'cancel') throw new DOMException('Share canceled', 'AbortError');
    };
  });
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await page.click('#nav [data-view="settings"]');
  await page.waitForSelector('#offsite-share');
  await page.click('#offsite-share');
  await page.waitForFunction(() => window.__shared.length === 1);
  await page.waitForSelector('#offsite-share:not([disabled])');
  let st = await page.evaluate(() => window.streakbox.backups.offsite.status());
  assert.equal(st.last_at, null, 'a cancelled share records nothing');
  assert.equal(await page.isVisible('#offsite .error'), false, 'and shows no error');

  await page.evaluate(() => { window.__shareOutcome = 'share'; });
  await page.click('#offsite-share');
  await page.waitForSelector('#offsite p.result:has-text("Shared")');
  st = await page.evaluate(() => window.streakbox.backups.offsite.status());
  const shared = await page.evaluate(() => window.__shared);
  assert.equal(st.how, 'share');
  assert.equal(st.due, false);
  assert.match(shared[1].name, /^streakbox-backup-\d{4}-\d{2}-\d{2}\.json$/);
  assert.ok(shared[1].size > 0);
  assert.match(await page.textContent('#offsite-last'), /shared/);
  assert.deepEqual(errors, []);
}));

test('screenshots: Today with the reminder at 390×844 and 1280×800', () => withBrowser(async ({ context, errors, url, engine }) => {
  const page = await openApp(context, url);
  await page.evaluate(async () => {
    const s = window.streakbox;
    await s.ready();
    const mom = await s.createProfile({ name: 'Mom' });
    for (const title of ['Morning run', 'Read 20 pages', 'Stretch']) await s.createTask(mom, { title });
  });
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    await page.setViewport({ width: w, height: h });
    await page.reload();
    await page.waitForFunction(() => window.streakbox.state.state === 'ready');
    await page.waitForSelector('.view-inner[data-reminder="shown"] #offsite-reminder');
    await page.screenshot({ path: join(ROOT, 'build', `offsite-reminder-${w}-${engine || 'chromium'}.png`), fullPage: true });
  }
  assert.deepEqual(errors, []);
}));
