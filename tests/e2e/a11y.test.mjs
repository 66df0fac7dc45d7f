// Every view and dialog as people meet it, held to tests/e2e/audit.mjs
// (zero axe-core violations, nothing wider than the screen, a screenshot in
// build/screenshots/) at a phone's 390 px and a desktop's 1280 px, in the light
// and the dark theme, switched through the same choice Settings → Appearance
// makes (window.streakboxTheme, www/theme_boot.js). One page walks the app
// once: first run, Today with a task in every state (done, skipped, an
// amount, a note, a day off, the failed-backup banner, the copy-outside
// reminder), Tasks with its editor and a confirm dialog, Progress with a day,
// Settings, the undo offer, the "open in another tab" screen and the
// storage-problem screen; in Firefox also the in-memory notice. Also: every
// view at 320, 390 and 430 px never scrolls sideways; the theme is applied
// before the first paint; the skip link and where the focus lands after an
// action.
import assert from 'node:assert/strict';
import { audit } from './audit.mjs';
import { openApp, test, withBrowser } from './harness.mjs';

const WIDTHS = [390, 1280];
const height = (width) => (width < 600 ? 844 : 800);
const noDialog = (page) => page.waitForFunction(() => !document.querySelector('dialog[open]'));

/** Sets the appearance choice as Settings → Appearance does ('system', 'light', 'dark'). */
const setTheme = (page, choice) => page.evaluate((c) => window.streakboxTheme.set(c), choice);

/** Waits for what is moving to stop (transitions after a theme or size change). */
const settled = (page) => page.evaluate(async () => {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})));
});

/**
 * Controls smaller than 24 by 24 px without room around them (WCAG 2.2
 * 2.5.8, axe-core's target-size rule, which axe leaves off by default).
 */
async function smallTargets(page) {
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['target-size'], resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
  });
}

/** audit() at both widths in both themes, and target sizes on the phone; leaves the page light at 1280 px. */
async function auditAll(page, name) {
  for (const theme of ['dark', 'light']) {
    await setTheme(page, theme);
    for (const width of theme === 'dark' ? WIDTHS : [...WIDTHS].reverse()) {
      await page.setViewport({ width, height: height(width) });
      await settled(page);
      await audit(page, name);
      if (theme === 'dark' && width < 600) assert.deepEqual(await smallTargets(page), [], `${name} at ${width}px: targets below 24 px`);
    }
  }
}

/** Goes to `view` and waits for its h1. */
async function go(page, view, title) {
  await page.click(`[data-view="${view}"]`);
  await page.waitForFunction((t) => document.querySelector('#view h1')?.textContent === t, title);
}

const WEEK_AGO = `(() => { const d = new Date(); d.setDate(d.getDate() - 7); return d.toISOString().slice(0, 10); })()`;

/**
 * Mom (blue) with a task in every state today: Run done, Stretch skipped,
 * Water an amount (3 of 8 glasses), Read with a note, Gym 3 times a week
 * (done once), Floss optional and open; a day complete a week ago.
 * Reloads so the UI shows it. Returns Mom's id.
 */
async function seed(page) {
  const id = await page.evaluate(async (weekAgoSource) => {
    const s = window.streakbox;
    const today = s.today();
    const weekAgo = (0, eval)(weekAgoSource);
    const p = await s.createProfile({ name: 'Mom', color: '#3b82f6' });
    const run = await s.createTask(p, { title: 'Run', description: 'Twenty minutes round the park' });
    const stretch = await s.createTask(p, { title: 'Stretch' });
    const water = await s.createTask(p, { title: 'Water', measure: { unit: 'glasses', target: 8, direction: 'at_least' } });
    const read = await s.createTask(p, { title: 'Read' });
    const gym = await s.createTask(p, { title: 'Gym', schedule: { type: 'per_week', times: 3 } });
    await s.createTask(p, { title: 'Floss', required: false });
    await s.setCheck(p, run, today, true);
    await s.setCheck(p, stretch, today, { skipped: true });
    await s.setCheck(p, water, today, { amount: 3 });
    await s.setCheck(p, read, today, { note: 'Two chapters of the new book' });
    await s.setCheck(p, gym, today, true);
    for (const t of [run, stretch, read, gym]) await s.setCheck(p, t, weekAgo, true);
    await s.setCheck(p, water, weekAgo, { amount: 8 });
    return p;
  }, WEEK_AGO);
  await page.reload();
  await page.waitForSelector('[data-view="today"][aria-current="page"]');
  await page.waitForSelector('#view .view-inner[data-reminder]', { state: 'attached' });
  return id;
}

