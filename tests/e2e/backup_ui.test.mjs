// Backup & Restore through the real UI: a downloaded export that the CLI
// validates, and an import through the file picker with preview and confirm.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, openWithMom, test, withBrowser } from './harness.mjs';

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

    // Merge the seed app's two-profile file: preview first, cancel changes nothing.
    await page.check('input[name="import-mode"][value="merge"]');
    await page.setInputFiles('#import-file', join(ROOT, 'tests/data/backups/seed-server-all.json'));
    await page.waitForSelector('dialog[open] [data-preview]');
    assert.match(await page.textContent('dialog[open]'), /Kid\s*will be created/);
    await page.click('dialog[open] button[value="cancel"]');
    await page.waitForFunction(() => /nothing changed/.test(document.querySelector('#backup-status').textContent));
    assert.equal((await page.evaluate(() => window.streakbox.listProfiles())).length, 1);

    await page.check('input[name="import-mode"][value="merge"]');
    await page.setInputFiles('#import-file', join(ROOT, 'tests/data/backups/seed-server-all.json'));
    await page.waitForSelector('dialog[open] [data-preview]');
    await page.click('dialog[open] [data-confirm]');
    await page.waitForSelector('#import-result');
    const names = (await page.evaluate(() => window.streakbox.listProfiles())).map((p) => p.name);
    assert.deepEqual(names, ['Kid', 'Mom']);

    // A broken file: the error names the place, and nothing changes.
    await page.setInputFiles('#import-file', { name: 'bad.json', mimeType: 'application/json',
      buffer: Buffer.from('{"version":"1.0","profiles":[{"profile":{"name":"Z"},"tasks":[{"title":"A"},{"title":"A"}]}]}') });
    await page.waitForSelector('#import-errors');
    assert.match(await page.textContent('#import-errors'), /\$\.profiles\[0\]\.tasks\[1\]\.title/);
    assert.equal((await page.evaluate(() => window.streakbox.listProfiles())).length, 2);
    await page.screenshot({ path: join(ROOT, 'build', 'backup-ui.png'), fullPage: true });
    assert.deepEqual(errors, []);
  }
}));
