// Tracker: entries (checks, amounts, skips, notes), days off, day completion
// and the history calendar.
#include <map>

#include "streakbox/tracker.h"
#include "validate.h"

namespace streakbox {
namespace {

Status NotOfProfile(int64_t task_id, int64_t profile_id) {
  return Status::NotFound("task " + std::to_string(task_id) + " does not belong to profile " +
                          std::to_string(profile_id));
}

// The entry columns of task_checks, read from columns first .. first+3
// (checked, skipped, amount, note).
Entry ReadEntry(const Statement& st, int first) {
  Entry e;
  e.done = st.Int(first) != 0;
  e.skipped = st.Int(first + 1) != 0;
  if (!st.IsNull(first + 2)) e.amount = st.Double(first + 2);
  e.note = st.Text(first + 3);
  return e;
}

}  // namespace

Status Tracker::SetCheck(int64_t profile_id, int64_t task_id, const std::string& date, bool checked) {
  EntryPatch p;
  p.done = checked;
  return SetEntry(profile_id, task_id, date, p);
}

Status Tracker::SetEntry(int64_t profile_id, int64_t task_id, const std::string& date, const EntryPatch& p) {
  SB_ASSIGN_OR_RETURN(int64_t day, ParseDate(date));
  SB_ASSIGN_OR_RETURN(int64_t today, ParseDate(clock_.TodayLocal()));
  if (day > today) return Status::InvalidDate("'" + date + "' is in the future; only past days and today can be checked");
  if (p.done.value_or(false) && p.skipped.value_or(false))
    return Status::InvalidArgument("entry.done and entry.skipped cannot both be true");
  std::optional<std::string> note;
  if (p.note) {
    SB_ASSIGN_OR_RETURN(note, NormalizeNote("entry.note", *p.note));
  }
  Transaction tx(db_);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_RETURN_IF_ERROR(RequireProfile(profile_id));
  SB_ASSIGN_OR_RETURN(Task task, GetTask(task_id));
  if (task.profile_id != profile_id) return NotOfProfile(task_id, profile_id);
  if (task.measure && p.done)
    return Status::InvalidArgument("task '" + Excerpt(task.title) + "' is measured" +
                                   (task.measure->unit.empty() ? "" : " in " + task.measure->unit) +
                                   ": record an amount (entry.amount), not done");
  if (!task.measure && p.amount && *p.amount)
    return Status::InvalidArgument("entry.amount is for measurable tasks; task '" + Excerpt(task.title) + "' is yes/no");

  Entry e;
  std::optional<std::string> checked_at;
  SB_ASSIGN_OR_RETURN(Statement q, db_.Prepare(
      "SELECT checked, skipped, amount, note, checked_at FROM task_checks WHERE task_id = ? AND date = ?"));
  q.Bind(1, task_id).Bind(2, date);
  SB_ASSIGN_OR_RETURN(bool exists, q.Step());
  if (exists) {
    e = ReadEntry(q, 0);
    if (!q.IsNull(4)) checked_at = q.Text(4);
  }
  const bool was_done = e.done;
  if (p.done) {
    e.done = *p.done;
    if (e.done) e.skipped = false;
  }
  if (p.amount) {
    e.amount = *p.amount;
    if (e.amount) e.skipped = false;
  }
  if (p.skipped) {
    e.skipped = *p.skipped;
    if (e.skipped) {
      e.done = false;
      e.amount.reset();
    }
  }
  if (note) e.note = *note;
  e = SettleEntry(e, task.schedule, task.measure);
  if (task.measure && p.amount && !*p.amount) e.done = false;  // the amount cleared: nothing recorded

  if (e.Empty()) {
    SB_ASSIGN_OR_RETURN(Statement del, db_.Prepare("DELETE FROM task_checks WHERE task_id = ? AND date = ?"));
    del.Bind(1, task_id).Bind(2, date);
    SB_RETURN_IF_ERROR(del.Run());
  } else {
    if (!e.done) checked_at.reset();
    else if (!was_done || !checked_at) checked_at = Now();
    SB_ASSIGN_OR_RETURN(Statement up, db_.Prepare(
        "INSERT INTO task_checks (task_id, date, checked, checked_at, skipped, amount, note) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (task_id, date) DO UPDATE SET "
        "checked = ?3, checked_at = ?4, skipped = ?5, amount = ?6, note = ?7"));
    up.Bind(1, task_id).Bind(2, date).Bind(3, int64_t{e.done});
    if (checked_at) up.Bind(4, *checked_at);
    up.Bind(5, int64_t{e.skipped});
    if (e.amount) up.BindDouble(6, *e.amount);
    up.Bind(7, e.note);
    SB_RETURN_IF_ERROR(up.Run());
  }
  SB_RETURN_IF_ERROR(EvaluateDay(profile_id, date));
  return tx.Commit();
}

Status Tracker::SetDayOff(int64_t profile_id, const std::string& date, const std::optional<std::string>& raw_note) {
  SB_ASSIGN_OR_RETURN(int64_t day, ParseDate(date));
  SB_ASSIGN_OR_RETURN(int64_t today, ParseDate(clock_.TodayLocal()));
  if (day > today + kMaxDaysOffAhead)
    return Status::InvalidDate("'" + date + "' is more than " + std::to_string(kMaxDaysOffAhead) +
                               " days ahead; days off can be planned up to a year ahead");
  std::string note;
  if (raw_note) {
    SB_ASSIGN_OR_RETURN(note, NormalizeNote("dayOff.note", *raw_note));
  }
  Transaction tx(db_);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_RETURN_IF_ERROR(RequireProfile(profile_id));
  if (raw_note) {
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
        "INSERT INTO days_off (profile_id, date, note) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (profile_id, date) DO UPDATE SET note = ?3"));
    st.Bind(1, profile_id).Bind(2, date).Bind(3, note);
    SB_RETURN_IF_ERROR(st.Run());
  } else {
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("DELETE FROM days_off WHERE profile_id = ? AND date = ?"));
    st.Bind(1, profile_id).Bind(2, date);
    SB_RETURN_IF_ERROR(st.Run());
  }
  SB_RETURN_IF_ERROR(EvaluateDay(profile_id, date));  // a day off is never complete; back at work, it may be
  return tx.Commit();
}

