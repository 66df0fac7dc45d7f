// The UI beyond the happy path of ui_flow.test.mjs, through clicks, typing
// and the keyboard: the second-tab screens, fixing a past day from Progress,
// an API error reverting a check, keyboard-only use, deleting a profile
// back to the first-run welcome, and offline use with the server gone.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SITE, launch, newProfileDir, openApp, serveSite, test, withBrowser } from './harness.mjs';

const noDialog = (page) => page.waitForFunction(() => !document.querySelector('dialog[open]'));

async function createProfile(page, name, swatch) {
  await page.click('#new-profile');
  await page.fill('dialog[open] [name="name"]', name);
  if (swatch) await page.click(`dialog[open] .swatch[aria-label="${swatch}"]`);
  await page.click('dialog[open] button[type="submit"]');
  await noDialog(page);
  await page.waitForSelector(`[data-profile-id][aria-pressed="true"]:has-text("${name}")`);
}

async function addTask(page, title, { required = true } = {}) {
  await page.click('[data-view="tasks"]');
  await page.click('#add-task');
  await page.fill('dialog[open] [name="title"]', title);
  if (!required) await page.uncheck('dialog[open] [name="required"]');
  await page.click('dialog[open] button[type="submit"]');
  await noDialog(page);
  await page.waitForSelector(`.task-row:has-text("${title}")`);
}

const text = async (page, sel) => (await page.textContent(sel)).trim();
const checkbox = (title) => `.check-item:has-text("${title}") input[type="checkbox"]`;

test('a second tab is told plainly and can take over with one click, and back', () => withBrowser(async ({ context, errors, url }) => {
  const tab1 = await openApp(context, url);
  await createProfile(tab1, 'Mom');
  const tab2 = await openApp(context, url);
  await tab2.waitForSelector('#take-over');
  assert.match(await text(tab2, 'h1'), /Streakbox is open in another tab/);
  assert.ok(await tab2.isHidden('#shell'), 'the app stays hidden while another tab owns the data');

  await tab2.click('#take-over');
  await tab2.waitForSelector('[data-profile-id]:has-text("Mom")');
  assert.equal(await tab2.evaluate(() => window.streakbox.state.state), 'ready');
  await tab1.waitForSelector('#take-over');
  assert.match(await text(tab1, 'h1'), /was opened in another tab/);

  await tab1.click('#take-over');
  await tab1.waitForSelector('[data-profile-id]:has-text("Mom")');
  await tab2.waitForSelector('#take-over');
  assert.deepEqual(errors, []);
}));

test('a missed day is fixed from Progress, and an API error reverts a check with its message', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  await createProfile(page, 'Mom');
  await addTask(page, 'Morning run');
  await addTask(page, 'Read', { required: false });
  await page.click('[data-view="today"]');
  await page.check(checkbox('Morning run'));
  await page.waitForFunction(() => /Day complete/.test(document.querySelector('#day-status').textContent));

  const yesterday = await page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() - 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await page.click('[data-view="progress"]');
  const cell = `[data-date="${yesterday}"]`;
  await page.waitForSelector('.months [data-date]');
  if (!(await page.count(cell))) await page.click('[data-action="cal-prev"]'); // on the 1st, yesterday is last month's page
  await page.waitForSelector(cell);
  assert.equal(await page.getAttribute(cell, 'data-state'), 'none');
  assert.match(await page.getAttribute(cell, 'aria-label'), /nothing checked/);
  await page.click(cell);
  await page.waitForSelector('dialog[open] [data-task-id]');
  await page.check('dialog[open] .check-item:has-text("Read") input');
  await page.waitForFunction(() => /required task/.test(document.querySelector('dialog[open] #day-status').textContent));
  await page.check('dialog[open] .check-item:has-text("Morning run") input');
  await page.waitForFunction(() => /Day complete/.test(document.querySelector('dialog[open] #day-status').textContent));
  await page.click('dialog[open] button[value="close"]');
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.state === 'complete', cell);
  assert.equal(await text(page, '#streak-current'), '2', 'yesterday now extends the streak');
  assert.match(await page.getAttribute(cell, 'aria-label'), /day complete, 2 tasks checked/);

  // The task disappears behind the UI's back: checking it fails, reverts, and says why.
  await page.click('[data-view="today"]');
  await page.waitForSelector('[data-task-id]');
  await page.evaluate(async () => {
    const s = window.streakbox;
    const [p] = await s.listProfiles();
    const read = (await s.listTasks(p.id)).find((t) => t.title === 'Read');
    await s.deleteTask(read.id);
  });
  await page.click(checkbox('Read'));
  const error = '.check-item:has-text("Read") .error';
  await page.waitForSelector(error);
  assert.match(await page.textContent(error), /^No task with id \d+/);
  assert.equal(await page.isChecked(checkbox('Read')), false, 'the failed check is reverted');
  assert.deepEqual(errors, []);
}));

