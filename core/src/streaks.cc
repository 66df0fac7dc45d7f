// Tracker: current and best streaks, per profile (in days) and per task (in
// days, or in periods for periodic tasks), as runs of marks (habit_rules.h);
// and the Progress view's summary: the runs' dates and completion rates by
// week and month, from the same marks.
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

// A task's steps for RunStreak: each day (or period), its first and last day and its mark.
struct Steps {
  std::vector<int64_t> starts, ends;
  std::vector<Mark> marks;
  void Add(int64_t start, int64_t end, Mark m) {
    starts.push_back(start);
    ends.push_back(end);
    marks.push_back(m);
  }
};

// A day-scheduled task's steps: each day from its first entry to today.
Steps DaySteps(const Task& t, const std::map<int64_t, DayEntry>& entries, const std::set<int64_t>& off,
               int64_t today) {
  Steps steps;
  if (entries.empty()) return steps;
  for (int64_t d = entries.begin()->first; d <= today; ++d) {
    auto it = entries.find(d);
    Mark m = Mark::kMissed;
    if (off.count(d) || !IsDueOn(t.schedule, d)) m = Mark::kPaused;
    else if (it != entries.end() && it->second.done) m = Mark::kMet;
    else if (it != entries.end() && it->second.skipped) m = Mark::kPaused;
    steps.Add(d, d, m);
  }
  return steps;
}

// A periodic task's steps: each period from the one of its first entry to today's.
Steps PeriodSteps(const Task& t, const std::map<int64_t, DayEntry>& entries, const std::set<int64_t>& off,
                  int64_t today) {
  Steps steps;
  if (entries.empty()) return steps;
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
    Mark m = Mark::kMissed;
    if (PeriodMet(t.schedule, t.measure, done, total, with_amount)) m = Mark::kMet;
    else if (skipped || AnyIn(off, p.start, p.end)) m = Mark::kPaused;
    steps.Add(p.start, p.end, m);
  }
  return steps;
}

Steps TaskSteps(const Task& t, const std::map<int64_t, DayEntry>& entries, const std::set<int64_t>& off,
                int64_t today) {
  return IsPeriodic(t.schedule) ? PeriodSteps(t, entries, off, today) : DaySteps(t, entries, off, today);
}

// A task's entries up to today, from the prepared "date, checked, skipped,
// amount" query of one task (bound by the caller; reset here).
Result<std::map<int64_t, DayEntry>> ReadEntries(Statement& st, int64_t today) {
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
  return entries;
}

constexpr const char* kEntriesQuery = "SELECT date, checked, skipped, amount FROM task_checks WHERE task_id = ? ORDER BY date";

// The runs of `marks` as dates: step i spans [starts[i], ends[i]].
StreakDates DatesOf(const std::vector<Mark>& marks, const std::vector<int64_t>& starts,
                    const std::vector<int64_t>& ends) {
  StreakRuns r = FindStreakRuns(marks);
  StreakDates out{r.streak, {}, {}};
  if (r.current_first >= 0) out.current = {FormatDate(starts[r.current_first]), FormatDate(ends[r.current_last])};
  if (r.best_first >= 0) out.best = {FormatDate(starts[r.best_first]), FormatDate(ends[r.best_last])};
  return out;
}

}  // namespace

Result<std::vector<Mark>> Tracker::ProfileMarks(int64_t profile_id, int64_t today, int64_t* first) {
  SB_ASSIGN_OR_RETURN(std::vector<Task> tasks, ListTasks(profile_id));
  SB_ASSIGN_OR_RETURN(Statement c, db_.Prepare(
      "SELECT date FROM daily_status WHERE profile_id = ? AND completed_at IS NOT NULL ORDER BY date"));
  c.Bind(1, profile_id);
  SB_ASSIGN_OR_RETURN(std::set<int64_t> complete, ReadDays(c));
  std::vector<Mark> marks;
  if (complete.empty()) return marks;
  *first = *complete.begin();
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

  for (int64_t d = *complete.begin(); d <= today; ++d) {
    if (off.count(d)) marks.push_back(Mark::kPaused);
    else if (complete.count(d)) marks.push_back(Mark::kMet);
    else if (has_required && !((due_weekdays >> (Weekday(d) - 1)) & 1)) marks.push_back(Mark::kPaused);
    else if (all_skipped.count(d)) marks.push_back(Mark::kPaused);
    else marks.push_back(Mark::kMissed);
  }
  return marks;
}

