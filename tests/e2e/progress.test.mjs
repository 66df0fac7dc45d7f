// Progress (issue 13, items 6 and 7) through the real UI: the calendar pages
// back a year and forward again in month and year views, stops at the first
// entry and at this month, crosses month edges with the arrow keys, fixes a
// missed day in its dialog; today looks different from focus; the streaks
// show their dates; each task's chart names the core's numbers. audit() on
// the month view, the year view and the day dialog at 390 and 1280 px.
import assert from 'node:assert/strict';
import { openApp, test, withBrowser } from './harness.mjs';
import { audit } from './audit.mjs';

// Calendar dates as 'YYYY-MM-DD', computed apart from the app.
const addDays = (date, n) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const noDialog = (page) => page.waitForFunction(() => !document.querySelector('dialog[open]'));
const title = (page) => page.textContent('.cal-title');
/** The page's own 'December 2026' for a date (Intl in the page's locale). */
const monthName = (page, date) => page.evaluate((d) => new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' })
  .format(new Date(`${d}T12:00:00`)), date);
const medium = (page, date) => page.evaluate((d) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
  .format(new Date(`${d}T12:00:00`)), date);
const disabled = async (page, action) => (await page.getAttribute(`[data-action="${action}"]`, 'aria-disabled')) === 'true';
/** Waits until the calendar shows `date`'s month. */
const showing = async (page, date) => {
  const want = await monthName(page, date);
  await page.waitForFunction((w) => document.querySelector('.cal-title')?.textContent === w, want);
};

async function setup(context, url) {
  const page = await openApp(context, url);
  const today = await page.evaluate(() => window.streakbox.today());
  const yearAgo = addDays(today, -365);
  const ids = await page.evaluate(async ([today, yearAgo]) => {
    const day = (date, n) => {
      const [y, m, d] = date.split('-').map(Number);
      return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
    };
    const s = window.streakbox;
    const p = await s.createProfile({ name: 'Sam' });
    const run = await s.createTask(p, { title: 'Run' });
    const swim = await s.createTask(p, { title: 'Swim', required: false, schedule: { type: 'per_week', times: 2 } });
    // A year ago: three days in a row (the best run). Then the two days before today.
    for (const d of [day(yearAgo, -2), day(yearAgo, -1), yearAgo, day(today, -2), day(today, -1)]) await s.setCheck(p, run, d, true);
    for (const d of [day(today, -14), day(today, -12), day(today, -9)]) await s.setCheck(p, swim, d, true);
    return { profile: p, run, swim };
  }, [today, yearAgo]);
  await page.reload();
  await page.waitForSelector('.checklist');
  await page.click('[data-view="progress"]');
  await page.waitForSelector('.months [data-date]');
  return { page, today, yearAgo, ids };
}

