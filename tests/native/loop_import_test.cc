// Loop Habit Tracker backups through the call surface: every schema version
// of tests/support/loop_files.h imports with its habits, titles, schedules,
// measures and entries read back; a second import changes nothing; newer,
// older, damaged, foreign and hostile files are refused (or their triggers
// and views left unrun) with the database unchanged; problems name Loop's rows.
#include <nlohmann/json.hpp>

#include "../support/db_content.h"
#include "../support/loop_files.h"
#include "streakbox/database_image.h"
#include "streakbox/loop_import.h"
#include "streakbox/schema.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

// ---- The mapping's pure parts ------------------------------------------------

TEST(LoopMapping, EveryFrequencyLoopWritesMapsToASchedule) {
  struct Case {
    int64_t num, den;
    bool measurable;
    const char* want;  // ScheduleJson(...).dump()
  };
  const Case cases[] = {
      {1, 1, false, R"({"type":"daily"})"},
      {1, 7, false, R"({"times":1,"type":"per_week"})"},
      {3, 7, false, R"({"times":3,"type":"per_week"})"},
      {7, 7, false, R"({"times":7,"type":"per_week"})"},
      {2, 30, false, R"({"times":2,"type":"per_month"})"},
      {31, 31, false, R"({"times":31,"type":"per_month"})"},
      {1, 2, false, R"({"days":2,"times":1,"type":"per_days"})"},
      {2, 10, false, R"({"days":10,"times":2,"type":"per_days"})"},
      {1, 366, false, R"({"days":366,"times":1,"type":"per_days"})"},
      {1, 1, true, R"({"type":"daily"})"},
      {1, 7, true, R"({"times":1,"type":"per_week"})"},
      {1, 30, true, R"({"times":1,"type":"per_month"})"},
      {5, 7, true, R"({"times":1,"type":"per_week"})"},  // a measurable habit's target is per period
  };
  for (const Case& c : cases) {
    auto s = LoopSchedule(c.num, c.den, c.measurable);
    ASSERT_TRUE(s.ok()) << c.num << "/" << c.den << ": " << s.status().ToString();
    EXPECT_EQ(ScheduleJson(s.value()).dump(), c.want) << c.num << "/" << c.den;
  }
}

TEST(LoopMapping, FrequenciesNoScheduleHoldsNameTheirColumn) {
  const std::tuple<int64_t, int64_t, const char*> cases[] = {
      {0, 1, "freq_num"}, {2, 1, "freq_num"}, {8, 7, "freq_num"}, {-1, 7, "freq_num"},
      {1, 0, "freq_den"}, {1, -7, "freq_den"}, {1, 367, "freq_den"}};
  for (const auto& [num, den, column] : cases) {
    auto s = LoopSchedule(num, den, false);
    ASSERT_FALSE(s.ok()) << num << "/" << den;
    EXPECT_EQ(s.status().message().rfind(column, 0), 0u) << s.status().message();
  }
}

TEST(LoopMapping, ColoursByVersion) {
  EXPECT_EQ(LoopColor(-769226, 13).value(), "#F44336");  // ARGB 0xFFF44336
  EXPECT_EQ(LoopColor(0, 21).value(), "#D32F2F");
  EXPECT_EQ(LoopColor(19, 25).value(), "#AAAAAA");
  EXPECT_FALSE(LoopColor(20, 25));
  EXPECT_FALSE(LoopColor(-1, 25));
  EXPECT_FALSE(LoopColor(3, 18));  // an index into the palette before 21
}

TEST(LoopMapping, SqliteHeaderIsRecognised) {
  EXPECT_TRUE(IsSqliteHeader(std::string("SQLite format 3\0xyz", 19)));
  EXPECT_FALSE(IsSqliteHeader("SQLite format 3"));  // no NUL: 15 bytes
  EXPECT_FALSE(IsSqliteHeader("{\"version\": \"1.2\"}"));
}

// ---- Imports through the call surface -----------------------------------------

