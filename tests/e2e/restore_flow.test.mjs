// "Bring a file back" (issue 13), through the real UI: every kind of file is
// identified first (what it is, what made it, what it holds), then only the
// choices that apply are offered, safe first; the preview speaks plainly (an
// identical file is "unchanged", a removed task is named); a broken file's
// problems are grouped under their cause; the banner after it stays, has the
// focus, and the page does not jump. The dialog and Settings pass audit() at
// 390 and 1280 px.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, openWithMom, test, withBrowser } from './harness.mjs';
import { audit } from './audit.mjs';
import { DIALOG, choices, choose, confirm, openRestore, pickFile, previewText } from './restore_steps.mjs';

const BACKUPS = join(ROOT, 'tests/data/backups');
const bytesOf = (page, fn) => page.evaluate(fn).then((a) => Buffer.from(a));
const cancel = (page) => page.click(`${DIALOG} button[value="cancel"]`);

test('each kind of file is identified first, and only its choices are offered, safe first', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  const ttbak = await bytesOf(page, async () => Array.from((await window.streakbox.exportAll({ password: 'blue canary 77' })).bytes));
  const db = await bytesOf(page, async () => Array.from((await window.streakbox.exportDatabase()).bytes));
  await openRestore(page);

  await pickFile(page, join(BACKUPS, 'seed-server-all.json'));
  let card = await page.textContent(`${DIALOG} #restore-identity`);
  assert.match(card, /A Streakbox backup of all profiles, made 26 Dec 2025|A Streakbox backup of all profiles, made Dec 26, 2025/);
  assert.match(card, /“Mom”: 1 task, 2 checks/);
  assert.match(card, /“Kid”: 2 tasks, 1 check/);
  assert.deepEqual(await choices(page), ['merge', 'all']);
  await page.setViewport({ width: 390, height: 844 });
  await audit(page, 'restore-identify-all');
  await page.setViewport({ width: 1280, height: 800 });
  await audit(page, 'restore-identify-all');
  await cancel(page);

  await pickFile(page, join(BACKUPS, 'seed-server-profile.json'));
  assert.match(await page.textContent(`${DIALOG} #restore-identity`), /A Streakbox backup of one profile.*“Dad”: 3 tasks/s);
  assert.deepEqual(await choices(page), ['merge', 'one']);
  await cancel(page);

  await pickFile(page, { name: 'Family backup.ttbak', mimeType: 'application/octet-stream', buffer: ttbak }, { identified: false });
  await page.waitForSelector('dialog[open][data-password-prompt]');
  await page.fill('dialog[open] input[type="password"]', 'blue canary 77');
  await page.click('dialog[open] [data-unlock]');
  await page.waitForSelector(`${DIALOG} #restore-identity`);
  assert.match(await page.textContent(`${DIALOG} #restore-identity`), /An encrypted Streakbox backup of all profiles/);
  assert.match(await page.textContent(`${DIALOG} h2`), /Family backup\.ttbak/, 'the file name as the user named it');
  await cancel(page);

  await pickFile(page, { name: 'streakbox.db', mimeType: 'application/vnd.sqlite3', buffer: db });
  assert.match(await page.textContent(`${DIALOG} #restore-identity`), /A Streakbox database file.*1 profile, 1 task, 1 check/s);
  assert.deepEqual(await choices(page), ['all']);
  await cancel(page);

  await pickFile(page, join(ROOT, 'tests/data/loop/loop-v25.db'));
  assert.match(await page.textContent(`${DIALOG} #restore-identity`), /A Loop Habit Tracker backup.*6 habits/s);
  assert.deepEqual(await choices(page), ['merge', 'one']);
  // Adding into a new profile is not destructive: no red button, no "replace".
  const button = await page.$eval(`${DIALOG} [data-confirm]`, (b) => ({ cls: b.className, text: b.textContent }));
  assert.match(button.cls, /primary/);
  assert.equal(button.text, 'Add');
  await previewText(page);
  await page.setViewport({ width: 390, height: 844 });
  await audit(page, 'restore-loop');
  await page.setViewport({ width: 1100, height: 800 });
  await cancel(page);
  assert.deepEqual(errors, []);
}));

