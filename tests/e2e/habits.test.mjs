// Habits through the real UI (issue 11): every kind of schedule and amount made
// in the task editor, entries recorded on Today (check, amount by stepper and
// by typing, skip, note, day off) and on past days in Progress, kept across a
// reload, with the progress and streaks docs/ARCHITECTURE.md promises.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, openApp, test, withBrowser } from './harness.mjs';

// Calendar dates as 'YYYY-MM-DD', computed apart from the app.
const addDays = (date, n) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const isoWeekday = (date) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
const SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const noDialog = (page) => page.waitForFunction(() => !document.querySelector('dialog[open]'));

async function createProfile(page, name) {
  await page.click('#new-profile');
  await page.fill('dialog[open] input[name="name"]', name);
  await page.click('dialog[open] button[type="submit"]');
  await noDialog(page);
}

/** Opens the editor for a new task and types its title; the caller picks the rest and saves. */
async function newTask(page, title) {
  await page.click('#add-task');
  await page.fill('dialog[open] input[name="title"]', title);
}

async function saveTask(page, title) {
  await page.click('dialog[open] button[type="submit"]');
  await noDialog(page);
  await page.waitForSelector(`.task-row:has-text("${title}")`);
}

async function measured(page, { unit, target, direction }) {
  await page.check('dialog[open] input[name="measured"]');
  await page.fill('dialog[open] input[name="unit"]', unit);
  await page.fill('dialog[open] input[name="target"]', target);
  await page.click(`dialog[open] input[data-direction="${direction}"]`);
}

/** The app with profile "Sam" and these tasks (made by the API: the editor has its own test), on Today. */
async function openWithTasks(context, url, tasks) {
  const page = await openApp(context, url);
  const ids = await page.evaluate(async (list) => {
    const s = window.streakbox;
    const p = await s.createProfile({ name: 'Sam' });
    const out = { profile: p };
    for (const [key, task] of Object.entries(list)) out[key] = await s.createTask(p, task);
    return out;
  }, tasks);
  await page.reload();
  await page.waitForSelector('.checklist');
  return { page, ids };
}

const row = (id) => `.check-item[data-task-id="${id}"]`;
const stateOf = (page, id) => page.textContent(`${row(id)} .entry-state`);
const entryOf = (page, profile, task, date) => page.evaluate(async ([p, t, d]) =>
  (await window.streakbox.getDay(p, d)).tasks.find((x) => x.id === t).entry, [profile, task, date]);
const statusIs = (page, re, scope = '') => page.waitForFunction(([s, src]) =>
  new RegExp(src).test(document.querySelector(`${s} #day-status`)?.textContent || ''), [scope, re.source]);

async function menuAction(page, taskId, action) {
  await page.click(`${row(taskId)} .menu-button`);
  await page.click(`${row(taskId)} [role="menuitem"][data-action="${action}"]`);
}