class LoopImportTest : public DbTest {
 protected:
  json Call(const std::string& method, const json& args, const CallIo& io = {}) {
    return json::parse(app_->Call(method, args.dump(), io));
  }
  json Import(const std::string& bytes, json options = json::object()) {
    StringSource source(bytes);
    CallIo io;
    io.source = &source;
    return Call("importBackup", json::array({options}), io);
  }
  json Validate(const std::string& bytes) {
    StringSource source(bytes);
    CallIo io;
    io.source = &source;
    return Call("validateBackup", json::array(), io);
  }
  std::string File(int v, const std::string& extra = "") {
    auto f = MakeLoopFile(v, extra);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return f.ok() ? f.value() : "";
  }
  int64_t ProfileId(const std::string& name) {
    const json profiles = Call("listProfiles", json::array())["value"];
    for (const json& p : profiles)
      if (p["name"] == name) return p["id"];
    return 0;
  }
  json Tasks(int64_t profile) { return Call("listTasks", json::array({profile}))["value"]; }
  // "done|skipped|amount|note" of a task's entry on a day, "none" without one.
  std::string Entry(const std::string& title, const std::string& date) {
    auto st = db().Prepare(
        "SELECT c.checked || '|' || c.skipped || '|' || coalesce(c.amount, '-') || '|' || c.note FROM task_checks c "
        "JOIN tasks t ON t.id = c.task_id WHERE t.title = ? AND c.date = ?");
    EXPECT_TRUE(st.ok());
    st.value().Bind(1, title).Bind(2, date);
    return st.value().Step().value() ? st.value().Text(0) : "none";
  }
  void ExpectRefused(const std::string& bytes, const char* code, const std::string& words) {
    const std::string before = ContentHash(db().handle());
    for (json r : {Import(bytes), Validate(bytes)}) {
      ASSERT_FALSE(r["ok"].get<bool>()) << r.dump();
      EXPECT_EQ(r["error"]["code"].get<std::string>(), code) << r.dump();
      EXPECT_NE(r["error"]["message"].get<std::string>().find(words), std::string::npos) << r.dump();
    }
    EXPECT_EQ(ContentHash(db().handle()), before);
  }
};

