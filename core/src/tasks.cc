// Tracker: tasks.
#include <set>

#include "streakbox/tracker.h"
#include "validate.h"

namespace streakbox {
namespace {
const char* kTaskColumns =
    "SELECT id, profile_id, title, description, is_required, is_active, sort_order, "
    "fitbit_auto_check, created_at, updated_at, schedule_type, schedule_weekdays, schedule_times, "
    "schedule_days, measure_unit, measure_target, measure_direction, uuid FROM tasks ";

// Columns 10..16 of kTaskColumns. A stored schedule that breaks the rules
// (only a foreign database file could hold one) reads as daily.
void ReadHabitColumns(const Statement& st, int first, Task* t) {
  auto s = ScheduleFromColumns(st.Text(first), st.Int(first + 1), st.Int(first + 2), st.Int(first + 3));
  t->schedule = s.ok() ? s.value() : Schedule{};
  if (!st.IsNull(first + 5)) {
    Measure m;
    m.unit = st.IsNull(first + 4) ? "" : st.Text(first + 4);
    m.target = st.Double(first + 5);
    m.at_most = st.Text(first + 6) == "at_most";
    t->measure = m;
  } else {
    t->measure.reset();
  }
}

Task ReadTask(const Statement& st) {
  Task t;
  t.id = st.Int(0);
  t.profile_id = st.Int(1);
  t.title = st.Text(2);
  t.description = st.Text(3);
  t.required = st.Int(4) != 0;
  t.active = st.Int(5) != 0;
  t.sort_order = st.Int(6);
  t.fitbit_auto_check = st.Int(7) != 0;
  t.created_at = st.Text(8);
  t.updated_at = st.Text(9);
  ReadHabitColumns(st, 10, &t);
  t.uuid = st.Text(17);
  return t;
}

Status TitleTaken(const std::string& title) {
  return Status::AlreadyExists("this profile already has a task titled '" + title + "'");
}

// Binds the schedule and measure columns at ?first .. ?first+6.
void BindHabit(Statement& st, int first, const Schedule& s, const std::optional<Measure>& m) {
  st.Bind(first, std::string(ScheduleTypeName(s.type))).Bind(first + 1, int64_t{s.weekdays});
  st.Bind(first + 2, int64_t{s.times}).Bind(first + 3, int64_t{s.days});
  if (m) {
    st.Bind(first + 4, m->unit).BindDouble(first + 5, m->target);
    st.Bind(first + 6, std::string(m->at_most ? "at_most" : "at_least"));
  }
}

Status CheckDescription(const std::string& d) {
  if (Utf8Length(d) > kMaxDescriptionLength)
    return Status::InvalidArgument("description is longer than " + std::to_string(kMaxDescriptionLength) +
                                   " characters");
  return Status::Ok();
}
}  // namespace

Result<std::vector<Task>> Tracker::ListTasks(int64_t profile_id) {
  SB_RETURN_IF_ERROR(RequireProfile(profile_id));
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(std::string(kTaskColumns) +
                                                "WHERE profile_id = ? ORDER BY sort_order, id"));
  st.Bind(1, profile_id);
  std::vector<Task> out;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadTask(st));
  }
  return out;
}

Result<Task> Tracker::GetTask(int64_t task_id) {
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(std::string(kTaskColumns) + "WHERE id = ?"));
  st.Bind(1, task_id);
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("no task with id " + std::to_string(task_id));
  return ReadTask(st);
}

Result<int64_t> Tracker::CreateTask(int64_t profile_id, const TaskFields& f) {
  SB_ASSIGN_OR_RETURN(const std::string title, NormalizeName("task title", f.title, kMaxTaskTitleLength));
  SB_RETURN_IF_ERROR(CheckDescription(f.description));
  SB_RETURN_IF_ERROR(CheckHabit(f.schedule, f.measure, "task"));
  Transaction tx(db_);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_RETURN_IF_ERROR(RequireProfile(profile_id));
  {
    SB_ASSIGN_OR_RETURN(Statement count, db_.Prepare("SELECT count(*) FROM tasks"));
    SB_ASSIGN_OR_RETURN(bool row, count.Step());
    if (row && count.Int(0) >= kMaxTasks)
      return Status::InvalidArgument("Streakbox holds at most " + std::to_string(kMaxTasks) + " tasks");
  }
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
      "INSERT INTO tasks (profile_id, title, description, is_required, is_active, sort_order, "
      "fitbit_auto_check, created_at, updated_at, schedule_type, schedule_weekdays, schedule_times, "
      "schedule_days, measure_unit, measure_target, measure_direction, uuid) VALUES (?1, ?2, ?3, ?4, ?5, "
      "(SELECT coalesce(max(sort_order), -1) + 1 FROM tasks WHERE profile_id = ?1), ?6, ?7, ?7, "
      "?8, ?9, ?10, ?11, ?12, ?13, ?14, " + std::string(kNewTaskUuidSql) + ")"));
  st.Bind(1, profile_id).Bind(2, title).Bind(3, f.description);
  st.Bind(4, int64_t{f.required}).Bind(5, int64_t{f.active}).Bind(6, int64_t{f.fitbit_auto_check});
  st.Bind(7, Now());
  BindHabit(st, 8, f.schedule, f.measure);
  Status s = st.Run();
  if (s.code() == Code::kAlreadyExists) return TitleTaken(title);
  SB_RETURN_IF_ERROR(s);
  const int64_t id = db_.LastInsertId();
  SB_RETURN_IF_ERROR(EvaluateDay(profile_id, clock_.TodayLocal()));
  SB_RETURN_IF_ERROR(tx.Commit());
  return id;
}

