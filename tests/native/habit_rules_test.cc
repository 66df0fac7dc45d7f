// The pure habit rules (habit_rules.h) as tables: schedules and their
// periods, the readers' refusals, day completion and streak runs.
#include <gtest/gtest.h>

#include "streakbox/dates.h"
#include "streakbox/habit_rules.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

int64_t D(const char* date) { return ParseDate(date).value(); }

TEST(HabitRules, WeekdayIsIso) {
  EXPECT_EQ(Weekday(D("1970-01-01")), 4);  // Thursday
  EXPECT_EQ(Weekday(D("2026-03-09")), 1);  // Monday
  EXPECT_EQ(Weekday(D("2026-03-15")), 7);  // Sunday
  EXPECT_EQ(Weekday(D("1969-12-29")), 1);  // before the epoch
}

TEST(HabitRules, PeriodsAreWeeksMonthsAndBlocksFromMonday19700105) {
  struct Row {
    const char* schedule;
    const char* day;
    const char* start;
    const char* end;
  } rows[] = {
      {R"({"type":"per_week","times":3})", "2026-03-11", "2026-03-09", "2026-03-15"},
      {R"({"type":"per_week","times":3})", "2026-03-09", "2026-03-09", "2026-03-15"},
      {R"({"type":"per_week","times":3})", "2026-03-15", "2026-03-09", "2026-03-15"},
      {R"({"type":"per_month","times":4})", "2026-02-14", "2026-02-01", "2026-02-28"},
      {R"({"type":"per_month","times":4})", "2028-02-29", "2028-02-01", "2028-02-29"},
      {R"({"type":"per_month","times":4})", "2026-12-31", "2026-12-01", "2026-12-31"},
      {R"({"type":"per_days","times":3,"days":7})", "2026-03-11", "2026-03-09", "2026-03-15"},
      {R"({"type":"per_days","times":1,"days":10})", "1970-01-05", "1970-01-05", "1970-01-14"},
      {R"({"type":"per_days","times":1,"days":10})", "1970-01-04", "1969-12-26", "1970-01-04"},
      {R"({"type":"daily"})", "2026-03-11", "2026-03-11", "2026-03-11"},
  };
  for (const Row& r : rows) {
    Schedule s = ReadSchedule(json::parse(r.schedule), "s").value();
    Period p = PeriodOf(s, D(r.day));
    EXPECT_EQ(FormatDate(p.start), r.start) << r.schedule << " " << r.day;
    EXPECT_EQ(FormatDate(p.end), r.end) << r.schedule << " " << r.day;
  }
}

TEST(HabitRules, WeekdaySchedulesAreDueOnTheirDaysOnly) {
  Schedule mwf = ReadSchedule(json::parse(R"({"type":"weekdays","weekdays":[1,3,5]})"), "s").value();
  const bool expected[7] = {true, false, true, false, true, false, false};
  for (int i = 0; i < 7; ++i) EXPECT_EQ(IsDueOn(mwf, D("2026-03-09") + i), expected[i]) << i;
  EXPECT_TRUE(IsDueOn(Schedule{}, D("2026-03-10")));
}

TEST(HabitRules, SchedulesRoundTripThroughJsonAndColumns) {
  for (const char* text : {R"({"type":"daily"})", R"({"type":"weekdays","weekdays":[1,3,5]})",
                           R"({"type":"per_week","times":3})", R"({"type":"per_month","times":31})",
                           R"({"type":"per_days","times":2,"days":10})"}) {
    Schedule s = ReadSchedule(json::parse(text), "s").value();
    EXPECT_EQ(ScheduleJson(s), json::parse(text));
    auto back = ScheduleFromColumns(ScheduleTypeName(s.type), s.weekdays, s.times, s.days);
    ASSERT_TRUE(back.ok()) << text;
    EXPECT_TRUE(back.value() == s) << text;
  }
}