TEST_F(LoopImportTest, EverySchemaVersionImportsEveryHabitAndEntry) {
  for (int v : kLoopFixtureVersions) {
    SCOPED_TRACE("Loop schema " + std::to_string(v));
    SetUp();  // a fresh database per version
    json r = Import(File(v));
    ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
    const json& report = r["value"];
    ASSERT_EQ(report["profiles"].size(), 1u);
    EXPECT_EQ(report["profiles"][0]["name"], "Loop");
    EXPECT_EQ(report["profiles"][0]["action"], "created");
    EXPECT_EQ(report["profiles"][0]["tasks"]["added"], 6);
    const bool values = v >= 16, measures = v >= 18, notes = v >= 25;
    // Entries: Run 3 (before 16: 3 too), Run (2) 2, Read 1, Stretch 1 (+1 note only at 25),
    // Water 3 / Smoke 2 when measurable, else 1 each; before 22 a second Run row merges.
    const int64_t entries = 3 + 2 + 1 + 1 + (notes ? 1 : 0) + (measures ? 5 : 2);
    EXPECT_EQ(report["profiles"][0]["task_checks"]["added"], entries);

    const int64_t pid = ProfileId("Loop");
    ASSERT_NE(pid, 0);
    json tasks = Tasks(pid);
    ASSERT_EQ(tasks.size(), 6u);
    const char* titles[] = {"Run", "Run (2)", "Read", "Stretch", "Water", "Smoke"};
    for (size_t i = 0; i < 6; ++i) EXPECT_EQ(tasks[i]["title"], titles[i]);
    EXPECT_EQ(tasks[0]["description"], v >= 23 ? "Did you run today?\n\nAround the park" : "Did you run today?");
    EXPECT_EQ(tasks[0]["schedule"].dump(), R"({"type":"daily"})");
    EXPECT_EQ(tasks[1]["schedule"].dump(), R"({"times":3,"type":"per_week"})");
    EXPECT_FALSE(tasks[1]["active"].get<bool>());  // archived
    EXPECT_TRUE(tasks[0]["active"].get<bool>());
    EXPECT_EQ(tasks[2]["schedule"].dump(), R"({"times":2,"type":"per_month"})");
    EXPECT_EQ(tasks[3]["schedule"].dump(), R"({"days":10,"times":2,"type":"per_days"})");
    if (measures) {
      EXPECT_EQ(tasks[4]["measure"].dump(), R"({"direction":"at_least","target":8.0,"unit":"glasses"})");
      EXPECT_EQ(tasks[5]["measure"].dump(), R"({"direction":"at_most","target":2.0,"unit":""})");
      EXPECT_EQ(tasks[5]["schedule"].dump(), R"({"times":1,"type":"per_week"})");
    } else {
      EXPECT_TRUE(tasks[4]["measure"].is_null());
    }

    EXPECT_EQ(Entry("Run", "2026-03-01"), notes ? "1|0|-|felt good" : "1|0|-|");
    EXPECT_EQ(Entry("Run", "2026-03-02"), values ? "0|1|-|" : "1|0|-|");  // skipped from 16
    EXPECT_EQ(Entry("Run", "2026-03-03"), "none");  // implicit: Loop's, not the user's
    EXPECT_EQ(Entry("Run", "2026-03-04"), "none");  // not done
    EXPECT_EQ(Entry("Run", "2026-03-05"), "1|0|-|");
    EXPECT_EQ(Entry("Run (2)", "2026-03-02"), "1|0|-|");
    EXPECT_EQ(Entry("Stretch", "2026-03-07"), notes ? "0|0|-|sore" : "none");  // unknown, with a note
    if (measures) {
      EXPECT_EQ(Entry("Water", "2026-03-01"), "1|0|8.0|");
      EXPECT_EQ(Entry("Water", "2026-03-02"), "0|0|6.5|" + std::string(notes ? 500 : 0, 'n'));
      EXPECT_EQ(Entry("Water", "2026-03-03"), "0|0|0.0|");  // an amount of 0 is the user's entry
      EXPECT_EQ(Entry("Water", "2026-03-04"), "none");      // -1: unknown
      EXPECT_EQ(Entry("Smoke", "2026-03-08"), "1|0|3.0|");  // periodic: any amount is a contribution
    } else {
      EXPECT_EQ(Entry("Water", "2026-03-01"), "1|0|-|");
    }
    json day = Call("getDay", json::array({pid, "2026-03-05"}))["value"];
    EXPECT_EQ(day["tasks"][0]["entry"]["done"], true);

    const json& src = report["source"];
    EXPECT_EQ(src["app"], "loop");
    EXPECT_EQ(src["schema_version"], v);
    ASSERT_EQ(src["habits"].size(), 6u);
    EXPECT_EQ(src["habits"][1]["name"], "Run");
    EXPECT_EQ(src["habits"][1]["title"], "Run (2)");
    EXPECT_TRUE(src["habits"][1]["renamed"].get<bool>());
    EXPECT_FALSE(src["habits"][0]["renamed"].get<bool>());
    EXPECT_EQ(src["habits"][0]["not_imported"]["implicit"], values ? 1 : 0);
    EXPECT_EQ(src["habits"][0]["not_imported"]["not_done"], values ? 1 : 0);
    EXPECT_EQ(src["habits"][0]["skips"], values ? 1 : 0);
    EXPECT_EQ(src["habits"][0]["left_out"].dump(),
              v >= 14 && v < 21 ? R"(["reminder","scores"])" : R"(["colour","reminder","scores"])");
    EXPECT_EQ(src["habits"][2]["left_out"].dump(), v >= 14 && v < 21 ? R"(["streaks"])" : R"(["colour","streaks"])");
    EXPECT_EQ(src["habits"][0]["color"], v < 14 ? json("#F44336") : v < 21 ? json(nullptr) : json("#D32F2F"));
    EXPECT_EQ(src["habits"][4]["adjusted"].dump(), notes ? R"(["1 note was cut to 500 characters"])" : "[]");
    EXPECT_EQ(src["dropped_rows"]["no_habit_or_day"], v < 22 ? 1 : 0);
    EXPECT_EQ(src["dropped_rows"]["unknown_habit"], v < 22 ? 1 : 0);
    EXPECT_EQ(src["habits"][0]["uuid"], v >= 24 ? json("00000000000000000000000000000001") : json(nullptr));
  }
}

TEST_F(LoopImportTest, TheProfileTakesItsColourFromTheFirstHabit) {
  ASSERT_TRUE(Import(File(25))["ok"].get<bool>());
  const json profiles = Call("listProfiles", json::array())["value"];
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_EQ(profiles[0]["color"], "#D32F2F");
}

