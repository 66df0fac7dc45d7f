// The habit model's pure rules (habit_rules.h): schedules, measures, entries,
// day completion and streak runs.
#include "streakbox/habit_rules.h"

#include <cmath>

#include "streakbox/dates.h"
#include "unicode_nfc.h"
#include "validate.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

struct TypeName {
  ScheduleType type;
  const char* name;
};
constexpr TypeName kTypeNames[] = {{ScheduleType::kDaily, "daily"},
                                   {ScheduleType::kWeekdays, "weekdays"},
                                   {ScheduleType::kPerWeek, "per_week"},
                                   {ScheduleType::kPerMonth, "per_month"},
                                   {ScheduleType::kPerDays, "per_days"}};

Status Bad(const std::string& what, const std::string& rule) { return Status::InvalidArgument(what + " " + rule); }

// A whole number in [lo, hi] at o[key]; `rule` completes "<what>.<key> must be …".
Result<int> ReadCount(const json& o, const char* key, int lo, int hi, const std::string& what, const std::string& rule) {
  auto it = o.find(key);
  if (it == o.end()) return Bad(what + "." + key, "is required: " + rule);
  const json& v = *it;
  if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > 1000000) ||
      v.get<int64_t>() < lo || v.get<int64_t>() > hi)
    return Bad(what + "." + key, "must be " + rule);
  return static_cast<int>(v.get<int64_t>());
}

// Refuses any field of `o` not in `allowed` (so a typo never passes).
Status OnlyFields(const json& o, std::initializer_list<const char*> allowed, const std::string& what) {
  for (auto it = o.begin(); it != o.end(); ++it) {
    bool known = false;
    for (const char* a : allowed) known = known || it.key() == a;
    if (!known) return Bad(what, "has no field '" + Excerpt(it.key()) + "'");
  }
  return Status::Ok();
}

// Text a person typed (a note, a unit) as stored: trimmed, valid UTF-8, no
// control characters but those `allow_newlines` keeps, at most `max_len` characters.
Result<std::string> NormalizeText(const std::string& what, const std::string& raw, size_t max_len, bool allow_newlines) {
  std::string t = Trim(raw);
  if (!IsValidUtf8(t)) return Bad(what, "is not valid UTF-8 text");
  for (unsigned char c : t) {
    const bool kept = allow_newlines && (c == '\n' || c == '\t');
    if ((c < 0x20 || c == 0x7f) && !kept) return Bad(what, "must not contain control characters");
  }
  if (Utf8Length(t) > max_len) return Bad(what, "is longer than " + std::to_string(max_len) + " characters");
  return t;
}

// The civil year and month of a day number.
void YearMonth(int64_t day, int64_t* y, unsigned* m) {
  const std::string d = FormatDate(day);
  *y = std::stoll(d.substr(0, 4));
  *m = static_cast<unsigned>(std::stoi(d.substr(5, 2)));
}

}  // namespace

const char* ScheduleTypeName(ScheduleType t) {
  for (const auto& n : kTypeNames)
    if (n.type == t) return n.name;
  return "daily";
}

bool IsPeriodic(const Schedule& s) {
  return s.type == ScheduleType::kPerWeek || s.type == ScheduleType::kPerMonth || s.type == ScheduleType::kPerDays;
}

int Weekday(int64_t day) {
  int64_t r = (day + 3) % 7;  // 1970-01-01 was a Thursday (ISO 4)
  if (r < 0) r += 7;
  return static_cast<int>(r) + 1;
}

bool IsDueOn(const Schedule& s, int64_t day) {
  if (s.type == ScheduleType::kWeekdays) return (s.weekdays >> (Weekday(day) - 1)) & 1;
  return true;
}

Period PeriodOf(const Schedule& s, int64_t day) {
  switch (s.type) {
    case ScheduleType::kPerWeek: {
      const int64_t start = day - (Weekday(day) - 1);
      return {start, start + 6};
    }
    case ScheduleType::kPerMonth: {
      int64_t y;
      unsigned m;
      YearMonth(day, &y, &m);
      const int64_t start = DaysFromCivil(y, m, 1);
      const int64_t next = m == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 1, 1);
      return {start, next - 1};
    }
    case ScheduleType::kPerDays: {
      constexpr int64_t kEpochMonday = 4;  // 1970-01-05
      const int64_t d = s.days > 0 ? s.days : 1;
      int64_t k = (day - kEpochMonday) / d;
      if ((day - kEpochMonday) % d < 0) --k;  // floor for days before the epoch
      const int64_t start = kEpochMonday + k * d;
      return {start, start + d - 1};
    }
    default:
      return {day, day};
  }
}

