// Settings → Download as spreadsheet (CSV), through the real UI: the current
// profile's entries and every profile's days are downloaded, named like the
// JSON backups, and read back with Python's csv module (tests/cli/spreadsheet_cells.py).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, openWithMom, test, withBrowser } from './harness.mjs';

const csvRows = (path) => {
  const r = spawnSync('python3', [join(ROOT, 'tests', 'cli', 'spreadsheet_cells.py'), path], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const file = JSON.parse(r.stdout)[path];
  assert.equal(file.bom, true);
  return file.rows;
};

test('CSV downloads: entries of this profile, days of all profiles, read back by a CSV parser', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  const today = await page.evaluate(async () => {
    const s = window.streakbox;
    const mom = (await s.listProfiles())[0].id;
    const water = await s.createTask(mom, { title: 'Water', measure: { unit: 'glasses', target: 8, direction: 'at_least' } });
    await s.setCheck(mom, water, s.today(), { amount: 6.5, note: 'hot, "really"\nsecond line' });
    const zoe = await s.createProfile({ name: 'Zoë' });
    const read = await s.createTask(zoe, { title: '=Read' });
    await s.setCheck(zoe, read, s.today(), true);
    return s.today();
  });
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#csv-entries');

  const entries = await page.download(() => page.click('#csv-entries'));
  assert.equal(entries.name, `streakbox-entries-Mom-${today}.csv`);
  assert.deepEqual(csvRows(entries.path), [
    ['date', 'profile', 'task', 'state', 'amount', 'unit', 'note'],
    [today, 'Mom', 'Run', 'done', '', '', ''],
    [today, 'Mom', 'Water', 'not done', '6.5', 'glasses', 'hot, "really"\nsecond line'],
  ]);
  await page.waitForFunction(() => /Saved streakbox-entries-Mom-.*: 2 rows/.test(document.querySelector('#csv-status').textContent));

  await page.evaluate(() => {
    const select = document.querySelector('#csv-scope');
    select.value = 'all';
    select.dispatchEvent(new Event('change'));
  });
  const days = await page.download(() => page.click('#csv-days'));
  assert.equal(days.name, `streakbox-days-${today}.csv`);
  assert.deepEqual(csvRows(days.path), [
    ['date', 'profile', 'complete', 'tasks_done', 'tasks_due', 'note'],
    [today, 'Mom', 'no', '1', '2', ''],
    [today, 'Zoë', 'yes', '1', '1', ''],
  ]);

  // The API refuses what it does not know, by the one error type.
  const refused = await page.evaluate(async () => {
    const codes = [];
    for (const options of [{}, { kind: 'rows' }, { kind: 'days', format: 'xlsx' }, 'days', { kind: 'days', profileId: 99 }]) {
      try {
        await window.streakbox.exportCsv(options);
        codes.push('resolved');
      } catch (e) {
        codes.push(`${e.name}:${e.code}:${e.message}`);
      }
    }
    return codes;
  });
  assert.deepEqual(refused, [
    "StreakboxError:invalid_argument:options.kind must be 'entries' or 'days'",
    "StreakboxError:invalid_argument:options.kind must be 'entries' or 'days'",
    "StreakboxError:invalid_argument:options has no field 'format'",
    'StreakboxError:invalid_argument:options must be an object',
    'StreakboxError:not_found:no profile with id 99',
  ]);
  await page.setViewport({ width: 375, height: 800 });
  await page.evaluate(() => document.querySelector('#csv-export').scrollIntoView());
  await page.screenshot({ path: join(ROOT, 'build', 'csv-export.png') });
  assert.deepEqual(errors, []);
}));