/** Makes the next scheduled backup fail (encrypted, with no password stored) and runs it. */
async function failScheduledBackup(page) {
  await page.evaluate(async () => {
    const s = window.streakbox;
    await s.backups.configure({ enabled: true, frequency: 'daily', retention_count: 3, encrypt: true });
    const d = new Date();
    d.setDate(d.getDate() + 1);
    d.setHours(3, 5, 0, 0);
    await s._setClock(d.getTime());
    await s.backups.status();
  });
}

/** Stops the worker and damages the database file (as memory_fallback.test.mjs does), then reloads. */
async function damageDatabase(page) {
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
  await page.waitForFunction(() => window.streakbox?.state.state === 'failed', null, { timeout: 30000 });
}

test('every view and dialog: zero axe-core violations and no sideways scrolling at 390 and 1280 px, light and dark', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  await page.waitForSelector('body:has-text("Welcome to Streakbox")');
  await auditAll(page, 'welcome');
  await page.click('#new-profile');
  await page.waitForSelector('dialog[open] [name="name"]');
  await auditAll(page, 'profile-dialog');
  await page.click('dialog[open] button:has-text("Cancel")');
  await noDialog(page);

  const mom = await seed(page);
  await failScheduledBackup(page);
  await go(page, 'today', 'Today');
  await page.waitForSelector('#backup-banner');
  await page.waitForSelector('#offsite-reminder');
  for (const state of ['done', 'skipped', 'open']) await page.waitForSelector(`.check-item[data-state="${state}"]`);
  await page.waitForSelector('.check-item .entry-note:has-text("Two chapters")');
  await auditAll(page, 'today');

  // A task's menu open, and its note being written.
  await page.click('.check-item:has-text("Floss") .menu-button');
  await page.waitForSelector('[role="menu"]');
  await auditAll(page, 'today-menu');
  await page.click('[role="menuitem"][data-action="note"]');
  await page.waitForSelector('.note-editor textarea');
  await auditAll(page, 'today-note-editor');

  await page.evaluate(async (p) => window.streakbox.setDayOff(p, window.streakbox.today(), { note: 'Holiday' }), mom);
  await go(page, 'tasks', 'Tasks');
  await go(page, 'today', 'Today');
  await page.waitForSelector('.day-off.is-off');
  await auditAll(page, 'today-day-off');
  await page.evaluate(async (p) => window.streakbox.setDayOff(p, window.streakbox.today(), false), mom);

  await go(page, 'tasks', 'Tasks');
  await auditAll(page, 'tasks');
  await page.click('[aria-label="Edit Water"]');
  await page.waitForSelector('dialog[open]#task-dialog');
  await auditAll(page, 'task-dialog');
  await page.click('dialog[open] button:has-text("Cancel")');
  await noDialog(page);
  await page.click('[aria-label="Delete Floss"]');
  await page.waitForSelector('dialog.confirm[open]');
  await auditAll(page, 'confirm-dialog');
  await page.click('dialog.confirm[open] button[value="cancel"]');
  await noDialog(page);

  await go(page, 'progress', 'Progress');
  const today = await page.evaluate(() => window.streakbox.today());
  await page.waitForSelector(`[data-date="${today}"]`);
  await auditAll(page, 'progress');
  await page.click(`[data-date="${today}"]`);
  await page.waitForSelector('dialog[open] [data-task-id]');
  await auditAll(page, 'day-dialog');
  await page.keyboard.press('Escape');
  await noDialog(page);

  await go(page, 'settings', 'Settings');
  await page.waitForSelector('#appearance');
  await auditAll(page, 'settings');

  // The undo offer after deleting a profile (here one made for it).
  await page.click('#new-profile');
  await page.fill('dialog[open] [name="name"]', 'Kid');
  await page.click('dialog[open] .swatch[aria-label="Amber"]');
  await page.click('dialog[open] button[type="submit"]');
  await page.waitForSelector('[data-profile-id][aria-pressed="true"]:has-text("Kid")');
  await go(page, 'today', 'Today');
  await auditAll(page, 'today-amber-empty');
  await page.click('#edit-profile');
  await page.click('dialog[open] button:has-text("Delete profile")');
  await page.click('dialog.confirm[open] [data-confirm]');
  await noDialog(page);
  await page.waitForSelector('#undo-offer #undo-button');
  await page.waitForSelector('[data-profile-id][aria-pressed="true"]:has-text("Mom")');
  await auditAll(page, 'undo-offer');

  const tab2 = await openApp(context, url);
  await tab2.waitForSelector('#take-over');
  await auditAll(tab2, 'another-tab');
  await tab2.close();

  await damageDatabase(page);
  await page.waitForSelector('#screen h1:has-text("could not open")');
  await auditAll(page, 'storage-problem');
  assert.deepEqual(errors, []);
}));

