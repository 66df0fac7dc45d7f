// Backup format 1.2: schedules, measures, skips, amounts, notes and days off
// through validation, import (Replace and Merge), the completed-day recompute,
// export round trips and the database-file restore.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "streakbox/backup_export.h"
#include "streakbox/backup_format.h"
#include "streakbox/backup_import.h"
#include "streakbox/database_image.h"
#include "../../core/src/backup_entries.h"
#include "backup_files.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;
using Mode = ImportOptions::Mode;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// 2026-12-01T12:00:00Z, after every date of the fixture.
class BackupHabitsTest : public ::testing::Test {
 protected:
  void SetUp() override { app_ = Open(); }
  std::unique_ptr<App> Open() {
    auto r = App::Open(":memory:", clock_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }
  Database& db() { return app_->db(); }
  Result<ImportReport> Import(const std::string& data, Mode mode = Mode::kReplace) {
    ImportOptions o;
    o.mode = mode;
    return ImportText(db(), clock_, data, o);
  }
  std::string Fixture() { return ReadFile(std::string(STREAKBOX_TEST_DATA) + "/backups/every-kind-source.json"); }
  // One query's rows, each as "a|b|c".
  std::vector<std::string> Rows(const std::string& sql) {
    std::vector<std::string> out;
    auto st = db().Prepare(sql);
    EXPECT_TRUE(st.ok()) << sql;
    if (!st.ok()) return out;
    while (st.value().Step().value()) out.push_back(st.value().Text(0));
    return out;
  }
  std::string Entry(const std::string& profile, const std::string& task, const std::string& date) {
    auto rows = Rows("SELECT c.checked || '|' || c.skipped || '|' || coalesce(c.amount, '-') || '|' || c.note "
                     "FROM task_checks c JOIN tasks t ON t.id = c.task_id JOIN profiles p ON p.id = t.profile_id "
                     "WHERE p.name = '" + profile + "' AND t.title = '" + task + "' AND c.date = '" + date + "'");
    return rows.empty() ? "none" : rows[0];
  }
  bool Completed(const std::string& profile, const std::string& date) {
    return !Rows("SELECT d.date FROM daily_status d JOIN profiles p ON p.id = d.profile_id WHERE p.name = '" +
                 profile + "' AND d.date = '" + date + "'").empty();
  }
  // Everything an import can change, for "nothing changed".
  std::string Content() {
    StringSink sink;
    EXPECT_TRUE(ExportBackup(db(), clock_, {}, sink).ok());
    json j = json::parse(sink.str());
    j.erase("exported_at");
    return j.dump();
  }
  // The first problem's "path: message" of a refused file.
  std::string Problem(const std::string& data) {
    StringSource src(data);
    auto r = ValidateBackup(src, clock_);
    if (r.ok()) return "valid";
    if (r.status().details().empty()) return r.status().message();
    return r.status().details()[0].path + ": " + r.status().details()[0].message;
  }

  FixedClock clock_{1796126400, "2026-12-01"};
  std::unique_ptr<App> app_;
};

// A one-profile 1.2 file with `tasks`, `checks` and `days_off` (JSON array texts).
std::string File(const std::string& tasks, const std::string& checks, const std::string& days_off = "[]") {
  return R"({"version":"1.2","profiles":[{"profile":{"name":"P"},"tasks":)" + tasks + R"(,"task_checks":)" + checks +
         R"(,"days_off":)" + days_off + "}]}";
}

TEST_F(BackupHabitsTest, TheFixtureImportsEveryKindOfTaskAndEntry) {
  auto r = Import(Fixture());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows("SELECT title || '|' || schedule_type || '|' || schedule_weekdays || '|' || schedule_times || '|' || "
                 "schedule_days FROM tasks WHERE title IN ('Gym', 'Plants') ORDER BY title"),
            (std::vector<std::string>{"Gym|weekdays|21|1|1", "Plants|per_days|127|2|10"}));
  EXPECT_EQ(Entry("Ana", "Meditate", "2026-11-24"), "0|1|-|ill");
  EXPECT_EQ(Entry("Ana", "Meditate", "2026-11-26"), "0|0|-|forgot; tried at night\ttoo late") << "a false row with a note is kept";
  EXPECT_EQ(Entry("Ana", "Water", "2026-11-24"), "0|0|5.5|hot day?");
  EXPECT_EQ(Entry("Ana", "Water", "2026-11-25"), "1|0|9.25|") << "done: 9.25 meets at least 8";
  EXPECT_EQ(Entry("Ana", "Coffee", "2026-11-24"), "0|0|3.0|") << "3 is over at most 2";
  EXPECT_EQ(Entry("Ana", "Coffee", "2026-11-25"), "1|0|0.0|");
  EXPECT_EQ(Rows("SELECT date || '|' || note FROM days_off ORDER BY date"),
            (std::vector<std::string>{"2026-11-28|Holiday", "2026-11-29|", "2026-12-24|Christmas Eve, planned"}));
  const ProfileReport& ana = r.value().profiles[0];
  EXPECT_EQ(ana.days_off.added, 3);
  EXPECT_EQ(ana.task_checks.added, 21);
}

