// Database-level backup: a consistent snapshot, and a restore that refuses
// damaged, foreign and newer files and changes nothing when it refuses.
#include <nlohmann/json.hpp>

#include "streakbox/backup_history.h"
#include "streakbox/backup_import.h"
#include "streakbox/database_image.h"
#include "streakbox/backup_export.h"
#include "streakbox/schema.h"
#include "../support/db_images.h"
#include "test_db.h"

namespace streakbox {
namespace {

class DatabaseImageTest : public DbTest {
 protected:
  void Fill(const std::string& name, int checks) {
    int64_t p = tracker().CreateProfile(name, "#112233").value();
    int64_t t = tracker().CreateTask(p, TaskFields{"Run", "", true, true, false}).value();
    for (int d = 0; d < checks; ++d)
      ASSERT_TRUE(tracker().SetCheck(p, t, FormatDate(ParseDate("2026-03-10").value() - d), true).ok());
  }
  std::vector<std::string> Names() {
    std::vector<std::string> out;
    auto profiles = tracker().ListProfiles();
    for (const auto& p : profiles.value()) out.push_back(p.name);
    return out;
  }
  Result<DatabaseImageInfo> Restore(const std::string& bytes) { return RestoreDatabaseImage(db(), clock_, bytes); }
  Result<DatabaseImageInfo> Inspect(const std::string& bytes) { return InspectDatabaseImage(bytes, clock_); }
  // Everything a restore could change: the schema, every setting (with
  // instance_id, secret.* and local.*), the history and the data.
  std::string State() {
    std::string out;
    for (const char* sql : {"SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name",
                            "SELECT key || '=' || value FROM settings ORDER BY key",
                            "SELECT id || ' ' || kind || ' ' || status FROM backup_history ORDER BY id"}) {
      auto st = db().Prepare(sql);
      EXPECT_TRUE(st.ok());
      while (st.value().Step().value()) out += st.value().Text(0) + "\n";
    }
    StringSink sink;
    EXPECT_TRUE(ExportBackup(db(), clock_, {}, sink).ok());
    return out + sink.str();
  }
  // A restore that must be refused with `code`, leaving Mom's data untouched.
  void ExpectRefused(const std::string& bytes, Code code, const std::string& words) {
    const std::string before = State();
    auto r = Restore(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), code) << r.status().message();
    EXPECT_NE(r.status().message().find(words), std::string::npos) << r.status().message();
    EXPECT_EQ(Names(), std::vector<std::string>{"Mom"});
    EXPECT_EQ(Count("task_checks"), 3);
    EXPECT_EQ(State(), before) << "a refused restore changes nothing";
  }
};

TEST_F(DatabaseImageTest, SnapshotIsAStreakboxDatabaseWithTheData) {
  Fill("Mom", 3);
  std::string bytes = SnapshotDatabase(db()).value();
  EXPECT_EQ(bytes.compare(0, 15, "SQLite format 3"), 0);
  EXPECT_EQ(bytes[18], 1) << "rollback-journal mode: opens without a -wal file";
  auto info = Inspect(bytes);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info.value().schema_version, kSchemaVersion);
  EXPECT_EQ(info.value().profiles, 1);
  EXPECT_EQ(info.value().task_checks, 3);
  EXPECT_EQ(info.value().instance_id, tracker().GetSetting("instance_id").value().value());
}

TEST_F(DatabaseImageTest, RestoreRoundTripKeepsTheHistoryAndThisBrowsersSettings) {
  Fill("Mom", 3);
  ASSERT_TRUE(tracker().SetSetting("local.backup.location", "folder").ok());
  ASSERT_TRUE(tracker().SetSetting("backup.retention_count", "5").ok());
  std::string snapshot = SnapshotDatabase(db()).value();
  ASSERT_TRUE(tracker().SetSetting("local.backup.location", "opfs").ok());
  ASSERT_TRUE(tracker().SetSetting("backup.retention_count", "9").ok());
  ASSERT_TRUE(tracker().DeleteProfile(tracker().ListProfiles().value()[0].id).ok());
  Fill("Dad", 1);
  HistoryEntry e;
  e.kind = BackupKind::kSafety;
  e.created_at = 5;
  int64_t id = AddHistory(db(), e).value();
  auto r = Restore(snapshot);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Names(), std::vector<std::string>{"Mom"});
  EXPECT_EQ(Count("task_checks"), 3);
  auto history = ListHistory(db()).value();
  ASSERT_EQ(history.size(), 1u) << "the history is this database's, not the snapshot's";
  EXPECT_EQ(history[0].id, id);
  EXPECT_EQ(history[0].kind, BackupKind::kSafety);
  EXPECT_EQ(tracker().GetSetting("local.backup.location").value(), "opfs") << "this browser's, kept";
  EXPECT_EQ(tracker().GetSetting("backup.retention_count").value(), "5") << "the data's, restored";
}

