// Where the browser cannot keep the database: a real Firefox private window
// refuses OPFS (navigator.storage.getDirectory throws SecurityError), so
// Streakbox opens an in-memory database, says so at the top of every view,
// and still checks, opens, validates, imports and exports backups. After a
// reload the data is gone, as the notice said (Firefox only: Chromium has no
// private mode here). In both engines: a damaged database file is a real
// failure, not a reason for memory, and keeps its own message.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { choose, confirm, pickFile, previewText } from './restore_steps.mjs';
import { ROOT, test, openApp, withBrowser } from './harness.mjs';

const NOTICE = '#memory-notice';

async function noticeOn(page, view) {
  await page.click(`[data-view="${view}"]`);
  await page.waitForFunction((v) => document.title.startsWith(v), view === 'today' ? 'Today' : view === 'progress' ? 'Progress' : 'Settings');
  assert.equal(await page.isVisible(NOTICE), true, `the notice shows on ${view}`);
}

test('a private window opens in memory and says so on every view; checks, import and export work; a reload forgets (Firefox only: private browsing refuses OPFS)',
  { engines: ['firefox'] }, () => withBrowser(async ({ context, errors, url }) => {
    const page = await openApp(context, url);
    const state = await page.evaluate(() => window.streakbox.state);
    assert.equal(state.state, 'ready');
    assert.equal(state.storage, 'memory');
    assert.deepEqual(state.missing, ['opfs']);
    assert.match(state.reason, /private windows/);

    // The notice: what is missing, nothing kept, which browsers keep data, what still works.
    await page.waitForSelector(NOTICE);
    const notice = await page.textContent(NOTICE);
    assert.match(notice, /does not let websites keep files/);
    assert.match(notice, /everything disappears when you close or reload the tab/);
    assert.match(notice, /Current Chrome, Edge, Firefox and Safari keep your data/);
    assert.match(notice, /open, check and export a backup here/);
    assert.doesNotMatch(notice, /\d/, 'no error codes');

    // A profile, a task and a check, through the UI.
    await page.click('#new-profile');
    await page.fill('dialog[open] input[name="name"]', 'Mom');
    await page.click('dialog[open] button[type="submit"]');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    await page.click('[data-view="tasks"]');
    await page.click('#add-task');
    await page.fill('dialog[open] input[name="title"]', 'Run');
    await page.click('dialog[open] button[type="submit"]');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    assert.equal(await page.isVisible(NOTICE), true, 'the notice shows on Tasks');
    await noticeOn(page, 'today');
    await page.click('input[type="checkbox"][data-task-id]');
    await page.waitForFunction(() => /complete/i.test(document.querySelector('#day-status').textContent));
    assert.doesNotMatch(await page.textContent('#view'), /\bnull\b/, 'Today shows no stray "null" where no banner is');
    for (const [width, height] of [[1280, 800], [390, 844]]) {
      await page.setViewport({ width, height });
      await page.screenshot({ path: join(ROOT, 'build', `memory-notice-${width}.png`) });
    }
    await page.setViewport({ width: 1280, height: 800 });
    await noticeOn(page, 'progress');

    // Settings: the backups card says what applies; Back up now keeps one for this tab.
    await noticeOn(page, 'settings');
    await page.waitForSelector('#backup-memory');
    assert.match(await page.textContent('#backup-memory'), /Scheduled backups are off here/);
    assert.equal(await page.count('#backup-settings'), 0, 'no schedule form');
    assert.match(await page.textContent('#persist-status'), /Nothing is saved in this window/);
    assert.equal(await page.count('#request-persistence'), 0, 'no asking the browser to keep data that is in memory');
    await page.click('#backup-now');
    await page.waitForSelector('#backup-message');
    assert.match(await page.textContent('#backups'), /this tab only/i);

    // Open and check a backup (the preview validates it), then merge it in.
    await pickFile(page, join(ROOT, 'tests/data/backups/seed-server-all.json'));
    await choose(page, 'merge');
    assert.match(await previewText(page), /“Kid” \(a new profile\)/);
    await confirm(page);
    const names = (await page.evaluate(() => window.streakbox.listProfiles())).map((p) => p.name);
    assert.deepEqual(names, ['Kid', 'Mom']);

    // Export: a real file the browser saved, holding both profiles and today's check.
    const file = await page.download(() => page.click('#export-all'));
    assert.match(file.name, /^streakbox-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = JSON.parse(readFileSync(file.path, 'utf8'));
    assert.deepEqual(backup.profiles.map((p) => p.profile.name).sort(), ['Kid', 'Mom']);
    const mom = backup.profiles.find((p) => p.profile.name === 'Mom');
    const today = await page.evaluate(() => window.streakbox.today());
    assert.ok(mom.task_checks.some((c) => c.date === today && c.checked), 'today\'s check, made in memory, is in the file');

    // A reload starts a new, empty in-memory database, and says so again.
    await page.reload();
    await page.waitForFunction(() => window.streakbox && window.streakbox.state.state === 'ready');
    assert.equal(await page.evaluate(() => window.streakbox.state.storage), 'memory');
    assert.deepEqual(await page.evaluate(() => window.streakbox.listProfiles()), []);
    await page.waitForSelector(NOTICE);
    assert.deepEqual(errors, []);
  }, { private: true }));

test('a damaged database file keeps its own message: no Reload offered, no error code, nothing in memory', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  assert.equal(await page.evaluate(() => window.streakbox.state.storage), 'opfs');
  await page.evaluate(() => window.streakbox.createProfile({ name: 'Mom' }));
  // Stop the worker (it lets go of its files), then damage the database and its WAL.
  const wrote = await page.evaluate(async () => {
    window.streakbox._terminate();
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('streakbox');
    let last = '';
    for (let i = 0; i < 200; i++) {
      try {
        for (const name of ['streakbox.db-wal', 'streakbox.db']) {
          const w = await (await dir.getFileHandle(name)).createWritable();
          await w.write(new TextEncoder().encode(`SQLite format 3\0${'x'.repeat(5000)}`));
          await w.close();
        }
        return 'written';
      } catch (e) {
        last = e.name;  // the handles may still be closing
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return last;
  });
  assert.equal(wrote, 'written');
  await page.reload();
  await page.waitForFunction(() => window.streakbox && window.streakbox.state.state !== 'opening', null, { timeout: 30000 });
  const state = await page.evaluate(() => window.streakbox.state);
  assert.deepEqual([state.state, state.code, state.storage, state.reloadHelps], ['failed', 'corrupt', 'opfs', false]);
  const screen = await page.textContent('#screen');
  assert.match(screen, /could not open its database/);
  assert.match(screen, /damaged/);
  assert.doesNotMatch(screen, /reload|\d/i);
  assert.equal(await page.count('#screen button'), 0, 'no Reload button');
  assert.equal(await page.evaluate(() => window.streakbox.ready().catch((e) => e.code)), 'corrupt');
  assert.deepEqual(errors, []);
}));
