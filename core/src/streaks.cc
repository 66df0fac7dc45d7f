// Tracker: current and best streaks, per profile and per task.
#include "streakbox/tracker.h"

namespace streakbox {
namespace {

// Ascending day numbers from a one-column query of 'YYYY-MM-DD' dates.
Result<std::vector<int64_t>> ReadDays(Statement& st) {
  std::vector<int64_t> days;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    auto day = ParseDate(st.Text(0));
    if (day.ok()) days.push_back(day.value());  // a foreign bad date never breaks a streak count
  }
  return days;
}

}  // namespace

Streak ComputeStreak(const std::vector<int64_t>& days, int64_t today) {
  Streak s;
  int64_t run = 0, prev = 0;
  for (size_t i = 0; i < days.size(); ++i) {
    if (days[i] > today) break;  // the future does not count
    run = (i > 0 && days[i] == prev + 1) ? run + 1 : 1;
    prev = days[i];
    if (run > s.best) s.best = run;
  }
  if (run > 0 && (prev == today || prev == today - 1)) s.current = run;
  return s;
}

Result<Streak> Tracker::GetStreak(int64_t profile_id) {
  SB_RETURN_IF_ERROR(RequireProfile(profile_id));
  SB_ASSIGN_OR_RETURN(int64_t today, ParseDate(clock_.TodayLocal()));
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
      "SELECT date FROM daily_status WHERE profile_id = ? AND completed_at IS NOT NULL ORDER BY date"));
  st.Bind(1, profile_id);
  SB_ASSIGN_OR_RETURN(std::vector<int64_t> days, ReadDays(st));
  return ComputeStreak(days, today);
}

Result<std::vector<TaskStreak>> Tracker::GetTaskStreaks(int64_t profile_id) {
  SB_ASSIGN_OR_RETURN(std::vector<Task> tasks, ListTasks(profile_id));
  SB_ASSIGN_OR_RETURN(int64_t today, ParseDate(clock_.TodayLocal()));
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
      "SELECT date FROM task_checks WHERE task_id = ? AND checked = 1 ORDER BY date"));
  std::vector<TaskStreak> out;
  for (const Task& t : tasks) {
    st.Bind(1, t.id);
    SB_ASSIGN_OR_RETURN(std::vector<int64_t> days, ReadDays(st));
    st.Reset();
    out.push_back(TaskStreak{t.id, ComputeStreak(days, today)});
  }
  return out;
}

}  // namespace streakbox
