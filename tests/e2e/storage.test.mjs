// Real SQLite on real OPFS in a real browser (Chromium and Firefox): data survives reloads and
// browser restarts, and a second tab never corrupts anything.
import assert from 'node:assert/strict';
import { launch, newProfileDir, openApp, serveSite, test, withBrowser } from './harness.mjs';

async function seed(page) {
  return page.evaluate(async () => {
    const s = window.streakbox;
    await s.ready();
    const p = await s.createProfile({ name: 'Mom', color: '#e11d48' });
    const run = await s.createTask(p, { title: 'Morning run' });
    const read = await s.createTask(p, { title: 'Read', required: false });
    await s.setCheck(p, run, s.today(), true);
    return { p, run, read };
  });
}

function snapshot(page, p) {
  return page.evaluate(async (id) => {
    const s = window.streakbox;
    await s.ready();
    return { profiles: await s.listProfiles(), day: await s.getDay(id, s.today()), streak: await s.getStreak(id) };
  }, p);
}

test('data survives a reload and a browser restart', async () => {
  const site = await serveSite();
  const profile = newProfileDir();
  try {
    let { context, errors } = await launch(profile.dir);
    let page = await openApp(context, site.url);
    const ids = await seed(page);
    const before = await snapshot(page, ids.p);
    assert.equal(before.profiles.length, 1);
    assert.ok(before.day.completed_at, 'the day is complete after the required check');
    assert.deepEqual(before.streak, { current: 1, best: 1 });

    await page.reload();
    await page.waitForFunction(() => window.streakbox && window.streakbox.state.state === 'ready');
    assert.deepEqual(await snapshot(page, ids.p), before, 'same data after reload');
    assert.deepEqual(errors, []);
    await context.close();

    ({ context, errors } = await launch(profile.dir));
    page = await openApp(context, site.url);
    assert.deepEqual(await snapshot(page, ids.p), before, 'same data after a browser restart');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    profile.remove();
    await site.close();
  }
});

test('a second tab is told plainly, can take over, and nothing is corrupted', () => withBrowser(async ({ context, errors, url }) => {
  {
    const tab1 = await openApp(context, url);
    const ids = await seed(tab1);
    const tab2 = await openApp(context, url);
    assert.equal(await tab2.evaluate(() => window.streakbox.state.state), 'elsewhere');
    const refused = await tab2.evaluate(() => window.streakbox.listProfiles().then(() => 'ok', (e) => e.code));
    assert.equal(refused, 'locked');
    // The owner keeps working while the second tab waits.
    await tab1.evaluate(async (id) => window.streakbox.createTask(id, { title: 'Stretch' }), ids.p);

    await tab2.evaluate(() => window.streakbox.takeOver());
    assert.equal(await tab2.evaluate(() => window.streakbox.state.state), 'ready');
    await tab1.waitForFunction(() => window.streakbox.state.state === 'taken');
    const stale = await tab1.evaluate(() => window.streakbox.listProfiles().then(() => 'ok', (e) => e.code));
    assert.equal(stale, 'locked', 'the old owner no longer writes');

    const after = await snapshot(tab2, ids.p);
    assert.deepEqual(after.day.tasks.map((t) => t.title), ['Morning run', 'Read', 'Stretch']);
    await tab2.evaluate(async (id) => window.streakbox.setCheck(id, (await window.streakbox.listTasks(id))[2].id, window.streakbox.today(), true), ids.p);

    await tab1.evaluate(() => window.streakbox.takeOver());
    const back = await snapshot(tab1, ids.p);
    assert.equal(back.day.tasks.filter((t) => t.checked).length, 2, 'tab1 sees what tab2 wrote');
    assert.deepEqual(errors, []);
  }
}));

test('closing the owning tab hands the database to the next one', () => withBrowser(async ({ context, errors, url }) => {
  {
    const tab1 = await openApp(context, url);
    const ids = await seed(tab1);
    await tab1.close();
    const tab2 = await openApp(context, url);
    await tab2.waitForFunction(() => window.streakbox.state.state === 'ready', null, { timeout: 10000 });
    const snap = await snapshot(tab2, ids.p);
    assert.equal(snap.profiles[0].name, 'Mom');
    assert.deepEqual(errors, []);
  }
}));
