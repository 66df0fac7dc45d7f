// Tracker: profiles, tasks, daily checks, day completion and streaks, over one
// migrated Database. Every write runs in its own transaction and validates its
// input first: a failed call changes nothing.
//
// Day completion and streaks follow the rules of habit_rules.h
// (docs/ARCHITECTURE.md, "Habits: schedules, entries, completion and
// streaks"). The daily_status row of a day is re-evaluated whenever an entry
// on that day changes, and today's row whenever the task list changes; past
// days keep the verdict they had, so editing tasks never rewrites history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "streakbox/database.h"
#include "streakbox/dates.h"
#include "streakbox/habit_rules.h"

namespace streakbox {

struct Profile {
  int64_t id = 0;
  std::string name;
  std::string color;  // '#rrggbb'
  std::string created_at, updated_at;
};

struct ProfilePatch {
  std::optional<std::string> name, color;
};

struct Task {
  int64_t id = 0;
  int64_t profile_id = 0;
  std::string uuid;  // 32 lowercase hex characters, unique within the profile; set at creation, never changed
  std::string title;
  std::string description;
  bool required = true;
  bool active = true;
  int64_t sort_order = 0;
  bool fitbit_auto_check = false;  // kept for compatibility with Streaklet backups
  Schedule schedule;
  std::optional<Measure> measure;  // absent: a yes/no task
  std::string created_at, updated_at;
};

struct TaskFields {
  std::string title;
  std::string description;
  bool required = true;
  bool active = true;
  bool fitbit_auto_check = false;
  Schedule schedule;
  std::optional<Measure> measure;
};

struct TaskPatch {
  std::optional<std::string> title, description;
  std::optional<bool> required, active, fitbit_auto_check;
  std::optional<int64_t> sort_order;
  std::optional<Schedule> schedule;
  std::optional<std::optional<Measure>> measure;  // set to nullopt inside: make the task yes/no
};

// A change to one entry: only the fields given change (docs/API.md, setCheck).
struct EntryPatch {
  std::optional<bool> done, skipped;
  std::optional<std::optional<double>> amount;  // a value inside nullopt clears the amount
  std::optional<std::string> note;              // "" clears it
};

// A periodic task's progress in one period.
struct PeriodProgress {
  std::string start, end;  // 'YYYY-MM-DD', inclusive
  double done = 0;         // entries done, or the measurable task's total
  double target = 0;       // schedule.times, or the measure's target
  bool met = false;
};

struct DayTask {
  Task task;
  Entry entry;
  bool due = true;
  std::optional<PeriodProgress> period;  // periodic tasks only
};

struct DayOff {
  std::string date;
  std::string note;
};

struct Day {
  std::string date;
  std::optional<std::string> completed_at;
  DayState state = DayState::kOpen;
  std::string paused_by;  // with kPaused: "day_off", "nothing_due" or "skipped"
  std::optional<DayOff> day_off;
  std::vector<DayTask> tasks;  // in sort order; inactive tasks included, flagged
};

struct TaskStreak {
  int64_t task_id;
  Streak streak;
  std::string counted_in;                // "days", "weeks", "months" or "periods"
  std::optional<PeriodProgress> period;  // periodic tasks: today's period
};

// Where a run lies: its first and last met step, 'YYYY-MM-DD' (for periods,
// the first period's start and the last one's end); both empty while it is 0.
struct RunDates {
  std::string from, to;
};

struct StreakDates {
  Streak streak;
  RunDates current, best;  // best: the earliest of equally long runs
};

// The Progress view's numbers for one task: its streaks with their dates and
// its completion rates by week and by month (habit_rules.h, RatesByBucket).
struct TaskProgress {
  int64_t task_id;
  std::string counted_in;  // as in TaskStreak
  StreakDates streak;
  std::vector<BucketRate> weeks, months;  // kProgressBuckets each, oldest first, ending today
};

struct ProgressSummary {
  std::string first_day;            // the profile's first entry or day off, 'YYYY-MM-DD'; "" for none
  StreakDates streak;               // the profile's, as GetStreak counts it
  std::vector<TaskProgress> tasks;  // in task order, inactive ones included
};

constexpr int kProgressBuckets = 12;

struct DayNote {
  int64_t task_id;
  std::string note;
};

// One day of the history calendar.
struct HistoryDay {
  std::string date;
  int64_t checked = 0;  // active tasks done that day
  int64_t skipped = 0;  // active tasks skipped that day
  bool complete = false;
  std::optional<DayOff> day_off;
  std::vector<DayNote> notes;  // entries with a note, in task order
};

class Tracker {
 public:
  // REQUIRES: db migrated; db and clock outlive the Tracker.
  Tracker(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<Profile>> ListProfiles();
  Result<Profile> GetProfile(int64_t id);
  // name: trimmed, 1..60 characters, unique (exact match). color: '#rrggbb'.
  Result<int64_t> CreateProfile(const std::string& name, const std::string& color);
  Status UpdateProfile(int64_t id, const ProfilePatch& patch);
  Status DeleteProfile(int64_t id);  // with its tasks, checks and history

  Result<std::vector<Task>> ListTasks(int64_t profile_id);
  Result<Task> GetTask(int64_t task_id);
  // title: trimmed, 1..200 characters, unique within the profile (exact, case-sensitive).
  Result<int64_t> CreateTask(int64_t profile_id, const TaskFields& fields);
  Status UpdateTask(int64_t task_id, const TaskPatch& patch);
  Status DeleteTask(int64_t task_id);
  // Sets sort_order to the position in `task_ids`, which must list exactly the profile's tasks.
  Status ReorderTasks(int64_t profile_id, const std::vector<int64_t>& task_ids);

  // The yes/no form: marks a task done or not (EntryPatch{done}).
  Status SetCheck(int64_t profile_id, int64_t task_id, const std::string& date, bool checked);
  // Changes the entry of (task, date): `date` a real date, not in the future.
  Status SetEntry(int64_t profile_id, int64_t task_id, const std::string& date, const EntryPatch& patch);
  // Marks (or with nullopt clears) a day off; `date` at most kMaxDaysOffAhead after today.
  Status SetDayOff(int64_t profile_id, const std::string& date, const std::optional<std::string>& note);
  Result<Day> GetDay(int64_t profile_id, const std::string& date);
  Result<Streak> GetStreak(int64_t profile_id);
  Result<std::vector<TaskStreak>> GetTaskStreaks(int64_t profile_id);
  // GetStreak and GetTaskStreaks with the runs' dates, and each task's
  // completion rates for the last kProgressBuckets weeks and months. One
  // query per task and a walk over its days: bounded by the history's length.
  Result<ProgressSummary> GetProgress(int64_t profile_id);
  // Every day in [from, to] with an entry, a completion or a day off, ascending.
  Result<std::vector<HistoryDay>> GetHistory(int64_t profile_id, const std::string& from,
                                             const std::string& to);

  Result<std::optional<std::string>> GetSetting(const std::string& key);
  Status SetSetting(const std::string& key, const std::string& value);
  Status DeleteSetting(const std::string& key);  // no error when absent

  // Re-evaluates the daily_status row of (profile, date). REQUIRES: in a transaction.
  Status EvaluateDay(int64_t profile_id, const std::string& date);

 private:
  // The day's tally (habit_rules.h) and its tasks with their entries.
  Result<DayTally> TallyDay(int64_t profile_id, const std::string& date, std::vector<DayTask>* tasks);
  // The profile's day marks (as GetStreak counts them) from its first complete
  // day to today; *first is that day. Empty when no day was ever complete.
  Result<std::vector<Mark>> ProfileMarks(int64_t profile_id, int64_t today, int64_t* first);
  // The period holding `day`; *met_by_day (when given): met counting only its days up to `day`.
  Result<PeriodProgress> Progress(const Task& t, int64_t day, bool* met_by_day);
  std::string Now() const { return FormatUtc(clock_.NowUnixSeconds()); }
  Status RequireProfile(int64_t id);

  Database& db_;
  const Clock& clock_;
};

}  // namespace streakbox