// The completed-day recompute follows EvaluateDayTally: weekday schedules
// (Gym is not due on Tuesdays), skips, days off.
TEST_F(BackupHabitsTest, CompletedDaysFollowTheHabitRules) {
  ASSERT_TRUE(Import(Fixture()).ok());
  // Mon 23: Meditate, Gym, Water (8 of 8) done: complete (the file's day too).
  EXPECT_TRUE(Completed("Ana", "2026-11-23"));
  // Tue 24: Meditate skipped, Water 5.5 of 8: open.
  EXPECT_FALSE(Completed("Ana", "2026-11-24"));
  // Wed 25: Meditate and Water done, Gym skipped: complete.
  EXPECT_TRUE(Completed("Ana", "2026-11-25"));
  // Fri 27: Water 0.1 of 8: open, though Meditate and Gym are done.
  EXPECT_FALSE(Completed("Ana", "2026-11-27"));
  // Sat 28: a day off: the file's completion is dropped.
  EXPECT_FALSE(Completed("Ana", "2026-11-28"));
  // Ben has no required task: reading completes a day, a skip does not.
  EXPECT_TRUE(Completed("Ben", "2026-11-20"));
  EXPECT_FALSE(Completed("Ben", "2026-11-21"));
}

TEST_F(BackupHabitsTest, AWeekdayTaskIsNotNeededOnItsOffDays) {
  const std::string tasks = R"([{"title":"Daily"},{"title":"Mondays","schedule":{"type":"weekdays","weekdays":[1]}}])";
  // 2026-11-24 is a Tuesday, 2026-11-23 a Monday.
  ASSERT_TRUE(Import(File(tasks, R"([{"task_title":"Daily","date":"2026-11-24"},{"task_title":"Daily","date":"2026-11-23"}])")).ok());
  EXPECT_TRUE(Completed("P", "2026-11-24"));
  EXPECT_FALSE(Completed("P", "2026-11-23")) << "Mondays was due and not done";
}

