#include "streakbox/schema.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "../support/sha256_hex.h"
#include "streakbox/app.h"

namespace streakbox {
namespace {

// The rows of `sql` as text, in order: a fingerprint of what a query shows.
std::string Rows(Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st.ok()) << sql << ": " << st.status().ToString();
  if (!st.ok()) return "";
  std::string out;
  while (st.value().Step().value()) {
    for (int c = 0; c < 12; ++c) out += st.value().Text(c) + "|";
    out += "\n";
  }
  return out;
}

// The schema-2 tables as version 2 had them, every column, in a fixed order.
const char* const kVersion2Queries[] = {
    "SELECT id, name, color, created_at, updated_at FROM profiles ORDER BY id",
    "SELECT id, profile_id, title, description, is_required, is_active, sort_order, fitbit_auto_check, "
    "created_at, updated_at FROM tasks ORDER BY id",
    "SELECT task_id, date, checked, checked_at FROM task_checks ORDER BY task_id, date",
    "SELECT profile_id, date, completed_at FROM daily_status ORDER BY profile_id, date",
    "SELECT key, value FROM settings ORDER BY key",
    "SELECT * FROM backup_history ORDER BY id",
};

}  // namespace

// tests/data/db/v2.sqlite was made by the schema-2 build (tools/streakbox
// import of v2-source.json). Opening a copy migrates it to the current
// version; every row it held reads back the same, and the new columns hold
// their defaults: every task daily and yes/no, every entry done and not skipped.
TEST(Schema, MigratesARealVersion2File) {
  const std::string path = testing::TempDir() + "/streakbox-v2-copy-" + std::to_string(::getpid()) + ".sqlite";
  std::filesystem::remove(path);
  std::filesystem::copy_file(STREAKBOX_TEST_DATA "/db/v2.sqlite", path, std::filesystem::copy_options::overwrite_existing);
  std::string before;
  {
    auto db = Database::Open(path).value();
    ASSERT_EQ(SchemaVersion(*db).value(), 2);
    for (const char* q : kVersion2Queries) before += Rows(*db, q);
  }
  ASSERT_NE(before.find("Morning run"), std::string::npos);
  FixedClock clock(1764590400, "2026-12-01");
  auto app = App::Open(path, clock);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  Database& db = app.value()->db();
  EXPECT_EQ(SchemaVersion(db).value(), kSchemaVersion);
  std::string after;
  for (const char* q : kVersion2Queries) after += Rows(db, q);
  EXPECT_EQ(after, before);
  EXPECT_EQ(Rows(db, "SELECT count(*) FROM tasks WHERE schedule_type = 'daily' AND schedule_weekdays = 127 "
                     "AND schedule_times = 1 AND schedule_days = 1 AND measure_target IS NULL"),
            Rows(db, "SELECT count(*) FROM tasks"));
  EXPECT_EQ(Rows(db, "SELECT count(*) FROM task_checks WHERE skipped = 0 AND amount IS NULL AND note = ''"),
            Rows(db, "SELECT count(*) FROM task_checks"));
  EXPECT_EQ(Rows(db, "SELECT count(*) FROM days_off"), Rows(db, "SELECT 0"));
  // The migrated data works: Mom's tasks read as daily yes/no tasks.
  auto tasks = app.value()->tracker().ListTasks(1);
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks.value().size(), 4u);
  EXPECT_TRUE(tasks.value()[0].schedule == Schedule{});
  EXPECT_FALSE(tasks.value()[0].measure.has_value());
  std::filesystem::remove(path);
}

// The schema-3 tables as version 3 had them, every column, in a fixed order.
const char* const kVersion3Queries[] = {
    "SELECT id, name, color, created_at, updated_at FROM profiles ORDER BY id",
    "SELECT id, profile_id, title, description, is_required, is_active, sort_order, fitbit_auto_check, "
    "created_at, updated_at, schedule_type, schedule_weekdays FROM tasks ORDER BY id",
    "SELECT id, schedule_times, schedule_days, measure_unit, measure_target, measure_direction FROM tasks ORDER BY id",
    "SELECT task_id, date, checked, checked_at, skipped, amount, note FROM task_checks ORDER BY task_id, date",
    "SELECT profile_id, date, completed_at FROM daily_status ORDER BY profile_id, date",
    "SELECT profile_id, date, note FROM days_off ORDER BY profile_id, date",
    "SELECT key, value FROM settings ORDER BY key",
    "SELECT * FROM backup_history ORDER BY id",
};

