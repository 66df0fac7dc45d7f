#include "streakbox/tracker.h"

#include "test_db.h"

namespace streakbox {
namespace {

class TrackerTest : public DbTest {
 protected:
  int64_t NewProfile(const std::string& name = "Mom") {
    auto r = tracker().CreateProfile(name, "#3b82f6");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.value();
  }
  int64_t NewTask(int64_t profile, const std::string& title, bool required = true) {
    TaskFields f;
    f.title = title;
    f.required = required;
    auto r = tracker().CreateTask(profile, f);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.value();
  }
  bool Complete(int64_t profile, const std::string& date) {
    return tracker().GetDay(profile, date).value().completed_at.has_value();
  }
};

TEST_F(TrackerTest, CreatesListsRenamesAndRecolorsProfiles) {
  int64_t mom = NewProfile("  Mom ");
  int64_t dad = NewProfile("Dad");
  auto list = tracker().ListProfiles().value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "Dad");
  EXPECT_EQ(list[1].name, "Mom");  // trimmed
  ASSERT_TRUE(tracker().UpdateProfile(mom, {std::string("Mother"), std::string("#FF0000")}).ok());
  Profile p = tracker().GetProfile(mom).value();
  EXPECT_EQ(p.name, "Mother");
  EXPECT_EQ(p.color, "#FF0000");
  EXPECT_EQ(p.updated_at, "2026-03-10T12:00:00Z");
  EXPECT_NE(dad, mom);
}

TEST_F(TrackerTest, RejectsEmptyAndDuplicateProfileNamesChangingNothing) {
  NewProfile("Mom");
  EXPECT_EQ(tracker().CreateProfile("", "#000000").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(tracker().CreateProfile("   ", "#000000").status().code(), Code::kInvalidArgument);
  Status dup = tracker().CreateProfile("Mom", "#000000").status();
  EXPECT_EQ(dup.code(), Code::kAlreadyExists);
  EXPECT_NE(dup.message().find("'Mom'"), std::string::npos);
  EXPECT_EQ(tracker().CreateProfile("Kid", "blue").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(tracker().CreateProfile(std::string(61, 'x'), "#000000").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(tracker().CreateProfile("bad\x01name", "#000000").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Count("profiles"), 1);
}

TEST_F(TrackerTest, RenameToTakenNameFailsAndKeepsOldName) {
  int64_t mom = NewProfile("Mom");
  NewProfile("Dad");
  EXPECT_EQ(tracker().UpdateProfile(mom, {std::string("Dad"), {}}).code(), Code::kAlreadyExists);
  EXPECT_EQ(tracker().GetProfile(mom).value().name, "Mom");
}

TEST_F(TrackerTest, UnknownIdsAreNotFound) {
  EXPECT_EQ(tracker().GetProfile(42).status().code(), Code::kNotFound);
  EXPECT_EQ(tracker().UpdateProfile(42, {std::string("X"), {}}).code(), Code::kNotFound);
  EXPECT_EQ(tracker().DeleteProfile(42).code(), Code::kNotFound);
  EXPECT_EQ(tracker().ListTasks(42).status().code(), Code::kNotFound);
  EXPECT_EQ(tracker().CreateTask(42, TaskFields{"Run"}).status().code(), Code::kNotFound);
  EXPECT_EQ(tracker().UpdateTask(42, TaskPatch{}).code(), Code::kNotFound);
  EXPECT_EQ(tracker().DeleteTask(42).code(), Code::kNotFound);
  int64_t p = NewProfile();
  EXPECT_EQ(tracker().SetCheck(p, 42, "2026-03-10", true).code(), Code::kNotFound);
  EXPECT_EQ(Count("tasks"), 0);
}

TEST_F(TrackerTest, TaskTitlesAreUniquePerProfileExactAndCaseSensitive) {
  int64_t mom = NewProfile("Mom"), dad = NewProfile("Dad");
  NewTask(mom, "Morning run");
  EXPECT_EQ(tracker().CreateTask(mom, TaskFields{"Morning run"}).status().code(), Code::kAlreadyExists);
  EXPECT_EQ(tracker().CreateTask(mom, TaskFields{" Morning run "}).status().code(), Code::kAlreadyExists);
  EXPECT_TRUE(tracker().CreateTask(mom, TaskFields{"morning run"}).ok());  // case differs
  EXPECT_TRUE(tracker().CreateTask(dad, TaskFields{"Morning run"}).ok());  // other profile
  EXPECT_EQ(Count("tasks"), 3);
}

TEST_F(TrackerTest, TasksKeepEveryFieldAndOrder) {
  int64_t p = NewProfile();
  TaskFields f{"Read", "20 pages", false, true, true};
  int64_t read = tracker().CreateTask(p, f).value();
  int64_t run = NewTask(p, "Run");
  Task t = tracker().GetTask(read).value();
  EXPECT_EQ(t.description, "20 pages");
  EXPECT_FALSE(t.required);
  EXPECT_TRUE(t.fitbit_auto_check);
  EXPECT_EQ(t.sort_order, 0);
  EXPECT_EQ(tracker().GetTask(run).value().sort_order, 1);
  ASSERT_TRUE(tracker().ReorderTasks(p, {run, read}).ok());
  auto tasks = tracker().ListTasks(p).value();
  EXPECT_EQ(tasks[0].id, run);
  EXPECT_EQ(tasks[1].id, read);
  EXPECT_EQ(tracker().ReorderTasks(p, {run}).code(), Code::kInvalidArgument);
  EXPECT_EQ(tracker().ReorderTasks(p, {run, run}).code(), Code::kInvalidArgument);
  EXPECT_EQ(tracker().ListTasks(p).value()[0].id, run);
}

TEST_F(TrackerTest, DayCompletesWhenEveryActiveRequiredTaskIsChecked) {
  int64_t p = NewProfile();
  int64_t run = NewTask(p, "Run"), read = NewTask(p, "Read"), floss = NewTask(p, "Floss", false);
  ASSERT_TRUE(tracker().SetCheck(p, run, "2026-03-10", true).ok());
  ASSERT_TRUE(tracker().SetCheck(p, floss, "2026-03-10", true).ok());
  EXPECT_FALSE(Complete(p, "2026-03-10"));
  ASSERT_TRUE(tracker().SetCheck(p, read, "2026-03-10", true).ok());
  Day d = tracker().GetDay(p, "2026-03-10").value();
  ASSERT_TRUE(d.completed_at.has_value());
  EXPECT_EQ(*d.completed_at, "2026-03-10T12:00:00Z");
  EXPECT_EQ(d.tasks.size(), 3u);
  EXPECT_TRUE(d.tasks[0].entry.done);
  ASSERT_TRUE(tracker().SetCheck(p, read, "2026-03-10", false).ok());
  EXPECT_FALSE(Complete(p, "2026-03-10"));  // cleared when one is unchecked
}

TEST_F(TrackerTest, InactiveRequiredTasksDoNotBlockCompletion) {
  int64_t p = NewProfile();
  int64_t run = NewTask(p, "Run"), swim = NewTask(p, "Swim");
  ASSERT_TRUE(tracker().UpdateTask(swim, TaskPatch{{}, {}, {}, false, {}, {}}).ok());
  ASSERT_TRUE(tracker().SetCheck(p, run, "2026-03-09", true).ok());
  EXPECT_TRUE(Complete(p, "2026-03-09"));
}

TEST_F(TrackerTest, WithoutRequiredTasksOneCheckCompletesTheDay) {
  int64_t p = NewProfile();
  int64_t read = NewTask(p, "Read", false);
  NewTask(p, "Walk", false);
  EXPECT_FALSE(Complete(p, "2026-03-10"));
  ASSERT_TRUE(tracker().SetCheck(p, read, "2026-03-10", true).ok());
  EXPECT_TRUE(Complete(p, "2026-03-10"));
}

TEST_F(TrackerTest, AddingARequiredTaskReopensTodayButNotThePast) {
  int64_t p = NewProfile();
  int64_t run = NewTask(p, "Run");
  ASSERT_TRUE(tracker().SetCheck(p, run, "2026-03-09", true).ok());
  ASSERT_TRUE(tracker().SetCheck(p, run, "2026-03-10", true).ok());
  EXPECT_TRUE(Complete(p, "2026-03-10"));
  NewTask(p, "Read");
  EXPECT_FALSE(Complete(p, "2026-03-10"));
  EXPECT_TRUE(Complete(p, "2026-03-09"));
}

TEST_F(TrackerTest, RejectsBadAndFutureDatesChangingNothing) {
  int64_t p = NewProfile();
  int64_t run = NewTask(p, "Run");
  EXPECT_EQ(tracker().SetCheck(p, run, "2026-02-30", true).code(), Code::kInvalidDate);
  EXPECT_EQ(tracker().SetCheck(p, run, "10/03/2026", true).code(), Code::kInvalidDate);
  EXPECT_EQ(tracker().SetCheck(p, run, "2026-03-11", true).code(), Code::kInvalidDate);
  EXPECT_EQ(tracker().GetDay(p, "yesterday").status().code(), Code::kInvalidDate);
  EXPECT_EQ(Count("task_checks"), 0);
  EXPECT_EQ(Count("daily_status"), 0);
}

TEST_F(TrackerTest, TaskOfAnotherProfileCannotBeChecked) {
  int64_t mom = NewProfile("Mom"), dad = NewProfile("Dad");
  int64_t run = NewTask(mom, "Run");
  EXPECT_EQ(tracker().SetCheck(dad, run, "2026-03-10", true).code(), Code::kNotFound);
  EXPECT_EQ(Count("task_checks"), 0);
}

TEST_F(TrackerTest, StreaksPerProfileAndPerTask) {
  int64_t p = NewProfile();
  int64_t run = NewTask(p, "Run"), read = NewTask(p, "Read", false);
  for (const char* d : {"2026-03-01", "2026-03-02", "2026-03-03", "2026-03-08", "2026-03-09"})
    ASSERT_TRUE(tracker().SetCheck(p, run, d, true).ok());
  ASSERT_TRUE(tracker().SetCheck(p, read, "2026-03-09", true).ok());
  Streak s = tracker().GetStreak(p).value();
  EXPECT_EQ(s.current, 2);  // 8th and 9th; today (10th) still open
  EXPECT_EQ(s.best, 3);
  auto ts = tracker().GetTaskStreaks(p).value();
  ASSERT_EQ(ts.size(), 2u);
  EXPECT_EQ(ts[0].task_id, run);
  EXPECT_EQ(ts[0].streak.best, 3);
  EXPECT_EQ(ts[1].streak.current, 1);
}

// A small fixed history (today is Tue 2026-03-10). Run, required and daily:
// done 1-4 Feb, 12-14 Feb, a day off on 15 Feb, done 16-17 Feb, skipped 18 Feb,
// done 19 Feb, then nothing until 8-9 Mar. Gym, twice a week, not required:
// met in the weeks of 16 Feb and 2 Mar, missed in the week of 23 Feb.
TEST_F(TrackerTest, ProgressGivesStreakDatesAndRatesByWeekAndMonth) {
  int64_t p = NewProfile();
  int64_t run = NewTask(p, "Run");
  TaskFields gym_fields;
  gym_fields.title = "Gym";
  gym_fields.required = false;
  gym_fields.schedule = Schedule{ScheduleType::kPerWeek, kAllWeekdays, 2, 1};
  int64_t gym = tracker().CreateTask(p, gym_fields).value();
  for (const char* d : {"2026-02-01", "2026-02-02", "2026-02-03", "2026-02-04", "2026-02-12", "2026-02-13",
                        "2026-02-14", "2026-02-16", "2026-02-17", "2026-02-19", "2026-03-08", "2026-03-09"})
    ASSERT_TRUE(tracker().SetCheck(p, run, d, true).ok()) << d;
  ASSERT_TRUE(tracker().SetDayOff(p, "2026-02-15", std::string()).ok());
  EntryPatch skip;
  skip.skipped = true;
  ASSERT_TRUE(tracker().SetEntry(p, run, "2026-02-18", skip).ok());
  for (const char* d : {"2026-02-16", "2026-02-18", "2026-02-24", "2026-03-03", "2026-03-05", "2026-03-09"})
    ASSERT_TRUE(tracker().SetCheck(p, gym, d, true).ok()) << d;

  ProgressSummary s = tracker().GetProgress(p).value();
  EXPECT_EQ(s.first_day, "2026-02-01");
  // The profile: Run decides every day.
  EXPECT_EQ(s.streak.streak.current, 2);
  EXPECT_EQ(s.streak.current.from, "2026-03-08");
  EXPECT_EQ(s.streak.current.to, "2026-03-09");
  EXPECT_EQ(s.streak.streak.best, 6);  // 12-19 Feb through the day off and the skip
  EXPECT_EQ(s.streak.best.from, "2026-02-12");
  EXPECT_EQ(s.streak.best.to, "2026-02-19");
  Streak plain = tracker().GetStreak(p).value();
  EXPECT_EQ(plain.current, s.streak.streak.current);
  EXPECT_EQ(plain.best, s.streak.streak.best);

  ASSERT_EQ(s.tasks.size(), 2u);
  const TaskProgress& r = s.tasks[0];
  EXPECT_EQ(r.task_id, run);
  EXPECT_EQ(r.counted_in, "days");
  EXPECT_EQ(r.streak.best.from, "2026-02-12");
  EXPECT_EQ(r.streak.best.to, "2026-02-19");
  EXPECT_EQ(r.streak.current.from, "2026-03-08");
  ASSERT_EQ(r.weeks.size(), static_cast<size_t>(kProgressBuckets));
  ASSERT_EQ(r.months.size(), static_cast<size_t>(kProgressBuckets));
  EXPECT_EQ(FormatDate(r.weeks.front().start), "2025-12-22");
  EXPECT_EQ(FormatDate(r.weeks.back().start), "2026-03-09");
  // Weeks from 26 Jan: {met, counted}.
  const int64_t weeks[7][2] = {{1, 1}, {3, 7}, {3, 6}, {3, 6}, {0, 7}, {1, 7}, {1, 1}};
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(r.weeks[5 + i].met, weeks[i][0]) << FormatDate(r.weeks[5 + i].start);
    EXPECT_EQ(r.weeks[5 + i].counted, weeks[i][1]) << FormatDate(r.weeks[5 + i].start);
  }
  for (int i = 0; i < 5; ++i) EXPECT_EQ(r.weeks[i].counted, 0);
  EXPECT_EQ(FormatDate(r.months.front().start), "2025-04-01");
  EXPECT_EQ(FormatDate(r.months[10].start), "2026-02-01");
  EXPECT_EQ(r.months[10].met, 10);
  EXPECT_EQ(r.months[10].counted, 26);  // 28 days, less the day off and the skip
  EXPECT_EQ(r.months[11].met, 2);
  EXPECT_EQ(r.months[11].counted, 9);   // 1-9 Mar; today is still open
  EXPECT_EQ(r.months[9].counted, 0);

  const TaskProgress& g = s.tasks[1];
  EXPECT_EQ(g.task_id, gym);
  EXPECT_EQ(g.counted_in, "weeks");
  EXPECT_EQ(g.streak.streak.current, 1);
  EXPECT_EQ(g.streak.current.from, "2026-03-02");
  EXPECT_EQ(g.streak.current.to, "2026-03-08");
  EXPECT_EQ(g.streak.streak.best, 1);
  EXPECT_EQ(g.streak.best.from, "2026-02-16");  // the earliest of equal runs
  EXPECT_EQ(g.streak.best.to, "2026-02-22");
  EXPECT_EQ(g.weeks[8].met, 1);  // 16 Feb
  EXPECT_EQ(g.weeks[9].counted, 1);
  EXPECT_EQ(g.weeks[9].met, 0);
  EXPECT_EQ(g.weeks[10].met, 1);
  EXPECT_EQ(g.weeks[11].counted, 0);  // this week: 1 of 2, still open
  EXPECT_EQ(g.months[10].met, 1);
  EXPECT_EQ(g.months[10].counted, 2);
  EXPECT_EQ(g.months[11].met, 1);
  EXPECT_EQ(g.months[11].counted, 1);
}

TEST_F(TrackerTest, ProgressOfAProfileWithoutHistoryIsZeroWithoutDates) {
  int64_t p = NewProfile();
  NewTask(p, "Run");
  ProgressSummary s = tracker().GetProgress(p).value();
  EXPECT_EQ(s.streak.streak.best, 0);
  EXPECT_EQ(s.streak.best.from, "");
  EXPECT_EQ(s.first_day, "");
  ASSERT_EQ(s.tasks.size(), 1u);
  EXPECT_EQ(s.tasks[0].weeks.size(), static_cast<size_t>(kProgressBuckets));
  for (const auto& w : s.tasks[0].weeks) EXPECT_EQ(w.counted, 0);
  EXPECT_EQ(tracker().GetProgress(p + 100).status().code(), Code::kNotFound);
}

TEST_F(TrackerTest, HistoryListsCheckedAndCompletedDays) {
  int64_t p = NewProfile();
  int64_t run = NewTask(p, "Run"), read = NewTask(p, "Read");
  ASSERT_TRUE(tracker().SetCheck(p, run, "2026-03-01", true).ok());
  ASSERT_TRUE(tracker().SetCheck(p, read, "2026-03-01", true).ok());
  ASSERT_TRUE(tracker().SetCheck(p, run, "2026-03-02", true).ok());
  ASSERT_TRUE(tracker().SetCheck(p, run, "2026-01-02", true).ok());
  auto h = tracker().GetHistory(p, "2026-03-01", "2026-03-31").value();
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].date, "2026-03-01");
  EXPECT_EQ(h[0].checked, 2);
  EXPECT_TRUE(h[0].complete);
  EXPECT_EQ(h[1].checked, 1);
  EXPECT_FALSE(h[1].complete);
}

TEST_F(TrackerTest, DeletingAProfileRemovesItsTasksChecksAndHistory) {
  int64_t mom = NewProfile("Mom"), dad = NewProfile("Dad");
  int64_t run = NewTask(mom, "Run");
  int64_t dads = NewTask(dad, "Run");
  ASSERT_TRUE(tracker().SetCheck(mom, run, "2026-03-10", true).ok());
  ASSERT_TRUE(tracker().SetCheck(dad, dads, "2026-03-10", true).ok());
  ASSERT_TRUE(tracker().DeleteProfile(mom).ok());
  EXPECT_EQ(Count("tasks"), 1);
  EXPECT_EQ(Count("task_checks"), 1);
  EXPECT_EQ(Count("daily_status"), 1);
}

TEST_F(TrackerTest, DeletingATaskRemovesItsChecksAndReevaluatesToday) {
  int64_t p = NewProfile();
  int64_t run = NewTask(p, "Run"), read = NewTask(p, "Read");
  ASSERT_TRUE(tracker().SetCheck(p, run, "2026-03-10", true).ok());
  EXPECT_FALSE(Complete(p, "2026-03-10"));
  ASSERT_TRUE(tracker().DeleteTask(read).ok());
  EXPECT_TRUE(Complete(p, "2026-03-10"));
  ASSERT_TRUE(tracker().DeleteTask(run).ok());
  EXPECT_EQ(Count("task_checks"), 0);
}

TEST_F(TrackerTest, SettingsRoundTrip) {
  EXPECT_FALSE(tracker().GetSetting("theme").value().has_value());
  ASSERT_TRUE(tracker().SetSetting("theme", "dark").ok());
  ASSERT_TRUE(tracker().SetSetting("theme", "light").ok());
  EXPECT_EQ(*tracker().GetSetting("theme").value(), "light");
}

// Before: NFC and NFD spellings of "Café" made two profiles and two tasks that
// look the same; names are now stored in NFC.
TEST_F(TrackerTest, NamesAndTitlesAreStoredInNfcSoSpellingsCollide) {
  const std::string nfc = "Caf\xC3\xA9", nfd = "Cafe\xCC\x81";
  auto p = tracker().CreateProfile(nfd, "#123456");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(tracker().GetProfile(p.value()).value().name, nfc);
  EXPECT_EQ(tracker().CreateProfile(nfc, "#123456").status().code(), Code::kAlreadyExists);
  auto t = tracker().CreateTask(p.value(), TaskFields{nfd, "", true, true, false});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(tracker().GetTask(t.value()).value().title, nfc);
  EXPECT_EQ(tracker().CreateTask(p.value(), TaskFields{nfc, "", true, true, false}).status().code(), Code::kAlreadyExists);
  auto other = tracker().CreateProfile("Other", "#123456").value();
  TaskPatch rename;
  rename.title = std::string(" ") + nfd + " ";
  auto t2 = tracker().CreateTask(p.value(), TaskFields{"Tea", "", true, true, false}).value();
  EXPECT_EQ(tracker().UpdateTask(t2, rename).code(), Code::kAlreadyExists);
  ProfilePatch pp;
  pp.name = nfd;
  EXPECT_EQ(tracker().UpdateProfile(other, pp).code(), Code::kAlreadyExists);
}

// Before: a profile named with only a zero-width space was created.
TEST_F(TrackerTest, InvisibleNamesAndTitlesAreRefused) {
  for (const char* invisible : {"\xE2\x80\x8B", "\xEF\xBB\xBF", "\xE2\x81\xA0 \xE2\x80\x8D", "\xE3\x85\xA4",
                                "\xE1\x85\x9F", "\xE2\xA0\x80", "\xE3\x80\x80"}) {
    auto r = tracker().CreateProfile(invisible, "#123456");
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << invisible;
  }
  EXPECT_EQ(Count("profiles"), 0);
  auto p = tracker().CreateProfile("Mom", "#123456").value();
  EXPECT_EQ(tracker().CreateTask(p, TaskFields{"\xE2\x80\x8B", "", true, true, false}).status().code(),
            Code::kInvalidArgument);
  ProfilePatch pp;
  pp.name = "\xE2\x80\x8C";
  EXPECT_EQ(tracker().UpdateProfile(p, pp).code(), Code::kInvalidArgument);
  EXPECT_TRUE(tracker().CreateProfile("\xE2\x80\x8BZo\xC3\xAB", "#123456").ok());  // something shows
}

}  // namespace
}  // namespace streakbox