TEST(HabitRules, SchedulesThatCanNeverBeMetAreRefusedNamingTheField) {
  struct Row {
    const char* schedule;
    const char* message;
  } rows[] = {
      {R"({"type":"per_week","times":0})", "task.schedule.times must be 1 to 7 for a weekly schedule"},
      {R"({"type":"per_week","times":8})", "task.schedule.times must be 1 to 7 for a weekly schedule"},
      {R"({"type":"per_week"})", "task.schedule.times is required: 1 to 7 for a weekly schedule"},
      {R"({"type":"per_week","times":2.5})", "task.schedule.times must be 1 to 7 for a weekly schedule"},
      {R"({"type":"per_month","times":32})", "task.schedule.times must be 1 to 31 for a monthly schedule"},
      {R"({"type":"per_days","times":5,"days":4})", "task.schedule.times must be 1 to 4 (the number of days)"},
      {R"({"type":"per_days","times":1,"days":367})", "task.schedule.days must be 1 to 366 days"},
      {R"({"type":"weekdays","weekdays":[]})", "task.schedule.weekdays must list at least one weekday, 1 (Monday) to 7 (Sunday)"},
      {R"({"type":"weekdays"})", "task.schedule.weekdays must list at least one weekday, 1 (Monday) to 7 (Sunday)"},
      {R"({"type":"weekdays","weekdays":[0]})", "task.schedule.weekdays must hold weekdays 1 (Monday) to 7 (Sunday)"},
      {R"({"type":"weekdays","weekdays":[1,1]})", "task.schedule.weekdays names weekday 1 twice"},
      {R"({"type":"weekly"})", "task.schedule.type must be one of 'daily', 'weekdays', 'per_week', 'per_month', 'per_days', not 'weekly'"},
      {R"({"type":"daily","times":2})", "task.schedule has no field 'times'"},
      {R"("daily")", "task.schedule must be an object such as {\"type\":\"daily\"}"},
  };
  for (const Row& r : rows) {
    auto s = ReadSchedule(json::parse(r.schedule), "task.schedule");
    ASSERT_FALSE(s.ok()) << r.schedule;
    EXPECT_EQ(s.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(s.status().message(), r.message) << r.schedule;
  }
}

TEST(HabitRules, MeasuresAndAmounts) {
  struct Row {
    const char* measure;
    const char* message;  // "" when valid
  } rows[] = {
      {R"({"unit":"glasses","target":8,"direction":"at_least"})", ""},
      {R"({"unit":"coffees","target":0,"direction":"at_most"})", ""},
      {R"({"target":6.5})", ""},
      {R"({"unit":"km","target":0,"direction":"at_least"})", "task.measure.target must be above 0 for an 'at least' target"},
      {R"({"unit":"km","target":-1,"direction":"at_most"})", "task.measure.target must be a number from 0 to 1000000000"},
      {R"({"unit":"km","target":"5"})", "task.measure.target must be a number from 0 to 1000000000"},
      {R"({"unit":"km"})", "task.measure.target is required: the amount that counts as done"},
      {R"({"unit":"km","target":1e10})", "task.measure.target must be a number from 0 to 1000000000"},
      {R"({"unit":"km","target":5,"direction":"more"})", "task.measure.direction must be 'at_least' or 'at_most'"},
      {R"({"unit":"a unit that is far too long","target":5})", "task.measure.unit is longer than 20 characters"},
      {R"({"unit":"km","target":5,"goal":3})", "task.measure has no field 'goal'"},
  };
  for (const Row& r : rows) {
    auto m = ReadMeasure(json::parse(r.measure), "task.measure");
    if (std::string(r.message).empty()) {
      EXPECT_TRUE(m.ok()) << r.measure << ": " << m.status().ToString();
    } else {
      ASSERT_FALSE(m.ok()) << r.measure;
      EXPECT_EQ(m.status().message(), r.message);
    }
  }
  Measure at_least{"glasses", 8, false}, at_most{"coffees", 2, true};
  EXPECT_TRUE(MeetsTarget(at_least, 8));
  EXPECT_FALSE(MeetsTarget(at_least, 7.5));
  EXPECT_TRUE(MeetsTarget(at_most, 2));
  EXPECT_TRUE(MeetsTarget(at_most, 0));
  EXPECT_FALSE(MeetsTarget(at_most, 2.5));
  EXPECT_FALSE(ReadAmount(json("6.5"), "entry.amount").ok());
  EXPECT_FALSE(ReadAmount(json(true), "entry.amount").ok());
  EXPECT_FALSE(ReadAmount(json(-0.5), "entry.amount").ok());
  EXPECT_DOUBLE_EQ(ReadAmount(json(6.5), "entry.amount").value(), 6.5);
  EXPECT_EQ(ReadAmount(json("x"), "entry.amount").status().message(), "entry.amount must be a number from 0 to 1000000000");
}

TEST(HabitRules, NotesAreTrimmedAndCapped) {
  EXPECT_EQ(NormalizeNote("entry.note", "  felt great\nreally  ").value(), "felt great\nreally");
  EXPECT_EQ(NormalizeNote("entry.note", std::string(500, 'a')).value().size(), 500u);
  EXPECT_EQ(NormalizeNote("entry.note", std::string(501, 'a')).status().message(),
            "entry.note is longer than 500 characters");
  EXPECT_FALSE(NormalizeNote("entry.note", "bell\x07").ok());
  EXPECT_FALSE(NormalizeNote("entry.note", "\xff").ok());
}

TEST(HabitRules, MeasurablePeriodicTasksCountTheTotal) {
  Schedule weekly = ReadSchedule(json::parse(R"({"type":"per_week","times":2})"), "s").value();
  EXPECT_EQ(CheckHabit(weekly, Measure{"km", 10, false}, "task").message(),
            "task.schedule.times must be 1 for a measurable task counted in periods: its target is the period's total");
  EXPECT_TRUE(CheckHabit(weekly, std::nullopt, "task").ok());
  weekly.times = 1;
  EXPECT_TRUE(CheckHabit(weekly, Measure{"km", 10, false}, "task").ok());
  EXPECT_TRUE(PeriodMet(weekly, Measure{"km", 10, false}, 2, 10.5, 2));
  EXPECT_FALSE(PeriodMet(weekly, Measure{"km", 10, false}, 2, 9.5, 2));
  EXPECT_TRUE(PeriodMet(weekly, Measure{"drinks", 3, true}, 2, 3, 2));
  EXPECT_FALSE(PeriodMet(weekly, Measure{"drinks", 3, true}, 0, 0, 0));  // nothing recorded
}

TEST(HabitRules, DayCompletionTable) {
  struct Row {
    DayTally t;
    DayState expected;
    const char* why;
  } rows[] = {
      {{2, 2, 0, 2, true, false}, DayState::kComplete, "every required task due is done"},
      {{2, 1, 0, 3, true, false}, DayState::kOpen, "one required task due is not done"},
      {{2, 1, 1, 1, true, false}, DayState::kComplete, "done or skipped, one done"},
      {{2, 0, 2, 0, true, false}, DayState::kPaused, "everything due was skipped"},
      {{0, 0, 0, 1, true, false}, DayState::kPaused, "required tasks, none due today"},
      {{0, 0, 0, 0, true, false}, DayState::kPaused, "required tasks, none due, nothing done"},
      {{0, 0, 0, 1, false, false}, DayState::kComplete, "no required task: any done completes"},
      {{0, 0, 0, 0, false, false}, DayState::kOpen, "no required task, nothing done"},
      {{2, 2, 0, 2, true, true}, DayState::kPaused, "a day off pauses even a done day"},
      {{2, 0, 0, 0, true, true}, DayState::kPaused, "a day off pauses an undone day"},
  };
  for (const Row& r : rows) EXPECT_EQ(EvaluateDayTally(r.t), r.expected) << r.why;
}

TEST(HabitRules, StreakRunTable) {
  const Mark M = Mark::kMet, X = Mark::kMissed, P = Mark::kPaused;
  struct Row {
    std::vector<Mark> marks;
    int64_t current, best;
    const char* why;
  } rows[] = {
      {{}, 0, 0, "nothing yet"},
      {{M, M, M, M}, 4, 4, "a run ending today"},
      {{M, M, M, X}, 3, 3, "an open today does not break yesterday's run"},
      {{M, M, M, M, M, X, X, M, M, X, X}, 0, 5, "a missed day ends the current run; best is kept"},
      {{M, M, X, M, M, M, X, M, M}, 2, 3, "gaps split runs"},
      {{M, P, M, P, P, M}, 3, 3, "paused steps neither break nor extend"},
      {{M, M, P, X}, 2, 2, "open today after a paused day"},
      {{M, X, P, M}, 1, 1, "a miss before a pause still breaks"},
      {{P, P, P}, 0, 0, "only paused"},
      {{X}, 0, 0, "only an open today"},
  };
  for (const Row& r : rows) {
    Streak s = RunStreak(r.marks);
    EXPECT_EQ(s.current, r.current) << r.why;
    EXPECT_EQ(s.best, r.best) << r.why;
  }
}

}  // namespace
}  // namespace streakbox

