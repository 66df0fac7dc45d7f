#include <gtest/gtest.h>

#include "streakbox/tracker.h"

namespace streakbox {

TEST(ComputeStreak, EmptyHistoryHasNoStreak) {
  Streak s = ComputeStreak({}, 100);
  EXPECT_EQ(s.current, 0);
  EXPECT_EQ(s.best, 0);
}

TEST(ComputeStreak, RunEndingTodayIsCurrent) {
  Streak s = ComputeStreak({97, 98, 99, 100}, 100);
  EXPECT_EQ(s.current, 4);
  EXPECT_EQ(s.best, 4);
}

TEST(ComputeStreak, OpenTodayDoesNotBreakYesterdaysRun) {
  Streak s = ComputeStreak({97, 98, 99}, 100);
  EXPECT_EQ(s.current, 3);
}

TEST(ComputeStreak, MissedDayEndsCurrentStreakButKeepsBest) {
  Streak s = ComputeStreak({90, 91, 92, 93, 94, 97, 98}, 100);
  EXPECT_EQ(s.current, 0);
  EXPECT_EQ(s.best, 5);
}

TEST(ComputeStreak, GapsSplitRuns) {
  Streak s = ComputeStreak({1, 2, 4, 5, 6, 99, 100}, 100);
  EXPECT_EQ(s.current, 2);
  EXPECT_EQ(s.best, 3);
}

TEST(ComputeStreak, FutureDaysAreIgnored) {
  Streak s = ComputeStreak({99, 100, 101, 102}, 100);
  EXPECT_EQ(s.current, 2);
  EXPECT_EQ(s.best, 2);
}

}  // namespace streakbox
