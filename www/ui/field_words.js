// The core names a bad field by its path ('task.schedule.times must be 1 to
// 7 for a weekly schedule', 'entry.note …', 'dayOff.note …'); people
// read these words instead: 'The number of times must be 1 to 7 …'.

const FIELD_WORDS = {
  title: 'The title',
  description: 'The description',
  schedule: 'The schedule',
  'schedule.type': 'The schedule',
  'schedule.weekdays': 'The days',
  'schedule.times': 'The number of times',
  'schedule.days': 'The number of days',
  measure: 'The amount',
  'measure.unit': 'The unit',
  'measure.target': 'The target',
  'measure.direction': 'At least or at most',
  amount: 'The amount',
  note: 'The note',
  done: 'Done',
  skipped: 'Skipped',
};

/**
 * {field, text} for a core error: the field it names without its object
 * ('schedule.times' from 'task.…' or 'patch.…', 'note' from 'entry.note'),
 * or null, and its message with that path in plain words.
 */
export function fieldOfError(e) {
  const message = (e && e.message) || String(e);
  const m = /\b(?:task|patch|entry|dayOff)\.([a-z_]+(?:\.[a-z_]+)?)/.exec(message);
  if (!m) return { field: null, text: message };
  return { field: m[1], text: message.replace(m[0], FIELD_WORDS[m[1]] ?? 'This') };
}
