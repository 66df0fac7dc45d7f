// Encrypted backups through the real UI: export with a password → a real
// download the CLI decrypts → import through the file picker with the password
// prompt (a wrong password first, then the right one without picking the file
// again) → preview → confirm; and the stored backup password card.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openApp, openWithMom, test, withBrowser } from './harness.mjs';
import { DIALOG, choose, confirm, identifiedCard, pickFile, previewText } from './restore_steps.mjs';

const CLI = join(ROOT, 'build/native/core/streakbox');
const cli = (args, password) => spawnSync(CLI, args, { encoding: 'utf8', env: { PATH: process.env.PATH, STREAKBOX_PASSWORD: password } });

test('encrypted export downloads a .ttbak; import asks for the password, retries, previews and applies', () => withBrowser(async ({ context, errors, url, profileDir }) => {
  const page = await openWithMom(context, url);
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#export-all');

  // Mismatched confirmation: an error, no download.
  await page.check('#export-encrypt');
  await page.fill('#export-password', 'blue canary 77');
  await page.fill('#export-password-confirm', 'blue canary 78');
  await page.click('#export-all');
  await page.waitForSelector('#export-password-confirm[aria-invalid="true"]');
  assert.match(await page.textContent('#backup-restore'), /not the same/);

  await page.fill('#export-password-confirm', 'blue canary 77');
  const download = await page.download(() => page.click('#export-all'));
  assert.match(download.name, /^streakbox-backup-\d{4}-\d{2}-\d{2}\.ttbak$/);
  const saved = download.path;
  await page.waitForFunction(() => /\(encrypted\)/.test(document.querySelector('#backup-status').textContent));
  const out = join(profileDir, 'decrypted.json');
  const dec = cli(['decrypt', saved, out], 'blue canary 77');
  assert.equal(dec.status, 0, dec.stderr);
  assert.equal(cli(['validate', out]).stdout, 'valid: 1 profile, 1 tasks, 1 checks, 1 completed days\n');
  assert.equal(cli(['validate', saved], 'wrong one!').status, 1);

  // Import it under a name that says nothing: recognised by content.
  const renamed = join(profileDir, 'family-data.bin');
  copyFileSync(saved, renamed);
  await page.evaluate(async () => {  // something to restore
    const [mom] = await window.streakbox.listProfiles();
    await window.streakbox.deleteProfile(mom.id);
  });
  await pickFile(page, renamed, { identified: false });
  await page.waitForSelector('dialog[open][data-password-prompt]');
  await page.fill('dialog[open] input[type="password"]', 'not the password');
  await page.click('dialog[open] [data-unlock]');
  await page.waitForFunction(() => /wrong for this backup/.test(document.querySelector('dialog[open][data-password-prompt]')?.textContent || ''));
  await page.fill('dialog[open] input[type="password"]', 'blue canary 77');
  await page.click('dialog[open] [data-unlock]');
  await identifiedCard(page);
  await choose(page, 'merge');
  assert.match(await previewText(page), /“Mom” \(a new profile\)/);
  await confirm(page);
  assert.deepEqual((await page.evaluate(() => window.streakbox.listProfiles())).map((p) => p.name), ['Mom']);

  // A damaged copy: a plain error, nothing changes.
  const damaged = Buffer.from(await (await import('node:fs/promises')).readFile(saved));
  damaged[damaged.length - 4] ^= 0x20;
  await pickFile(page, { name: 'damaged.ttbak', mimeType: 'application/octet-stream', buffer: damaged }, { identified: false });
  await page.waitForSelector('dialog[open][data-password-prompt]');
  await page.fill('dialog[open] input[type="password"]', 'blue canary 77');
  await page.click('dialog[open] [data-unlock]');
  await page.waitForFunction(() => /damaged/.test(document.querySelector('#restore .error:not([hidden])')?.textContent || ''));
  assert.equal(await page.count('dialog[open]'), 0);
  assert.deepEqual(errors, []);
}));

test('the stored backup password: set, used by an encrypted export, never shown, removed', () => withBrowser(async ({ context, errors, url, profileDir }) => {
  const page = await openApp(context, url);
  await page.evaluate(() => window.streakbox.createProfile({ name: 'Dad' }));
  await page.reload();
  await page.waitForFunction(() => window.streakbox.state.state === 'ready');
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#backup-password-set');
  assert.equal(await page.textContent('#backup-password-state'), 'No backup password is stored.');
  await page.click('#backup-password-set');
  await page.fill('#stored-password', 'short');
  await page.fill('#stored-password-confirm', 'short');
  await page.click('#backup-password-save');
  await page.waitForSelector('#stored-password[aria-invalid="true"]');
  const secret = 'attic lantern 1984';
  await page.fill('#stored-password', secret);
  await page.fill('#stored-password-confirm', secret);
  await page.click('#backup-password-save');
  await page.waitForFunction(() => document.querySelector('#backup-password-state').textContent === 'A backup password is set.');
  assert.ok(await page.isVisible('#backup-password-change') && await page.isVisible('#backup-password-remove'));
  const shown = await page.evaluate((s) => document.body.innerHTML.includes(s)
    || [...document.querySelectorAll('input')].some((i) => i.value === s), secret);
  assert.equal(shown, false, 'the stored password is never shown back');

  await page.check('#export-encrypt');
  await page.waitForSelector('#export-use-stored:checked');
  const download = await page.download(() => page.click('#export-all'));
  const saved = download.path;
  assert.equal(cli(['validate', saved], secret).status, 0, 'encrypted with the stored password');

  await page.click('#backup-password-remove');
  await page.click('dialog[open] [data-confirm]');
  await page.waitForFunction(() => document.querySelector('#backup-password-state').textContent === 'No backup password is stored.');
  assert.equal(await page.evaluate(() => window.streakbox.backupPassword.isSet()), false);
  // The export card still offers the password it saw earlier: exporting says
  // it is gone, and the fields to type one appear in its place.
  await page.click('#export-all');
  await page.waitForFunction(() => [...document.querySelectorAll('.error')].some((e) => !e.hidden && /No backup password is stored/.test(e.textContent)));
  await page.waitForSelector('#export-password', { state: 'visible' });
  assert.equal(await page.isChecked('#export-use-stored'), false);
  writeFileSync(join(profileDir, 'done'), '');
  await page.screenshot({ path: join(ROOT, 'build', 'ttbak-ui.png'), fullPage: true });
  assert.deepEqual(errors, []);
}));