Result<Schedule> ReadSchedule(const json& j, const std::string& what) {
  if (!j.is_object()) return Bad(what, "must be an object such as {\"type\":\"daily\"}");
  auto type_it = j.find("type");
  if (type_it == j.end() || !type_it->is_string())
    return Bad(what + ".type", "must be one of 'daily', 'weekdays', 'per_week', 'per_month', 'per_days'");
  const std::string& type = type_it->get_ref<const std::string&>();
  Schedule s;
  if (type == "daily") {
    SB_RETURN_IF_ERROR(OnlyFields(j, {"type"}, what));
  } else if (type == "weekdays") {
    SB_RETURN_IF_ERROR(OnlyFields(j, {"type", "weekdays"}, what));
    s.type = ScheduleType::kWeekdays;
    auto w = j.find("weekdays");
    if (w == j.end() || !w->is_array() || w->empty())
      return Bad(what + ".weekdays", "must list at least one weekday, 1 (Monday) to 7 (Sunday)");
    int mask = 0;
    for (const json& d : *w) {
      if (!d.is_number_integer() || d.get<int64_t>() < 1 || d.get<int64_t>() > 7)
        return Bad(what + ".weekdays", "must hold weekdays 1 (Monday) to 7 (Sunday)");
      const int bit = 1 << (d.get<int>() - 1);
      if (mask & bit) return Bad(what + ".weekdays", "names weekday " + std::to_string(d.get<int>()) + " twice");
      mask |= bit;
    }
    s.weekdays = mask;
  } else if (type == "per_week") {
    SB_RETURN_IF_ERROR(OnlyFields(j, {"type", "times"}, what));
    s.type = ScheduleType::kPerWeek;
    SB_ASSIGN_OR_RETURN(s.times, ReadCount(j, "times", 1, 7, what, "1 to 7 for a weekly schedule"));
  } else if (type == "per_month") {
    SB_RETURN_IF_ERROR(OnlyFields(j, {"type", "times"}, what));
    s.type = ScheduleType::kPerMonth;
    SB_ASSIGN_OR_RETURN(s.times, ReadCount(j, "times", 1, 31, what, "1 to 31 for a monthly schedule"));
  } else if (type == "per_days") {
    SB_RETURN_IF_ERROR(OnlyFields(j, {"type", "times", "days"}, what));
    s.type = ScheduleType::kPerDays;
    SB_ASSIGN_OR_RETURN(s.days, ReadCount(j, "days", 1, kMaxPeriodDays, what,
                                          "1 to " + std::to_string(kMaxPeriodDays) + " days"));
    SB_ASSIGN_OR_RETURN(s.times, ReadCount(j, "times", 1, s.days, what,
                                           "1 to " + std::to_string(s.days) + " (the number of days)"));
  } else {
    return Bad(what + ".type", "must be one of 'daily', 'weekdays', 'per_week', 'per_month', 'per_days', not '" +
                                   Excerpt(type) + "'");
  }
  return s;
}

json ScheduleJson(const Schedule& s) {
  json j = {{"type", ScheduleTypeName(s.type)}};
  switch (s.type) {
    case ScheduleType::kWeekdays: {
      json days = json::array();
      for (int w = 1; w <= 7; ++w)
        if ((s.weekdays >> (w - 1)) & 1) days.push_back(w);
      j["weekdays"] = days;
      break;
    }
    case ScheduleType::kPerWeek:
    case ScheduleType::kPerMonth:
      j["times"] = s.times;
      break;
    case ScheduleType::kPerDays:
      j["times"] = s.times;
      j["days"] = s.days;
      break;
    default:
      break;
  }
  return j;
}

Result<Schedule> ScheduleFromColumns(const std::string& type, int64_t weekdays, int64_t times, int64_t days) {
  json j = {{"type", type}};
  if (type == "weekdays") {
    if (weekdays < 1 || weekdays > kAllWeekdays)
      return Status::InvalidArgument("tasks.schedule_weekdays must be a weekday mask from 1 to 127");
    json list = json::array();
    for (int w = 1; w <= 7; ++w)
      if ((weekdays >> (w - 1)) & 1) list.push_back(w);
    j["weekdays"] = list;
  } else if (type == "per_week" || type == "per_month") {
    j["times"] = times;
  } else if (type == "per_days") {
    j["times"] = times;
    j["days"] = days;
  }
  return ReadSchedule(j, "tasks.schedule");
}

Result<Measure> ReadMeasure(const json& j, const std::string& what) {
  if (!j.is_object()) return Bad(what, "must be an object such as {\"unit\":\"glasses\",\"target\":8,\"direction\":\"at_least\"}");
  SB_RETURN_IF_ERROR(OnlyFields(j, {"unit", "target", "direction"}, what));
  Measure m;
  auto dir = j.find("direction");
  if (dir != j.end()) {
    if (*dir == "at_most") m.at_most = true;
    else if (*dir != "at_least") return Bad(what + ".direction", "must be 'at_least' or 'at_most'");
  }
  auto unit = j.find("unit");
  if (unit != j.end()) {
    if (!unit->is_string()) return Bad(what + ".unit", "must be a string");
    SB_ASSIGN_OR_RETURN(m.unit, NormalizeText(what + ".unit", unit->get<std::string>(), kMaxUnitLength, false));
  }
  auto target = j.find("target");
  if (target == j.end()) return Bad(what + ".target", "is required: the amount that counts as done");
  SB_ASSIGN_OR_RETURN(m.target, ReadAmount(*target, what + ".target"));
  if (!m.at_most && m.target <= 0) return Bad(what + ".target", "must be above 0 for an 'at least' target");
  return m;
}