TEST_F(LoopImportTest, ASecondImportOfTheSameFileChangesNothing) {
  for (int v : {25, 22, 12}) {  // with uuids, and without (matched by the same titles)
    SCOPED_TRACE("Loop schema " + std::to_string(v));
    SetUp();
    const std::string file = File(v);
    ASSERT_TRUE(Import(file, {{"mode", "merge"}})["ok"].get<bool>());
    const std::string after_first = ContentHash(db().handle());
    json again = Import(file, {{"mode", "merge"}});
    ASSERT_TRUE(again["ok"].get<bool>()) << again.dump();
    EXPECT_EQ(again["value"]["profiles"][0]["action"], "merged");
    EXPECT_EQ(again["value"]["profiles"][0]["tasks"]["added"], 0);
    EXPECT_EQ(again["value"]["profiles"][0]["task_checks"]["added"], 0);
    EXPECT_EQ(again["value"]["profiles"][0]["task_checks"]["replaced"], 0);
    EXPECT_EQ(ContentHash(db().handle()), after_first);
  }
}

TEST_F(LoopImportTest, ANewerBackupOfTheSamePhoneAddsOnlyItsNewEntries) {
  ASSERT_TRUE(Import(File(25), {{"mode", "merge"}})["ok"].get<bool>());
  const std::string newer = LoopDataSql(25) + LoopRepSql(25, "3", 8, 2);  // Read on D+8
  auto file = MakeLoopFile(25, "", 1024, &newer);
  ASSERT_TRUE(file.ok());
  json r = Import(file.value(), {{"mode", "merge"}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["value"]["profiles"][0]["tasks"]["added"], 0);
  EXPECT_EQ(r["value"]["profiles"][0]["task_checks"]["added"], 1);
  EXPECT_EQ(Count("tasks"), 6);
  EXPECT_EQ(Entry("Read", "2026-03-09"), "1|0|-|");
}

TEST_F(LoopImportTest, ReplaceTouchesOnlyTheLoopProfile) {
  ASSERT_TRUE(Call("createProfile", json::array({{{"name", "Mine"}}}))["ok"].get<bool>());
  ASSERT_TRUE(Import(File(25))["ok"].get<bool>());
  json again = Import(File(25));  // replace, the default
  ASSERT_TRUE(again["ok"].get<bool>()) << again.dump();
  EXPECT_EQ(again["value"]["profiles"][0]["action"], "replaced");
  EXPECT_EQ(again["value"]["profiles"][0]["tasks"]["replaced"], 6);
  EXPECT_FALSE(again["value"]["whole_instance"].get<bool>());
  EXPECT_NE(ProfileId("Mine"), 0);
  EXPECT_EQ(Count("profiles"), 2);
}

TEST_F(LoopImportTest, IntoANamedOrAChosenProfile) {
  json r = Import(File(25), {{"profileName", "From my phone"}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["value"]["profiles"][0]["name"], "From my phone");
  const int64_t mine = Call("createProfile", json::array({{{"name", "Mine"}}}))["value"];
  r = Import(File(25), {{"profileId", mine}, {"mode", "merge"}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["value"]["profiles"][0]["name"], "Mine");
  EXPECT_EQ(Tasks(mine).size(), 6u);
  const std::string before = ContentHash(db().handle());
  r = Import(File(25), {{"profileName", "   "}});
  EXPECT_EQ(r["error"]["code"], "invalid_argument");
  EXPECT_EQ(ContentHash(db().handle()), before);
}

TEST_F(LoopImportTest, DryRunAndValidateGiveThePreviewAndChangeNothing) {
  const std::string before = ContentHash(db().handle());
  json dry = Import(File(25), {{"dryRun", true}});
  ASSERT_TRUE(dry["ok"].get<bool>()) << dry.dump();
  EXPECT_TRUE(dry["value"]["dry_run"].get<bool>());
  EXPECT_EQ(dry["value"]["profiles"][0]["task_checks"]["added"], 13);
  EXPECT_EQ(dry["value"]["source"]["habits"][1]["title"], "Run (2)");
  EXPECT_EQ(ContentHash(db().handle()), before);
  json v = Validate(File(25));
  ASSERT_TRUE(v["ok"].get<bool>()) << v.dump();
  EXPECT_EQ(v["value"]["counts"]["tasks"], 6);
  EXPECT_EQ(v["value"]["counts"]["task_checks"], 13);
  EXPECT_EQ(v["value"]["source"], dry["value"]["source"]);
}

TEST_F(LoopImportTest, ANewerLoopIsRefusedSayingSo) {
  ExpectRefused(File(26), "unsupported_version",
                "this file comes from a newer Loop Habit Tracker (schema 26); Streakbox reads up to 25");
}

TEST_F(LoopImportTest, AnOlderLoopIsRefusedSayingSo) {
  ExpectRefused(File(8, "PRAGMA user_version = 7"), "invalid", "older than Streakbox reads (8 to 25)");
}

TEST_F(LoopImportTest, ADamagedFileIsRefused) {
  std::string bytes = File(25);
  for (size_t i = 1024 + 8; i < 1024 + 200 && i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5);  // page 2
  ExpectRefused(bytes, "invalid", "damaged");
  std::string cut = File(25).substr(0, 3000);  // a cut file
  ExpectRefused(cut, "invalid", "damaged");
}

TEST_F(LoopImportTest, AForeignSqliteFileIsRefused) {
  auto db = Database::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db.value()->Exec("CREATE TABLE notes (id integer primary key, body text); INSERT INTO notes VALUES (1, 'x')").ok());
  auto bytes = SnapshotDatabase(*db.value());
  ASSERT_TRUE(bytes.ok());
  ExpectRefused(bytes.value(), "invalid", "not a Loop Habit Tracker backup (it has no 'Habits' table)");
}

TEST_F(LoopImportTest, AStreakboxDatabaseFileSaysWhereToRestoreIt) {
  auto bytes = SnapshotDatabase(db());
  ASSERT_TRUE(bytes.ok());
  ExpectRefused(bytes.value(), "invalid", "Settings, Restore a database file");
}

TEST_F(LoopImportTest, TriggersAndViewsOfTheFileNeverRun) {
  // A trigger that would empty Habits on any write, and a view that would
  // cost unbounded work if read: neither is ever run, and the import reports them.
  const std::string extra =
      "CREATE TRIGGER wipe AFTER INSERT ON Repetitions BEGIN DELETE FROM Habits; END;"
      "CREATE VIEW forever AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n;";
  json r = Import(File(25, extra));
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["value"]["source"]["ignored_objects"].dump(), R"(["trigger 'wipe'","view 'forever'"])");
  EXPECT_EQ(Count("tasks"), 6);
}

TEST_F(LoopImportTest, HabitsAsAViewIsRefused) {
  const std::string extra =
      "ALTER TABLE Habits RENAME TO RealHabits; CREATE VIEW Habits AS SELECT * FROM RealHabits;";
  ExpectRefused(File(25, extra), "invalid", "only a view of that name");
}

TEST_F(LoopImportTest, AMissingColumnOfItsVersionIsRefused) {
  ExpectRefused(File(25, "ALTER TABLE Repetitions DROP COLUMN notes"), "invalid",
                "has no column Repetitions.notes");
}

TEST_F(LoopImportTest, ProblemsNameLoopsRowsAndColumns) {
  const std::string extra =
      "UPDATE Habits SET freq_den = 0 WHERE id = 4;"
      "UPDATE Habits SET name = '   ' WHERE id = 3;"
      "UPDATE Repetitions SET value = 7 WHERE habit = 2 AND timestamp = " + std::to_string(kLoopD) + ";"
      "UPDATE Repetitions SET timestamp = " + std::to_string(kLoopD + 30 * kLoopDayMs) +
      " WHERE habit = 1 AND value = 3;"
      "UPDATE Habits SET target_value = 'lots' WHERE id = 5;";
  const std::string before = ContentHash(db().handle());
  json r = Import(File(25, extra));
  ASSERT_FALSE(r["ok"].get<bool>());
  EXPECT_EQ(r["error"]["code"], "invalid");
  std::vector<std::string> paths;
  for (const json& e : r["error"]["errors"]) paths.push_back(e["path"]);
  const std::string d = std::to_string(kLoopD), future = std::to_string(kLoopD + 30 * kLoopDayMs);
  EXPECT_EQ(paths, (std::vector<std::string>{"$.Habits[id=4].freq_den", "$.Habits[id=5].target_value",
                                             "$.Habits[id=3].name",
                                             "$.Repetitions[habit=1,timestamp=" + future + "].timestamp",
                                             "$.Repetitions[habit=2,timestamp=" + d + "].value"}))
      << r.dump(1);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("$.Habits[id=4].freq_den"), std::string::npos);
  EXPECT_EQ(ContentHash(db().handle()), before);
}

