// The app through its real UI in a headless browser: clicks and typing only.
import assert from 'node:assert/strict';
import { openApp, test, withBrowser } from './harness.mjs';

function withApp(fn, base = '/') {
  return withBrowser(async (env) => fn(await openApp(env.context, env.url), env), { base });
}

async function createProfile(page, name) {
  await page.click('#new-profile');
  await page.fill('dialog[open] input[name="name"]', name);
  await page.click('dialog[open] button[type="submit"]');
  await page.waitForSelector('dialog[open]', { state: 'detached' }).catch(() => {});
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
}

async function addTask(page, title, { required = true } = {}) {
  await page.click('#add-task');
  await page.fill('dialog[open] input[name="title"]', title);
  if (!required) await page.uncheck('dialog[open] input[name="required"]');
  await page.click('dialog[open] button[type="submit"]');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
}

test('a day in the life: profile, tasks, checks, streak, reload, edit, history, settings', () => withApp(async (page, { errors }) => {
  await createProfile(page, 'Mom');
  await page.click('[data-view="tasks"]');
  await addTask(page, 'Morning run');
  await addTask(page, 'Read', { required: false });
  await page.waitForFunction(() => document.querySelectorAll('.task-list > li').length === 2);

  await page.click('[data-view="today"]');
  await page.waitForSelector('input[type="checkbox"][data-task-id]');  // Today draws after the click
  assert.equal(await page.count('input[type="checkbox"][data-task-id]'), 2);
  await page.check('input[type="checkbox"][data-task-id]');
  await page.waitForFunction(() => /complete/i.test(document.querySelector('#day-status').textContent));
  await page.waitForFunction(() => document.querySelector('#streak-current').textContent.trim() === '1');

  await page.reload();
  await page.waitForSelector('input[type="checkbox"][data-task-id]');
  assert.deepEqual(await page.$$eval('input[type="checkbox"][data-task-id]', (b) => b.map((x) => x.checked)), [true, false]);

  // Rename and recolour the profile.
  await page.click('[aria-label="Edit profile Mom"]');
  await page.fill('dialog[open] input[name="name"]', 'Mother');
  await page.fill('dialog[open] input[name="color"]', '#10b981');
  await page.click('dialog[open] button[type="submit"]');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  const profile = await page.evaluate(async () => (await window.streakbox.listProfiles())[0]);
  assert.equal(profile.name, 'Mother');
  assert.equal(profile.color.toLowerCase(), '#10b981');

  // Reorder, then delete with confirmation.
  await page.click('[data-view="tasks"]');
  await page.click('[aria-label="Move Read up"]');
  await page.waitForFunction(async () => (await window.streakbox.listTasks(1))[0].title === 'Read');
  await page.click('[aria-label="Delete Read"]');
  await page.click('dialog[open] [data-confirm]');
  await page.waitForFunction(async () => (await window.streakbox.listTasks(1)).length === 1);

  await page.click('[data-view="progress"]');
  const today = await page.evaluate(() => window.streakbox.today());
  await page.waitForSelector(`[data-date="${today}"]`);
  assert.equal(await page.getAttribute(`[data-date="${today}"]`, 'data-state'), 'complete');

  await page.click('[data-view="settings"]');
  await page.waitForSelector('#backup-restore');
  assert.match(await page.textContent('main'), /Streakbox uses/);
  assert.doesNotMatch(await page.textContent('main'), /null/, 'no empty part of a view shows as the word "null"');
  assert.deepEqual(errors, []);
}));

test('bad input is explained where it happened and changes nothing', () => withApp(async (page, { errors }) => {
  await createProfile(page, 'Mom');
  await page.click('#new-profile');
  await page.fill('dialog[open] input[name="name"]', 'Mom');
  await page.click('dialog[open] button[type="submit"]');
  await page.waitForFunction(() => /already exists/.test(document.querySelector('dialog[open]')?.textContent || ''));
  assert.equal((await page.evaluate(() => window.streakbox.listProfiles())).length, 1);
  assert.deepEqual(errors, []);
}));

test('the app works from a sub-path', () => withApp(async (page, { errors, url }) => {
  assert.match(url, /\/apps\/streakbox\/$/);
  assert.equal(await page.evaluate(() => window.streakbox.state.state), 'ready');
  await createProfile(page, 'Kid');
  await page.waitForSelector('[data-view="today"]');
  assert.deepEqual(errors, []);
}, '/apps/streakbox/'));

test('the app opens offline after the first load', () => withApp(async (page, { site, errors }) => {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();  // now controlled by the service worker
  await page.waitForFunction(() => navigator.serviceWorker.controller);
  // Let this load finish starting its worker: a reload while the worker is
  // still fetching its modules cancels those fetches, and Firefox reports each
  // one to the page as "A ServiceWorker intercepted the request and
  // encountered an unexpected error" (seen once in CI under load).
  await page.waitForFunction(() => window.streakbox && window.streakbox.state.state === 'ready', null, { timeout: 20000 });
  await site.close();  // the server is gone: only the service worker can answer
  await page.reload();
  await page.waitForFunction(() => window.streakbox && window.streakbox.state.state === 'ready', null, { timeout: 20000 });
  await createProfile(page, 'Offline');
  assert.equal((await page.evaluate(() => window.streakbox.listProfiles()))[0].name, 'Offline');
  assert.deepEqual(errors, []);
}));
