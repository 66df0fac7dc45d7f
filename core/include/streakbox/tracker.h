// Tracker: profiles, tasks, daily checks, day completion and streaks, over one
// migrated Database. Every write runs in its own transaction and validates its
// input first: a failed call changes nothing.
//
// Day completion (docs/ARCHITECTURE.md, "Day completion"): a day is complete
// when every active required task is checked on it; a profile with no active
// required tasks completes a day by checking at least one active task. The
// daily_status row of a day is re-evaluated whenever a check on that day
// changes, and today's row whenever the task list changes; past days keep the
// verdict they had, so editing tasks never rewrites history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "streakbox/database.h"
#include "streakbox/dates.h"

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
  std::string title;
  std::string description;
  bool required = true;
  bool active = true;
  int64_t sort_order = 0;
  bool fitbit_auto_check = false;  // kept for compatibility with Streaklet backups
  std::string created_at, updated_at;
};

struct TaskFields {
  std::string title;
  std::string description;
  bool required = true;
  bool active = true;
  bool fitbit_auto_check = false;
};

struct TaskPatch {
  std::optional<std::string> title, description;
  std::optional<bool> required, active, fitbit_auto_check;
  std::optional<int64_t> sort_order;
};

struct DayTask {
  int64_t id;
  std::string title;
  std::string description;
  bool required, active, checked;
};

struct Day {
  std::string date;
  std::optional<std::string> completed_at;
  std::vector<DayTask> tasks;  // in sort order; inactive tasks included, flagged
};

struct Streak {
  int64_t current = 0;  // completed days ending today, or yesterday if today is still open
  int64_t best = 0;     // the longest run ever
};

struct TaskStreak {
  int64_t task_id;
  Streak streak;
};

// One day of the history calendar.
struct HistoryDay {
  std::string date;
  int64_t checked;  // active tasks checked that day
  bool complete;
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

  Status SetCheck(int64_t profile_id, int64_t task_id, const std::string& date, bool checked);
  Result<Day> GetDay(int64_t profile_id, const std::string& date);
  Result<Streak> GetStreak(int64_t profile_id);
  Result<std::vector<TaskStreak>> GetTaskStreaks(int64_t profile_id);
  // Every day in [from, to] with at least one check or a completion, ascending.
  Result<std::vector<HistoryDay>> GetHistory(int64_t profile_id, const std::string& from,
                                             const std::string& to);

  Result<std::optional<std::string>> GetSetting(const std::string& key);
  Status SetSetting(const std::string& key, const std::string& value);
  Status DeleteSetting(const std::string& key);  // no error when absent

  // Re-evaluates the daily_status row of (profile, date). REQUIRES: in a transaction.
  Status EvaluateDay(int64_t profile_id, const std::string& date);

 private:
  std::string Now() const { return FormatUtc(clock_.NowUnixSeconds()); }
  Status RequireProfile(int64_t id);

  Database& db_;
  const Clock& clock_;
};

// Streaks over ascending, distinct day numbers: the run ending at `today` (or
// at today-1 when today is absent) and the longest run.
Streak ComputeStreak(const std::vector<int64_t>& days, int64_t today);

}  // namespace streakbox
