// Calendar dates as the core sees them: 'YYYY-MM-DD' strings in the user's
// local calendar, converted to a day number (days since 1970-01-01) for
// arithmetic. Times are ISO-8601 UTC strings ('YYYY-MM-DDTHH:MM:SSZ').
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "streakbox/status.h"

namespace streakbox {

// Parses a strict 'YYYY-MM-DD' (years 1900..9999, real month and day) into a
// day number. Anything else is kInvalidDate, naming the bad value.
Result<int64_t> ParseDate(std::string_view text);
bool IsValidDate(std::string_view text);

// The 'YYYY-MM-DD' of a day number.
std::string FormatDate(int64_t day);

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

// Formats seconds since the Unix epoch as 'YYYY-MM-DDTHH:MM:SSZ'.
std::string FormatUtc(int64_t unix_seconds);

// Where the core gets the time. Native code uses SystemClock; the wasm build
// asks the browser (so the local calendar is the user's); tests fix both.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowUnixSeconds() const = 0;
  // Today's date in the user's local calendar, 'YYYY-MM-DD'.
  virtual std::string TodayLocal() const = 0;
  // The user's local offset from UTC (seconds east) at a UTC instant, for the
  // backup schedule (backup_schedule.h). The default is UTC.
  virtual int64_t UtcOffsetSeconds(int64_t /*unix_seconds*/) const { return 0; }
};

class SystemClock : public Clock {
 public:
  int64_t NowUnixSeconds() const override;
  std::string TodayLocal() const override;
  int64_t UtcOffsetSeconds(int64_t unix_seconds) const override;
};

// A clock that stands still until moved; for tests.
class FixedClock : public Clock {
 public:
  FixedClock(int64_t unix_seconds, std::string today) : now_(unix_seconds), today_(std::move(today)) {}
  int64_t NowUnixSeconds() const override { return now_; }
  std::string TodayLocal() const override { return today_; }
  int64_t UtcOffsetSeconds(int64_t) const override { return offset_; }
  void SetUtcOffset(int64_t seconds) { offset_ = seconds; }
  void Set(int64_t unix_seconds, std::string today) {
    now_ = unix_seconds;
    today_ = std::move(today);
  }

 private:
  int64_t now_;
  std::string today_;
  int64_t offset_ = 0;
};

}  // namespace streakbox