Status Tracker::UpdateTask(int64_t task_id, const TaskPatch& p) {
  std::string title;
  if (p.title) {
    SB_ASSIGN_OR_RETURN(title, NormalizeName("task title", *p.title, kMaxTaskTitleLength));
  }
  if (p.description) SB_RETURN_IF_ERROR(CheckDescription(*p.description));
  Transaction tx(db_);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_ASSIGN_OR_RETURN(Task task, GetTask(task_id));
  const Schedule schedule = p.schedule.value_or(task.schedule);
  const std::optional<Measure> measure = p.measure ? *p.measure : task.measure;
  SB_RETURN_IF_ERROR(CheckHabit(schedule, measure, "patch"));
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
      "UPDATE tasks SET title = coalesce(?1, title), description = coalesce(?2, description), "
      "is_required = coalesce(?3, is_required), is_active = coalesce(?4, is_active), "
      "sort_order = coalesce(?5, sort_order), fitbit_auto_check = coalesce(?6, fitbit_auto_check), "
      "updated_at = ?7, schedule_type = ?9, schedule_weekdays = ?10, schedule_times = ?11, "
      "schedule_days = ?12, measure_unit = ?13, measure_target = ?14, measure_direction = ?15 "
      "WHERE id = ?8"));
  BindHabit(st, 9, schedule, measure);
  if (p.title) st.Bind(1, title);
  if (p.description) st.Bind(2, *p.description);
  if (p.required) st.Bind(3, int64_t{*p.required});
  if (p.active) st.Bind(4, int64_t{*p.active});
  if (p.sort_order) st.Bind(5, *p.sort_order);
  if (p.fitbit_auto_check) st.Bind(6, int64_t{*p.fitbit_auto_check});
  st.Bind(7, Now()).Bind(8, task_id);
  Status s = st.Run();
  if (s.code() == Code::kAlreadyExists) return TitleTaken(title);
  SB_RETURN_IF_ERROR(s);
  if (measure && (!task.measure || !(*measure == *task.measure) || !(schedule == task.schedule))) {
    // The target decides which amounts count as done: re-evaluate them.
    SB_ASSIGN_OR_RETURN(Statement q, db_.Prepare(
        "SELECT date, amount FROM task_checks WHERE task_id = ? AND amount IS NOT NULL"));
    q.Bind(1, task_id);
    SB_ASSIGN_OR_RETURN(Statement up, db_.Prepare(
        "UPDATE task_checks SET checked = ?, checked_at = CASE WHEN ? THEN coalesce(checked_at, ?) END "
        "WHERE task_id = ? AND date = ?"));
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      const bool done = EntryDone(schedule, *measure, q.Double(1));
      up.Bind(1, int64_t{done}).Bind(2, int64_t{done}).Bind(3, Now()).Bind(4, task_id).Bind(5, q.Text(0));
      SB_RETURN_IF_ERROR(up.Run());
    }
  }
  SB_RETURN_IF_ERROR(EvaluateDay(task.profile_id, clock_.TodayLocal()));
  return tx.Commit();
}

Status Tracker::DeleteTask(int64_t task_id) {
  Transaction tx(db_);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_ASSIGN_OR_RETURN(Task task, GetTask(task_id));
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("DELETE FROM tasks WHERE id = ?"));
  st.Bind(1, task_id);
  SB_RETURN_IF_ERROR(st.Run());
  SB_RETURN_IF_ERROR(EvaluateDay(task.profile_id, clock_.TodayLocal()));
  return tx.Commit();
}

Status Tracker::ReorderTasks(int64_t profile_id, const std::vector<int64_t>& ids) {
  Transaction tx(db_);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_ASSIGN_OR_RETURN(std::vector<Task> tasks, ListTasks(profile_id));
  std::set<int64_t> have, given(ids.begin(), ids.end());
  for (const Task& t : tasks) have.insert(t.id);
  if (given != have || given.size() != ids.size())
    return Status::InvalidArgument("the new order must list each of the profile's " +
                                   std::to_string(have.size()) + " tasks exactly once");
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("UPDATE tasks SET sort_order = ? WHERE id = ?"));
  for (size_t i = 0; i < ids.size(); ++i) {
    st.Bind(1, static_cast<int64_t>(i)).Bind(2, ids[i]);
    SB_RETURN_IF_ERROR(st.Run());
  }
  return tx.Commit();
}

}  // namespace streakbox