TEST_F(DatabaseImageTest, RefusesWhatIsNotAStreakboxDatabase) {
  Fill("Mom", 3);
  ExpectRefused("", Code::kMalformed, "not an SQLite database");
  ExpectRefused("{\"version\":\"1.1\",\"profiles\":[]}" + std::string(100, ' '), Code::kMalformed, "not an SQLite database");

  auto foreign = Database::Open(":memory:").value();
  ASSERT_TRUE(foreign->Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hi')").ok());
  ExpectRefused(SnapshotDatabase(*foreign).value(), Code::kInvalidBackup, "not a Streakbox database");
  ASSERT_TRUE(foreign->Exec("PRAGMA application_id = 42").ok());
  ExpectRefused(SnapshotDatabase(*foreign).value(), Code::kInvalidBackup, "another application");
}

TEST_F(DatabaseImageTest, RefusesANewerSchema) {
  Fill("Mom", 3);
  auto newer = Database::Open(":memory:").value();
  ASSERT_TRUE(Migrate(*newer).ok());
  ASSERT_TRUE(newer->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)).ok());
  ExpectRefused(SnapshotDatabase(*newer).value(), Code::kUnsupportedVersion, "newer Streakbox");
}

TEST_F(DatabaseImageTest, RefusesADamagedFile) {
  Fill("Mom", 3);
  std::string bytes = SnapshotDatabase(db()).value();
  std::string truncated = bytes.substr(0, bytes.size() / 2);
  auto r = Restore(truncated);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidBackup) << r.status().message();
  std::string scribbled = bytes;
  for (size_t i = 4096; i < scribbled.size(); i += 7) scribbled[i] = static_cast<char>(0xA5);
  ExpectRefused(scribbled, Code::kInvalidBackup, "damaged");
  std::string schema_page = bytes;  // the first page holds sqlite_schema
  for (size_t i = 200; i < 4000; i += 5) schema_page[i] = static_cast<char>(0x5A);
  ExpectRefused(schema_page, Code::kInvalidBackup, "damaged");
}

TEST_F(DatabaseImageTest, MigratesAnOlderSchema) {
  Fill("Mom", 3);
  // A version-1 file: no backup_history, no application_id.
  auto old = Database::Open(":memory:").value();
  ASSERT_TRUE(Migrate(*old, 1).ok());
  ASSERT_TRUE(old->Exec("INSERT INTO profiles (name, color, created_at, updated_at) "
                        "VALUES ('Old', '#000000', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z')").ok());
  auto r = Restore(SnapshotDatabase(*old).value());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Names(), std::vector<std::string>{"Old"});
  EXPECT_EQ(SchemaVersion(db()).value(), kSchemaVersion);
}

TEST_F(DatabaseImageTest, RestoresAVersionOneFileMadeByTheVersionOneMigration) {
  Fill("Mom", 3);
  const std::string id = tracker().GetSetting("instance_id").value().value();
  auto r = Restore(MakeImage(1).value());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().schema_version, 1);
  EXPECT_EQ(Names(), std::vector<std::string>{"Dad"});
  EXPECT_EQ(Count("tasks"), 2);
  EXPECT_EQ(Count("task_checks"), 3);
  EXPECT_EQ(Count("daily_status"), 1);
  EXPECT_EQ(SchemaVersion(db()).value(), kSchemaVersion);
  EXPECT_EQ(tracker().GetSetting("backup.retention_count").value(), "5");
  EXPECT_EQ(tracker().GetSetting("instance_id").value().value(), id);
}

// Each hostile file (tests/support/db_images.h) is refused by both inspect and
// restore, naming the object or row, and the database stays as it was: no
// trigger or view of the file's lands here, no rule-breaking row gets in.
TEST_F(DatabaseImageTest, RefusesEveryHostileFileNamingWhatIsWrong) {
  Fill("Mom", 3);
  for (const HostileImage& h : HostileImages()) {
    SCOPED_TRACE(h.name);
    auto bytes = MakeImage(kSchemaVersion, h.sql);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    ExpectRefused(bytes.value(), Code::kInvalidBackup, h.refusal);
    auto inspected = Inspect(bytes.value());
    ASSERT_FALSE(inspected.ok());
    EXPECT_NE(inspected.status().message().find(h.refusal), std::string::npos) << inspected.status().message();
  }
}

// The schema and cell checks quote the file briefly (the importer's own
// messages are capped by the importer).
TEST_F(DatabaseImageTest, RefusalsQuoteTheFileBriefly) {
  Fill("Mom", 3);
  for (const std::string& sql : {"CREATE TABLE \"" + std::string(5000, 'n') + "\" (x);",
                                 "INSERT INTO settings VALUES (x'" + std::string(4000, 'a') + "', 'v');",
                                 "PRAGMA ignore_check_constraints = ON; UPDATE task_checks SET checked = '" + std::string(3000, 'c') + "';"}) {
    auto bytes = MakeImage(kSchemaVersion, sql);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    auto r = Restore(bytes.value());
    ASSERT_FALSE(r.ok());
    EXPECT_LT(r.status().message().size(), 400u) << r.status().message();
  }
}

