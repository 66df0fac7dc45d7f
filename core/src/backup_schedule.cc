#include "streakbox/backup_schedule.h"

#include <algorithm>

#include "streakbox/dates.h"

namespace streakbox {
namespace {

constexpr int64_t kDay = 86400;
// Far enough to cross any month from any day (monthly slots are <= 31 days apart).
constexpr int kSearchDays = 64;

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : (a - b + 1) / b; }

bool Qualifies(BackupFrequency f, int64_t day) {
  switch (f) {
    case BackupFrequency::kDaily:
      return true;
    case BackupFrequency::kWeekly:
      return ((day + 3) % 7 + 7) % 7 == 0;  // Mondays: 1970-01-01 (day 0) was a Thursday
    case BackupFrequency::kMonthly:
      return FormatDate(day).compare(8, 2, "01") == 0;
  }
  return false;
}

int64_t LocalDay(int64_t t, const UtcOffsetFn& offset) { return FloorDiv(t + offset(t), kDay); }

int64_t SlotOn(int64_t day, const UtcOffsetFn& offset) {
  return LocalToUtc(day, kScheduledHour * 3600, offset);
}

}  // namespace

const char* FrequencyName(BackupFrequency f) {
  switch (f) {
    case BackupFrequency::kDaily: return "daily";
    case BackupFrequency::kWeekly: return "weekly";
    case BackupFrequency::kMonthly: return "monthly";
  }
  return "daily";
}

std::optional<BackupFrequency> ParseFrequency(const std::string& name) {
  if (name == "daily") return BackupFrequency::kDaily;
  if (name == "weekly") return BackupFrequency::kWeekly;
  if (name == "monthly") return BackupFrequency::kMonthly;
  return std::nullopt;
}

int64_t LocalToUtc(int64_t day, int64_t seconds_of_day, const UtcOffsetFn& offset) {
  const int64_t wall = day * kDay + seconds_of_day;  // the wall time read as if it were UTC
  const int64_t before = offset(wall - kDay), after = offset(wall + kDay);
  const int64_t early = wall - std::max(before, after), late = wall - std::min(before, after);
  // Both readings that really show `wall`: take the earlier (fall back).
  for (int64_t u : {early, late})
    if (u + offset(u) == wall) return u;
  // A gap (spring forward): the wall time read with the offset in force before it.
  return wall - before;
}

std::optional<int64_t> SlotAtOrBefore(BackupFrequency f, int64_t t, const UtcOffsetFn& offset) {
  const int64_t today = LocalDay(t, offset);
  for (int64_t d = today + 1; d > today - kSearchDays; --d) {
    if (!Qualifies(f, d)) continue;
    const int64_t slot = SlotOn(d, offset);
    if (slot <= t) return slot;
  }
  return std::nullopt;
}

int64_t SlotAfter(BackupFrequency f, int64_t t, const UtcOffsetFn& offset) {
  const int64_t today = LocalDay(t, offset);
  for (int64_t d = today - 1; d < today + kSearchDays; ++d) {
    if (!Qualifies(f, d)) continue;
    const int64_t slot = SlotOn(d, offset);
    if (slot > t) return slot;
  }
  return t + kDay;  // unreachable for real offsets; a safe fallback
}

ScheduleDecision DecideSchedule(const ScheduleInput& in, const UtcOffsetFn& offset) {
  ScheduleDecision out;
  out.last_failed = in.last_attempt && (!in.last_success || *in.last_success < *in.last_attempt);
  if (!in.enabled) return out;
  out.next_due = SlotAfter(in.frequency, in.now, offset);
  const std::optional<int64_t> latest = SlotAtOrBefore(in.frequency, in.now, offset);
  if (!latest || *latest < in.enabled_at) return out;
  if (in.last_attempt && *in.last_attempt >= *latest) return out;
  out.due = true;
  out.slot = latest;
  return out;
}

}  // namespace streakbox