TEST_F(LoopImportTest, TheCommittedFixturesAreTheGeneratorsFiles) {
  // tests/data/loop/ (tools/make-loop-files) must hold what loop_files.h builds:
  // the same preview and counts (bytes may differ between SQLite versions).
  for (int v : kLoopFixtureVersions) {
    SCOPED_TRACE("Loop schema " + std::to_string(v));
    auto committed = FileSource::Open(std::string(STREAKBOX_TEST_DATA) + "/loop/loop-v" + std::to_string(v) + ".db");
    ASSERT_TRUE(committed.ok()) << committed.status().ToString();
    CallIo io;
    io.source = committed.value().get();
    json a = Call("validateBackup", json::array(), io), b = Validate(File(v));
    ASSERT_TRUE(a["ok"].get<bool>()) << a.dump();
    EXPECT_EQ(a, b);
  }
}

TEST_F(LoopImportTest, RestoringALoopFileAsADatabaseSaysWhereToImportIt) {
  const std::string before = ContentHash(db().handle());
  auto r = RestoreDatabaseImage(db(), clock_, File(25));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("Loop Habit Tracker backup, not a Streakbox database"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(ContentHash(db().handle()), before);
}

TEST_F(LoopImportTest, AHabitRenamedHereStillMatchesByLoopsUuid) {
  ASSERT_TRUE(Import(File(25), {{"mode", "merge"}})["ok"].get<bool>());
  const int64_t pid = ProfileId("Loop");
  int64_t read = 0;
  for (const json& t : Tasks(pid))
    if (t["title"] == "Read") read = t["id"];
  ASSERT_NE(read, 0);
  ASSERT_TRUE(Call("updateTask", json::array({read, {{"title", "Reading"}}}))["ok"].get<bool>());
  const std::string newer = LoopDataSql(25) + LoopRepSql(25, "3", 8, 2);
  auto file = MakeLoopFile(25, "", 1024, &newer);
  ASSERT_TRUE(file.ok());
  json r = Import(file.value(), {{"mode", "merge"}});
  ASSERT_TRUE(r["ok"].get<bool>()) << r.dump();
  EXPECT_EQ(r["value"]["profiles"][0]["tasks"]["added"], 0);
  EXPECT_EQ(Count("tasks"), 6);
  EXPECT_EQ(Entry("Reading", "2026-03-09"), "1|0|-|");
}

TEST_F(LoopImportTest, ATimeOfDayIsTakenAsItsUtcDateAndAbsurdTimestampsAreProblems) {
  // 05:00 UTC on D+8: the entry is on 2026-03-09.
  const std::string shifted = LoopDataSql(25) + "INSERT INTO Repetitions (habit, timestamp, value) VALUES (3, " +
                              std::to_string(kLoopD + 8 * kLoopDayMs + 5 * 3600 * 1000) + ", 2);\n";
  auto file = MakeLoopFile(25, "", 1024, &shifted);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(Import(file.value())["ok"].get<bool>());
  EXPECT_EQ(Entry("Read", "2026-03-09"), "1|0|-|");

  const std::string before = ContentHash(db().handle());
  const std::string absurd = LoopDataSql(25) + "INSERT INTO Repetitions (habit, timestamp, value) VALUES (3, -9000000000000, 2);\n";
  file = MakeLoopFile(25, "", 1024, &absurd);
  ASSERT_TRUE(file.ok());
  json r = Import(file.value());
  ASSERT_FALSE(r["ok"].get<bool>());
  ASSERT_EQ(r["error"]["errors"].size(), 1u) << r.dump();
  EXPECT_EQ(r["error"]["errors"][0]["path"], "$.Repetitions[habit=3,timestamp=-9000000000000].timestamp");
  EXPECT_EQ(ContentHash(db().handle()), before);
}

}  // namespace
}  // namespace streakbox