test('everything works from the keyboard', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  await createProfile(page, 'Mom');
  await addTask(page, 'Stretch');
  await addTask(page, 'Floss');

  // Reorder with Enter on a move button; focus follows the moved task.
  await page.focus('[aria-label="Move Floss up"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.task-row .task-title').textContent === 'Floss');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Move Floss down',
    'at the top the focus moves to the twin button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.task-row .task-title').textContent === 'Stretch');
  const saved = await page.evaluate(async () => {
    const s = window.streakbox; // calls run in order, so this reads after both moves are saved
    return (await s.listTasks((await s.listProfiles())[0].id)).map((t) => t.title);
  });
  assert.deepEqual(saved, ['Stretch', 'Floss']);
  await page.reload();
  await page.waitForSelector('.task-row');
  assert.deepEqual(await page.$$eval('.task-row .task-title', (t) => t.map((x) => x.textContent)), ['Stretch', 'Floss']);

  // Nav and checkboxes with Enter and Space.
  await page.focus('[data-view="today"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-task-id]');
  assert.equal(await page.getAttribute('[data-view="today"]', 'aria-current'), 'page');
  await page.focus(checkbox('Stretch'));
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');  // each task's menu (skip, note) follows its checkbox
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'More for Stretch');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => /Day complete/.test(document.querySelector('#day-status').textContent));
  assert.equal(await text(page, '#streak-current'), '1');

  // The calendar is one tab stop; arrows move by day and week; Escape closes a day.
  await page.click('[data-view="progress"]');
  const today = await page.evaluate(() => window.streakbox.today());
  await page.waitForSelector(`[data-date="${today}"]`);
  assert.equal(await page.$$eval('.months [tabindex="0"]', (c) => c.map((x) => x.dataset.date).join()), today);
  await page.focus(`[data-date="${today}"]`);
  await page.keyboard.press('ArrowUp');
  const weekAgo = await page.evaluate(() => document.activeElement.dataset.date);
  assert.equal((new Date(`${today}T12:00`) - new Date(`${weekAgo}T12:00`)) / 864e5, 7);
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open] [data-task-id]');
  await page.keyboard.press('Escape');
  await noDialog(page);
  await page.waitForFunction((d) => document.activeElement?.dataset.date === d, weekAgo);
  assert.deepEqual(errors, []);
}));

test('profiles: the choice is remembered, and deleting asks first and goes back to the welcome', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  await page.waitForSelector('body:has-text("Welcome to Streakbox")');
  assert.ok(await page.isHidden('#nav'), 'no views before there is a profile');
  await createProfile(page, 'Mom', 'Violet');
  await createProfile(page, 'Kid', 'Amber');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()), '#f59e0b');

  await page.click('[data-profile-id]:has-text("Mom")');
  await page.reload();
  await page.waitForSelector('[data-profile-id][aria-pressed="true"]:has-text("Mom")');

  await page.click('#edit-profile');
  await page.click('dialog[open] button:has-text("Delete profile")');
  await page.waitForSelector('dialog.confirm[open]');
  assert.match(await page.textContent('dialog.confirm[open]'), /“Mom”.*tasks.*history/s);
  await page.click('dialog.confirm[open] button[value="cancel"]');
  await page.click('dialog[open] button:has-text("Cancel")');
  await noDialog(page);
  assert.equal(await page.count('[data-profile-id]'), 2, 'cancel keeps the profile');

  for (const name of ['Mom', 'Kid']) {
    await page.click(`[data-profile-id]:has-text("${name}")`);
    await page.click('#edit-profile');
    await page.click('dialog[open] button:has-text("Delete profile")');
    await page.click('dialog.confirm[open] [data-confirm]');
    await noDialog(page);
  }
  await page.waitForSelector('body:has-text("Welcome to Streakbox")');
  assert.equal(await page.count('[data-profile-id]'), 0);
  assert.deepEqual(errors, []);
}));

test('the app opens with its server gone, from a sub-path, and the cache holds every built file', async () => {
  const site = await serveSite('/apps/streakbox/');
  const profile = newProfileDir();
  const { context, errors } = await launch(profile.dir);
  try {
    const page = await openApp(context, site.url);
    await createProfile(page, 'Mom');
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const keys = await (await caches.open(names.find((n) => n.startsWith('streakbox-')))).keys();
      return keys.map((r) => new URL(r.url).pathname);
    });
    const files = (function walk(dir) {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [relative(SITE, join(dir, e.name))]);
    })(SITE);
    for (const f of files.filter((x) => x !== 'sw.js')) assert.ok(cached.includes(`/apps/streakbox/${f}`), `${f} is cached`);

    await site.close();
    await page.reload();
    await page.waitForSelector('[data-profile-id]:has-text("Mom")', { timeout: 20000 });
    await page.click('[data-view="settings"]');
    await page.waitForSelector('#storage-usage');
    assert.match(await text(page, '#app-info'), /SQLite version/);
    assert.deepEqual(errors, [], 'nothing was fetched from the (gone) server');
  } finally {
    await context.close();
    profile.remove();
    await site.close();
  }
});