TEST_F(BackupHabitsTest, ExportWritesTheHabitFieldsAndRoundTripsExactly) {
  ASSERT_TRUE(Import(Fixture()).ok());
  const std::string first = ExportText(db(), clock_);
  json j = json::parse(first);
  EXPECT_EQ(j["version"], "1.3");
  EXPECT_EQ(j["counts"]["days_off"], 3);
  const json& ana = j["profiles"][0];
  EXPECT_EQ(ana["tasks"][1]["schedule"], json::parse(R"({"type":"weekdays","weekdays":[1,3,5]})"));
  EXPECT_EQ(ana["tasks"][0]["schedule"], json::parse(R"({"type":"daily"})"));
  EXPECT_FALSE(ana["tasks"][0].contains("measure"));
  EXPECT_EQ(ana["tasks"][2]["measure"]["target"], 8);
  EXPECT_EQ(ana["days_off"][2]["note"], "Christmas Eve, planned");

  auto other = Open();
  ImportOptions o;
  auto r = ImportText(other->db(), clock_, first, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  json again = json::parse(ExportText(other->db(), clock_));
  for (json* x : {&j, &again}) {
    x->erase("exported_at");
    x->erase("instance_id");
  }
  EXPECT_EQ(again.dump(), j.dump());
}

TEST_F(BackupHabitsTest, ValidationNamesThePathOfEveryHabitProblem) {
  const std::string yesno = R"([{"title":"T"}])";
  const std::string water = R"([{"title":"W","measure":{"unit":"glasses","target":8,"direction":"at_least"}}])";
  EXPECT_EQ(Problem(File(R"([{"title":"T"},{"title":"U","schedule":{"type":"per_week","times":8}}])", "[]")),
            "$.profiles[0].tasks[1].schedule.times: must be 1 to 7 for a weekly schedule");
  EXPECT_NE(Problem(File(R"([{"title":"T","schedule":{"type":"weekdays","weekdays":[]}}])", "[]")).find("$.profiles[0].tasks[0].schedule"),
            std::string::npos);
  EXPECT_NE(Problem(File(R"([{"title":"T","measure":{"target":0,"direction":"at_least"}}])", "[]")).find("$.profiles[0].tasks[0].measure"),
            std::string::npos);
  EXPECT_NE(Problem(File(water, R"([{"task_title":"W","date":"2026-11-01","amount":"8"}])")).find("$.profiles[0].task_checks[0].amount: "),
            std::string::npos);
  EXPECT_EQ(Problem(File(yesno, R"([{"task_title":"T","date":"2026-11-01","amount":3}])")),
            "$.profiles[0].task_checks[0].amount: is for measurable tasks; 'T' is a yes/no task (it has no measure)");
  EXPECT_EQ(Problem(File(yesno, R"([{"task_title":"T","date":"2026-11-01","checked":true,"skipped":true}])")),
            "$.profiles[0].task_checks[0].skipped: cannot be true when checked is true: an entry is done or skipped");
  EXPECT_NE(Problem(File(yesno, R"([{"task_title":"T","date":"2026-11-01","note":")" + std::string(501, 'x') + R"("}])"))
                .find("$.profiles[0].task_checks[0].note"),
            std::string::npos);
  EXPECT_EQ(Problem(File(yesno, "[]", R"([{"date":"2027-12-10"}])")).substr(0, 33), "$.profiles[0].days_off[0].date: '");
  EXPECT_EQ(Problem(File(yesno, "[]", R"([{"date":"2027-12-02","note":"ahead, allowed"}])")), "valid");
  // A check before its task is checked at the end.
  EXPECT_NE(Problem(R"({"version":"1.2","profiles":[{"profile":{"name":"P"},"task_checks":[{"task_title":"T","date":"2026-11-01","amount":1}],"tasks":[{"title":"T"}]}]})")
                .find("task_checks[0].amount: is for measurable tasks"),
            std::string::npos);
}

TEST_F(BackupHabitsTest, ABadFileChangesNothing) {
  ASSERT_TRUE(Import(Fixture()).ok());
  const std::string before = Content();
  for (Mode mode : {Mode::kReplace, Mode::kMerge}) {
    auto r = Import(File(R"([{"title":"T"}])", R"([{"task_title":"T","date":"2026-11-01","amount":3}])",
                         R"([{"date":"2026-11-02"}])"), mode);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kInvalidBackup);
    EXPECT_EQ(Content(), before);
  }
}

// A false row with nothing else (all that 1.0 and 1.1 can write) is still
// skipped; one with a skip, an amount or a note is kept.
TEST_F(BackupHabitsTest, OnlyFalseRowsWithSomethingInThemAreKept) {
  for (const char* version : {"1.1", "1.2"}) {
    auto r = Import(std::string(R"({"version":")") + version + R"(","profiles":[{"profile":{"name":"P"},"tasks":[{"title":"T"}],
      "task_checks":[{"task_title":"T","date":"2026-11-01","checked":false},
                     {"task_title":"T","date":"2026-11-02","checked":false,"note":"kept"}]}]})");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r.value().profiles[0].task_checks.skipped, 1) << version;
    EXPECT_EQ(Entry("P", "T", "2026-11-01"), "none") << version;
    EXPECT_EQ(Entry("P", "T", "2026-11-02"), "0|0|-|kept") << version;
  }
}

