#include "streakbox/schema.h"

#include <gtest/gtest.h>

namespace streakbox {

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
