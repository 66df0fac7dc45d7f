// A Loop Habit Tracker backup imported through the real UI: the file picker
// takes the committed fixture (tests/data/loop/), the dialog previews its
// habits (renamed duplicate, what is left out), asks for the new profile's
// name, and the habits and entries arrive; a newer Loop's file is refused
// with its own message and nothing changes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, openWithMom, test, withBrowser } from './harness.mjs';
import { DIALOG, confirm, pickFile, previewReady } from './restore_steps.mjs';

const LOOP = join(ROOT, 'tests/data/loop');

test('a Loop backup: preview per habit, a named new profile, its habits and entries', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#restore-file', { state: 'attached' });

  await pickFile(page, join(LOOP, 'loop-v25.db'));
  await page.waitForSelector(`${DIALOG} [data-loop-preview]`);
  const preview = await page.textContent(DIALOG);
  assert.match(preview, /A Loop Habit Tracker backup \(schema 25\) with 6 habits/);
  assert.match(preview, /Run \(2\).*Renamed from “Run”: another habit has that name/s);
  assert.match(preview, /Not kept: its colour, its reminder, Loop’s scores/);
  assert.match(preview, /1 note was cut to 500 characters/);
  assert.equal(await page.inputValue(`${DIALOG} #restore-profile-name`), 'Loop');
  assert.equal(await page.inputValue(`${DIALOG} #restore-target`), 'new', 'a new profile by default');
  assert.equal(await page.textContent(`${DIALOG} [data-confirm]`), 'Add', 'adding into a new profile is not destructive');
  await page.screenshot({ path: join(ROOT, 'build', 'loop-preview.png') });

  // A name of one's own: the preview follows it.
  await page.fill(`${DIALOG} #restore-profile-name`, 'From my phone');  // input and change, as typing and leaving it
  await page.waitForFunction(() => /“From my phone” \(a new profile\)/.test(document.querySelector('#restore-dialog #restore-preview').textContent));
  await previewReady(page);
  assert.match(await confirm(page), /^Added loop-v25\.db: From my phone \+6 tasks/);

  const profiles = await page.evaluate(() => window.streakbox.listProfiles());
  assert.deepEqual(profiles.map((p) => p.name), ['From my phone', 'Mom']);
  const phone = profiles.find((p) => p.name === 'From my phone');
  const tasks = await page.evaluate((id) => window.streakbox.listTasks(id), phone.id);
  assert.deepEqual(tasks.map((t) => t.title), ['Run', 'Run (2)', 'Read', 'Stretch', 'Water', 'Smoke']);
  const day = await page.evaluate((id) => window.streakbox.getDay(id, '2026-03-02'), phone.id);
  assert.equal(day.tasks.find((t) => t.title === 'Water').entry.amount, 6.5);

  // A newer Loop: its own message, nothing changed.
  await pickFile(page, join(LOOP, 'loop-v26.db'), { identified: false });
  await page.waitForFunction(() => /newer Loop Habit Tracker \(schema 26\)/.test(document.querySelector('#restore').textContent));
  assert.equal((await page.evaluate(() => window.streakbox.listProfiles())).length, 2);
  assert.deepEqual(errors, []);
}));
