// A fresh, migrated in-memory database with a fixed clock, for core tests.
#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "streakbox/app.h"

namespace streakbox {

// 2026-03-10T12:00:00Z, a Tuesday.
constexpr int64_t kTestNow = 1773144000;

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = App::Open(":memory:", clock_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    app_ = std::move(r).value();
  }
  Tracker& tracker() { return app_->tracker(); }
  Database& db() { return app_->db(); }

  // Counts rows of `table` (a test's way to prove "nothing changed").
  int64_t Count(const std::string& table) {
    auto st = db().Prepare("SELECT count(*) FROM " + table);
    EXPECT_TRUE(st.ok());
    EXPECT_TRUE(st.value().Step().value());
    return st.value().Int(0);
  }

  FixedClock clock_{kTestNow, "2026-03-10"};
  std::unique_ptr<App> app_;
};

}  // namespace streakbox
