// ui/problem_words.js, the one place where a backup's problems become words
// for people (issue 13): grouped per profile and task, follow-on problems
// folded under their cause, every problem kept, each with its JSON path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupProblems, problemCount, problemText, placeOf } from '../../www/ui/problem_words.js';

// What the core reports for a backup of two profiles whose second profile's
// second task has no title: the task's ten checks then name no task, and the
// header's task count no longer matches.
const missingTitle = [
  { path: '$.profiles[1].tasks[1].title', message: 'is required' },
  ...Array.from({ length: 10 }, (_, i) => ({ path: `$.profiles[1].task_checks[${i + 3}].task_id`, message: 'names no task of this profile: id 2' })),
  { path: '$.counts.tasks', message: 'says 3 but the file holds 2: the file is incomplete or was edited' },
];
const names = { profiles: [{ name: 'Dad', tasks: ['Walk'] }, { name: 'Mom', tasks: ['Run', null] }] };

test('one missing title is one line, its follow-ons folded under it', () => {
  const groups = groupProblems(missingTitle, names);
  assert.equal(groups.length, 1);
  assert.equal(groups[0].heading, 'Profile “Mom”, task 2');
  assert.equal(groups[0].problems.length, 1);
  const [p] = groups[0].problems;
  assert.equal(p.text, 'the title is missing');
  assert.equal(p.path, '$.profiles[1].tasks[1].title');
  assert.equal(p.followOns.length, 11, 'ten checks and the count');
  assert.match(p.followOns[0].text, /^check 4 belongs to this task/);
  assert.equal(p.followOns[10].path, '$.counts.tasks');
  assert.equal(problemCount(groups), 12, 'every problem is kept');
});

test('without the file’s names, profiles and tasks are named by their place', () => {
  const groups = groupProblems(missingTitle);
  assert.equal(groups[0].heading, 'Profile 2, task 2');
});

test('problems of different profiles and tasks stay apart, in the file’s order', () => {
  const groups = groupProblems([
    { path: '$.profiles[0].tasks[0].schedule.times', message: 'is required: 1 to 7 for a weekly schedule' },
    { path: '$.profiles[0].task_checks[5].date', message: "'2026-13-01' is not a date" },
    { path: '$.profiles[1].profile.name', message: 'another profile in this file is also named \'Mom\'' },
    { path: '$.version', message: 'must be a number, not string' },
  ], names);
  assert.deepEqual(groups.map((g) => g.heading), ['Profile “Dad”, task 1 (“Walk”)', 'Profile “Dad”, check 6', 'Profile “Mom”', 'The file']);
  assert.equal(groups[0].problems[0].text, 'the number of times is missing: 1 to 7 for a weekly schedule');
  assert.equal(groups[1].problems[0].text, "the date '2026-13-01' is not a date");
  assert.equal(groups[3].problems[0].text, 'the format version must be a number, not text');
});

test('a backup of one profile: its records have no profile index', () => {
  assert.deepEqual(placeOf('$.tasks[2].title'), { profile: 0, record: 'tasks', index: 2, field: 'title' });
  const groups = groupProblems([{ path: '$.tasks[2].title', message: 'is required' }], { profile: { name: 'Kid', tasks: [] } });
  assert.equal(groups[0].heading, 'Profile “Kid”, task 3');
});

test('a check naming a task that is not there, with no task problem, is a problem of its own', () => {
  const groups = groupProblems([{ path: '$.profiles[0].task_checks[0].task_title', message: "names no task of this profile: 'Swim'" }], names);
  assert.equal(groups.length, 1);
  assert.equal(groups[0].problems[0].text, "the task it belongs to is not in this profile: 'Swim'");
  assert.equal(problemText('$.x', 'is required'), '“x” is missing');
});