TEST_F(DatabaseImageTest, AcceptsTheStatisticsTablesSqliteItselfAdds) {
  Fill("Mom", 3);
  auto r = Restore(MakeImage(kSchemaVersion, "ANALYZE;").value());  // creates sqlite_stat1
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Names(), std::vector<std::string>{"Dad"});
}

TEST_F(DatabaseImageTest, AnAdoptedTriggerCouldNotEmptyTheDatabaseLater) {
  Fill("Mom", 3);
  auto bytes = MakeImage(kSchemaVersion, HostileImages()[0].sql).value();
  (void)Restore(bytes);
  // Whatever the restore said, a check afterwards must not fire the file's trigger.
  auto profiles = tracker().ListProfiles().value();
  auto tasks = tracker().ListTasks(profiles[0].id).value();
  ASSERT_TRUE(tracker().SetCheck(profiles[0].id, tasks[0].id, "2026-03-10", true).ok());
  EXPECT_GT(Count("tasks"), 0);
  EXPECT_EQ(Count("sqlite_schema WHERE type IN ('trigger', 'view')"), 0);
}

TEST_F(DatabaseImageTest, KeepsThisInstancesIdNotTheFiles) {
  Fill("Mom", 3);
  const std::string ours = tracker().GetSetting("instance_id").value().value();
  auto bytes = MakeImage(kSchemaVersion).value();
  auto r = Restore(bytes);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r.value().instance_id, ours) << "the info describes the file";
  EXPECT_EQ(tracker().GetSetting("instance_id").value().value(), ours);
  EXPECT_EQ(Names(), std::vector<std::string>{"Dad"});
}

TEST_F(DatabaseImageTest, NeverAdoptsTheFilesSecrets) {
  Fill("Mom", 3);
  auto bytes = MakeImage(kSchemaVersion, "INSERT INTO settings VALUES ('secret.backup_password', 'their-ciphertext');").value();
  ASSERT_TRUE(Restore(bytes).ok());
  EXPECT_FALSE(tracker().GetSetting("secret.backup_password").value().has_value()) << "none here, none adopted";
  ASSERT_TRUE(tracker().SetSetting("secret.backup_password", "our-ciphertext").ok());
  ASSERT_TRUE(Restore(bytes).ok());
  EXPECT_EQ(tracker().GetSetting("secret.backup_password").value(), "our-ciphertext") << "this browser's, kept";
}

TEST_F(DatabaseImageTest, RunningOutOfTheWorkBudgetSaysSoAndChangesNothing) {
  Fill("Mom", 3);
  const std::string bytes = MakeImage(kSchemaVersion).value();
  const std::string before = State();
  const DatabaseImageBudget tiny{1};  // one SQLite step; the file needs thousands
  for (bool restore : {false, true}) {
    auto r = restore ? RestoreDatabaseImage(db(), clock_, bytes, tiny) : InspectDatabaseImage(bytes, clock_, tiny);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kInvalidBackup);
    EXPECT_NE(r.status().message().find("took too long"), std::string::npos) << r.status().message();
  }
  EXPECT_EQ(State(), before);
  EXPECT_TRUE(Restore(bytes).ok()) << "the default budget is ample for the same file";
}

TEST_F(DatabaseImageTest, InfoSaysWhetherTheFileCarriesAStoredPassword) {
  Fill("Mom", 3);
  auto plain = Inspect(MakeImage(kSchemaVersion).value());
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_FALSE(plain.value().stored_password);
  EXPECT_EQ(ToJson(plain.value())["stored_password"], false);
  ASSERT_TRUE(tracker().SetSetting("secret.backup_password", "our-ciphertext").ok());
  auto ours = Inspect(SnapshotDatabase(db()).value());  // what exportDatabase() reports of its file
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  EXPECT_TRUE(ours.value().stored_password);
  EXPECT_EQ(ToJson(ours.value())["stored_password"], true);
}

TEST_F(DatabaseImageTest, AFullRestoreWhoseCountsDisagreeChangesNothing) {
  Fill("Mom", 3);
  const std::string lying = R"({"version":"1.1","counts":{"profiles":1,"tasks":1,"task_checks":5,"daily_status":0},
    "profiles":[{"profile":{"name":"Kid"},"tasks":[{"title":"Read"}],"task_checks":[{"task_title":"Read","date":"2026-03-01"}]}]})";
  StringSource src(lying);
  ImportOptions o;
  o.verify = true;
  auto r = ImportBackup(db(), clock_, src, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidBackup);
  ASSERT_EQ(r.status().details().size(), 1u);
  EXPECT_EQ(r.status().details()[0].path, "$.counts.task_checks");
  EXPECT_EQ(Names(), std::vector<std::string>{"Mom"});
}

}  // namespace
}  // namespace streakbox
