// The words of the "Bring a file back" flow (ui/restore_flow.js), pure (no
// DOM; tests/site/restore_words.test.mjs runs them):
// - identity(info): what a file is, in one sentence ("A Streakbox backup of
//   all profiles, made 1 Dec 2026"), and what it holds, per profile;
// - changeLines(profile): a dry run's report profile (its `net`, docs/API.md
//   "The report") as sentences: "unchanged", "adds 12 checks to “Run”",
//   "removes the task “Stretch” and its 40 checks" (names, not numbers);
// - shortChange(profile): the same in a few words for the banner ("+12 checks").
import { dateOf, mediumDate } from './dates.js';

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const q = (s) => `“${s}”`;

/**
 * What a file is. `info`: {kind, header, counts, profiles_held, source,
 * encrypted} where kind is 'json' (validateBackup's result), 'loop' or
 * 'sqlite' (backups.inspect's). Returns {title, made, from, holds: [line]}.
 */
export function identity(info) {
  const hd = info.header || {};
  const made = hd.exported_at || hd.export_date;
  const day = typeof made === 'string' && /^\d{4}-\d{2}-\d{2}/.test(made) && !Number.isNaN(Date.parse(made))
    ? (made.length === 10 ? made : dateOf(made)) : null;
  const madeText = day ? mediumDate(day) : '';
  if (info.kind === 'loop') {
    const habits = info.source && Array.isArray(info.source.habits) ? info.source.habits : [];
    return {
      title: 'A Loop Habit Tracker backup',
      made: '',
      from: 'Made by the Loop Habit Tracker app (Android)',
      holds: [`${plural(habits.length, 'habit')}, ${plural(habits.reduce((n, x) => n + (x.entries || 0), 0), 'entry', 'entries')}`],
    };
  }
  if (info.kind === 'sqlite') {
    const c = info.counts || {};
    return {
      title: 'A Streakbox database file',
      made: '',
      from: 'The whole of a Streakbox, as it was when the file was saved',
      holds: [`${plural(c.profiles || 0, 'profile')}, ${plural(c.tasks || 0, 'task')}, ${plural(c.task_checks || 0, 'check')}`],
    };
  }
  const all = hd.scope ? hd.scope === 'all' : (info.counts && info.counts.profiles) !== 1;
  const what = `${info.encrypted ? 'An encrypted Streakbox backup' : 'A Streakbox backup'} of ${all ? 'all profiles' : 'one profile'}`;
  const held = Array.isArray(info.profiles_held) ? info.profiles_held : [];
  return {
    title: madeText ? `${what}, made ${madeText}` : what,
    made: madeText,
    from: hd.app_version ? `Made by Streakbox ${hd.app_version}` : 'Made by Streakbox',
    holds: held.length
      ? held.map((p) => `${q(p.name || 'A profile')}: ${plural(p.tasks, 'task')}, ${plural(p.task_checks, 'check')}`)
      : ['No profiles'],
  };
}

/** A dry run's profile as sentences (an empty `net`: the counts, for an old report). */
export function changeLines(p, { done = false } = {}) {
  const net = p.net;
  const who = q(p.name);
  if (!net) return [`${who}: ${p.action}`];
  if (p.action === 'deleted') {
    const tasks = net.tasks.map((t) => `${q(t.title)}${t.checks ? ` (${plural(t.checks, 'check')})` : ''}`);
    return [`${who} ${done ? 'was' : 'is'} removed${tasks.length ? `, with ${tasks.length === 1 ? 'its task' : 'its tasks'} ${tasks.join(', ')}` : ''}`];
  }
  if (net.unchanged) return [`${who}${p.action === 'created' ? ' (a new profile)' : ''}: unchanged`];
  const lines = [];
  for (const t of net.tasks) {
    const title = q(t.title);
    if (t.change === 'added') lines.push(`adds the task ${title}${t.checks ? ` and its ${plural(t.checks, 'check')}` : ''}`);
    else if (t.change === 'removed') lines.push(`removes the task ${title}${t.checks ? ` and its ${plural(t.checks, 'check')}` : ''}`);
    else if (t.change === 'changed') {
      const parts = [];
      if (t.checks_added) parts.push(`adds ${plural(t.checks_added, 'check')}`);
      if (t.checks_removed) parts.push(`removes ${plural(t.checks_removed, 'check')}`);
      if (t.checks_changed) parts.push(`changes ${plural(t.checks_changed, 'check')}`);
      if (t.fields_changed) parts.push('changes its settings (title, schedule or measure)');
      lines.push(`${title}: ${parts.join(', ')}`);
    }
  }
  const days = [];
  if (net.days_off_added) days.push(`adds ${plural(net.days_off_added, 'day off', 'days off')}`);
  if (net.days_off_removed) days.push(`removes ${plural(net.days_off_removed, 'day off', 'days off')}`);
  if (net.completed_days_added) days.push(`marks ${plural(net.completed_days_added, 'more day')} complete`);
  if (net.completed_days_removed) days.push(`${plural(net.completed_days_removed, 'day')} no longer complete`);
  lines.push(...days);
  const head = `${who}${p.action === 'created' ? ' (a new profile)' : ''}`;
  return [head, ...lines];
}

/** The change in a few words ("+12 checks", "unchanged", "removed"), for the banner. */
export function shortChange(p) {
  const net = p.net;
  if (!net) return p.action;
  if (p.action === 'deleted') return 'removed';
  if (net.unchanged) return 'unchanged';
  const out = [];
  const added = net.tasks.filter((t) => t.change === 'added').length;
  const removed = net.tasks.filter((t) => t.change === 'removed').length;
  if (added) out.push(`+${plural(added, 'task')}`);
  if (removed) out.push(`−${plural(removed, 'task')}`);
  if (net.checks_added) out.push(`+${plural(net.checks_added, 'check')}`);
  if (net.checks_removed) out.push(`−${plural(net.checks_removed, 'check')}`);
  if (net.checks_changed) out.push(`${plural(net.checks_changed, 'check')} changed`);
  return out.length ? out.join(', ') : 'settings changed';
}

/** "Mom +12 checks, Dad unchanged": a report's profiles in one line. */
export const summaryLine = (report) => report.profiles.map((p) => `${p.name} ${shortChange(p)}`).join(', ');