test('an identical file is "unchanged"; a removed task is named; the banner stays, has the focus, and the page keeps its place', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  const same = await bytesOf(page, async () => Array.from((await window.streakbox.exportAll()).bytes));
  await openRestore(page);

  await pickFile(page, { name: 'streakbox-2026-12-01.json', mimeType: 'application/json', buffer: same });
  await choose(page, 'all');
  let preview = await previewText(page);
  assert.match(preview, /“Mom”: unchanged/);
  assert.doesNotMatch(preview, /new|removed|adds|removes/);
  assert.match(preview, /safety snapshot .* first, and Undo is offered/);
  await cancel(page);

  // A task added since: restoring the file removes it, by name, with its checks.
  await page.evaluate(async () => {
    const s = window.streakbox;
    const [mom] = await s.listProfiles();
    const t = await s.createTask(mom.id, { title: 'Stretch' });
    for (const d of ['2026-11-01', '2026-11-02', '2026-11-03']) await s.setCheck(mom.id, t, d, true);
  });
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await openRestore(page);
  await page.evaluate(() => document.querySelector('#restore').scrollIntoView());
  // Where the Restore section is on screen: the page must not jump (the browser may scroll by the
  // banner's height to keep what the user looks at in place: scroll anchoring).
  const where = () => page.evaluate(() => document.querySelector('#restore-title').getBoundingClientRect().top);
  const y = await where();
  await pickFile(page, { name: 'streakbox-2026-12-01.json', mimeType: 'application/json', buffer: same });
  await choose(page, 'all');
  preview = await previewText(page);
  assert.match(preview, /removes the task “Stretch” and its 3 checks/);
  const message = await confirm(page);
  assert.match(message, /^Restored everything from streakbox-2026-12-01\.json: Mom −1 task, −3 checks\./);
  await page.waitForFunction(() => document.querySelector('#undo-offer').contains(document.activeElement));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'undo-button');
  const after = await where();
  assert.ok(Math.abs(after - y) <= 2, `the Restore section stayed where it was on screen (${y} → ${after})`);
  assert.ok(await page.evaluate(() => window.scrollY) > 200, 'not back at the top');
  // It stays: a later redraw of the view (another profile's Settings, say) keeps it.
  await page.click('[data-view="today"]');
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#restore-file', { state: 'attached' });
  assert.equal(await page.isHidden('#undo-offer'), false);
  await page.setViewport({ width: 390, height: 844 });
  await audit(page, 'restore-banner');
  await page.setViewport({ width: 1100, height: 800 });
  await page.click('#undo-dismiss');
  assert.equal(await page.isHidden('#undo-offer'), true);
  assert.deepEqual(errors, []);
}));

test('a broken file: its problems grouped under their cause, each with its JSON path behind Details, nothing changed', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  await openRestore(page);
  const checks = Array.from({ length: 10 }, (_, i) => ({ date: `2025-12-${String(i + 10).padStart(2, '0')}`, task_id: 2, checked: true }));
  const file = {
    version: '1.0', export_date: '2025-12-26T08:00:00', counts: { profiles: 2, tasks: 3, task_checks: 10 },
    profiles: [
      { profile: { name: 'Dad', color: '#10b981' }, tasks: [{ id: 1, title: 'Walk' }], task_checks: [] },
      { profile: { name: 'Mom', color: '#3b82f6' }, tasks: [{ id: 1, title: 'Run' }, { id: 2 }], task_checks: checks },
    ],
  };
  await pickFile(page, { name: 'My Backup.JSON', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) }, { identified: false });
  await page.waitForSelector('#restore-problems #import-errors');
  assert.match(await page.textContent('#restore .error:not([hidden])'), /^My Backup\.JSON cannot be used: \d+ problems/);
  const groups = await page.$$eval('#import-errors .problem-group', (els) => els.map((g) => ({
    heading: g.querySelector('h4').textContent,
    items: [...g.querySelectorAll(':scope > ul > li')].length,
    followOns: g.querySelectorAll('.follow-ons li').length,
  })));
  assert.deepEqual(groups[0], { heading: 'Profile “Mom”, task 2', items: 1, followOns: groups[0].followOns });
  assert.ok(groups[0].followOns >= 10, 'the ten checks of the task are folded under it');
  assert.equal(groups.length, 1, 'one cause, one group');
  assert.match(await page.textContent('#import-errors .problem-group li'), /the title is missing/);
  assert.match(await page.textContent('#import-errors details.path-details code'), /^\$\.profiles\[1\]\.tasks\[1\]/);
  assert.equal(await page.count(DIALOG), 0);
  assert.equal((await page.evaluate(() => window.streakbox.listProfiles())).length, 1);

  // A truncated file: its parse error once.
  await pickFile(page, { name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file).slice(0, 80)) }, { identified: false });
  await page.waitForFunction(() => /^cut\.json cannot be used/.test(document.querySelector('#restore .error:not([hidden])')?.textContent || ''));
  const text = await page.textContent('#restore .error:not([hidden])');
  assert.equal(text.split(/line \d+/).length <= 2, true, `one parse error: ${text}`);
  await page.setViewport({ width: 390, height: 844 });
  await audit(page, 'restore-problems');
  await page.setViewport({ width: 1280, height: 800 });
  await audit(page, 'settings');
  assert.deepEqual(errors, []);
}));
