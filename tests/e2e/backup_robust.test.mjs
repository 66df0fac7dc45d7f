// Backup import in a real browser (Chromium and Firefox) when things go wrong or come in another way:
// a browser killed or a tab closed in the middle of a large import, a file
// dropped onto the page, and files larger than the worker's read slice.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { choose, confirm, identifiedCard } from './restore_steps.mjs';
import { ROOT, launch, newProfileDir, openApp, serveSite, test, withBrowser } from './harness.mjs';

// Builds, in the page, a one-profile backup of `tasks` tasks with `days` days
// of checks each (about 60 bytes a check) and returns it as a string.
const MAKE_BACKUP = `(name, tasks, days) => {
  const parts = ['{"version":"1.1","profiles":[{"profile":{"name":"' + name + '"},"tasks":['];
  for (let t = 0; t < tasks; t++) parts.push((t ? ',' : '') + '{"title":"Task ' + t + '"}');
  parts.push('],"task_checks":[');
  const start = Date.UTC(1995, 0, 1);  // 11000 days end in 2025: no check is in the future
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * 86400000).toISOString().slice(0, 10);
    for (let t = 0; t < tasks; t++)
      parts.push((d || t ? ',' : '') + '{"task_title":"Task ' + t + '","date":"' + date + '","checked_at":"' + date + 'T07:00:00Z"}');
  }
  parts.push(']}]}');
  return parts.join('');
}`;

// Everything a user entered, in a comparable form.
const SNAPSHOT = `async () => {
  const s = window.streakbox;
  const out = [];
  for (const p of await s.listProfiles()) {
    const tasks = await s.listTasks(p.id);
    const bytes = (await s.exportProfile(p.id)).bytes;
    const counts = JSON.parse(new TextDecoder().decode(bytes)).counts;
    out.push({ name: p.name, tasks: tasks.map((t) => t.title), counts });
  }
  return out;
}`;

// Starts a Replace import of a ~20 MB one-profile backup ("Stranger"),
// which adds Stranger beside Mom, and resolves once a tenth of it has been read (and
// applied inside the transaction).
async function startLargeImport(page) {
  await page.evaluate((make) => {
    const data = (0, eval)(make)('Stranger', 30, 11000);
    window.progressSeen = 0;
    window.streakbox.importBackup(data, { mode: 'replace', onProgress: (f) => { window.progressSeen = f; } })
      .then(() => { window.importFinished = true; }, () => {});
  }, MAKE_BACKUP);
  await page.waitForFunction(() => window.progressSeen > 0.1, null, { timeout: 60000, polling: 20 });
  assert.notEqual(await page.evaluate(() => window.importFinished), true, 'the import must still be running');
}

async function seedMom(page) {
  return page.evaluate(async (snapshot) => {
    const s = window.streakbox;
    const p = await s.createProfile({ name: 'Mom' });
    const t = await s.createTask(p, { title: 'Run' });
    await s.setCheck(p, t, s.today(), true);
    return (0, eval)(snapshot)();
  }, SNAPSHOT);
}

test('a browser killed in the middle of a large import leaves the data as it was', async () => {
  const site = await serveSite();
  const profile = newProfileDir();
  try {
    let { context } = await launch(profile.dir);
    let page = await openApp(context, site.url);
    const before = await seedMom(page);
    await startLargeImport(page);
    await context.kill();  // the browser and its worker die at once, mid-transaction

    ({ context } = await launch(profile.dir));
    page = await openApp(context, site.url);
    await page.waitForFunction(() => window.streakbox.state.state === 'ready', null, { timeout: 30000 });
    assert.deepEqual(await page.evaluate((snapshot) => (0, eval)(snapshot)(), SNAPSHOT), before,
      'the interrupted import left no trace');
    assert.deepEqual(await page.evaluate(() => window.streakbox.integrityCheck()), ['ok']);
    await context.close();
  } finally {
    profile.remove();
    await site.close();
  }
});

// Closing a tab gives its worker up to a couple of seconds before the browser
// stops it, so the import either finishes or is rolled back: all or nothing.
test('a tab closed in the middle of a large import leaves all of it or none of it', () => withBrowser(async ({ context, url }) => {
  let page = await openApp(context, url);
  const before = await seedMom(page);
  await startLargeImport(page);
  await page.close();

  page = await context.newPage();
  await page.goto(url);
  // The closed tab's worker lets go of the database as it ends; this tab,
  // finding it still held, waits and opens by itself (no "Use here" click).
  await page.waitForFunction(() => window.streakbox && window.streakbox.state.state === 'ready', null, { timeout: 60000 });
  const after = await page.evaluate((snapshot) => (0, eval)(snapshot)(), SNAPSHOT);
  // The file holds one profile, so a Replace adds it and keeps Mom (docs/FORMAT.md, "Import").
  const whole = [...before, { name: 'Stranger', tasks: Array.from({ length: 30 }, (_, i) => `Task ${i}`),
    counts: { profiles: 1, tasks: 30, task_checks: 330000, daily_status: 11000, days_off: 0 } }];
  assert.ok(JSON.stringify(after) === JSON.stringify(before) || JSON.stringify(after) === JSON.stringify(whole),
    `neither the data before nor the whole import: ${JSON.stringify(after).slice(0, 300)}`);
  assert.deepEqual(await page.evaluate(() => window.streakbox.integrityCheck()), ['ok']);
}));

test('a file dropped onto Restore is identified, previewed and imported; a multi-megabyte file reads whole', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  await page.evaluate(() => window.streakbox.createProfile({ name: 'Me' }));
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#restore-drop');

  // Drop the seed app's two-profile file, as a user dragging it from a folder would.
  const seed = readFileSync(join(ROOT, 'tests/data/backups/seed-server-all.json'), 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'family.json', { type: 'application/json' }));
    const zone = document.querySelector('#restore-drop');
    for (const type of ['dragenter', 'dragover', 'drop'])
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, seed);
  await identifiedCard(page);
  await choose(page, 'merge');
  await confirm(page);
  assert.deepEqual((await page.evaluate(() => window.streakbox.listProfiles())).map((p) => p.name), ['Kid', 'Me', 'Mom']);

  // ~4 MB: several of the worker's 1 MiB read slices, every record accounted for.
  const report = await page.evaluate(async (make) => {
    const data = (0, eval)(make)('Big', 10, 7000);
    return window.streakbox.importBackup(new Blob([data]), { mode: 'merge' });
  }, MAKE_BACKUP);
  const big = report.profiles.find((p) => p.name === 'Big');
  assert.equal(big.tasks.added, 10);
  assert.equal(big.task_checks.added, 70000);
  assert.deepEqual(errors, []);
}));
