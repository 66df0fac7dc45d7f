#include "streakbox/dates.h"

#include <gtest/gtest.h>

namespace streakbox {

TEST(Dates, ParsesAndFormatsRoundTrip) {
  for (const char* d : {"1970-01-01", "2000-02-29", "2024-12-31", "2026-03-10", "9999-12-31"}) {
    auto r = ParseDate(d);
    ASSERT_TRUE(r.ok()) << d;
    EXPECT_EQ(FormatDate(r.value()), d);
  }
  EXPECT_EQ(ParseDate("1970-01-01").value(), 0);
  EXPECT_EQ(ParseDate("1970-01-02").value(), 1);
}

TEST(Dates, RejectsMalformedAndImpossibleDates) {
  for (const char* d : {"", "2026-3-10", "2026/03/10", "2026-02-29", "2026-13-01", "2026-00-10",
                        "2026-04-31", "1899-12-31", "abcd-ef-gh", "2026-03-10T00:00", " 2026-03-10"}) {
    auto r = ParseDate(d);
    EXPECT_FALSE(r.ok()) << d;
    EXPECT_EQ(r.status().code(), Code::kInvalidDate) << d;
  }
}

TEST(Dates, LeapYears) {
  EXPECT_TRUE(IsValidDate("2000-02-29"));
  EXPECT_TRUE(IsValidDate("2024-02-29"));
  EXPECT_FALSE(IsValidDate("1900-02-29"));
  EXPECT_FALSE(IsValidDate("2100-02-29"));
}

TEST(Dates, FormatsUtcTimes) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtc(1773144000), "2026-03-10T12:00:00Z");
  EXPECT_EQ(FormatUtc(951782399), "2000-02-28T23:59:59Z");
}

}  // namespace streakbox
