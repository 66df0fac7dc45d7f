// Tracker: checks, day completion and the history calendar.
#include <map>

#include "streakbox/tracker.h"

namespace streakbox {

Status Tracker::SetCheck(int64_t profile_id, int64_t task_id, const std::string& date, bool checked) {
  SB_ASSIGN_OR_RETURN(int64_t day, ParseDate(date));
  SB_ASSIGN_OR_RETURN(int64_t today, ParseDate(clock_.TodayLocal()));
  if (day > today) return Status::InvalidDate("'" + date + "' is in the future; only past days and today can be checked");
  Transaction tx(db_);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_RETURN_IF_ERROR(RequireProfile(profile_id));
  SB_ASSIGN_OR_RETURN(Task task, GetTask(task_id));
  if (task.profile_id != profile_id)
    return Status::NotFound("task " + std::to_string(task_id) + " does not belong to profile " +
                            std::to_string(profile_id));
  if (checked) {
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
        "INSERT INTO task_checks (task_id, date, checked, checked_at) VALUES (?, ?, 1, ?) "
        "ON CONFLICT (task_id, date) DO UPDATE SET checked = 1, "
        "checked_at = coalesce(task_checks.checked_at, excluded.checked_at)"));
    st.Bind(1, task_id).Bind(2, date).Bind(3, Now());
    SB_RETURN_IF_ERROR(st.Run());
  } else {
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("DELETE FROM task_checks WHERE task_id = ? AND date = ?"));
    st.Bind(1, task_id).Bind(2, date);
    SB_RETURN_IF_ERROR(st.Run());
  }
  SB_RETURN_IF_ERROR(EvaluateDay(profile_id, date));
  return tx.Commit();
}

Status Tracker::EvaluateDay(int64_t profile_id, const std::string& date) {
  SB_ASSIGN_OR_RETURN(Statement q, db_.Prepare(
      "SELECT coalesce(sum(t.is_required), 0), "
      "       coalesce(sum(t.is_required AND c.task_id IS NOT NULL), 0), "
      "       count(c.task_id) "
      "FROM tasks t LEFT JOIN task_checks c "
      "  ON c.task_id = t.id AND c.date = ?1 AND c.checked = 1 "
      "WHERE t.profile_id = ?2 AND t.is_active = 1"));
  q.Bind(1, date).Bind(2, profile_id);
  SB_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return Status::Internal("day evaluation returned no row");
  const int64_t required = q.Int(0), required_checked = q.Int(1), any_checked = q.Int(2);
  const bool complete = required > 0 ? required_checked == required : any_checked > 0;
  if (complete) {
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
        "INSERT INTO daily_status (profile_id, date, completed_at) VALUES (?, ?, ?) "
        "ON CONFLICT (profile_id, date) DO UPDATE SET "
        "completed_at = coalesce(daily_status.completed_at, excluded.completed_at)"));
    st.Bind(1, profile_id).Bind(2, date).Bind(3, Now());
    return st.Run();
  }
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("DELETE FROM daily_status WHERE profile_id = ? AND date = ?"));
  st.Bind(1, profile_id).Bind(2, date);
  return st.Run();
}

Result<Day> Tracker::GetDay(int64_t profile_id, const std::string& date) {
  SB_RETURN_IF_ERROR(ParseDate(date).status());
  SB_RETURN_IF_ERROR(RequireProfile(profile_id));
  Day day;
  day.date = date;
  SB_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "SELECT completed_at FROM daily_status WHERE profile_id = ? AND date = ?"));
  s.Bind(1, profile_id).Bind(2, date);
  SB_ASSIGN_OR_RETURN(bool has_status, s.Step());
  if (has_status && !s.IsNull(0)) day.completed_at = s.Text(0);

  SB_ASSIGN_OR_RETURN(Statement t, db_.Prepare(
      "SELECT t.id, t.title, t.description, t.is_required, t.is_active, c.task_id IS NOT NULL "
      "FROM tasks t LEFT JOIN task_checks c ON c.task_id = t.id AND c.date = ?1 AND c.checked = 1 "
      "WHERE t.profile_id = ?2 ORDER BY t.sort_order, t.id"));
  t.Bind(1, date).Bind(2, profile_id);
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, t.Step());
    if (!row) break;
    day.tasks.push_back(DayTask{t.Int(0), t.Text(1), t.Text(2), t.Int(3) != 0, t.Int(4) != 0, t.Int(5) != 0});
  }
  return day;
}

Result<std::vector<HistoryDay>> Tracker::GetHistory(int64_t profile_id, const std::string& from,
                                                    const std::string& to) {
  SB_RETURN_IF_ERROR(ParseDate(from).status());
  SB_RETURN_IF_ERROR(ParseDate(to).status());
  SB_RETURN_IF_ERROR(RequireProfile(profile_id));
  std::map<std::string, HistoryDay> days;
  SB_ASSIGN_OR_RETURN(Statement c, db_.Prepare(
      "SELECT c.date, count(*) FROM task_checks c JOIN tasks t ON t.id = c.task_id "
      "WHERE t.profile_id = ? AND t.is_active = 1 AND c.checked = 1 AND c.date BETWEEN ? AND ? "
      "GROUP BY c.date"));
  c.Bind(1, profile_id).Bind(2, from).Bind(3, to);
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, c.Step());
    if (!row) break;
    days[c.Text(0)] = HistoryDay{c.Text(0), c.Int(1), false};
  }
  SB_ASSIGN_OR_RETURN(Statement d, db_.Prepare(
      "SELECT date FROM daily_status WHERE profile_id = ? AND completed_at IS NOT NULL "
      "AND date BETWEEN ? AND ?"));
  d.Bind(1, profile_id).Bind(2, from).Bind(3, to);
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, d.Step());
    if (!row) break;
    HistoryDay& h = days[d.Text(0)];
    h.date = d.Text(0);
    h.complete = true;
  }
  std::vector<HistoryDay> out;
  out.reserve(days.size());
  for (auto& kv : days) out.push_back(kv.second);
  return out;
}

}  // namespace streakbox
