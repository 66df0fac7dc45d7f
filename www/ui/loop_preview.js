// The import preview of a Loop Habit Tracker backup (the report's `source`,
// docs/API.md "Loop Habit Tracker backups"): per habit, what comes over, what
// was renamed or cut, what Loop counted that is not the user's, and what
// Streakbox does not keep. Plain words; a list a screen reader reads in order.
import { h } from './dom.js';

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const LEFT_OUT = { reminder: 'its reminder', colour: 'its colour', scores: 'Loop’s scores', streaks: 'Loop’s streaks', checkmarks: 'Loop’s checkmarks' };

/** True when a dry run's report is of a Loop Habit Tracker file. */
export const isLoopReport = (report) => Boolean(report && report.source && report.source.app === 'loop');

function habitLine(habit) {
  const entries = [plural(habit.entries, 'entry', 'entries')];
  if (habit.skips) entries.push(plural(habit.skips, 'skip'));
  if (habit.amounts) entries.push(plural(habit.amounts, 'amount'));
  if (habit.notes) entries.push(plural(habit.notes, 'note'));
  const notes = [];
  if (habit.renamed) notes.push(`Renamed from “${habit.name}”: another habit has that name.`);
  if (!habit.active) notes.push('Archived in Loop: comes over as inactive, with its history.');
  const n = habit.not_imported;
  const loops = [];
  if (n.implicit) loops.push(plural(n.implicit, 'day done by frequency', 'days done by frequency'));
  if (n.not_done) loops.push(plural(n.not_done, 'day marked not done', 'days marked not done'));
  if (n.unknown) loops.push(plural(n.unknown, 'empty day', 'empty days'));
  if (loops.length) notes.push(`Not imported (Loop’s own marks, not your entries): ${loops.join(', ')}.`);
  for (const a of habit.adjusted) notes.push(`${a[0].toUpperCase()}${a.slice(1)}.`);
  if (habit.left_out.length) notes.push(`Not kept: ${habit.left_out.map((w) => LEFT_OUT[w] || w).join(', ')}.`);
  return h('li', { 'data-loop-habit': habit.title },
    h('strong', {}, habit.title), ` — ${entries.join(', ')}`,
    notes.map((t) => h('div', { class: 'muted' }, t)));
}

/** The preview of a Loop file: its habits, one item each. */
export function loopPreview(source) {
  const dropped = source.dropped_rows.no_habit_or_day + source.dropped_rows.unknown_habit;
  return h('div', { class: 'loop-preview', 'data-loop-preview': true },
    h('p', {}, `A Loop Habit Tracker backup (schema ${source.schema_version}) with ${plural(source.habits.length, 'habit')}.`),
    h('ul', { class: 'preview' }, source.habits.map(habitLine)),
    dropped ? h('p', { class: 'muted' }, `${plural(dropped, 'row')} that belonged to no habit or day ${dropped === 1 ? 'is' : 'are'} left out, as Loop itself does.`) : null,
    source.ignored_objects.length
      ? h('p', { class: 'muted' }, `The file’s own ${source.ignored_objects.join(', ')} ${source.ignored_objects.length === 1 ? 'was' : 'were'} not run.`)
      : null);
}

/**
 * The name of the new profile a Loop file goes into (default "Loop"), for the
 * import dialog: {element, value(), onChange(fn)}. Shown only while the
 * dialog's choice is a new profile.
 */
export function loopProfileName(initial) {
  const input = h('input', { type: 'text', id: 'import-profile-name', name: 'profile-name', value: initial, maxlength: 60, autocomplete: 'off' });
  const element = h('div', { class: 'field' }, h('label', { for: input.id }, 'Name of the new profile'), input);
  return {
    element,
    value: () => input.value.trim(),
    onChange: (fn) => input.addEventListener('change', fn),
  };
}
