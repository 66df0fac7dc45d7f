// Backups and "Bring a file back" through the real UI: a downloaded export
// that the CLI validates, and a file added through the picker with preview
// and confirm.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, openWithMom, test, withBrowser } from './harness.mjs';
import { DIALOG, choose, confirm, pickFile, previewText } from './restore_steps.mjs';

test('export downloads a valid backup; import previews, then applies on confirm', () => withBrowser(async ({ context, errors, url, profileDir }) => {
  {
    const page = await openWithMom(context, url);
    await page.click('[data-view="settings"]');
    await page.waitForSelector('#export-all');

    const download = await page.download(() => page.click('#export-all'));
    assert.match(download.name, /^streakbox-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = download.path;
    const cli = spawnSync(join(ROOT, 'build/native/core/streakbox'), ['validate', saved], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    assert.equal(cli.stdout, 'valid: 1 profile, 1 tasks, 1 checks, 1 completed days\n');

    // Add the seed app's two-profile file: preview first, cancel changes nothing.
    await page.waitForSelector('#restore-file', { state: 'attached' });
    await pickFile(page, join(ROOT, 'tests/data/backups/seed-server-all.json'));
    await choose(page, 'merge');
    assert.match(await previewText(page), /“Kid” \(a new profile\)\s*adds the task “Homework” and its 1 check/);
    await page.click(`${DIALOG} button[value="cancel"]`);
    await page.waitForFunction(() => /nothing changed/.test(document.querySelector('#restore-status').textContent));
    assert.equal((await page.evaluate(() => window.streakbox.listProfiles())).length, 1);

    await pickFile(page, join(ROOT, 'tests/data/backups/seed-server-all.json'));
    assert.equal(await page.$eval(`${DIALOG} input[name="restore-choice"]:checked`, (e) => e.value), 'merge', 'the safe choice first');
    const banner = await confirm(page);
    assert.match(banner, /^Added seed-server-all\.json: /);
    assert.match(banner, /Kid \+2 tasks, \+1 check/);
    assert.match(banner, /Mom \+1 task, \+2 checks/);
    const names = (await page.evaluate(() => window.streakbox.listProfiles())).map((p) => p.name);
    assert.deepEqual(names, ['Kid', 'Mom']);

    // A broken file: the problem names the place, and nothing changes.
    await pickFile(page, { name: 'bad.json', mimeType: 'application/json',
      buffer: Buffer.from('{"version":"1.0","profiles":[{"profile":{"name":"Z"},"tasks":[{"title":"A"},{"title":"A"}]}]}') }, { identified: false });
    await page.waitForSelector('#import-errors');
    assert.match(await page.textContent('#import-errors'), /Profile “Z”, task 2.*another task of this profile is also titled 'A'/s);
    assert.match(await page.textContent('#import-errors code'), /\$\.profiles\[0\]\.tasks\[1\]\.title/);
    assert.equal((await page.evaluate(() => window.streakbox.listProfiles())).length, 2);
    await page.screenshot({ path: join(ROOT, 'build', 'backup-ui.png'), fullPage: true });
    assert.deepEqual(errors, []);
  }
}));