namespace streakbox {
namespace {

TEST(HabitRules, StreakRunsLieWhereTheRunsAre) {
  const Mark M = Mark::kMet, X = Mark::kMissed, P = Mark::kPaused;
  struct Row {
    std::vector<Mark> marks;
    int64_t current_first, current_last, best_first, best_last;
    const char* why;
  } rows[] = {
      {{}, -1, -1, -1, -1, "nothing yet"},
      {{M, M, M, M}, 0, 3, 0, 3, "one run, current and best"},
      {{M, M, M, X}, 0, 2, 0, 2, "an open today is not the run's end"},
      {{M, M, X, M, M, M, X, M, M}, 7, 8, 3, 5, "the best run lies between misses"},
      {{M, M, X, M, M}, 3, 4, 0, 1, "equally long runs: the earliest is the best"},
      {{P, M, P, M, P}, 1, 3, 1, 3, "paused steps are not a run's ends"},
      {{M, X, X}, -1, -1, 0, 0, "no current run"},
      {{P, P}, -1, -1, -1, -1, "only paused"},
  };
  for (const Row& r : rows) {
    StreakRuns s = FindStreakRuns(r.marks);
    EXPECT_EQ(s.current_first, r.current_first) << r.why;
    EXPECT_EQ(s.current_last, r.current_last) << r.why;
    EXPECT_EQ(s.best_first, r.best_first) << r.why;
    EXPECT_EQ(s.best_last, r.best_last) << r.why;
    EXPECT_EQ(s.streak.current, RunStreak(r.marks).current) << r.why;
    EXPECT_EQ(s.streak.best, RunStreak(r.marks).best) << r.why;
  }
}

TEST(HabitRules, BucketStartsAreMondaysAndFirstsOfTheMonth) {
  const int64_t tue = DaysFromCivil(2026, 3, 10);
  EXPECT_EQ(FormatDate(BucketStart(Bucket::kWeek, tue)), "2026-03-09");
  EXPECT_EQ(FormatDate(BucketStart(Bucket::kWeek, DaysFromCivil(2026, 3, 9))), "2026-03-09");
  EXPECT_EQ(FormatDate(BucketStart(Bucket::kWeek, DaysFromCivil(2026, 3, 8))), "2026-03-02");
  EXPECT_EQ(FormatDate(BucketStart(Bucket::kMonth, tue)), "2026-03-01");
  EXPECT_EQ(FormatDate(BucketStart(Bucket::kMonth, DaysFromCivil(2024, 2, 29))), "2024-02-01");
  EXPECT_EQ(FormatDate(BucketStart(Bucket::kMonth, DaysFromCivil(1969, 12, 31))), "1969-12-01");
}

TEST(HabitRules, RatesCountMetAndMissedStepsByTheBucketTheyStartIn) {
  const Mark M = Mark::kMet, X = Mark::kMissed, P = Mark::kPaused;
  const int64_t today = DaysFromCivil(2026, 3, 10);  // a Tuesday
  // Sun 1 Mar .. Tue 10 Mar: M X P M M M M M M X(today, open).
  std::vector<int64_t> starts;
  for (int i = 0; i < 10; ++i) starts.push_back(DaysFromCivil(2026, 3, 1) + i);
  const std::vector<Mark> marks = {M, X, P, M, M, M, M, M, M, X};
  auto weeks = RatesByBucket(starts, marks, Bucket::kWeek, 3, today);
  ASSERT_EQ(weeks.size(), 3u);
  EXPECT_EQ(FormatDate(weeks[0].start), "2026-02-23");
  EXPECT_EQ(weeks[0].met, 1);  // Sun 1 Mar
  EXPECT_EQ(weeks[0].counted, 1);
  EXPECT_EQ(FormatDate(weeks[1].start), "2026-03-02");
  EXPECT_EQ(weeks[1].met, 5);      // 4..8 Mar
  EXPECT_EQ(weeks[1].counted, 6);  // and the miss of 2 Mar; 3 Mar paused
  EXPECT_EQ(weeks[2].met, 1);      // 9 Mar; today is still open
  EXPECT_EQ(weeks[2].counted, 1);
  auto months = RatesByBucket(starts, marks, Bucket::kMonth, 2, today);
  EXPECT_EQ(FormatDate(months[0].start), "2026-02-01");
  EXPECT_EQ(months[0].counted, 0);
  EXPECT_EQ(months[1].met, 7);
  EXPECT_EQ(months[1].counted, 8);
  // A miss that is not the last step counts; steps before the window do not.
  auto one = RatesByBucket({DaysFromCivil(2026, 1, 1), today - 1, today}, {M, X, M}, Bucket::kWeek, 1, today);
  EXPECT_EQ(one[0].met, 1);
  EXPECT_EQ(one[0].counted, 2);
}

}  // namespace
}  // namespace streakbox