// tests/data/db/v3.sqlite was made by the schema-3 build (tools/streakbox
// import of v3-source.json, every kind of task and entry). Opening a copy
// migrates it; every row reads back the same, and every task has a uuid of
// its own: 32 lowercase hex characters, none the same.
TEST(Schema, MigratesARealVersion3File) {
  const std::string path = testing::TempDir() + "/streakbox-v3-copy-" + std::to_string(::getpid()) + ".sqlite";
  std::filesystem::remove(path);
  std::filesystem::copy_file(STREAKBOX_TEST_DATA "/db/v3.sqlite", path, std::filesystem::copy_options::overwrite_existing);
  std::string before;
  {
    auto db = Database::Open(path).value();
    ASSERT_EQ(SchemaVersion(*db).value(), 3);
    for (const char* q : kVersion3Queries) before += Rows(*db, q);
  }
  ASSERT_NE(before.find("Meditate"), std::string::npos);
  FixedClock clock(1796126400, "2026-12-01");
  auto app = App::Open(path, clock);
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  Database& db = app.value()->db();
  EXPECT_EQ(SchemaVersion(db).value(), kSchemaVersion);
  std::string after;
  for (const char* q : kVersion3Queries) after += Rows(db, q);
  EXPECT_EQ(after, before);
  const std::string tasks = Rows(db, "SELECT count(*) FROM tasks");
  EXPECT_NE(tasks, Rows(db, "SELECT 0"));
  EXPECT_EQ(Rows(db, "SELECT count(*) FROM tasks WHERE length(uuid) = 32 AND uuid NOT GLOB '*[^0-9a-f]*'"), tasks);
  EXPECT_EQ(Rows(db, "SELECT count(DISTINCT uuid) FROM tasks"), tasks);
  // The index keeps them unique within a profile.
  auto dup = db.Exec("UPDATE tasks SET uuid = (SELECT min(uuid) FROM tasks WHERE profile_id = 1) WHERE profile_id = 1");
  EXPECT_EQ(dup.code(), Code::kAlreadyExists) << dup.ToString();
  // The migrated tasks read as they were, with their uuid.
  auto listed = app.value()->tracker().ListTasks(1);
  ASSERT_TRUE(listed.ok());
  ASSERT_FALSE(listed.value().empty());
  EXPECT_EQ(listed.value()[0].uuid.size(), 32u);
  std::filesystem::remove(path);
}

TEST(Schema, MigratesEmptyDatabaseToCurrentVersion) {
  auto db = Database::Open(":memory:").value();
  ASSERT_TRUE(Migrate(*db).ok());
  EXPECT_EQ(SchemaVersion(*db).value(), kSchemaVersion);
}

TEST(Schema, MigrateIsIdempotent) {
  auto db = Database::Open(":memory:").value();
  ASSERT_TRUE(Migrate(*db).ok());
  ASSERT_TRUE(Migrate(*db).ok());
  EXPECT_EQ(SchemaVersion(*db).value(), kSchemaVersion);
}

TEST(Schema, CreatesAnInstanceId) {
  auto db = Database::Open(":memory:").value();
  ASSERT_TRUE(Migrate(*db).ok());
  auto st = db->Prepare("SELECT value FROM settings WHERE key = 'instance_id'").value();
  ASSERT_TRUE(st.Step().value());
  EXPECT_EQ(st.Text(0).size(), 32u);
}

TEST(Schema, RefusesNewerDatabase) {
  auto db = Database::Open(":memory:").value();
  ASSERT_TRUE(db->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)).ok());
  Status s = Migrate(*db);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("newer Streakbox"), std::string::npos);
}

}  // namespace streakbox
