// Backup export and import through window.streakbox in a real browser (Chromium and Firefox): the
// worker reads files with FileReaderSync and streams exports out in chunks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openApp, test, withBrowser } from './harness.mjs';

const seedAll = readFileSync(join(ROOT, 'tests/data/backups/seed-server-all.json'), 'utf8');

test('export, dry run, import and the error kinds through the API', () => withBrowser(async ({ context, errors, url }) => {
  {
    const page = await openApp(context, url);
    const r = await page.evaluate(async (seed) => {
      const s = window.streakbox;
      await s.ready();
      const p = await s.createProfile({ name: 'Mom', color: '#e11d48' });
      const t = await s.createTask(p, { title: 'Run' });
      await s.setCheck(p, t, s.today(), true);
      const all = await s.exportAll();
      const one = await s.exportProfile(p);
      const progress = [];
      const dry = await s.importBackup(new Blob([seed]), { mode: 'replace', dryRun: true, onProgress: (f) => progress.push(f) });
      const afterDry = (await s.listProfiles()).map((x) => x.name);
      const merged = await s.importBackup(new TextEncoder().encode(seed), { mode: 'merge' });
      const afterMerge = (await s.listProfiles()).map((x) => x.name);
      const again = await s.importBackup(seed, { mode: 'merge' });
      const codes = {};
      for (const [name, data] of Object.entries({
        malformed: '{"version": "1.0", "profiles": [',
        unsupported_version: '{"version": "4.2", "profiles": []}',
        invalid: '{"version": "1.0", "profiles": [{"profile": {"name": "X"}, "tasks": [{"title": "A"}, {"title": "A"}]}]}',
      })) {
        try { await s.importBackup(data); codes[name] = 'accepted'; } catch (e) { codes[name] = { code: e.code, errors: e.errors }; }
      }
      const restored = await s.importBackup(new File([all.bytes], all.filename), { mode: 'replace' });
      return {
        all: { filename: all.filename, header: JSON.parse(new TextDecoder().decode(all.bytes)).counts },
        one: one.filename, dry, afterDry, merged, afterMerge, again, codes, progress,
        restored: restored.profiles.map((x) => [x.name, x.action]),
        final: (await s.listProfiles()).map((x) => x.name),
      };
    }, seedAll);
    assert.match(r.all.filename, /^streakbox-backup-\d{4}-\d{2}-\d{2}\.json$/);
    assert.match(r.one, /^streakbox-backup-Mom-\d{4}-\d{2}-\d{2}\.json$/);
    assert.deepEqual(r.all.header, { profiles: 1, tasks: 1, task_checks: 1, daily_status: 1, days_off: 0 });
    assert.equal(r.dry.dry_run, true);
    assert.deepEqual(r.afterDry, ['Mom'], 'a dry run changes nothing');
    assert.ok(r.progress.length > 0 && r.progress.at(-1) <= 1, 'progress is reported');
    assert.deepEqual(r.afterMerge, ['Kid', 'Mom']);
    for (const p of r.again.profiles) assert.equal(p.tasks.added + p.task_checks.added + p.daily_status.added, 0);
    assert.equal(r.codes.malformed.code, 'malformed');
    assert.equal(r.codes.unsupported_version.code, 'unsupported_version');
    assert.equal(r.codes.invalid.code, 'invalid');
    assert.deepEqual(r.codes.invalid.errors.map((e) => e.path), ['$.profiles[0].tasks[1].title']);
    assert.deepEqual(r.restored, [['Mom', 'replaced'], ['Kid', 'deleted']]);
    assert.deepEqual(r.final, ['Mom'], 'replace-all leaves exactly the backup\'s profiles');
    assert.deepEqual(errors, []);
  }
}));
