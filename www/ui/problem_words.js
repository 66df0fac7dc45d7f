// The problems of a backup that cannot be read (an `invalid` error's
// `errors`, [{path, message}], docs/API.md "Errors"), grouped for people:
// per profile and task, in plain words, follow-on problems folded under their
// cause, every problem kept, each with its exact JSON path for a "Details"
// disclosure. Pure (no DOM): tests/site/problem_words.test.mjs runs it.
//
// groupProblems(errors, names?) → [{heading, problems: [{text, path, followOns: [{text, path}]}]}]
// `names` (optional, from the file itself when it could be read as JSON):
// {profiles: [{name, tasks: [title]}]} for a backup of all profiles, or
// {profile: {name, tasks: [title]}} for one; without it profiles and tasks are
// named by their place ("profile 2", "task 3").
//
// Follow-ons: in a profile where a task has a problem, every check that names
// no task of the profile (its task could not be read) is folded under that
// task (under the first such task when several have problems); a header count
// that disagrees with the file ("says 3 but the file holds 2") is folded
// under the first other problem, because a record with a problem is not counted.

const RECORD = {
  tasks: 'task', task_checks: 'check', daily_status: 'completed day', days_off: 'day off',
};

const FIELD = {
  title: 'the title', description: 'the description', date: 'the date', id: 'the id', uuid: 'the task’s identity',
  task_id: 'the task it belongs to', task_title: 'the task it belongs to', checked: '“done”', checked_at: 'the time it was done',
  skipped: '“skipped”', amount: 'the amount', note: 'the note', name: 'the name', color: 'the colour',
  schedule: 'the schedule', measure: 'the measure', is_required: '“required”', is_active: '“active”',
  sort_order: 'the order', completed_at: 'the time the day was completed', created_at: 'the creation time',
  updated_at: 'the time of the last change', version: 'the format version', scope: 'what the file holds',
  export_date: 'the export date', exported_at: 'the export time', app_version: 'the app version', counts: 'the counts',
  profile: 'the profile’s name and colour', profiles: 'the list of profiles', settings: 'the settings',
  times: 'the number of times', weekdays: 'the weekdays', days: 'the number of days', type: 'the kind',
  target: 'the target', unit: 'the unit', direction: 'the direction',
};

const TYPES = { string: 'text', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'empty (null)' };

/** Splits a JSON path into {profile, record, index, field}: where in the file a problem is. */
export function placeOf(path) {
  const m = /^\$(?:\.profiles\[(\d+)\])?(?:\.(tasks|task_checks|daily_status|days_off)\[(\d+)\])?((?:\.[^.[\]]+|\[\d+\])*)$/.exec(path || '');
  if (!m) return { profile: null, record: null, index: null, field: '' };
  const field = m[4].replace(/^\./, '');
  return {
    profile: m[1] == null ? (m[2] || field.startsWith('profile') ? 0 : null) : Number(m[1]),
    record: m[2] || null,
    index: m[3] == null ? null : Number(m[3]),
    field,
  };
}

const quoted = (s) => `“${s}”`;

/** A problem's message in plain words, naming the field it is about. */
export function problemText(path, message) {
  const { field } = placeOf(path);
  const last = field.split('.').filter(Boolean).pop() || '';
  const what = FIELD[last.replace(/\[\d+\]$/, '')] || (last ? quoted(last) : '');
  let m = String(message || '').trim();
  if (/^is required\b/.test(m)) return `${what || 'something'} is missing${m.slice('is required'.length).replace(/^:/, ':')}`.trim();
  m = m.replace(/\bmust be a string\b/, 'must be text').replace(/, not (string|number|boolean|object|array|null)\b/, (_, t) => `, not ${TYPES[t]}`);
  if (/^names no task of this profile/.test(m)) return `the task it belongs to is not in this profile${m.slice('names no task of this profile'.length)}`;
  // A message about the field's value ("is …", "must …", "'x' is not …") reads after the field's name; others are sentences.
  return what && /^(is|are|must|has|have|says|should|cannot|'|\")/.test(m) ? `${what} ${m}` : m;
}

function profileName(names, index) {
  if (!names) return null;
  const p = names.profiles ? names.profiles[index] : index === 0 ? names.profile : null;
  return p && typeof p.name === 'string' && p.name ? p.name : null;
}

function taskTitle(names, profile, index) {
  const p = names && (names.profiles ? names.profiles[profile] : profile === 0 ? names.profile : null);
  const t = p && Array.isArray(p.tasks) ? p.tasks[index] : null;
  return typeof t === 'string' && t ? t : null;
}

function heading(names, place, oneProfile) {
  const parts = [];
  if (place.profile != null) {
    const n = profileName(names, place.profile);
    parts.push(n ? `Profile ${quoted(n)}` : oneProfile ? 'The profile' : `Profile ${place.profile + 1}`);
  }
  if (place.record) {
    const t = place.record === 'tasks' ? taskTitle(names, place.profile ?? 0, place.index) : null;
    parts.push(`${RECORD[place.record]} ${place.index + 1}${t ? ` (${quoted(t)})` : ''}`);
  }
  if (!parts.length) return 'The file';
  const s = parts.join(', ');
  return s[0].toUpperCase() + s.slice(1);
}

const isCountFollowOn = (e) => /^\$\.counts\./.test(e.path) && /^says .* but the file holds/.test(e.message);
const isOrphanCheck = (e) => /^names no task of this profile/.test(e.message);

/** The groups (see the head of this file), in the file's order. */
export function groupProblems(errors, names = null) {
  const list = Array.isArray(errors) ? errors.filter((e) => e && typeof e.path === 'string') : [];
  const oneProfile = !list.some((e) => /^\$\.profiles\[/.test(e.path));
  const groups = new Map();  // heading key -> group
  const order = [];
  const add = (e) => {
    const place = placeOf(e.path);
    const key = `${place.profile}|${place.record}|${place.index}`;
    if (!groups.has(key)) {
      const g = { heading: heading(names, place, oneProfile), place, problems: [] };
      groups.set(key, g);
      order.push(g);
    }
    const item = { text: problemText(e.path, e.message), path: e.path, followOns: [] };
    groups.get(key).problems.push(item);
    return item;
  };
  const counts = list.filter(isCountFollowOn);
  const orphans = list.filter(isOrphanCheck);
  const causes = list.filter((e) => !counts.includes(e) && !orphans.includes(e));
  const firstBrokenTask = new Map();  // profile -> the first item of a task with a problem
  let first = null;
  for (const e of causes) {
    const item = add(e);
    first = first || item;
    const place = placeOf(e.path);
    if (place.record === 'tasks' && !firstBrokenTask.has(place.profile)) firstBrokenTask.set(place.profile, item);
  }
  for (const e of orphans) {
    const cause = firstBrokenTask.get(placeOf(e.path).profile);
    const place = placeOf(e.path);
    if (cause) cause.followOns.push({ text: `${RECORD[place.record] || 'record'} ${place.index + 1} belongs to this task and cannot be read either`, path: e.path });
    else {
      const item = add(e);
      first = first || item;
    }
  }
  for (const e of counts) {
    if (first) first.followOns.push({ text: `so the file’s own count is off: ${problemText(e.path, e.message)}`, path: e.path });
    else add(e);
  }
  return order.map(({ heading: hd, problems }) => ({ heading: hd, problems }));
}

/** How many problems in all, follow-ons included (every problem is shown). */
export const problemCount = (groups) => groups.reduce((n, g) => n + g.problems.reduce((m, p) => m + 1 + p.followOns.length, 0), 0);
