// A task's schedule, its period progress and its streak in plain words. The
// one place that turns docs/API.md's `schedule` ({type: 'daily' | 'weekdays'
// | 'per_week' | 'per_month' | 'per_days', weekdays, times, days}) and
// getTaskStreaks' `counted_in` into text; Today, the task editor and Progress
// all use it.
import { measureWords } from './amounts.js';

/** ISO weekdays 1 (Monday) … 7 (Sunday): short and long English names. */
export const WEEKDAYS = [
  { n: 1, short: 'Mon', long: 'Monday' },
  { n: 2, short: 'Tue', long: 'Tuesday' },
  { n: 3, short: 'Wed', long: 'Wednesday' },
  { n: 4, short: 'Thu', long: 'Thursday' },
  { n: 5, short: 'Fri', long: 'Friday' },
  { n: 6, short: 'Sat', long: 'Saturday' },
  { n: 7, short: 'Sun', long: 'Sunday' },
];

const DAILY = { type: 'daily' };

/** Whether the schedule counts in periods (a week, a month, D days) rather than days. */
export const isPeriodic = (schedule = DAILY) => ['per_week', 'per_month', 'per_days'].includes(schedule.type);

const times = (n) => (n === 1 ? 'Once' : n === 2 ? 'Twice' : `${n} times`);

/** 'a week', 'a month', 'every 10 days': one period of a periodic schedule. */
export function periodName(schedule) {
  if (schedule.type === 'per_week') return 'a week';
  if (schedule.type === 'per_month') return 'a month';
  return schedule.days === 1 ? 'a day' : `in ${schedule.days} days`;
}

/** 'this week', 'this month', 'in these 10 days': the period that holds today ('that week' … once `past`). */
export function currentPeriodName(schedule, past = false) {
  const which = past ? 'that' : 'this';
  if (schedule.type === 'per_week') return `${which} week`;
  if (schedule.type === 'per_month') return `${which} month`;
  if (schedule.days === 1) return past ? 'that day' : 'today';
  return `in ${past ? 'those' : 'these'} ${schedule.days} days`;
}

/**
 * 'Every day', 'Mon, Wed, Fri', '3 times a week', 'Once a month',
 * 'Twice in 10 days'. A measurable periodic task (its `times` is 1) reads as
 * its total instead: pass `measureText` ('at least 10 km') for 'At least 10 km a week'.
 */
export function scheduleWords(schedule = DAILY, measureText = '') {
  switch (schedule.type) {
    case 'weekdays':
      if (schedule.weekdays.length === 7) return 'Every day';
      return schedule.weekdays.map((n) => WEEKDAYS[n - 1].short).join(', ');
    case 'per_week':
    case 'per_month':
    case 'per_days': {
      if (measureText) return capitalise(`${measureText} ${periodName(schedule)}`);
      return `${times(schedule.times)} ${periodName(schedule)}`;
    }
    default:
      return 'Every day';
  }
}

/** A task's schedule with its measure, if any: 'Every day · at least 8 glasses', 'At least 10 km a week'. */
export function taskPlanWords(task) {
  const measure = task.measure ? measureWords(task.measure) : '';
  if (isPeriodic(task.schedule)) return scheduleWords(task.schedule, measure);
  return [scheduleWords(task.schedule), measure].filter(Boolean).join(' · ');
}

/** The long form for screen readers and titles: 'Monday, Wednesday and Friday'. */
export function weekdaysLong(weekdays) {
  const names = weekdays.map((n) => WEEKDAYS[n - 1].long);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
}

/**
 * A periodic yes/no task's progress: '2 of 3 this week' (getDay's `period`:
 * {done, target, met}). Measurable tasks use amounts.js's amountWords with
 * the period's total instead.
 */
export function periodProgressWords(period, schedule, past = false) {
  return `${period.done} of ${period.target} ${currentPeriodName(schedule, past)}`;
}

const unitOf = {
  days: ['day', 'days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
};

/** 'a streak step': 'day', 'weeks', 'blocks of 10 days', by getTaskStreaks' counted_in. */
export function streakUnit(n, countedIn, schedule = DAILY) {
  if (countedIn === 'periods') {
    const days = schedule.days ?? 0;
    return `${n === 1 ? 'block' : 'blocks'} of ${days} days`;
  }
  const [one, many] = unitOf[countedIn] || unitOf.days;
  return n === 1 ? one : many;
}

/** '4 weeks in a row', '1 day in a row', 'No streak yet'. */
export function streakWords(n, countedIn, schedule) {
  if (!n) return 'No streak yet';
  return `${n} ${streakUnit(n, countedIn, schedule)} in a row`;
}

const capitalise = (s) => s.charAt(0).toUpperCase() + s.slice(1);
