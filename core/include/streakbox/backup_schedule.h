// When is the next scheduled backup due? A pure function of the settings, the
// last attempt, now and the local time zone (docs/ARCHITECTURE.md, "Scheduled
// backups"). No clock, no storage: the caller passes everything in.
//
// A slot is 03:00 local time on a qualifying day: every day (daily), every
// Monday (weekly) or the 1st of every month (monthly). The run for a slot is
// due once `now` has reached it and no attempt (success or failure) was made
// at or after it. Slots missed while the app was closed collapse into one: only
// the latest slot before `now` counts, so a week away gives one catch-up run,
// not seven. Slots before the schedule was switched on never count.
//
// The time zone is a function (UTC instant -> offset east of UTC in seconds),
// so the browser can pass its own (Date#getTimezoneOffset) and tests can pass
// rules with DST changes; no TZ database is needed. A local wall time that a
// DST change skips (spring forward over 03:00) resolves to the same elapsed
// time after the change (like JS Date and Temporal's "compatible"): 03:00 in a
// gap 03:00-04:00 becomes 04:00. A wall time that happens twice (fall back)
// resolves to the earlier instant, so a day never has two slots.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "streakbox/status.h"

namespace streakbox {

enum class BackupFrequency { kDaily, kWeekly, kMonthly };

const char* FrequencyName(BackupFrequency f);                      // "daily", "weekly", "monthly"
std::optional<BackupFrequency> ParseFrequency(const std::string& name);

// Seconds east of UTC at a UTC instant (e.g. +3600 for CET, -14400 for EDT).
using UtcOffsetFn = std::function<int64_t(int64_t unix_seconds)>;

constexpr int kScheduledHour = 3;  // 03:00 local time

struct ScheduleInput {
  bool enabled = false;
  BackupFrequency frequency = BackupFrequency::kDaily;
  // When the schedule was last switched on (or its frequency changed); slots
  // before it never count. Unix seconds.
  int64_t enabled_at = 0;
  std::optional<int64_t> last_attempt;  // start of the latest scheduled run, any outcome
  std::optional<int64_t> last_success;  // start of the latest scheduled run that succeeded
  int64_t now = 0;
};

struct ScheduleDecision {
  bool due = false;                // run now
  std::optional<int64_t> slot;     // when due: the slot this run stands for
  std::optional<int64_t> next_due; // the first slot after `now` (null when disabled)
  bool last_failed = false;        // the latest attempt did not succeed
};

ScheduleDecision DecideSchedule(const ScheduleInput& in, const UtcOffsetFn& offset);

// The UTC instant of local wall time `seconds_of_day` on local day `day`
// (days since 1970-01-01), resolved as described above.
int64_t LocalToUtc(int64_t day, int64_t seconds_of_day, const UtcOffsetFn& offset);

// The latest slot at or before `t`, and the first slot strictly after `t`.
std::optional<int64_t> SlotAtOrBefore(BackupFrequency f, int64_t t, const UtcOffsetFn& offset);
int64_t SlotAfter(BackupFrequency f, int64_t t, const UtcOffsetFn& offset);

}  // namespace streakbox
