// Statement: a run that failed leaves the statement ready for the next one,
// with the next bindings (SQLite refuses bindings on a statement that was not
// reset, and would step again with the old values).
#include <gtest/gtest.h>

#include "streakbox/database.h"

namespace streakbox {
namespace {

TEST(StatementTest, ARunThatFailedRunsAgainWithNewBindings) {
  auto db = Database::Open(":memory:").value();
  ASSERT_TRUE(db->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)").ok());
  Statement insert = db->Prepare("INSERT INTO t (id, name) VALUES (?, ?)").value();
  ASSERT_TRUE(insert.Bind(1, int64_t{1}).Bind(2, std::string("one")).Run().ok());
  Status repeated = insert.Bind(1, int64_t{1}).Bind(2, std::string("again")).Run();
  EXPECT_EQ(repeated.code(), Code::kAlreadyExists);
  ASSERT_TRUE(insert.Bind(1, int64_t{2}).Bind(2, std::string("two")).Run().ok());
  Statement names = db->Prepare("SELECT group_concat(id || ':' || name, ' ') FROM t").value();
  ASSERT_TRUE(names.Step().value());
  EXPECT_EQ(names.Text(0), "1:one 2:two");
}

}  // namespace
}  // namespace streakbox
