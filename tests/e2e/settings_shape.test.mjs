// Settings with a clear shape (issue 13): its sections in order, technical
// details only behind About → Details, "Encrypt scheduled backups" refused in
// place while no backup password is stored (with a way to set one), removing
// the password while it is on warns first, and the backup log as cards with
// one Actions menu each, nothing wider than a 320 px screen. audit() at 390
// and 1280 px.
import assert from 'node:assert/strict';
import { openWithMom, test, withBrowser } from './harness.mjs';
import { audit } from './audit.mjs';

test('Settings: sections in order, technical words only behind Details', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#about');
  const headings = await page.$$eval('main h2', (els) => els.map((e) => e.textContent));
  const at = (re) => headings.findIndex((t) => re.test(t));
  const order = [/^Backups$/, /^Restore$/, /^Backup password$/, /spreadsheet/i, /^Storage$/, /^About$/].map(at);
  assert.ok(order.every((i) => i >= 0), `every section is there: ${headings.join(' | ')}`);
  assert.deepEqual([...order].sort((a, b) => a - b), order, `in order: ${headings.join(' | ')}`);
  const outside = await page.evaluate(() => {
    const main = document.querySelector('main').cloneNode(true);
    for (const d of main.querySelectorAll('details.about-details')) d.remove();
    return main.textContent;
  });
  assert.doesNotMatch(outside, /SQLite|schema version|instance|SHA-256|tools\/streakbox/i);
  assert.equal(await page.evaluate(() => document.querySelector('details.about-details').open), false, 'the details are closed at first');
  await page.click('details.about-details summary');
  assert.match(await page.textContent('#app-info'), /SQLite version/);
  await page.setViewport({ width: 390, height: 844 });
  await audit(page, 'settings');
  await page.setViewport({ width: 1280, height: 800 });
  await audit(page, 'settings');
  assert.deepEqual(errors, []);
}));

test('"Encrypt scheduled backups" without a stored password is refused in place; removing the password while it is on warns', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#backup-settings');
  const encrypt = '#backup-settings label.checkbox:has-text("Encrypt scheduled backups") input';
  await page.setChecked(encrypt, true);
  await page.waitForSelector('#encrypt-needs-password');
  assert.match(await page.textContent('#encrypt-needs-password'), /need a stored backup password/);
  await page.click('#backup-save');
  await page.waitForFunction(() => /Not saved/.test(document.querySelector('#backup-settings .result').textContent));
  assert.equal((await page.evaluate(() => window.streakbox.backups.settings())).encrypt, false, 'nothing saved');
  await page.setViewport({ width: 390, height: 844 });
  await audit(page, 'settings-encrypt-refused');

  // Set one from right there, then save.
  await page.click('#encrypt-set-password');
  await page.waitForSelector('#password-dialog[open]');
  await audit(page, 'password-dialog');
  await page.setViewport({ width: 1280, height: 800 });
  await page.fill('#dialog-stored-password', 'attic lantern 1984');
  await page.fill('#dialog-stored-password-confirm', 'attic lantern 1984');
  await page.click('#password-dialog-save');
  await page.waitForSelector('#encrypt-needs-password', { state: 'hidden' });
  await page.waitForFunction(() => document.querySelector('#backup-password-state').textContent === 'A backup password is set.');
  await page.click('#backup-save');
  await page.waitForFunction(() => document.querySelector('#backup-message')?.textContent === 'Saved.');
  assert.equal((await page.evaluate(() => window.streakbox.backups.settings())).encrypt, true);

  // Removing it now warns, and turns encryption off with it.
  await page.click('#backup-password-remove');
  await page.waitForSelector('dialog.confirm[open]');
  assert.match(await page.textContent('dialog.confirm[open]'), /Scheduled backups are set to be encrypted/);
  await page.click('dialog.confirm[open] [data-confirm]');
  await page.waitForFunction(() => document.querySelector('#backup-password-state').textContent === 'No backup password is stored.');
  assert.equal((await page.evaluate(() => window.streakbox.backups.settings())).encrypt, false);
  assert.deepEqual(errors, []);
}));

test('the backup log: one card per backup with one Actions menu, no sideways scroll at 320 px', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openWithMom(context, url);
  await page.evaluate(async () => {
    await window.streakbox.backups.runNow();
    await window.streakbox.backups.runNow();
  });
  await page.click('[data-view="settings"]');
  await page.waitForSelector('#backup-history li.log-card');
  assert.equal(await page.count('#backup-history li.log-card'), 2);
  for (const width of [320, 390, 430]) {
    await page.setViewport({ width, height: 800 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    const culprits = await page.evaluate((w) => [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > w + 1 && !el.closest('.visually-hidden')
        && ![...el.children].some((c) => c.getBoundingClientRect().right >= el.getBoundingClientRect().right - 1))
      .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`), width);
    assert.ok(wide <= width, `Settings at ${width}px is ${wide}px wide: ${culprits.join(', ')}`);
  }
  await page.setViewport({ width: 390, height: 844 });
  await page.click('#backup-history li.log-card .menu-button');
  const items = await page.$$eval('#backup-history li.log-card .menu:not([hidden]) [role="menuitem"]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(items, ['Download', 'Check', 'Restore…', 'Delete…']);
  await audit(page, 'backup-log-menu');
  await page.click('#backup-history li.log-card .menu:not([hidden]) [data-action="verify"]');
  await page.waitForFunction(() => /is good/.test(document.querySelector('#backup-history li.log-card .log-result').textContent));
  await page.setViewport({ width: 1280, height: 800 });
  await audit(page, 'backup-log');
  assert.deepEqual(errors, []);
}));
