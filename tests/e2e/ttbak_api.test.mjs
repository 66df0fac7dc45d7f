// Encrypted backups through window.streakbox in a real browser (Chromium and Firefox): every .ttbak
// vector, randomness in the worker, the password errors, the stored backup
// password, and a page that stays responsive while the key is derived.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openApp, test, withBrowser } from './harness.mjs';

const VECTORS = join(ROOT, 'tests', 'vectors', 'ttbak');
const manifest = JSON.parse(readFileSync(join(VECTORS, 'vectors.json'), 'utf8'))
  .map((v) => ({ ...v, base64: readFileSync(join(VECTORS, v.file)).toString('base64') }));

test('every .ttbak vector through the API in the browser', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  const results = await page.evaluate(async (vectors) => {
    const s = window.streakbox;
    await s.ready();
    const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const out = [];
    for (const v of vectors) {
      const bytes = Uint8Array.from(atob(v.base64), (c) => c.charCodeAt(0));
      try {
        const plain = await s.decryptBackup(new Blob([bytes]), v.password ? { password: v.password } : {});
        out.push({ file: v.file, sha256: hex(await crypto.subtle.digest('SHA-256', plain)) });
      } catch (e) {
        out.push({ file: v.file, code: e.code, name: e.name });
      }
    }
    return out;
  }, manifest);
  for (const [i, v] of manifest.entries()) {
    const r = results[i];
    if (v.expect === 'success') assert.equal(r.sha256, v.plaintext_sha256, `${v.file}: ${r.code}`);
    else assert.deepEqual([r.code, r.name], [v.expect, 'StreakboxError'], v.file);
  }
  assert.deepEqual(errors, []);
}));

test('encrypted export and import, the password errors, and the stored password', () => withBrowser(async ({ context, errors, url }) => {
  const page = await openApp(context, url);
  const r = await page.evaluate(async () => {
    const s = window.streakbox;
    await s.ready();
    const p = await s.createProfile({ name: 'Mom' });
    const t = await s.createTask(p, { title: 'Run' });
    await s.setCheck(p, t, s.today(), true);
    const code = (promise) => promise.then(() => 'accepted', (e) => e.code);

    // The page keeps running while the worker derives the key (64 MiB Argon2id).
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const a = await s.exportAll({ password: 'pw one' });
    clearInterval(timer);
    const b = await s.exportAll({ password: 'pw one' });
    const one = await s.exportProfile(p, { password: 'pw one' });
    const differ = a.bytes.length !== b.bytes.length || a.bytes.some((x, i) => x !== b.bytes[i]);
    const magic = new TextDecoder().decode(a.bytes.subarray(0, 8));

    const missing = await code(s.importBackup(a.bytes, { dryRun: true }));
    const wrong = await code(s.importBackup(a.bytes, { password: 'pw two', dryRun: true }));
    const damagedBytes = a.bytes.slice();
    damagedBytes[damagedBytes.length - 5] ^= 8;
    const damaged = await code(s.importBackup(damagedBytes, { password: 'pw one' }));
    const notBackup = await code(s.importBackup(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8])));
    const progress = [];
    const dry = await s.importBackup(new File([a.bytes], 'renamed.json'), { password: 'pw one', dryRun: true, onProgress: (f) => progress.push(f) });
    const valid = await s.validateBackup(a.bytes, { password: 'pw one' });

    const storedBefore = await s.backupPassword.isSet();
    const noStored = await code(s.exportAll({ useStoredPassword: true }));
    const empty = await code(s.backupPassword.set(''));
    await s.backupPassword.set('stored secret');
    const storedAfter = await s.backupPassword.isSet();
    const withStored = await s.exportAll({ useStoredPassword: true });
    const opensWithStored = (await s.validateBackup(withStored.bytes, { password: 'stored secret' })).encrypted;
    const importWithStored = (await s.importBackup(withStored.bytes, { useStoredPassword: true, dryRun: true })).dry_run;
    await s.backupPassword.set('changed secret');
    const changed = await code(s.validateBackup((await s.exportAll({ useStoredPassword: true })).bytes, { password: 'changed secret' }));
    await s.backupPassword.remove();
    const storedRemoved = await s.backupPassword.isSet();
    return {
      ticks, differ, magic, filename: a.filename, one: one.filename, encrypted: a.encrypted,
      missing, wrong, damaged, notBackup, dry: dry.dry_run, dryEncrypted: dry.encrypted, progress: progress.length,
      validCounts: valid.counts, storedBefore, noStored, empty, storedAfter, opensWithStored, importWithStored,
      changed, storedRemoved, names: (await s.listProfiles()).map((x) => x.name),
    };
  });
  assert.ok(r.ticks > 0, 'the page ran its timers while the worker derived the key');
  assert.equal(r.differ, true, 'two encryptions with the same password differ (crypto.getRandomValues in the worker)');
  assert.equal(r.magic, 'SBXTTBAK');
  assert.match(r.filename, /^streakbox-backup-\d{4}-\d{2}-\d{2}\.ttbak$/);
  assert.match(r.one, /^streakbox-backup-Mom-\d{4}-\d{2}-\d{2}\.ttbak$/);
  assert.equal(r.encrypted, true);
  assert.deepEqual([r.missing, r.wrong, r.damaged, r.notBackup], ['password_required', 'wrong_password', 'damaged', 'not_a_backup']);
  assert.equal(r.dry, true);
  assert.equal(r.dryEncrypted, true, 'recognised by content, whatever its name');
  assert.ok(r.progress > 0);
  assert.deepEqual(r.validCounts,
    { profiles: 1, tasks: 1, task_checks: 1, daily_status: 1, days_off: 0, skips: 0, amounts: 0, notes: 0 });
  assert.deepEqual([r.storedBefore, r.noStored, r.empty], [false, 'password_required', 'invalid_argument']);
  assert.deepEqual([r.storedAfter, r.opensWithStored, r.importWithStored, r.changed, r.storedRemoved], [true, true, true, 'accepted', false]);
  assert.deepEqual(r.names, ['Mom'], 'failed and dry-run imports changed nothing');
  assert.deepEqual(errors, []);
}));
