#include "streakbox/dates.h"

#include <cstdio>
#include <ctime>
#include <optional>

namespace streakbox {
namespace {

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {
// The YYYY-MM-DD date in `t` as days since 1970-01-01, or nothing when it is none.
std::optional<int64_t> DayOf(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int v[8], k = 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
    v[k++] = t[i] - '0';
  }
  const int64_t y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
  const unsigned m = static_cast<unsigned>(v[4] * 10 + v[5]);
  const unsigned d = static_cast<unsigned>(v[6] * 10 + v[7]);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return DaysFromCivil(y, m, d);
}
}  // namespace

Result<int64_t> ParseDate(std::string_view t) {
  const std::optional<int64_t> day = DayOf(t);
  if (!day) return Status::InvalidDate("'" + std::string(t) + "' is not a date in the form YYYY-MM-DD");
  return *day;
}

bool IsValidDate(std::string_view text) { return DayOf(text).has_value(); }

std::string FormatDate(int64_t day) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  if (y < 0 || y > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buf;
  }
  // The common case without snprintf: imports format one date per entry.
  std::string out = "0000-00-00";
  for (int i = 3; i >= 0; --i, y /= 10) out[i] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
  return out;
}

std::string FormatUtc(int64_t s) {
  int64_t day = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  int64_t rem = s - day * 86400;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lldZ", FormatDate(day).c_str(),
                static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                static_cast<long long>(rem % 60));
  return buf;
}

int64_t SystemClock::NowUnixSeconds() const { return static_cast<int64_t>(std::time(nullptr)); }

std::string SystemClock::TodayLocal() const {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return FormatDate(DaysFromCivil(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1),
                                  static_cast<unsigned>(tm.tm_mday)));
}

int64_t SystemClock::UtcOffsetSeconds(int64_t unix_seconds) const {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm.tm_gmtoff;
}

}  // namespace streakbox