test('Progress: the calendar pages a year back and forward in month and year views, and stops at the ends', () => withBrowser(async ({ context, url, errors }) => {
  const { page, today, yearAgo } = await setup(context, url);
  await showing(page, today);
  assert.equal(await disabled(page, 'cal-next'), true, 'no page after this month');
  assert.equal(await page.getAttribute('[data-cal-view="month"]', 'aria-pressed'), 'true');
  // Reading order: the month's days ascending in the document.
  const dates = await page.$$eval('.months [data-date]', (els) => els.map((e) => e.dataset.date));
  assert.deepEqual(dates, [...dates].sort());
  assert.equal(dates.at(-1), today, 'no day after today is a button');

  // Back month by month to the first entry's month, and no further.
  let pages = 0;
  while (!(await disabled(page, 'cal-prev'))) {
    await page.click('[data-action="cal-prev"]');
    pages++;
    assert.ok(pages <= 13, 'the calendar pages past the first entry');
  }
  await showing(page, addDays(yearAgo, -2));
  await page.waitForFunction((d) => document.querySelector(`.months [data-date="${d}"]`)?.dataset.state === 'complete', addDays(yearAgo, -2));
  await page.click('[data-action="cal-prev"]'); // at the edge: nothing happens, focus stays
  await showing(page, addDays(yearAgo, -2));
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'cal-prev');
  // A year ago, marked complete.
  if (!(await page.count(`.months [data-date="${yearAgo}"]`))) await page.click('[data-action="cal-next"]');
  assert.equal(await page.getAttribute(`.months [data-date="${yearAgo}"]`, 'data-state'), 'complete');
  // Forward again to this month, then "Today" from a page back.
  while (!(await disabled(page, 'cal-next'))) await page.click('[data-action="cal-next"]');
  await showing(page, today);
  await page.click('[data-action="cal-prev"]');
  await page.click('[data-action="cal-today"]');
  await showing(page, today);

  // The year view: this year's months up to this one; the year before holds the run.
  await page.click('[data-cal-view="year"]');
  await page.waitForFunction((y) => document.querySelector('.cal-title').textContent === y, today.slice(0, 4));
  assert.equal(await page.count('.mini-month'), Number(today.slice(5, 7)));
  assert.equal(await disabled(page, 'cal-next'), true);
  if (yearAgo.slice(0, 4) !== today.slice(0, 4)) await page.click('[data-action="cal-prev"]');
  await page.waitForFunction((y) => document.querySelector('.cal-title').textContent === y, yearAgo.slice(0, 4));
  const inMonth = [addDays(yearAgo, -2), addDays(yearAgo, -1), yearAgo].filter((d) => d.slice(0, 7) === yearAgo.slice(0, 7)).length;
  const label = await page.getAttribute(`.mini-month[data-month="${yearAgo.slice(0, 7)}"]`, 'aria-label');
  assert.match(label, new RegExp(`^${await monthName(page, yearAgo)}: ${inMonth} complete day`));
  // A month of the year view opens that month.
  await page.click(`.mini-month[data-month="${yearAgo.slice(0, 7)}"]`);
  await showing(page, yearAgo);
  assert.equal(await page.getAttribute('[data-cal-view="month"]', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute(`.months [data-date="${yearAgo}"]`, 'data-state'), 'complete');
  assert.deepEqual(errors, []);
}));

test('Progress: arrow keys cross month edges, a missed day is fixed from the calendar, today differs from focus', () => withBrowser(async ({ context, url, errors }) => {
  const { page, today, ids } = await setup(context, url);
  assert.equal(await page.$$eval('.months [tabindex="0"]', (c) => c.map((x) => x.dataset.date).join()), today);
  await page.focus(`.months [data-date="${today}"]`);
  // Up a week and back: the week before may be last month; the calendar pages there and back.
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction((d) => document.activeElement?.dataset.date === d, addDays(today, -7));
  await showing(page, addDays(today, -7));
  await page.keyboard.press('PageUp');
  await page.waitForFunction(() => document.activeElement?.dataset.date);
  const up = await page.evaluate(() => document.activeElement.dataset.date);
  await showing(page, up);
  assert.equal(up.slice(8) <= addDays(today, -7).slice(8), true);
  await page.keyboard.press('PageDown');
  await page.waitForFunction((m) => document.activeElement?.dataset.date?.slice(0, 7) === m, addDays(today, -7).slice(0, 7));
  await page.focus(`.months [data-date="${addDays(today, -7)}"]`);
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((d) => document.activeElement?.dataset.date === d, today);
  await page.keyboard.press('ArrowRight'); // tomorrow: not a page to go to
  assert.equal(await page.evaluate(() => document.activeElement.dataset.date), today);

  // Focus: the outline, no bar. Today: a bold date with a bar, no outline while focus is elsewhere.
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((d) => document.activeElement?.dataset.date === d, addDays(today, -1));
  const cellLook = (date) => page.evaluate((d) => {
    const el = document.querySelector(`.months [data-date="${d}"]`);
    return { bar: getComputedStyle(el, '::before').content, weight: Number(getComputedStyle(el).fontWeight), outline: getComputedStyle(el).outlineStyle };
  }, date);
  const focused = await cellLook(addDays(today, -1));
  assert.equal(focused.bar, 'none');
  assert.equal(focused.outline, 'solid');
  await page.click('[data-action="cal-today"]');
  await showing(page, today);
  const todayLook = await cellLook(today);
  assert.notEqual(todayLook.bar, 'none');
  assert.ok(todayLook.weight >= 700);
  assert.equal(todayLook.outline, 'none');

  // Three days ago was missed: fixed in its dialog, the streak grows with its dates.
  assert.equal(await page.textContent('#streak-current'), '2');
  assert.equal(await page.textContent('#streak-current-dates'), `since ${await medium(page, addDays(today, -2))}`);
  const missed = addDays(today, -3);
  while (!(await page.count(`.months [data-date="${missed}"]`))) await page.click('[data-action="cal-prev"]');
  await page.click(`.months [data-date="${missed}"]`);
  await page.waitForSelector('dialog[open] .checklist');
  await page.check(`dialog[open] .check-item[data-task-id="${ids.run}"] input[type="checkbox"]`);
  await page.waitForFunction(() => /Day complete/.test(document.querySelector('dialog[open] #day-status')?.textContent));
  await page.click('dialog[open] button[value="close"]');
  await noDialog(page);
  await page.waitForFunction((d) => document.querySelector(`.months [data-date="${d}"]`)?.dataset.state === 'complete', missed);
  await page.waitForFunction((d) => document.activeElement?.dataset.date === d, missed);
  await page.waitForFunction(() => document.querySelector('#streak-current').textContent === '3');
  assert.equal(await page.textContent('#streak-current-dates'), `since ${await medium(page, missed)}`);
  const best = await page.evaluate((p) => window.streakbox.getProgress(p), ids.profile);
  assert.equal(best.streak.best, 3);
  assert.equal(best.streak.current_from, missed);
  assert.deepEqual(errors, []);
}));