test('the editor makes every kind of schedule and amount, shown in words, kept after a reload', () => withBrowser(async ({ context, url, errors }) => {
  const page = await openApp(context, url);
  const today = await page.evaluate(() => window.streakbox.today());
  const gymDays = [isoWeekday(today), isoWeekday(addDays(today, 1))].sort();
  const pianoDay = isoWeekday(addDays(today, 2));
  await createProfile(page, 'Sam');
  await page.click('[data-view="tasks"]');

  await newTask(page, 'Run');
  await saveTask(page, 'Run');
  await newTask(page, 'Gym');
  await page.click('dialog[open] input[data-schedule="weekdays"]');
  for (const d of gymDays) await page.check(`dialog[open] input[name="weekday"][value="${d}"]`);
  await saveTask(page, 'Gym');
  await newTask(page, 'Piano');
  await page.click('dialog[open] input[data-schedule="weekdays"]');
  await page.check(`dialog[open] input[name="weekday"][value="${pianoDay}"]`);
  await saveTask(page, 'Piano');
  await newTask(page, 'Swim');
  await page.click('dialog[open] input[data-schedule="per_week"]');
  await page.fill('dialog[open] input[name="times-per_week"]', '3');
  await saveTask(page, 'Swim');
  await newTask(page, 'Clean');
  await page.click('dialog[open] input[data-schedule="per_month"]');
  await page.fill('dialog[open] input[name="times-per_month"]', '4');
  await saveTask(page, 'Clean');
  await newTask(page, 'Call Mom');
  await page.click('dialog[open] input[data-schedule="per_days"]');
  await page.fill('dialog[open] input[name="times-per_days"]', '2');
  await page.fill('dialog[open] input[name="days"]', '10');
  await saveTask(page, 'Call Mom');
  await newTask(page, 'Water');
  await measured(page, { unit: 'glasses', target: '8', direction: 'at_least' });
  await saveTask(page, 'Water');
  await newTask(page, 'Coffee');
  await measured(page, { unit: 'coffees', target: '2', direction: 'at_most' });
  await saveTask(page, 'Coffee');

  const words = [
    'Every day', gymDays.map((d) => SHORT[d - 1]).join(', '), SHORT[pianoDay - 1], '3 times a week',
    '4 times a month', 'Twice in 10 days', 'Every day · at least 8 glasses', 'Every day · at most 2 coffees'];
  const shown = () => page.$$eval('.task-row .task-plan', (els) => els.map((e) => e.textContent));
  assert.deepEqual(await shown(), words);
  const saved = await page.evaluate(async () => (await window.streakbox.listTasks(1)).map((t) => [t.title, t.schedule, t.measure]));
  assert.deepEqual(saved, [
    ['Run', { type: 'daily' }, null],
    ['Gym', { type: 'weekdays', weekdays: gymDays }, null],
    ['Piano', { type: 'weekdays', weekdays: [pianoDay] }, null],
    ['Swim', { type: 'per_week', times: 3 }, null],
    ['Clean', { type: 'per_month', times: 4 }, null],
    ['Call Mom', { type: 'per_days', times: 2, days: 10 }, null],
    ['Water', { type: 'daily' }, { unit: 'glasses', target: 8, direction: 'at_least' }],
    ['Coffee', { type: 'daily' }, { unit: 'coffees', target: 2, direction: 'at_most' }],
  ]);

  // Editing shows the saved choice, and a change is saved.
  await page.click('[aria-label="Edit Swim"]');
  assert.equal(await page.isChecked('dialog[open] input[data-schedule="per_week"]'), true);
  assert.equal(await page.inputValue('dialog[open] input[name="times-per_week"]'), '3');
  await page.fill('dialog[open] input[name="times-per_week"]', '2');
  await page.click('dialog[open] button[type="submit"]');
  await noDialog(page);
  await page.waitForFunction(() => [...document.querySelectorAll('.task-row .task-plan')].some((e) => e.textContent === 'Twice a week'));
  words[3] = 'Twice a week';

  await page.reload();
  await page.click('[data-view="tasks"]');
  await page.waitForSelector('.task-row .task-plan');
  assert.deepEqual(await shown(), words);
  assert.deepEqual(errors, []);
}));

test('bad input in the editor is explained next to its field and creates nothing', () => withBrowser(async ({ context, url, errors }) => {
  const page = await openApp(context, url);
  await createProfile(page, 'Sam');
  await page.click('[data-view="tasks"]');
  const count = () => page.evaluate(async () => (await window.streakbox.listTasks(1)).length);
  const errorFor = (selector) => page.$eval(selector, (el) => el.getAttribute('aria-describedby').split(' ')
    .map((id) => document.getElementById(id)).filter((e) => e && !e.hidden).map((e) => e.textContent).join(' '));

  await newTask(page, 'Gym');
  await page.click('dialog[open] input[data-schedule="weekdays"]');
  await page.click('dialog[open] button[type="submit"]');
  await page.waitForSelector('dialog[open] .weekdays[aria-invalid="true"]');
  assert.match(await errorFor('dialog[open] input[name="weekday"][value="1"]'), /Choose at least one day/);
  assert.equal(await count(), 0);

  // The core's refusals land next to the field they name, in plain words.
  await page.click('dialog[open] input[data-schedule="per_week"]');
  await page.fill('dialog[open] input[name="times-per_week"]', '8');
  await page.click('dialog[open] button[type="submit"]');
  await page.waitForSelector('dialog[open] input[name="times-per_week"][aria-invalid="true"]');
  const timesError = await errorFor('dialog[open] input[name="times-per_week"]');
  assert.match(timesError, /^The number of times/);
  assert.doesNotMatch(timesError, /task\./);
  assert.equal(await count(), 0);

  await page.click('dialog[open] input[data-schedule="daily"]');
  await measured(page, { unit: 'glasses', target: '0', direction: 'at_least' });
  await page.click('dialog[open] button[type="submit"]');
  await page.waitForSelector('dialog[open] input[name="target"][aria-invalid="true"]');
  const targetError = await errorFor('dialog[open] input[name="target"]');
  assert.match(targetError, /^The target/);
  assert.doesNotMatch(targetError, /task\./);
  assert.equal(await count(), 0);

  await page.fill('dialog[open] input[name="target"]', 'lots');
  await page.click('dialog[open] button[type="submit"]');
  await page.waitForFunction(() => /as a number/.test(document.querySelector('dialog[open]').textContent));
  assert.equal(await count(), 0);

  await page.fill('dialog[open] input[name="target"]', '6.5');
  await saveTask(page, 'Gym');
  assert.deepEqual(await page.evaluate(async () => (await window.streakbox.listTasks(1))[0].measure), { unit: 'glasses', target: 6.5, direction: 'at_least' });
  assert.deepEqual(errors, []);
}));

