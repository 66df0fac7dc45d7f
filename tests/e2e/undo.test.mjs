// Issue 9: every destructive step can be undone, through the real UI. A
// Replace import of a one-profile file keeps the other profiles and offers
// Undo, which brings the previous state back; deleting a profile, likewise.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, openWithMom, test, withBrowser } from './harness.mjs';
import { DIALOG, choose, confirm, pickFile, previewText } from './restore_steps.mjs';

// Every profile with its task titles: the state a user sees.
const state = (page) => page.evaluate(async () => {
  const s = window.streakbox;
  const out = {};
  for (const p of await s.listProfiles()) out[p.name] = (await s.listTasks(p.id)).map((t) => t.title);
  return out;
});

/** Reloads (so the UI shows what the API did) and opens Settings with the file input `input` there. */
async function reloadIntoSettings(page, input) {
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await page.click('[data-view="settings"]');
  await page.waitForSelector(input, { state: 'attached' });
}

const safetyCount = (page) => page.evaluate(async () =>
  (await window.streakbox.backups.list()).filter((e) => e.kind === 'safety').length);

test('a Replace import of a one-profile file keeps the other profiles, and Undo brings the previous state back', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  const momsFile = await page.evaluate(async () => {
    const s = window.streakbox;
    const [mom] = await s.listProfiles();
    const file = await s.exportProfile(mom.id);  // Mom with "Run"
    await s.createTask(mom.id, { title: 'Read' });
    const dad = await s.createProfile({ name: 'Dad' });
    await s.createTask(dad, { title: 'Walk' });
    return Array.from(file.bytes);
  });
  const before = await state(page);
  assert.deepEqual(before, { Dad: ['Walk'], Mom: ['Run', 'Read'] });
  await reloadIntoSettings(page, '#restore-file');

  // Replace one profile: the profile of the same name is the target, not everything.
  await pickFile(page, { name: 'mom.json', mimeType: 'application/json', buffer: Buffer.from(momsFile) });
  await choose(page, 'one');
  const mom = (await page.evaluate(() => window.streakbox.listProfiles())).find((p) => p.name === 'Mom');
  assert.equal(await page.inputValue(`${DIALOG} #restore-target`), String(mom.id), 'the profile of the same name');
  const preview = await previewText(page);
  assert.match(preview, /removes the task “Read”/);
  assert.match(preview, /safety snapshot/);
  assert.doesNotMatch(preview, /Dad/, 'no other profile is touched');
  await confirm(page);
  await page.waitForSelector('#undo-button');
  assert.deepEqual(await state(page), { Dad: ['Walk'], Mom: ['Run'] }, 'Dad is still there');
  assert.equal(await safetyCount(page), 1, 'a safety snapshot was saved first');

  // The offer is announced (a status region) and reachable by keyboard: Undo has the focus.
  assert.equal(await page.getAttribute('#undo-offer', 'role'), 'status');
  assert.match(await page.textContent('#undo-message'), /^Replaced a profile with mom\.json: Mom −1 task\./);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'undo-button');
  await page.screenshot({ path: join(ROOT, 'build', 'undo-offer.png') });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Undone/.test(document.querySelector('#undo-message')?.textContent));
  assert.deepEqual(await state(page), before);
  assert.equal(await safetyCount(page), 2, 'the undo saved a snapshot of its own');
  assert.deepEqual(errors, []);
}));

test('deleting a profile saves a snapshot first, and Undo brings the profile back with its tasks', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  await page.evaluate(async () => {
    const s = window.streakbox;
    const dad = await s.createProfile({ name: 'Dad' });
    await s.createTask(dad, { title: 'Walk' });
  });
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  const before = await state(page);
  await page.click('.chip:has-text("Dad")');
  await page.click('#edit-profile');
  await page.click('#profile-dialog button:has-text("Delete profile")');
  assert.match(await page.textContent('dialog.confirm[open]'), /undo it right after/);
  await page.screenshot({ path: join(ROOT, 'build', 'undo-delete-confirm.png') });
  await page.click('dialog.confirm[open] [data-confirm]');
  await page.waitForSelector('#undo-button');
  assert.deepEqual(await state(page), { Mom: ['Run'] });
  assert.match(await page.textContent('#undo-message'), /Deleted the profile “Dad”/);
  await page.click('#undo-button');
  await page.waitForFunction(() => /^Undone/.test(document.querySelector('#undo-message')?.textContent));
  assert.deepEqual(await state(page), before);
  await page.waitForSelector('.chip:has-text("Dad")');
  assert.deepEqual(errors, []);
}));

test('restoring a database file offers Undo, which brings back what was there before', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  const dbFile = await page.evaluate(async () => {
    const s = window.streakbox;
    const file = await s.exportDatabase();  // Mom only
    await s.createProfile({ name: 'Kid' });
    return Array.from(file.bytes);
  });
  const before = await state(page);
  await reloadIntoSettings(page, '#restore-file');
  await pickFile(page, { name: 'streakbox.db', mimeType: 'application/vnd.sqlite3', buffer: Buffer.from(dbFile) });
  assert.match(await previewText(page), /replaced by this file/);
  assert.match(await page.textContent(DIALOG), /database file carries its own backup settings/);
  await confirm(page);
  await page.waitForSelector('#undo-button');
  assert.deepEqual(await state(page), { Mom: ['Run'] });
  assert.match(await page.textContent('#undo-message'), /^Restored everything from streakbox\.db: 1 profile, 1 task, 1 check\./);
  await page.click('#undo-button');
  await page.waitForFunction(() => /^Undone/.test(document.querySelector('#undo-message')?.textContent));
  assert.deepEqual(await state(page), before);
  assert.deepEqual(errors, []);
}));
