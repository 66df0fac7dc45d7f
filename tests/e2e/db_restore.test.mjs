// "Restore a database file" with hostile files, in a real browser (Chromium and Firefox) through
// window.streakbox.importDatabase: the files of tests/support/db_images.h,
// written by make_db_seeds with this build. Each is refused as `invalid`,
// naming the trigger, view or row, within the test's time (a recursive view
// used to hang the worker), and the data, the backup history, this instance's
// id and a later check are as before. A real file of each schema version
// restores, keeping this instance's id.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, openApp, test, withBrowser } from './harness.mjs';

const FILES = {
  'trigger-empties-on-check': "trigger 'wipe'",
  'trigger-switches-backups-off': "trigger 'schedule_off'",
  'trigger-erases-safety-snapshots': "trigger 'forget'",
  'view-instead-of-table': "view 'daily_status'",
  'recursive-view': "view 'tasks'",
  'bad-colour': 'profiles row id 1, column color',
  'duplicate-titles': 'tasks row id 8, column title',
  'empty-title': 'tasks row id 8, column title',
};

function seeds() {
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-db-'));
  try {
    const r = spawnSync(join(ROOT, 'build', 'native', 'tests', 'native', 'make_db_seeds'), [dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = {};
    for (const name of [...Object.keys(FILES), 'streakbox-v1', 'streakbox-v2'])
      out[name] = [...readFileSync(join(dir, `${name}.db`))];
    out['real-v2'] = [...readFileSync(join(ROOT, 'tests', 'data', 'db', 'v2.sqlite'))];  // made by the schema-2 build
    out['real-v3'] = [...readFileSync(join(ROOT, 'tests', 'data', 'db', 'v3.sqlite'))];  // made by the schema-3 build
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('importDatabase refuses hostile database files, naming what is wrong, and changes nothing', () => withBrowser(async ({ context, errors, url }) => {
  const files = seeds();
  const page = await openApp(context, url);
  const r = await page.evaluate(async (files) => {
    const s = window.streakbox;
    await s.ready();
    const mom = await s.createProfile({ name: 'Mom', color: '#112233' });
    const run = await s.createTask(mom, { title: 'Run' });
    await s.backups.runNow();
    const state = async () => JSON.stringify({
      profiles: await s.listProfiles(), tasks: await s.listTasks(mom),
      history: (await s.backups.list()).map((e) => [e.id, e.kind, e.status]),
      settings: await s.backups.settings(),
    });
    const instanceId = async () => JSON.parse(new TextDecoder().decode((await s.exportAll()).bytes)).instance_id;
    const ours = await instanceId();
    const before = await state();
    const out = { refused: {}, ours };
    for (const [name, bytes] of Object.entries(files)) {
      if (name.startsWith('streakbox-') || name.startsWith('real-')) continue;
      try { await s.importDatabase(new Uint8Array(bytes)); out.refused[name] = 'accepted'; } catch (e) { out.refused[name] = { code: e.code, message: e.message }; }
    }
    out.unchanged = (await state()) === before;
    await s.setCheck(mom, run, s.today(), true);  // no trigger of a file fires
    out.tasksAfterCheck = (await s.listTasks(mom)).length;
    out.restored = {};
    for (const v of [1, 2]) {
      const info = await s.importDatabase(new Uint8Array(files[`streakbox-v${v}`]));
      out.restored[v] = { names: (await s.listProfiles()).map((p) => p.name), id: await instanceId(), format: info.format };
    }
    await s.importDatabase(new Uint8Array(files['real-v2']));
    const profiles = await s.listProfiles();
    const mom2 = profiles.find((p) => p.name === 'Mom').id;
    const day = await s.getDay(mom2, '2026-10-20');
    out.real = {
      names: profiles.map((p) => p.name).sort(), schema: (await s.info()).schema_version,
      momTasks: day.tasks.map((t) => [t.title, t.schedule.type, t.measure, t.checked]),
      complete: day.state,
    };
    await s.importDatabase(new Uint8Array(files['real-v3']));
    const tasks = [];
    for (const p of await s.listProfiles()) tasks.push(...await s.listTasks(p.id));
    out.real3 = {
      names: (await s.listProfiles()).map((p) => p.name).sort(), schema: (await s.info()).schema_version,
      tasks: tasks.length, uuids: new Set(tasks.filter((t) => /^[0-9a-f]{32}$/.test(t.uuid)).map((t) => t.uuid)).size,
    };
    return out;
  }, files);
  for (const [name, words] of Object.entries(FILES)) {
    assert.equal(r.refused[name].code, 'invalid', `${name}: ${JSON.stringify(r.refused[name])}`);
    assert.ok(r.refused[name].message.includes(words), `${name}: ${r.refused[name].message}`);
  }
  assert.equal(r.unchanged, true, 'a refused database restore changes nothing (history included)');
  assert.equal(r.tasksAfterCheck, 1);
  for (const v of [1, 2]) assert.deepEqual(r.restored[v], { names: ['Dad'], id: r.ours, format: 'sqlite' });
  // The real schema-2 file migrates on restore: every task a daily yes/no task, its checks kept.
  assert.deepEqual(r.real, {
    names: ['Dad', 'Mom', 'Sam'], schema: 4, complete: 'complete',
    momTasks: [['Morning run', 'daily', null, true], ['Read', 'daily', null, true], ['Stretch', 'daily', null, true],
      ['Café ☕ journal', 'daily', null, true]],
  });
  // The real schema-3 file too: every task gets a uuid of its own on the way in.
  assert.deepEqual(r.real3, { names: ['Ana', 'Ben'], schema: 4, tasks: 9, uuids: 9 });
  assert.deepEqual(errors, []);
}));