test('the in-memory notice: zero axe-core violations, light and dark (Firefox only: private windows refuse OPFS)',
  { engines: ['firefox'] }, () => withBrowser(async ({ context, errors, url }) => {
    const page = await openApp(context, url);
    assert.equal(await page.evaluate(() => window.streakbox.state.storage), 'memory');
    await page.waitForSelector('#memory-notice');
    await auditAll(page, 'memory-welcome');
    await page.evaluate(async () => {
      const s = window.streakbox;
      const p = await s.createProfile({ name: 'Mom' });
      await s.setCheck(p, await s.createTask(p, { title: 'Run' }), s.today(), true);
    });
    await page.click('#new-profile');  // the bar re-reads the profiles after a new one
    await page.fill('dialog[open] [name="name"]', 'Kid');
    await page.click('dialog[open] button[type="submit"]');
    await noDialog(page);
    await page.click('[data-profile-id]:has-text("Mom")');
    await page.waitForSelector('.check-item[data-state="done"]');
    await auditAll(page, 'memory-today');
    assert.deepEqual(errors, []);
  }, { private: true }));

/** The page's width at `widths` (the viewport's height as on a phone). */
async function widerThanScreen(page, name, widths = [320, 390, 430]) {
  const wide = [];
  for (const width of widths) {
    await page.setViewport({ width, height: 800 });
    await settled(page);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scroll > width) wide.push(`${name} at ${width}px is ${scroll}px wide`);
  }
  return wide;
}

test('no view scrolls sideways at 320, 390 and 430 px', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  await page.waitForSelector('body:has-text("Welcome to Streakbox")');
  const wide = await widerThanScreen(page, 'welcome');
  await seed(page);
  await failScheduledBackup(page);
  for (const [view, title] of [['today', 'Today'], ['tasks', 'Tasks'], ['progress', 'Progress'], ['settings', 'Settings']]) {
    await page.setViewport({ width: 1280, height: 800 });
    await go(page, view, title);
    if (view === 'today') await page.waitForSelector('#backup-banner');
    if (view === 'settings') await page.waitForSelector('#appearance');
    wide.push(...await widerThanScreen(page, view));
  }
  const tab2 = await openApp(context, url);
  await tab2.waitForSelector('#take-over');
  wide.push(...await widerThanScreen(tab2, 'another-tab'));
  await tab2.close();
  assert.deepEqual(wide, []);
  assert.deepEqual(errors, []);
}));