Result<DayTally> Tracker::TallyDay(int64_t profile_id, const std::string& date, std::vector<DayTask>* out) {
  SB_ASSIGN_OR_RETURN(int64_t day, ParseDate(date));
  SB_ASSIGN_OR_RETURN(std::vector<Task> tasks, ListTasks(profile_id));
  std::map<int64_t, Entry> entries;
  SB_ASSIGN_OR_RETURN(Statement q, db_.Prepare(
      "SELECT c.task_id, c.checked, c.skipped, c.amount, c.note FROM task_checks c "
      "JOIN tasks t ON t.id = c.task_id WHERE t.profile_id = ? AND c.date = ?"));
  q.Bind(1, profile_id).Bind(2, date);
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    entries[q.Int(0)] = ReadEntry(q, 1);
  }
  DayTally tally;
  SB_ASSIGN_OR_RETURN(Statement off, db_.Prepare("SELECT 1 FROM days_off WHERE profile_id = ? AND date = ?"));
  off.Bind(1, profile_id).Bind(2, date);
  SB_ASSIGN_OR_RETURN(tally.day_off, off.Step());
  for (const Task& t : tasks) {
    const Entry e = entries.count(t.id) ? entries[t.id] : Entry{};
    if (t.active) {
      tally.has_required = tally.has_required || t.required;
      tally.any_done += e.done;
      if (DecidesDay(t.schedule, t.required, day)) {
        ++tally.required_due;
        tally.required_done += e.done;
        tally.required_skipped += e.skipped;
      }
    }
    if (out) out->push_back(DayTask{t, e, IsDueOn(t.schedule, day), std::nullopt});  // periodic: refined by GetDay
  }
  return tally;
}