Result<Streak> Tracker::GetStreak(int64_t profile_id) {
  SB_ASSIGN_OR_RETURN(int64_t today, ParseDate(clock_.TodayLocal()));
  int64_t first = 0;
  SB_ASSIGN_OR_RETURN(std::vector<Mark> marks, ProfileMarks(profile_id, today, &first));
  return RunStreak(marks);
}

Result<std::vector<TaskStreak>> Tracker::GetTaskStreaks(int64_t profile_id) {
  SB_ASSIGN_OR_RETURN(std::vector<Task> tasks, ListTasks(profile_id));
  SB_ASSIGN_OR_RETURN(int64_t today, ParseDate(clock_.TodayLocal()));
  SB_ASSIGN_OR_RETURN(Statement o, db_.Prepare("SELECT date FROM days_off WHERE profile_id = ?"));
  o.Bind(1, profile_id);
  SB_ASSIGN_OR_RETURN(std::set<int64_t> off, ReadDays(o));
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(kEntriesQuery));
  std::vector<TaskStreak> out;
  for (const Task& t : tasks) {
    st.Bind(1, t.id);
    SB_ASSIGN_OR_RETURN(auto entries, ReadEntries(st, today));
    TaskStreak ts{t.id, RunStreak(TaskSteps(t, entries, off, today).marks), CountedIn(t.schedule), std::nullopt};
    if (IsPeriodic(t.schedule)) {
      SB_ASSIGN_OR_RETURN(ts.period, Progress(t, today, nullptr));
    }
    out.push_back(std::move(ts));
  }
  return out;
}

Result<ProgressSummary> Tracker::GetProgress(int64_t profile_id) {
  SB_ASSIGN_OR_RETURN(std::vector<Task> tasks, ListTasks(profile_id));
  SB_ASSIGN_OR_RETURN(int64_t today, ParseDate(clock_.TodayLocal()));
  ProgressSummary out;
  int64_t first = 0;
  SB_ASSIGN_OR_RETURN(std::vector<Mark> marks, ProfileMarks(profile_id, today, &first));
  std::vector<int64_t> days(marks.size());
  for (size_t i = 0; i < days.size(); ++i) days[i] = first + static_cast<int64_t>(i);
  out.streak = DatesOf(marks, days, days);

  SB_ASSIGN_OR_RETURN(Statement o, db_.Prepare("SELECT date FROM days_off WHERE profile_id = ?"));
  o.Bind(1, profile_id);
  SB_ASSIGN_OR_RETURN(std::set<int64_t> off, ReadDays(o));
  SB_ASSIGN_OR_RETURN(Statement f, db_.Prepare(
      "SELECT MIN(d) FROM (SELECT MIN(c.date) AS d FROM task_checks c JOIN tasks t ON t.id = c.task_id "
      "WHERE t.profile_id = ?1 UNION ALL SELECT MIN(date) FROM days_off WHERE profile_id = ?1)"));
  f.Bind(1, profile_id);
  SB_ASSIGN_OR_RETURN(bool has_first, f.Step());
  if (has_first && !f.IsNull(0) && IsValidDate(f.Text(0))) out.first_day = f.Text(0);
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(kEntriesQuery));
  for (const Task& t : tasks) {
    st.Bind(1, t.id);
    SB_ASSIGN_OR_RETURN(auto entries, ReadEntries(st, today));
    Steps steps = TaskSteps(t, entries, off, today);
    out.tasks.push_back({t.id, CountedIn(t.schedule), DatesOf(steps.marks, steps.starts, steps.ends),
                         RatesByBucket(steps.starts, steps.marks, Bucket::kWeek, kProgressBuckets, today),
                         RatesByBucket(steps.starts, steps.marks, Bucket::kMonth, kProgressBuckets, today)});
  }
  return out;
}

}  // namespace streakbox
