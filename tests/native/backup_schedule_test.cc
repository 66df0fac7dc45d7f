// DecideSchedule and its helpers across time zones with DST changes, month
// ends, leap years, weekly and monthly slots, and catch-up after time away.
#include <gtest/gtest.h>

#include "streakbox/backup_schedule.h"
#include "streakbox/dates.h"

namespace streakbox {
namespace {

constexpr int64_t kHour = 3600;

// UTC instant of a UTC civil time.
int64_t Utc(int y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
  return DaysFromCivil(y, m, d) * 86400 + hh * kHour + mm * 60;
}
// The n-th (1-based) Sunday of a month, or the last when n == 0, as a day number.
int64_t Sunday(int y, unsigned m, int n) {
  auto weekday = [](int64_t day) { return ((day + 4) % 7 + 7) % 7; };  // 0 = Sunday
  if (n > 0) {
    int64_t first = DaysFromCivil(y, m, 1);
    return first + (7 - weekday(first)) % 7 + 7 * (n - 1);
  }
  int64_t last = DaysFromCivil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
  return last - weekday(last);
}
int YearOf(int64_t t) { return std::stoi(FormatUtc(t).substr(0, 4)); }

// America/New_York rules: EST -5, EDT -4 from the 2nd Sunday of March 07:00 UTC
// to the 1st Sunday of November 06:00 UTC.
int64_t NewYork(int64_t t) {
  int y = YearOf(t);
  bool dst = t >= Sunday(y, 3, 2) * 86400 + 7 * kHour && t < Sunday(y, 11, 1) * 86400 + 6 * kHour;
  return (dst ? -4 : -5) * kHour;
}
// Europe/Berlin rules: CET +1, CEST +2 from the last Sunday of March to the
// last Sunday of October, 01:00 UTC both.
int64_t Berlin(int64_t t) {
  int y = YearOf(t);
  bool dst = t >= Sunday(y, 3, 0) * 86400 + kHour && t < Sunday(y, 10, 0) * 86400 + kHour;
  return (dst ? 2 : 1) * kHour;
}
// Synthetic zones where the change happens at 03:00 local itself.
// Gap: UTC+0 until 2026-03-29 03:00 UTC, then +1 (wall clock 03:00 -> 04:00).
int64_t Gap03(int64_t t) { return t >= Utc(2026, 3, 29, 3) ? kHour : 0; }
// Fold: UTC+1 until 2026-10-25 03:00 UTC (04:00 local), then +0 (04:00 -> 03:00).
int64_t Fold03(int64_t t) { return t >= Utc(2026, 10, 25, 3) ? 0 : kHour; }
int64_t UtcZone(int64_t) { return 0; }
int64_t Tokyo(int64_t) { return 9 * kHour; }

ScheduleInput Daily(int64_t now, std::optional<int64_t> last = std::nullopt) {
  ScheduleInput in;
  in.enabled = true;
  in.enabled_at = Utc(2020, 1, 1);
  in.last_attempt = last;
  in.last_success = last;
  in.now = now;
  return in;
}

struct LocalCase {
  const char* name;
  int64_t (*zone)(int64_t);
  int y;
  unsigned m, d;
  int64_t expected;  // UTC instant of 03:00 local on that day
};

TEST(BackupSchedule, ThreeOClockLocalResolvesAcrossDstChanges) {
  const LocalCase cases[] = {
      {"UTC ordinary day", UtcZone, 2026, 3, 10, Utc(2026, 3, 10, 3)},
      {"Tokyo is ahead of UTC: the day before in UTC", Tokyo, 2026, 3, 10, Utc(2026, 3, 9, 18)},
      {"New York winter", NewYork, 2026, 1, 15, Utc(2026, 1, 15, 8)},
      {"New York spring-forward day: 03:00 exists (EDT)", NewYork, 2026, 3, 8, Utc(2026, 3, 8, 7)},
      {"New York fall-back day: 03:00 after the change (EST)", NewYork, 2026, 11, 1, Utc(2026, 11, 1, 8)},
      {"Berlin spring-forward day: 03:00 CEST", Berlin, 2026, 3, 29, Utc(2026, 3, 29, 1)},
      {"Berlin fall-back day: 03:00 CET, once", Berlin, 2026, 10, 25, Utc(2026, 10, 25, 2)},
      {"03:00 skipped by the change: the same moment read as 04:00", Gap03, 2026, 3, 29, Utc(2026, 3, 29, 3)},
      {"03:00 happens twice: the earlier", Fold03, 2026, 10, 25, Utc(2026, 10, 25, 2)},
  };
  for (const auto& c : cases)
    EXPECT_EQ(LocalToUtc(DaysFromCivil(c.y, c.m, c.d), 3 * kHour, c.zone), c.expected) << c.name;
}

struct SlotCase {
  const char* name;
  BackupFrequency f;
  int64_t (*zone)(int64_t);
  int64_t now;
  int64_t next;  // SlotAfter(now)
  int64_t prev;  // SlotAtOrBefore(now)
};

TEST(BackupSchedule, SlotsForEachFrequency) {
  using F = BackupFrequency;
  const SlotCase cases[] = {
      {"daily before 03:00", F::kDaily, UtcZone, Utc(2026, 3, 10, 2, 59), Utc(2026, 3, 10, 3), Utc(2026, 3, 9, 3)},
      {"daily at 03:00 exactly is due now", F::kDaily, UtcZone, Utc(2026, 3, 10, 3), Utc(2026, 3, 11, 3), Utc(2026, 3, 10, 3)},
      {"daily across a month end", F::kDaily, UtcZone, Utc(2026, 4, 30, 12), Utc(2026, 5, 1, 3), Utc(2026, 4, 30, 3)},
      {"daily across a year end", F::kDaily, UtcZone, Utc(2026, 12, 31, 4), Utc(2027, 1, 1, 3), Utc(2026, 12, 31, 3)},
      {"daily into Feb 29 of a leap year", F::kDaily, UtcZone, Utc(2028, 2, 28, 5), Utc(2028, 2, 29, 3), Utc(2028, 2, 28, 3)},
      {"weekly on a Tuesday: next Monday", F::kWeekly, UtcZone, Utc(2026, 3, 10, 12), Utc(2026, 3, 16, 3), Utc(2026, 3, 9, 3)},
      {"weekly on Monday 02:00: later that day", F::kWeekly, UtcZone, Utc(2026, 3, 16, 2), Utc(2026, 3, 16, 3), Utc(2026, 3, 9, 3)},
      {"weekly on Sunday in New York", F::kWeekly, NewYork, Utc(2026, 3, 15, 20), Utc(2026, 3, 16, 7), Utc(2026, 3, 9, 7)},
      {"monthly mid-month", F::kMonthly, UtcZone, Utc(2026, 3, 10), Utc(2026, 4, 1, 3), Utc(2026, 3, 1, 3)},
      {"monthly from Feb 29 of a leap year", F::kMonthly, UtcZone, Utc(2028, 2, 29, 12), Utc(2028, 3, 1, 3), Utc(2028, 2, 1, 3)},
      {"monthly on Jan 31", F::kMonthly, UtcZone, Utc(2027, 1, 31, 12), Utc(2027, 2, 1, 3), Utc(2027, 1, 1, 3)},
      {"monthly in Tokyo: the 1st local is the 31st in UTC", F::kMonthly, Tokyo, Utc(2026, 4, 10), Utc(2026, 4, 30, 18), Utc(2026, 3, 31, 18)},
      {"daily in Berlin over spring forward", F::kDaily, Berlin, Utc(2026, 3, 28, 23), Utc(2026, 3, 29, 1), Utc(2026, 3, 28, 2)},
      {"daily in Berlin over fall back", F::kDaily, Berlin, Utc(2026, 10, 24, 23), Utc(2026, 10, 25, 2), Utc(2026, 10, 24, 1)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(SlotAfter(c.f, c.now, c.zone), c.next) << c.name << ": next " << FormatUtc(SlotAfter(c.f, c.now, c.zone));
    auto prev = SlotAtOrBefore(c.f, c.now, c.zone);
    ASSERT_TRUE(prev.has_value()) << c.name;
    EXPECT_EQ(*prev, c.prev) << c.name << ": prev " << FormatUtc(*prev);
  }
}

struct DueCase {
  const char* name;
  ScheduleInput in;
  int64_t (*zone)(int64_t);
  bool due;
};

TEST(BackupSchedule, DueOnceAndCatchUpOnce) {
  ScheduleInput disabled = Daily(Utc(2026, 3, 10, 4));
  disabled.enabled = false;
  ScheduleInput just_enabled = Daily(Utc(2026, 3, 10, 4));
  just_enabled.enabled_at = Utc(2026, 3, 10, 3, 30);
  ScheduleInput enabled_before = Daily(Utc(2026, 3, 10, 4));
  enabled_before.enabled_at = Utc(2026, 3, 10, 2);
  ScheduleInput weekly = Daily(Utc(2026, 3, 16, 3, 1), Utc(2026, 3, 9, 3));
  weekly.frequency = BackupFrequency::kWeekly;
  ScheduleInput weekly_tuesday = Daily(Utc(2026, 3, 17, 9), Utc(2026, 3, 16, 3));
  weekly_tuesday.frequency = BackupFrequency::kWeekly;
  const DueCase cases[] = {
      {"off: never due", disabled, UtcZone, false},
      {"never run, switched on after today's 03:00: waits for tomorrow", just_enabled, UtcZone, false},
      {"never run, switched on before 03:00: due at 03:00", enabled_before, UtcZone, true},
      {"ran today at 03:00: not again today", Daily(Utc(2026, 3, 10, 23), Utc(2026, 3, 10, 3)), UtcZone, false},
      {"ran yesterday, now 03:00: due", Daily(Utc(2026, 3, 10, 3), Utc(2026, 3, 9, 3)), UtcZone, true},
      {"ran yesterday, now 02:59: not yet", Daily(Utc(2026, 3, 10, 2, 59), Utc(2026, 3, 9, 3)), UtcZone, false},
      {"closed for a week: one catch-up", Daily(Utc(2026, 3, 17, 10), Utc(2026, 3, 10, 3)), UtcZone, true},
      {"the catch-up ran at 10:00: nothing more today", Daily(Utc(2026, 3, 17, 11), Utc(2026, 3, 17, 10)), UtcZone, false},
      {"a failed attempt counts as the attempt for its slot", Daily(Utc(2026, 3, 10, 5), Utc(2026, 3, 10, 3)), UtcZone, false},
      {"weekly: Monday 03:01 after last Monday's run", weekly, UtcZone, true},
      {"weekly: Tuesday after Monday's run", weekly_tuesday, UtcZone, false},
      {"Berlin fall back: second 02:30 after the 03:00 run", Daily(Utc(2026, 10, 25, 1, 30), Utc(2026, 10, 25, 2)), Berlin, false},
      {"fold at 03:00: the second 03:00 does not run again", Daily(Utc(2026, 10, 25, 3, 30), Utc(2026, 10, 25, 2)), Fold03, false},
      {"gap at 03:00: due from 04:00 local", Daily(Utc(2026, 3, 29, 3), Utc(2026, 3, 28, 3)), Gap03, true},
      {"gap at 03:00: not at 02:59 local", Daily(Utc(2026, 3, 29, 2, 59), Utc(2026, 3, 28, 3)), Gap03, false},
      {"New York, spring-forward day, 03:00 EDT", Daily(Utc(2026, 3, 8, 7), Utc(2026, 3, 7, 8)), NewYork, true},
      {"clock set back before the last attempt: not due", Daily(Utc(2026, 3, 9, 4), Utc(2026, 3, 10, 3)), UtcZone, false},
  };
  for (const auto& c : cases) EXPECT_EQ(DecideSchedule(c.in, c.zone).due, c.due) << c.name;
}

TEST(BackupSchedule, DecisionNamesTheSlotAndTheNextOne) {
  ScheduleDecision d = DecideSchedule(Daily(Utc(2026, 3, 17, 10), Utc(2026, 3, 10, 3)), UtcZone);
  ASSERT_TRUE(d.due);
  EXPECT_EQ(*d.slot, Utc(2026, 3, 17, 3));
  EXPECT_EQ(*d.next_due, Utc(2026, 3, 18, 3));
  ScheduleInput off = Daily(Utc(2026, 3, 17, 10));
  off.enabled = false;
  EXPECT_FALSE(DecideSchedule(off, UtcZone).next_due.has_value());
}

TEST(BackupSchedule, LastFailedWhenTheLatestAttemptDidNotSucceed) {
  ScheduleInput in = Daily(Utc(2026, 3, 10, 5), Utc(2026, 3, 10, 3));
  in.last_success = Utc(2026, 3, 9, 3);
  EXPECT_TRUE(DecideSchedule(in, UtcZone).last_failed);
  in.last_success = in.last_attempt;
  EXPECT_FALSE(DecideSchedule(in, UtcZone).last_failed);
  in.last_success.reset();
  EXPECT_TRUE(DecideSchedule(in, UtcZone).last_failed);
}

TEST(BackupSchedule, FrequencyNamesRoundTrip) {
  for (auto f : {BackupFrequency::kDaily, BackupFrequency::kWeekly, BackupFrequency::kMonthly})
    EXPECT_EQ(ParseFrequency(FrequencyName(f)), f);
  EXPECT_FALSE(ParseFrequency("hourly").has_value());
  EXPECT_FALSE(ParseFrequency("Daily").has_value());
}

}  // namespace
}  // namespace streakbox