test('Today: checks, amounts by stepper and typing, skip, note, day off; all kept after a reload', () => withBrowser(async ({ context, url, errors }) => {
  const { page, ids } = await openWithTasks(context, url, {});
  const today = await page.evaluate(() => window.streakbox.today());
  const tasks = {
    run: { title: 'Run' },
    water: { title: 'Water', measure: { unit: 'glasses', target: 8, direction: 'at_least' } },
    coffee: { title: 'Coffee', measure: { unit: 'coffees', target: 2, direction: 'at_most' } },
    gym: { title: 'Gym', schedule: { type: 'weekdays', weekdays: [isoWeekday(today)] } },
    piano: { title: 'Piano', schedule: { type: 'weekdays', weekdays: [isoWeekday(addDays(today, 1))] } },
    swim: { title: 'Swim', schedule: { type: 'per_week', times: 3 } },
  };
  Object.assign(ids, await page.evaluate(async ([p, list]) => {
    const out = {};
    for (const [key, task] of Object.entries(list)) out[key] = await window.streakbox.createTask(p, task);
    return out;
  }, [ids.profile, tasks]));
  await page.reload();
  await page.waitForSelector(row(ids.run));
  const { profile } = ids;

  // Only what is due is asked for; Piano is not today.
  assert.equal(await page.count(row(ids.piano)), 0);
  assert.match(await page.textContent('.not-today'), /Not today: Piano/);
  await statusIs(page, /4 required tasks to go/);
  assert.equal(await stateOf(page, ids.swim), '0 of 3 this week');
  assert.equal(await stateOf(page, ids.water), '0 of 8 glasses');

  await page.check(`${row(ids.run)} input[type="checkbox"]`);
  await statusIs(page, /3 required tasks to go/);

  // Amounts: typed (a decimal), then stepped.
  const water = `${row(ids.water)} .amount-input`;
  await page.fill(water, '6.5');
  await page.waitForFunction((s) => document.querySelector(s).textContent === '6.5 of 8 glasses', `${row(ids.water)} .entry-state`);
  await page.click(`${row(ids.water)} [data-step="1"]`);
  await page.waitForFunction((s) => document.querySelector(s).textContent === '7.5 of 8 glasses', `${row(ids.water)} .entry-state`);
  await page.click(`${row(ids.water)} [data-step="1"]`);
  await page.waitForFunction((s) => document.querySelector(s).textContent === '8.5 of 8 glasses · done', `${row(ids.water)} .entry-state`);
  assert.equal((await entryOf(page, profile, ids.water, today)).amount, 8.5);
  await page.waitForFunction(() => document.querySelector('[data-live="checklist"]').textContent === 'Water: 8.5 of 8 glasses · done');
  await page.fill(water, 'a lot');
  await page.waitForSelector(`${row(ids.water)} .error:has-text("enter a number")`);
  assert.equal((await entryOf(page, profile, ids.water, today)).amount, 8.5, 'a word is not an amount: nothing changed');
  await page.fill(water, '8.5');
  await page.waitForSelector(`${row(ids.water)} .error`, { state: 'hidden' });
  await page.fill(`${row(ids.coffee)} .amount-input`, '1');
  await page.waitForFunction((s) => /^1 coffees, at most 2 · done$/.test(document.querySelector(s).textContent), `${row(ids.coffee)} .entry-state`);
  await statusIs(page, /1 required task to go/);

  // The menu: Escape closes it and focus returns to its button; the keyboard opens it.
  const menuButton = `${row(ids.gym)} .menu-button`;
  await page.click(menuButton);
  assert.equal(await page.getAttribute(menuButton, 'aria-expanded'), 'true');
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'menuitem');
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute(menuButton, 'aria-expanded'), 'false');
  assert.equal(await page.evaluate((s) => document.activeElement === document.querySelector(s), menuButton), true);
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.dataset.action === 'skip');
  await page.keyboard.press('Enter');
  await page.waitForFunction((s) => document.querySelector(s).textContent === 'Skipped', `${row(ids.gym)} .entry-state`);
  await statusIs(page, /Day complete/);
  await page.waitForFunction(() => document.querySelector('#streak-current').textContent === '1');
  assert.match(await page.textContent('[data-live="checklist"]'), /Gym: skipped/);
  await menuAction(page, ids.gym, 'unskip');
  await statusIs(page, /1 required task to go/);
  await menuAction(page, ids.gym, 'skip');
  await statusIs(page, /Day complete/);

  // A note, with its count and cap, edited.
  await menuAction(page, ids.run, 'note');
  const noteBox = `${row(ids.run)} textarea`;
  await page.fill(noteBox, 'Felt great');
  assert.equal(await page.textContent(`${row(ids.run)} .note-count`), '10 / 500');
  await page.fill(noteBox, 'x'.repeat(501));  // set as a script would, past the box's own cap
  await page.click(`${row(ids.run)} [data-action="save-note"]`);
  await page.waitForSelector(`${row(ids.run)} .note-editor .error:has-text("500")`);
  assert.equal((await entryOf(page, profile, ids.run, today)).note, '', 'a note over the cap is not saved');
  await page.fill(noteBox, 'Felt great');
  await page.click(`${row(ids.run)} [data-action="save-note"]`);
  await page.waitForSelector(`${row(ids.run)} .entry-note:has-text("Felt great")`);
  await menuAction(page, ids.run, 'note');
  await page.fill(noteBox, 'Felt great, 5 km');
  await page.click(`${row(ids.run)} [data-action="save-note"]`);
  await page.waitForSelector(`${row(ids.run)} .entry-note:has-text("Felt great, 5 km")`);

  await page.check(`${row(ids.swim)} input[type="checkbox"]`);
  await page.waitForFunction((s) => document.querySelector(s).textContent === '1 of 3 this week', `${row(ids.swim)} .entry-state`);
  assert.equal(await page.$eval(`${row(ids.swim)} progress`, (p) => [p.value, p.max].join('/')), '1/3');

  // Day off with a note, shown plainly, then undone.
  await page.click('[data-action="day-off"]');
  await page.fill('input[name="day-off-note"]', 'Holiday');
  await page.click('[data-action="confirm-day-off"]');
  await statusIs(page, /Day off/);
  assert.match(await page.textContent('.day-off'), /Today is a day off · Holiday/);
  assert.deepEqual(await page.evaluate(([p, d]) => window.streakbox.getDay(p, d).then((x) => x.day_off), [profile, today]), { note: 'Holiday' });
  await page.click('[data-action="undo-day-off"]');
  await statusIs(page, /Day complete/);
  assert.equal(await page.evaluate(([p, d]) => window.streakbox.getDay(p, d).then((x) => x.day_off), [profile, today]), null);

  await page.reload();
  await page.waitForSelector(row(ids.run));
  await statusIs(page, /Day complete/);
  assert.equal(await page.isChecked(`${row(ids.run)} input[type="checkbox"]`), true);
  assert.equal(await page.inputValue(water), '8.5');
  assert.equal(await page.inputValue(`${row(ids.coffee)} .amount-input`), '1');
  assert.equal(await stateOf(page, ids.gym), 'Skipped');
  assert.match(await page.textContent(`${row(ids.run)} .entry-note`), /Felt great, 5 km/);
  assert.equal(await stateOf(page, ids.swim), '1 of 3 this week');
  assert.equal(await page.textContent('#streak-current'), '1');

  await menuAction(page, ids.run, 'clear-note');
  await page.waitForSelector(`${row(ids.run)} .entry-note`, { state: 'hidden' });
  assert.equal((await entryOf(page, profile, ids.run, today)).note, '');
  assert.deepEqual(errors, []);
}));