Status Tracker::EvaluateDay(int64_t profile_id, const std::string& date) {
  SB_ASSIGN_OR_RETURN(DayTally tally, TallyDay(profile_id, date, nullptr));
  if (EvaluateDayTally(tally) == DayState::kComplete) {  // a day off is never complete
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

Result<PeriodProgress> Tracker::Progress(const Task& t, int64_t day, bool* met_by_day) {
  const Period period = PeriodOf(t.schedule, day);
  // The whole period's counts, and (columns 3..5) those of its days up to `day`.
  SB_ASSIGN_OR_RETURN(Statement q, db_.Prepare(
      "SELECT coalesce(sum(checked), 0), coalesce(sum(amount), 0), count(amount), "
      "coalesce(sum(checked) FILTER (WHERE date <= ?4), 0), coalesce(sum(amount) FILTER (WHERE date <= ?4), 0), "
      "count(amount) FILTER (WHERE date <= ?4) FROM task_checks WHERE task_id = ?1 AND date BETWEEN ?2 AND ?3"));
  q.Bind(1, t.id).Bind(2, FormatDate(period.start)).Bind(3, FormatDate(period.end)).Bind(4, FormatDate(day));
  SB_ASSIGN_OR_RETURN(bool row, q.Step());
  PeriodProgress p;
  p.start = FormatDate(period.start);
  p.end = FormatDate(period.end);
  const int64_t done = row ? q.Int(0) : 0, entries = row ? q.Int(2) : 0;
  const double total = row ? q.Double(1) : 0;
  p.done = t.measure ? total : static_cast<double>(done);
  p.target = t.measure ? t.measure->target : t.schedule.times;
  p.met = PeriodMet(t.schedule, t.measure, done, total, entries);
  if (met_by_day) *met_by_day = row && PeriodMet(t.schedule, t.measure, q.Int(3), q.Double(4), q.Int(5));
  return p;
}

Result<Day> Tracker::GetDay(int64_t profile_id, const std::string& date) {
  SB_ASSIGN_OR_RETURN(int64_t day_number, ParseDate(date));
  SB_RETURN_IF_ERROR(RequireProfile(profile_id));
  Day day;
  day.date = date;
  SB_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "SELECT completed_at FROM daily_status WHERE profile_id = ? AND date = ?"));
  s.Bind(1, profile_id).Bind(2, date);
  SB_ASSIGN_OR_RETURN(bool has_status, s.Step());
  if (has_status && !s.IsNull(0)) day.completed_at = s.Text(0);
  SB_ASSIGN_OR_RETURN(Statement off, db_.Prepare("SELECT note FROM days_off WHERE profile_id = ? AND date = ?"));
  off.Bind(1, profile_id).Bind(2, date);
  SB_ASSIGN_OR_RETURN(bool is_off, off.Step());
  if (is_off) day.day_off = DayOff{date, off.Text(0)};

  SB_ASSIGN_OR_RETURN(DayTally tally, TallyDay(profile_id, date, &day.tasks));
  for (DayTask& t : day.tasks) {
    if (!IsPeriodic(t.task.schedule)) continue;
    bool met_by_day = false;
    SB_ASSIGN_OR_RETURN(t.period, Progress(t.task, day_number, &met_by_day));
    t.due = !met_by_day;
  }
  // The stored verdict stands for the day (past days keep theirs); a day off pauses it.
  const DayState evaluated = EvaluateDayTally(tally);
  if (day.day_off) {
    day.state = DayState::kPaused;
    day.paused_by = "day_off";
  } else if (day.completed_at) {
    day.state = DayState::kComplete;
  } else if (evaluated == DayState::kPaused) {
    day.state = DayState::kPaused;
    day.paused_by = tally.required_due > 0 ? "skipped" : "nothing_due";
  }
  return day;
}

Result<std::vector<HistoryDay>> Tracker::GetHistory(int64_t profile_id, const std::string& from,
                                                    const std::string& to) {
  SB_RETURN_IF_ERROR(ParseDate(from).status());
  SB_RETURN_IF_ERROR(ParseDate(to).status());
  SB_RETURN_IF_ERROR(RequireProfile(profile_id));
  std::map<std::string, HistoryDay> days;
  auto at = [&days](const std::string& date) -> HistoryDay& {
    HistoryDay& h = days[date];
    h.date = date;
    return h;
  };
  SB_ASSIGN_OR_RETURN(Statement c, db_.Prepare(
      "SELECT c.date, c.task_id, t.is_active, c.checked, c.skipped, c.note FROM task_checks c "
      "JOIN tasks t ON t.id = c.task_id WHERE t.profile_id = ? AND c.date BETWEEN ? AND ? "
      "ORDER BY c.date, t.sort_order, t.id"));
  c.Bind(1, profile_id).Bind(2, from).Bind(3, to);
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, c.Step());
    if (!row) break;
    HistoryDay& h = at(c.Text(0));
    const bool active = c.Int(2) != 0;
    h.checked += active && c.Int(3) != 0;
    h.skipped += active && c.Int(4) != 0;
    if (!c.Text(5).empty()) h.notes.push_back(DayNote{c.Int(1), c.Text(5)});
  }
  SB_ASSIGN_OR_RETURN(Statement d, db_.Prepare(
      "SELECT date FROM daily_status WHERE profile_id = ? AND completed_at IS NOT NULL "
      "AND date BETWEEN ? AND ?"));
  d.Bind(1, profile_id).Bind(2, from).Bind(3, to);
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, d.Step());
    if (!row) break;
    at(d.Text(0)).complete = true;
  }
  SB_ASSIGN_OR_RETURN(Statement o, db_.Prepare(
      "SELECT date, note FROM days_off WHERE profile_id = ? AND date BETWEEN ? AND ?"));
  o.Bind(1, profile_id).Bind(2, from).Bind(3, to);
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, o.Step());
    if (!row) break;
    at(o.Text(0)).day_off = DayOff{o.Text(0), o.Text(1)};
  }
  std::vector<HistoryDay> out;
  out.reserve(days.size());
  for (auto& kv : days) out.push_back(std::move(kv.second));
  return out;
}

}  // namespace streakbox
