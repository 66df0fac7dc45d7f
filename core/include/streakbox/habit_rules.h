// The habit model's rules as pure functions: schedules (when a task is due),
// measures (when an amount counts as done), entries, day completion, and
// streaks over days and periods. No database here: the tracker, the backup
// importer and the tests all decide with these, so there is one rule for each
// question. docs/ARCHITECTURE.md ("Habits: schedules, entries, completion and
// streaks") states the rules with worked examples; tests/native/habit_rules_test.cc
// holds those examples as tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "streakbox/status.h"

namespace streakbox {

// ---- Schedules --------------------------------------------------------------

enum class ScheduleType {
  kDaily,     // every day (the default; every task of schema 2 and of files before 1.2)
  kWeekdays,  // on chosen weekdays
  kPerWeek,   // `times` times per calendar week, Monday to Sunday
  kPerMonth,  // `times` times per calendar month
  kPerDays,   // `times` times in every `days` days (Loop's "N times in D days")
};

// Weekday bits: bit 0 Monday … bit 6 Sunday (ISO 8601 weekday w is bit w-1).
constexpr int kAllWeekdays = 0x7f;

struct Schedule {
  ScheduleType type = ScheduleType::kDaily;
  int weekdays = kAllWeekdays;  // kWeekdays only: 1..127
  int times = 1;                // kPerWeek 1..7, kPerMonth 1..31, kPerDays 1..days; else 1
  int days = 1;                 // kPerDays only: 1..366; else 1
  bool operator==(const Schedule& o) const {
    return type == o.type && weekdays == o.weekdays && times == o.times && days == o.days;
  }
};

constexpr int kMaxPeriodDays = 366;

// True for schedules counted in periods (per week, month or D days) rather than days.
bool IsPeriodic(const Schedule& s);

// ISO weekday of a day number: 1 Monday … 7 Sunday.
int Weekday(int64_t day);

// Whether a day-scheduled task (daily, weekdays) is due on `day`. Periodic
// tasks are due on every day of their period until it is met; they return true.
bool IsDueOn(const Schedule& s, int64_t day);

// The period holding `day`, [start, end] inclusive, for a periodic schedule:
// the Monday-to-Sunday week; the calendar month; or the block of `days` days
// counted from Monday 1970-01-05 (so "7 in 7 days" is the calendar week). For
// a day schedule, the day itself.
struct Period {
  int64_t start = 0, end = 0;
};
Period PeriodOf(const Schedule& s, int64_t day);

// The JSON form used by the API and by backups ("schedule" of a task):
//   {"type":"daily"}
//   {"type":"weekdays","weekdays":[1,3,5]}      ISO weekdays, ascending, distinct
//   {"type":"per_week","times":3}
//   {"type":"per_month","times":10}
//   {"type":"per_days","times":2,"days":10}
// ReadSchedule refuses (kInvalidArgument, naming `what` and the field, e.g.
// "task.schedule.times must be 1 to 7 for a weekly schedule") a schedule that
// can never be met or is malformed: an unknown type, unknown fields, a
// missing or extra count, no weekday, a weekday outside 1..7 or repeated.
Result<Schedule> ReadSchedule(const nlohmann::json& j, const std::string& what);
nlohmann::json ScheduleJson(const Schedule& s);

// The database form: tasks.schedule_type ('daily', 'weekdays', 'per_week',
// 'per_month', 'per_days', the JSON "type" names), schedule_weekdays (the
// bit mask), schedule_times, schedule_days. ScheduleFromColumns applies the
// rules of ReadSchedule (a foreign database file is untrusted too).
const char* ScheduleTypeName(ScheduleType t);
Result<Schedule> ScheduleFromColumns(const std::string& type, int64_t weekdays, int64_t times, int64_t days);

// ---- Measures ---------------------------------------------------------------

// A measurable task: an entry holds an amount, done when it meets the target.
// A task without a Measure is yes/no.
struct Measure {
  std::string unit;      // 0..kMaxUnitLength characters, e.g. "glasses"; may be empty
  double target = 1;     // at_least: > 0; at_most: >= 0; at most kMaxAmount
  bool at_most = false;  // direction: false "at least", true "at most"
  bool operator==(const Measure& o) const { return unit == o.unit && target == o.target && at_most == o.at_most; }
};

constexpr size_t kMaxUnitLength = 20;
constexpr double kMaxAmount = 1e9;  // amounts and targets lie in [0, kMaxAmount]

// JSON form: {"unit":"glasses","target":8,"direction":"at_least"|"at_most"}.
// Refuses (naming `what`): a target that is not a finite number, a target of
// zero or below for at_least, below zero for at_most, above kMaxAmount; a unit
// over kMaxUnitLength characters or with control characters; unknown fields.
Result<Measure> ReadMeasure(const nlohmann::json& j, const std::string& what);
nlohmann::json MeasureJson(const Measure& m);

// Whether `amount` meets the target.
bool MeetsTarget(const Measure& m, double amount);

// Whether a task's schedule and measure go together: a measurable task
// counted in periods has `times` 1 (its target is the period's total).
// Refuses naming "<what>.schedule.times".
Status CheckHabit(const Schedule& s, const std::optional<Measure>& m, const std::string& what);

// Whether an entry of a measurable task with `amount` is done: for a
// day-scheduled task, the amount meets the target; for a periodic one it is a
// contribution to the period's total (any amount above 0; for "at most", any).
bool EntryDone(const Schedule& s, const Measure& m, double amount);

// Whether a period of a periodic task is met, from its entries in the
// period: `done` entries done, `total` the sum of their amounts, `entries`
// how many have an amount. Yes/no: done >= times. Measurable: at least,
// total >= target; at most, total <= target with at least one amount.
bool PeriodMet(const Schedule& s, const std::optional<Measure>& m, int64_t done, double total, int64_t entries);

// An amount given by a caller or a file: a finite number in [0, kMaxAmount],
// else kInvalidArgument "<what> must be a number from 0 to 1000000000".
Result<double> ReadAmount(const nlohmann::json& j, const std::string& what);
// The same rule on a number already read: finite, from 0 to kMaxAmount.
Status CheckAmountValue(double v, const std::string& what);

// ---- Entries ----------------------------------------------------------------

// A task's entry on one day (a row of task_checks). A row exists while any of
// these holds: done, skipped, an amount, a note.
struct Entry {
  bool done = false;     // yes/no: checked; measurable: the amount meets the target
  bool skipped = false;  // not done, and not held against any streak; never with done
  std::optional<double> amount;  // measurable tasks only
  std::string note;      // 0..kMaxNoteLength characters, trimmed
  bool Empty() const { return !done && !skipped && !amount && note.empty(); }
};

constexpr size_t kMaxNoteLength = 500;

// An entry as it is stored, for a task with `schedule` and `measure` (the one
// rule of setCheck and every import): on a measurable task an entry with an
// amount is done exactly when EntryDone says so, and is not skipped; one
// without an amount keeps its done and skipped as they are (a check made
// while the task was yes/no stays done: changing a task never un-does its
// history). A yes/no task's entry is left as it is.
Entry SettleEntry(Entry e, const Schedule& schedule, const std::optional<Measure>& measure);

// Days off may be planned this many days after today (the API and imports alike).
constexpr int64_t kMaxDaysOffAhead = 366;

// A note as stored: trimmed; refuses (naming `what`) text over kMaxNoteLength
// characters, invalid UTF-8 or control characters other than newline and tab.
Result<std::string> NormalizeNote(const std::string& what, const std::string& raw);

// ---- Day completion -----------------------------------------------------------

// Whether an active task counts toward its profile's day `day` (DayTally's
// required_due): required, day-scheduled, and due that day.
bool DecidesDay(const Schedule& s, bool required, int64_t day);

// What one day holds for one profile, counted over its ACTIVE tasks.
struct DayTally {
  int64_t required_due = 0;      // required, day-scheduled (daily/weekdays) and due that day
  int64_t required_done = 0;     // of those, done
  int64_t required_skipped = 0;  // of those, skipped
  int64_t any_done = 0;          // active tasks of any kind done that day
  bool has_required = false;     // the profile has an active required task of any schedule
  bool day_off = false;          // the profile marked the day off
};

enum class DayState {
  kComplete,  // counts for the streak
  kOpen,      // not complete: breaks the streak once the day is past
  kPaused,    // neither breaks nor extends: a day off, nothing required due, or all of it skipped
};

// The rule (docs/ARCHITECTURE.md): a day off is paused. With required tasks
// due, the day is complete when each is done or skipped and at least one is
// done; paused when all are skipped; else open. With none due: paused when the
// profile has required tasks (they are not due that day, or they count in
// periods); a profile without any required task completes a day by doing any
// active task (else open).
DayState EvaluateDayTally(const DayTally& t);

// ---- Streaks -------------------------------------------------------------------

// One step of a run: a day (or a period) that was met, missed, or paused.
enum class Mark { kMet, kMissed, kPaused };

struct Streak {
  int64_t current = 0;  // met steps ending at the last step, or at the one before while the last is not met
  int64_t best = 0;     // the longest run ever
};

// Runs over `marks`, oldest first, the last being the current day or period.
// Paused steps are transparent: they neither break nor extend a run. The
// last step, when missed, is still open: it does not break the current run.
Streak RunStreak(const std::vector<Mark>& marks);

// Where RunStreak's two runs lie: indexes into `marks` of the first and last
// MET step of the current run and of the best run (the earliest of equally
// long runs), -1 while that run is 0. Paused steps inside a run are not its
// ends. `streak` is RunStreak(marks): one walk decides both.
struct StreakRuns {
  Streak streak;
  int64_t current_first = -1, current_last = -1;
  int64_t best_first = -1, best_last = -1;
};
StreakRuns FindStreakRuns(const std::vector<Mark>& marks);

// ---- Completion rates -----------------------------------------------------------

// Calendar buckets for rates: the Monday-to-Sunday week, or the calendar month.
enum class Bucket { kWeek, kMonth };

// The first day of the bucket holding `day`.
int64_t BucketStart(Bucket b, int64_t day);

struct BucketRate {
  int64_t start = 0;    // the bucket's first day
  int64_t met = 0;      // steps met
  int64_t counted = 0;  // steps met or missed; 0: nothing to rate
};

// Completion rates over the `n` buckets ending with the one holding `today`,
// oldest first. Step i (a day, or a period) starts on starts[i] (ascending)
// with marks[i], as RunStreak takes them, the last being the current step. A
// step counts in the bucket where it starts; paused steps do not count, nor
// the last step while missed (it is still open, as in RunStreak). REQUIRES:
// starts.size() == marks.size(); 1 <= n. One pass over the steps.
std::vector<BucketRate> RatesByBucket(const std::vector<int64_t>& starts, const std::vector<Mark>& marks,
                                      Bucket b, int n, int64_t today);

}  // namespace streakbox