test('Progress: past days checked, skipped, taken off and noted; streaks in days and weeks', () => withBrowser(async ({ context, url, errors, engine }) => {
  const { page, ids } = await openWithTasks(context, url, {
    run: { title: 'Run' },
    swim: { title: 'Swim', schedule: { type: 'per_week', times: 3 } },
  });
  const today = await page.evaluate(() => window.streakbox.today());
  const monday = addDays(today, 1 - isoWeekday(today));
  await page.check(`${row(ids.run)} input[type="checkbox"]`);
  await statusIs(page, /Day complete/);
  await page.click('[data-view="progress"]');

  // Pages the calendar back to `date`'s month (it opens on this month).
  async function showDay(date) {
    await page.click('[data-action="cal-today"]');
    await page.waitForSelector(`.months [data-date="${today}"]`);
    while (!(await page.count(`.months [data-date="${date}"]`))) await page.click('[data-action="cal-prev"]');
  }
  // Opens a day, does `fn` inside its dialog, closes it and waits for the redrawn calendar.
  async function onDay(date, fn) {
    await showDay(date);
    await page.click(`.months [data-date="${date}"]`);
    await page.waitForSelector('dialog[open] .checklist');
    await fn(`dialog[open] ${row(ids.run)}`, `dialog[open] ${row(ids.swim)}`);
    await page.click('dialog[open] button[value="close"]');
    await noDialog(page);
    await page.waitForSelector(`.months [data-date="${date}"]`);
  }
  const stateIs = async (date, state) => {
    if (!(await page.count(`.months [data-date="${date}"]`))) await showDay(date);
    await page.waitForFunction(([d, s]) => document.querySelector(`.months [data-date="${d}"]`)?.dataset.state === s, [date, state]);
  };

  // Yesterday off (ill), the day before done with a note, the one before skipped, the one before done.
  await onDay(addDays(today, -1), async () => {
    await page.click('dialog[open] [data-action="day-off"]');
    await page.fill('dialog[open] input[name="day-off-note"]', 'Ill');
    await page.click('dialog[open] [data-action="confirm-day-off"]');
    await statusIs(page, /Day off/, 'dialog[open]');
  });
  await stateIs(addDays(today, -1), 'off');
  await onDay(addDays(today, -2), async (run) => {
    await page.check(`${run} input[type="checkbox"]`);
    await statusIs(page, /Day complete/, 'dialog[open]');
    await page.click(`${run} .menu-button`);
    await page.click(`${run} [data-action="note"]`);
    await page.fill(`${run} textarea`, 'Rainy');
    await page.click(`${run} [data-action="save-note"]`);
    await page.waitForSelector(`${run} .entry-note:has-text("Rainy")`);
  });
  await onDay(addDays(today, -3), async (run) => {
    await page.click(`${run} .menu-button`);
    await page.click(`${run} [data-action="skip"]`);
    await page.waitForSelector(`${run} .entry-state:has-text("Skipped")`);
  });
  await onDay(addDays(today, -4), async (run) => {
    await page.check(`${run} input[type="checkbox"]`);
    await statusIs(page, /Day complete/, 'dialog[open]');
  });
  // Swim three times in each of the two weeks before this one (Mon–Wed: never one of the days above).
  for (const start of [addDays(monday, -14), addDays(monday, -7)]) {
    for (let i = 0; i < 3; i++) {
      await onDay(addDays(start, i), async (run, swim) => {
        await page.check(`${swim} input[type="checkbox"]`);
        await page.waitForSelector(`${swim} .entry-state:has-text("${i + 1} of 3")`);
      });
    }
  }

  async function expectHistory() {
    await stateIs(addDays(today, -1), 'off');
    await stateIs(addDays(today, -3), 'skipped');
    await stateIs(addDays(today, -2), 'complete');
    await stateIs(addDays(today, -1), 'off');
    assert.match(await page.getAttribute(`.months [data-date="${addDays(today, -1)}"]`, 'aria-label'), /day off \(Ill\)/);
    await stateIs(addDays(today, -3), 'skipped');
    assert.match(await page.getAttribute(`.months [data-date="${addDays(today, -3)}"]`, 'aria-label'), /1 task skipped/);
    await stateIs(addDays(today, -2), 'complete');
    assert.match(await page.getAttribute(`.months [data-date="${addDays(today, -2)}"]`, 'aria-label'), /1 note/);
    assert.equal(await page.count(`.months [data-date="${addDays(today, -2)}"].has-note`), 1);
    // Today, two days ago and four days ago count; the day off and the skip neither break nor add.
    await page.waitForFunction(() => document.querySelector('#streak-current').textContent === '3');
    assert.equal(await page.textContent(`.ts-nums[data-task-id="${ids.run}"]`), '3 days in a row · best 3 days');
    assert.equal(await page.textContent(`.ts-nums[data-task-id="${ids.swim}"]`), '2 weeks in a row · best 2 weeks');
  }
  await expectHistory();
  await page.reload();
  await page.waitForSelector('.months [data-date]');
  await expectHistory();
  await page.screenshot({ path: join(ROOT, 'build', `habits-history-${engine}.png`), fullPage: true });

  // A chosen day lists its note; the keyboard reaches it (Enter on the focused cell).
  await showDay(addDays(today, -2));
  await page.focus(`.months [data-date="${addDays(today, -2)}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open] .entry-note:has-text("Rainy")');
  await page.keyboard.press('Escape');
  await noDialog(page);
  assert.deepEqual(errors, []);
}));

test('screenshots: Today and the editor at 390 and 1280 px, nothing wider than the screen', () => withBrowser(async ({ context, url, errors, engine }) => {
  const { page, ids } = await openWithTasks(context, url, {
    run: { title: 'Morning run', description: '30 minutes' },
    water: { title: 'Drink water', measure: { unit: 'glasses', target: 8, direction: 'at_least' } },
    coffee: { title: 'Coffee', measure: { unit: 'coffees', target: 2, direction: 'at_most' }, required: false },
    swim: { title: 'Swim', schedule: { type: 'per_week', times: 3 } },
    piano: { title: 'Piano', schedule: { type: 'weekdays', weekdays: [1, 3, 5] } },
  });
  const today = await page.evaluate(() => window.streakbox.today());
  await page.evaluate(async ([p, ids, d]) => {
    const s = window.streakbox;
    await s.setCheck(p, ids.run, d, { done: true, note: 'Easy pace, felt good' });
    await s.setCheck(p, ids.water, d, { amount: 6.5 });
    await s.setCheck(p, ids.swim, d, true);
  }, [ids.profile, ids, today]);
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    await page.setViewport({ width: w, height: h });
    await page.reload();
    await page.waitForSelector(row(ids.run));
    await page.click(`${row(ids.coffee)} .menu-button`);
    await page.screenshot({ path: join(ROOT, 'build', `habits-today-${w}-${engine}.png`), fullPage: true });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `Today scrolls sideways at ${w} px`);
    await page.keyboard.press('Escape');
    await page.click('[data-view="tasks"]');
    await page.click('#add-task');
    await page.click('dialog[open] input[data-schedule="weekdays"]');
    await page.check('dialog[open] input[name="weekday"][value="1"]');
    await page.check('dialog[open] input[name="measured"]');
    await page.screenshot({ path: join(ROOT, 'build', `habits-editor-${w}-${engine}.png`) });
    assert.equal(await page.evaluate(() => document.querySelector('dialog[open]').scrollWidth <= document.querySelector('dialog[open]').clientWidth), true, `the editor scrolls sideways at ${w} px`);
    await page.click('dialog[open] button:has-text("Cancel")');
    await noDialog(page);
    await page.click('[data-view="today"]');
  }
  assert.deepEqual(errors, []);
}));