// The merge rule as a table (backup_entries.h).
TEST(MergeEntryTest, TakesOnlyWhatTheStoredEntryLacks) {
  const EntryTask yesno;
  EntryTask water;
  water.measure = Measure{"glasses", 8, false};
  auto E = [](bool done, bool skipped, std::optional<double> amount, std::string note) {
    Entry e;
    e.done = done;
    e.skipped = skipped;
    e.amount = amount;
    e.note = std::move(note);
    return e;
  };
  struct Row {
    const char* what;
    Entry stored, incoming;
    const EntryTask* task;
    Entry want;
  };
  const Row rows[] = {
      {"a skip never overwrites a done", E(true, false, {}, ""), E(false, true, {}, ""), &yesno, E(true, false, {}, "")},
      {"a done replaces a skip", E(false, true, {}, "ill"), E(true, false, {}, ""), &yesno, E(true, false, {}, "ill")},
      {"a note fills an empty one", E(true, false, {}, ""), E(false, false, {}, "late"), &yesno, E(true, false, {}, "late")},
      {"a note never replaces one", E(false, false, {}, "mine"), E(false, false, {}, "theirs"), &yesno, E(false, false, {}, "mine")},
      {"an amount is kept", E(false, false, 5.0, ""), E(true, false, 9.0, ""), &water, E(false, false, 5.0, "")},
      {"an amount fills a skip, and decides done", E(false, true, {}, ""), E(true, false, 9.0, ""), &water, E(true, false, 9.0, "")},
      {"a skip never overwrites an amount", E(false, false, 3.0, ""), E(false, true, {}, ""), &water, E(false, false, 3.0, "")},
  };
  for (const Row& r : rows) {
    const Entry got = MergeEntry(r.stored, r.incoming, *r.task);
    EXPECT_TRUE(SameEntry(got, r.want)) << r.what;
    EXPECT_TRUE(SameEntry(MergeEntry(got, r.incoming, *r.task), got)) << r.what << ": merging again changes nothing";
  }
}

TEST_F(BackupHabitsTest, MergeKeepsWhatIsStoredAndTakesTheRest) {
  const std::string tasks = R"([{"title":"T"},{"title":"W","measure":{"unit":"","target":8,"direction":"at_least"}}])";
  ASSERT_TRUE(Import(File(tasks, R"([
    {"task_title":"T","date":"2026-11-01","checked":true},
    {"task_title":"T","date":"2026-11-02","skipped":true},
    {"task_title":"T","date":"2026-11-03","checked":true,"note":"mine"},
    {"task_title":"W","date":"2026-11-01","amount":5}])", R"([{"date":"2026-11-10","note":"mine"}])")).ok());
  const std::string incoming = File(tasks, R"([
    {"task_title":"T","date":"2026-11-01","skipped":true,"note":"theirs"},
    {"task_title":"T","date":"2026-11-02","checked":true},
    {"task_title":"T","date":"2026-11-03","checked":true,"note":"theirs"},
    {"task_title":"T","date":"2026-11-04","skipped":true},
    {"task_title":"W","date":"2026-11-01","amount":9,"note":"theirs"}])",
                                    R"([{"date":"2026-11-10","note":"theirs"},{"date":"2026-11-11","note":"new"}])");
  auto r = Import(incoming, Mode::kMerge);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Entry("P", "T", "2026-11-01"), "1|0|-|theirs") << "done stays done; the empty note is filled";
  EXPECT_EQ(Entry("P", "T", "2026-11-02"), "1|0|-|") << "a done from the file replaces the skip";
  EXPECT_EQ(Entry("P", "T", "2026-11-03"), "1|0|-|mine");
  EXPECT_EQ(Entry("P", "T", "2026-11-04"), "0|1|-|");
  EXPECT_EQ(Entry("P", "W", "2026-11-01"), "0|0|5.0|theirs") << "the stored amount is kept";
  EXPECT_EQ(Rows("SELECT date || '|' || note FROM days_off ORDER BY date"),
            (std::vector<std::string>{"2026-11-10|mine", "2026-11-11|new"}));
  const ProfileReport& p = r.value().profiles[0];
  EXPECT_EQ(p.task_checks.added, 1);
  EXPECT_EQ(p.task_checks.replaced, 3);
  EXPECT_EQ(p.task_checks.skipped, 1);
  EXPECT_EQ(p.days_off.added, 1);
  EXPECT_EQ(p.days_off.skipped, 1);

  const std::string after = Content();
  auto again = Import(incoming, Mode::kMerge);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Content(), after) << "merging the same file twice changes nothing";
  EXPECT_EQ(again.value().profiles[0].task_checks.added + again.value().profiles[0].task_checks.replaced, 0);
  EXPECT_EQ(again.value().profiles[0].days_off.added, 0);
}