json MeasureJson(const Measure& m) {
  return {{"unit", m.unit}, {"target", m.target}, {"direction", m.at_most ? "at_most" : "at_least"}};
}

bool MeetsTarget(const Measure& m, double amount) { return m.at_most ? amount <= m.target : amount >= m.target; }

Status CheckAmountValue(double v, const std::string& what) {
  if (!std::isfinite(v) || v < 0 || v > kMaxAmount) return Bad(what, "must be a number from 0 to 1000000000");
  return Status::Ok();
}

Result<double> ReadAmount(const json& j, const std::string& what) {
  if (!j.is_number()) return Bad(what, "must be a number from 0 to 1000000000");
  const double v = j.get<double>();
  SB_RETURN_IF_ERROR(CheckAmountValue(v, what));
  return v;
}

Status CheckHabit(const Schedule& s, const std::optional<Measure>& m, const std::string& what) {
  if (m && IsPeriodic(s) && s.times != 1)
    return Bad(what + ".schedule.times",
               "must be 1 for a measurable task counted in periods: its target is the period's total");
  return Status::Ok();
}

bool EntryDone(const Schedule& s, const Measure& m, double amount) {
  if (IsPeriodic(s)) return m.at_most || amount > 0;  // a contribution to the period's total
  return MeetsTarget(m, amount);
}

bool PeriodMet(const Schedule& s, const std::optional<Measure>& m, int64_t done, double total, int64_t entries) {
  if (!m) return done >= s.times;
  return m->at_most ? entries > 0 && total <= m->target : total >= m->target;
}

Entry SettleEntry(Entry e, const Schedule& schedule, const std::optional<Measure>& measure) {
  if (!measure || !e.amount) return e;
  e.skipped = false;
  e.done = EntryDone(schedule, *measure, *e.amount);
  return e;
}

Result<std::string> NormalizeNote(const std::string& what, const std::string& raw) {
  return NormalizeText(what, raw, kMaxNoteLength, true);
}

bool DecidesDay(const Schedule& s, bool required, int64_t day) {
  return required && !IsPeriodic(s) && IsDueOn(s, day);
}

DayState EvaluateDayTally(const DayTally& t) {
  if (t.day_off) return DayState::kPaused;
  if (t.required_due > 0) {
    if (t.required_done + t.required_skipped < t.required_due) return DayState::kOpen;
    return t.required_done > 0 ? DayState::kComplete : DayState::kPaused;
  }
  if (t.has_required) return DayState::kPaused;
  return t.any_done > 0 ? DayState::kComplete : DayState::kOpen;
}

Streak RunStreak(const std::vector<Mark>& marks) { return FindStreakRuns(marks).streak; }

StreakRuns FindStreakRuns(const std::vector<Mark>& marks) {
  StreakRuns r;
  int64_t run = 0, first = -1, last = -1;
  for (size_t i = 0; i < marks.size(); ++i) {
    const int64_t at = static_cast<int64_t>(i);
    if (marks[i] == Mark::kMet) {
      if (run++ == 0) first = at;
      last = at;
      if (run > r.streak.best) {
        r.streak.best = run;
        r.best_first = first;
        r.best_last = last;
      }
    } else if (marks[i] == Mark::kMissed && i + 1 < marks.size()) {
      run = 0;  // the last step, when missed, is still open
      first = last = -1;
    }
  }
  r.streak.current = run;
  if (run > 0) {
    r.current_first = first;
    r.current_last = last;
  }
  return r;
}

int64_t BucketStart(Bucket b, int64_t day) {
  if (b == Bucket::kWeek) return day - (Weekday(day) - 1);
  // Howard Hinnant's civil_from_days, reduced to the month's first day.
  const int64_t z = day + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  return day - (d - 1);
}

std::vector<BucketRate> RatesByBucket(const std::vector<int64_t>& starts, const std::vector<Mark>& marks,
                                      Bucket b, int n, int64_t today) {
  std::vector<BucketRate> out(static_cast<size_t>(n));
  // Bucket starts, newest last: step back one bucket at a time from today's.
  int64_t start = BucketStart(b, today);
  for (int i = n - 1; i >= 0; --i) {
    out[static_cast<size_t>(i)].start = start;
    start = BucketStart(b, start - 1);
  }
  const int64_t oldest = out.front().start;
  size_t k = 0;  // the bucket of the current step; steps come in ascending order
  for (size_t i = 0; i < marks.size(); ++i) {
    if (starts[i] < oldest || starts[i] > today) continue;
    if (marks[i] == Mark::kPaused) continue;
    if (marks[i] == Mark::kMissed && i + 1 == marks.size()) continue;  // still open
    while (k + 1 < out.size() && out[k + 1].start <= starts[i]) ++k;
    out[k].counted++;
    if (marks[i] == Mark::kMet) out[k].met++;
  }
  return out;
}

}  // namespace streakbox