test('the chosen theme applies before the first paint, and Settings → Appearance sets and keeps it', () => withBrowser(async ({ context, errors, url }) => {
  const page = await context.newPage();
  // The first animation frame runs just before the first paint: record the theme it is drawn in.
  await page.evaluateOnNewDocument(() => {
    requestAnimationFrame(() => {
      window.schemeAtFirstBody = getComputedStyle(document.documentElement).colorScheme;
      window.backgroundAtFirstBody = getComputedStyle(document.documentElement).backgroundColor;
    });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.streakbox?.state.state === 'ready');
  await seed(page);
  await go(page, 'settings', 'Settings');
  assert.equal(await page.isChecked('#appearance input[value="system"]'), true, 'System is the default');
  await page.check('#appearance input[value="dark"]');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme), 'dark');
  assert.equal(await page.evaluate(() => document.querySelector('meta[name="theme-color"][media]').media), 'all',
    'the dark theme colour applies too');
  await page.reload();
  await page.waitForFunction(() => window.streakbox?.state.state === 'ready');
  assert.equal(await page.evaluate(() => window.schemeAtFirstBody), 'dark', 'dark from the first paint');
  assert.equal(await page.evaluate(() => window.backgroundAtFirstBody), 'rgb(14, 18, 23)');
  await go(page, 'settings', 'Settings');
  assert.equal(await page.isChecked('#appearance input[value="dark"]'), true, 'the choice is remembered');
  await page.check('#appearance input[value="light"]');
  await page.reload();
  await page.waitForFunction(() => window.streakbox?.state.state === 'ready');
  assert.equal(await page.evaluate(() => window.schemeAtFirstBody), 'light');
  assert.equal(await page.evaluate(() => window.backgroundAtFirstBody), 'rgb(245, 246, 248)');
  assert.deepEqual(errors, []);
}));

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el === document.body ? 'body' : `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}:${(el.getAttribute('aria-label') || el.textContent).trim()}`;
});

test('the skip link comes first and leads to the view; after each action the focus lands somewhere sensible', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  await page.waitForSelector('body:has-text("Welcome to Streakbox")');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'a#skip-link:Skip to content', 'the skip link is the first stop');
  assert.ok(await page.evaluate(() => document.activeElement.getBoundingClientRect().top >= 0), 'and shows while focused');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'h1:Welcome to Streakbox');
  assert.equal(await page.evaluate(() => location.hash), '', 'the skip link is not a view name');

  // The first profile: the welcome's button is gone, the focus goes to Today's heading.
  await page.click('button:has-text("Create your first profile")');
  await page.fill('dialog[open] [name="name"]', 'Mom');
  await page.click('dialog[open] button[type="submit"]');
  await noDialog(page);
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await focused(page), 'h1:Today');

  // A change of view: its h1.
  await page.focus('[data-view="tasks"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Tasks');
  assert.equal(await focused(page), 'h1:Tasks');

  // A profile chosen from the header keeps the focus on its button.
  await page.evaluate(() => window.streakbox.createProfile({ name: 'Kid' }));
  await page.click('#new-profile');
  await page.fill('dialog[open] [name="name"]', 'Ann');
  await page.click('dialog[open] button[type="submit"]');
  await noDialog(page);
  await page.waitForFunction(() => document.activeElement?.id === 'new-profile');
  await page.focus('[data-profile-id]:has-text("Mom")');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-profile-id][aria-pressed="true"]:has-text("Mom")');
  assert.equal(await focused(page), 'button:Mom');

  // Tasks: after editing, the task's Edit button; after deleting, the next task, then the heading.
  for (const title of ['Stretch', 'Floss']) {
    await page.click('#add-task');
    await page.fill('dialog[open] [name="title"]', title);
    await page.click('dialog[open] button[type="submit"]');
    await noDialog(page);
    await page.waitForSelector(`.task-row:has-text("${title}")`);
  }
  assert.equal(await focused(page), 'button#add-task:Add task', 'a dialog gives the focus back to what opened it');
  await page.focus('[aria-label="Edit Stretch"]');
  await page.keyboard.press('Enter');
  await page.fill('dialog[open] [name="title"]', 'Stretch well');
  await page.click('dialog[open] button[type="submit"]');
  await noDialog(page);
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit Stretch well');
  await page.focus('[aria-label="Delete Stretch well"]');
  await page.keyboard.press('Enter');
  await page.click('dialog.confirm[open] [data-confirm]');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Edit Floss');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.click('dialog.confirm[open] [data-confirm]');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Tasks');
  assert.equal(await focused(page), 'h1:Tasks', 'no task left: the heading');

  // The takeover screen's button goes away with the screen: the view's heading takes the focus.
  const tab2 = await openApp(context, url);
  await tab2.click('#take-over');
  await tab2.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await page.waitForSelector('#take-over');
  await page.click('#take-over');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await focused(page), 'h1:Tasks');
  assert.deepEqual(errors, []);
}));
