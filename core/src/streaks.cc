// Tracker: current and best streaks, per profile (in days) and per task (in
// days, or in periods for periodic tasks), as runs of marks (habit_rules.h).
#include <map>
#include <set>

#include "streakbox/tracker.h"

namespace streakbox {
namespace {

// Day numbers of a one-column query of 'YYYY-MM-DD' dates; a foreign bad
// date never breaks a count.
Result<std::set<int64_t>> ReadDays(Statement& st) {
  std::set<int64_t> days;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    auto day = ParseDate(st.Text(0));
    if (day.ok()) days.insert(day.value());
  }
  return days;
}

bool AnyIn(const std::set<int64_t>& days, int64_t from, int64_t to) {
  auto it = days.lower_bound(from);
  return it != days.end() && *it <= to;
}

const char* CountedIn(const Schedule& s) {
  switch (s.type) {
    case ScheduleType::kPerWeek: return "weeks";
    case ScheduleType::kPerMonth: return "months";
    case ScheduleType::kPerDays: return "periods";
    default: return "days";
  }
}

struct DayEntry {
  bool done = false, skipped = false;
  double amount = 0;
  bool has_amount = false;
};

// A day-scheduled task's marks: each day from its first entry to today.
std::vector<Mark> DayMarks(const Task& t, const std::map<int64_t, DayEntry>& entries,
                           const std::set<int64_t>& off, int64_t today) {
  std::vector<Mark> marks;
  if (entries.empty()) return marks;
  for (int64_t d = entries.begin()->first; d <= today; ++d) {
    auto it = entries.find(d);
    if (off.count(d) || !IsDueOn(t.schedule, d)) marks.push_back(Mark::kPaused);
    else if (it != entries.end() && it->second.done) marks.push_back(Mark::kMet);
    else if (it != entries.end() && it->second.skipped) marks.push_back(Mark::kPaused);
    else marks.push_back(Mark::kMissed);
  }
  return marks;
}

// A periodic task's marks: each period from the one of its first entry to today's.
std::vector<Mark> PeriodMarks(const Task& t, const std::map<int64_t, DayEntry>& entries,
                              const std::set<int64_t>& off, int64_t today) {
  std::vector<Mark> marks;
  if (entries.empty()) return marks;
  const int64_t last = PeriodOf(t.schedule, today).start;
  for (Period p = PeriodOf(t.schedule, entries.begin()->first); p.start <= last;
       p = PeriodOf(t.schedule, p.end + 1)) {
    int64_t done = 0, with_amount = 0;
    double total = 0;
    bool skipped = false;
    for (auto it = entries.lower_bound(p.start); it != entries.end() && it->first <= p.end; ++it) {
      done += it->second.done;
      skipped = skipped || it->second.skipped;
      if (it->second.has_amount) {
        ++with_amount;
        total += it->second.amount;
      }
    }
    if (PeriodMet(t.schedule, t.measure, done, total, with_amount)) marks.push_back(Mark::kMet);
    else if (skipped || AnyIn(off, p.start, p.end)) marks.push_back(Mark::kPaused);
    else marks.push_back(Mark::kMissed);
  }
  return marks;
}

}  // namespace

Result<Streak> Tracker::GetStreak(int64_t profile_id) {
  SB_ASSIGN_OR_RETURN(std::vector<Task> tasks, ListTasks(profile_id));
  SB_ASSIGN_OR_RETURN(int64_t today, ParseDate(clock_.TodayLocal()));
  SB_ASSIGN_OR_RETURN(Statement c, db_.Prepare(
      "SELECT date FROM daily_status WHERE profile_id = ? AND completed_at IS NOT NULL ORDER BY date"));
  c.Bind(1, profile_id);
  SB_ASSIGN_OR_RETURN(std::set<int64_t> complete, ReadDays(c));
  if (complete.empty()) return Streak{};
  SB_ASSIGN_OR_RETURN(Statement o, db_.Prepare("SELECT date FROM days_off WHERE profile_id = ?"));
  o.Bind(1, profile_id);
  SB_ASSIGN_OR_RETURN(std::set<int64_t> off, ReadDays(o));

  // Weekdays on which something required is due, from today's task list.
  bool has_required = false;
  int due_weekdays = 0;
  for (const Task& t : tasks) {
    if (!t.active || !t.required) continue;
    has_required = true;
    if (!IsPeriodic(t.schedule)) due_weekdays |= t.schedule.type == ScheduleType::kWeekdays ? t.schedule.weekdays : kAllWeekdays;
  }
  // Days on which every required task due was skipped: few, so each is tallied.
  SB_ASSIGN_OR_RETURN(Statement s, db_.Prepare(
      "SELECT DISTINCT c.date FROM task_checks c JOIN tasks t ON t.id = c.task_id "
      "WHERE t.profile_id = ? AND t.is_active = 1 AND t.is_required = 1 AND c.skipped = 1"));
  s.Bind(1, profile_id);
  SB_ASSIGN_OR_RETURN(std::set<int64_t> skip_days, ReadDays(s));
  std::set<int64_t> all_skipped;
  for (int64_t d : skip_days) {
    if (complete.count(d)) continue;
    SB_ASSIGN_OR_RETURN(DayTally tally, TallyDay(profile_id, FormatDate(d), nullptr));
    if (EvaluateDayTally(tally) == DayState::kPaused) all_skipped.insert(d);
  }

  std::vector<Mark> marks;
  for (int64_t d = *complete.begin(); d <= today; ++d) {
    if (off.count(d)) marks.push_back(Mark::kPaused);
    else if (complete.count(d)) marks.push_back(Mark::kMet);
    else if (has_required && !((due_weekdays >> (Weekday(d) - 1)) & 1)) marks.push_back(Mark::kPaused);
    else if (all_skipped.count(d)) marks.push_back(Mark::kPaused);
    else marks.push_back(Mark::kMissed);
  }
  return RunStreak(marks);
}

Result<std::vector<TaskStreak>> Tracker::GetTaskStreaks(int64_t profile_id) {
  SB_ASSIGN_OR_RETURN(std::vector<Task> tasks, ListTasks(profile_id));
  SB_ASSIGN_OR_RETURN(int64_t today, ParseDate(clock_.TodayLocal()));
  SB_ASSIGN_OR_RETURN(Statement o, db_.Prepare("SELECT date FROM days_off WHERE profile_id = ?"));
  o.Bind(1, profile_id);
  SB_ASSIGN_OR_RETURN(std::set<int64_t> off, ReadDays(o));
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
      "SELECT date, checked, skipped, amount FROM task_checks WHERE task_id = ? ORDER BY date"));
  std::vector<TaskStreak> out;
  for (const Task& t : tasks) {
    st.Bind(1, t.id);
    std::map<int64_t, DayEntry> entries;
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      auto day = ParseDate(st.Text(0));
      if (!day.ok() || day.value() > today) continue;  // the future does not count
      DayEntry e;
      e.done = st.Int(1) != 0;
      e.skipped = st.Int(2) != 0;
      e.has_amount = !st.IsNull(3);
      if (e.has_amount) e.amount = st.Double(3);
      entries[day.value()] = e;
    }
    st.Reset();
    TaskStreak ts{t.id, {}, CountedIn(t.schedule), std::nullopt};
    if (IsPeriodic(t.schedule)) {
      ts.streak = RunStreak(PeriodMarks(t, entries, off, today));
      SB_ASSIGN_OR_RETURN(ts.period, Progress(t, today, nullptr));
    } else {
      ts.streak = RunStreak(DayMarks(t, entries, off, today));
    }
    out.push_back(std::move(ts));
  }
  return out;
}

}  // namespace streakbox