test('Progress: each task\'s chart names the core\'s rates by week and by month; best runs with dates', () => withBrowser(async ({ context, url, errors }) => {
  const { page, ids, yearAgo } = await setup(context, url);
  const core = await page.evaluate((p) => window.streakbox.getProgress(p), ids.profile);
  const pairs = (label) => [...label.matchAll(/(\d+) of (\d+) /g)].map((m) => [Number(m[1]), Number(m[2])]);
  const expected = (buckets) => buckets.filter((b) => b.counted).map((b) => [b.met, b.counted]);
  for (const by of ['weeks', 'months']) {
    await page.click(`[data-rate-by="${by}"]`);
    await page.waitForSelector(`.rate[data-by="${by}"]`);
    for (const t of core.tasks) {
      const label = await page.getAttribute(`li[data-task-id="${t.task_id}"] svg[role="img"]`, 'aria-label');
      assert.equal(label.split('; ').length, 12, label);
      assert.deepEqual(pairs(label), expected(t[by]), `${by} of task ${t.task_id}: ${label}`);
    }
  }
  const swim = core.tasks.find((t) => t.task_id === ids.swim);
  assert.ok(swim.weeks.some((w) => w.counted), 'Swim has weeks to rate');
  // The best run a year ago, with its dates, on the card and for the task.
  const range = await page.evaluate(([a, b]) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
    .formatRange(new Date(`${a}T12:00:00`), new Date(`${b}T12:00:00`)), [addDays(yearAgo, -2), yearAgo]);
  assert.equal(await page.textContent('#streak-best'), '3');
  assert.equal(await page.textContent('#streak-best-dates'), range);
  assert.match(await page.textContent(`li[data-task-id="${ids.run}"] .ts-dates`), new RegExp(`best ${range}`));
  assert.deepEqual(errors, []);
}));

test('Progress: month view, year view and day dialog pass axe at 390 and 1280 px', () => withBrowser(async ({ context, url, errors }) => {
  const { page, today } = await setup(context, url);
  for (const [width, height] of [[390, 844], [1280, 800]]) {
    await page.setViewport({ width, height });
    await page.click('[data-cal-view="month"]');
    await showing(page, today);
    await page.focus(`.months [data-date="${today}"]`);
    await audit(page, 'progress-month');
    const cell = await page.$eval(`.months [data-date="${today}"]`, (c) => c.getBoundingClientRect().width);
    assert.ok(cell >= 24, `a day is ${cell}px wide at ${width}px`);
    await page.click('[data-rate-by="months"]');
    await page.click('[data-cal-view="year"]');
    await page.waitForSelector('.mini-month');
    await audit(page, 'progress-year');
    await page.click('[data-cal-view="month"]');
    await page.click(`.months [data-date="${today}"]`);
    await page.waitForSelector('dialog[open] .checklist');
    await audit(page, 'progress-day');
    await page.click('dialog[open] button[value="close"]');
    await noDialog(page);
  }
  assert.deepEqual(errors, []);
}));