TEST_F(BackupHabitsTest, ReplaceBringsTheFilesEntriesAndDaysOffExactly) {
  ASSERT_TRUE(Import(Fixture()).ok());
  const std::string tasks = R"([{"title":"Meditate"}])";
  auto r = Import(R"({"version":"1.2","scope":"profile","profiles":[{"profile":{"name":"Ana"},"tasks":[{"title":"Meditate"}],
    "task_checks":[{"task_title":"Meditate","date":"2026-11-24","checked":true,"note":"new"}],
    "days_off":[{"date":"2026-11-30","note":"only this"}]}]})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().profiles[0].days_off.deleted, 3);
  EXPECT_EQ(Entry("Ana", "Meditate", "2026-11-24"), "1|0|-|new");
  EXPECT_EQ(Entry("Ana", "Meditate", "2026-11-23"), "none");
  EXPECT_EQ(Rows("SELECT p.name || '|' || d.date || '|' || d.note FROM days_off d JOIN profiles p ON p.id = d.profile_id"),
            std::vector<std::string>{"Ana|2026-11-30|only this"});
}

TEST_F(BackupHabitsTest, ValidateCountsDaysOffSkipsAmountsAndNotes) {
  const std::string fixture = Fixture();
  StringSource src(fixture);
  auto s = ValidateBackup(src, clock_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s.value().days_off, 3);
  EXPECT_EQ(s.value().skips, 3);
  EXPECT_EQ(s.value().amounts, 9);
  EXPECT_EQ(s.value().notes, 6);
  EXPECT_EQ(ToJson(s.value())["counts"]["days_off"], 3);
}

TEST_F(BackupHabitsTest, ACountOfDaysOffThatDisagreesIsRefused) {
  EXPECT_EQ(Problem(R"({"version":"1.2","counts":{"days_off":2},"profiles":[{"profile":{"name":"P"},"days_off":[{"date":"2026-11-01"}]}]})"),
            "$.counts.days_off: says 2 but the file holds 1: the file is incomplete or was edited");
}

// The database file: a schema-2 file restores through the migration; a file
// whose schedule columns make no schedule is refused, naming the row.
TEST_F(BackupHabitsTest, ASchemaTwoDatabaseFileRestoresThroughTheMigration) {
  const std::string v2 = ReadFile(std::string(STREAKBOX_TEST_DATA) + "/db/v2.sqlite");
  ASSERT_FALSE(v2.empty());
  auto r = RestoreDatabaseImage(db(), clock_, v2);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().schema_version, 2);
  EXPECT_GT(Rows("SELECT name FROM profiles").size(), 0u);
  EXPECT_EQ(Rows("SELECT DISTINCT schedule_type FROM tasks"), std::vector<std::string>{"daily"});
}

TEST_F(BackupHabitsTest, ADatabaseFileWithAScheduleThatCanNeverBeMetIsRefused) {
  ASSERT_TRUE(Import(Fixture()).ok());
  auto other = Open();
  ASSERT_TRUE(ImportText(other->db(), clock_, Fixture(), {}).ok());
  ASSERT_TRUE(other->db().Exec("UPDATE tasks SET schedule_weekdays = 0 WHERE title = 'Gym'").ok());
  auto bytes = SnapshotDatabase(other->db());
  ASSERT_TRUE(bytes.ok());
  const std::string before = Content();
  auto r = RestoreDatabaseImage(db(), clock_, bytes.value());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidBackup);
  EXPECT_NE(r.status().message().find("tasks row id"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("schedule"), std::string::npos) << r.status().message();
  EXPECT_EQ(Content(), before);
}

TEST_F(BackupHabitsTest, ADatabaseFileWithHabitsRestoresWhole) {
  auto other = Open();
  ASSERT_TRUE(ImportText(other->db(), clock_, Fixture(), {}).ok());
  auto bytes = SnapshotDatabase(other->db());
  ASSERT_TRUE(bytes.ok());
  auto r = RestoreDatabaseImage(db(), clock_, bytes.value());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().days_off, 3);
  EXPECT_EQ(Entry("Ana", "Water", "2026-11-24"), "0|0|5.5|hot day?");
}

}  // namespace
}  // namespace streakbox
