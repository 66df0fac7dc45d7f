#include <nlohmann/json.hpp>

#include "streakbox/schema.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

class AppCallsTest : public DbTest {
 protected:
  json Call(const std::string& method, const json& args) {
    return json::parse(app_->Call(method, args.dump()));
  }
  json Value(const std::string& method, const json& args) {
    json r = Call(method, args);
    EXPECT_TRUE(r["ok"].get<bool>()) << r.dump();
    return r["value"];
  }
  std::string ErrorCode(const std::string& method, const json& args) {
    json r = Call(method, args);
    EXPECT_FALSE(r["ok"].get<bool>()) << r.dump();
    return r["error"]["code"].get<std::string>();
  }
};

TEST_F(AppCallsTest, ProfileTaskCheckFlow) {
  int64_t p = Value("createProfile", {{{"name", "Mom"}, {"color", "#3b82f6"}}}).get<int64_t>();
  int64_t t = Value("createTask", {p, {{"title", "Run"}, {"description", "5 km"}}}).get<int64_t>();
  Value("setCheck", {p, t, "2026-03-10", true});
  json day = Value("getDay", {p, "2026-03-10"});
  EXPECT_TRUE(day["completed_at"].is_string());
  EXPECT_EQ(day["tasks"][0]["title"], "Run");
  EXPECT_EQ(day["tasks"][0]["checked"], true);
  json streak = Value("getStreak", {p});
  EXPECT_EQ(streak["current"], 1);
  EXPECT_EQ(streak["best"], 1);
  json tasks = Value("listTasks", {p});
  EXPECT_EQ(tasks[0]["description"], "5 km");
}

TEST_F(AppCallsTest, ErrorsCarryStableCodes) {
  EXPECT_EQ(ErrorCode("createProfile", {{{"name", ""}}}), "invalid_argument");
  Value("createProfile", {{{"name", "Mom"}}});
  EXPECT_EQ(ErrorCode("createProfile", {{{"name", "Mom"}}}), "already_exists");
  EXPECT_EQ(ErrorCode("deleteProfile", {99}), "not_found");
  EXPECT_EQ(ErrorCode("getDay", {1, "2026-13-01"}), "invalid_date");
  EXPECT_EQ(ErrorCode("nope", json::array()), "invalid_argument");
  EXPECT_EQ(ErrorCode("deleteProfile", {"1"}), "invalid_argument");
  EXPECT_EQ(ErrorCode("createProfile", {{{"name", "X"}, {"colour", "#000000"}}}), "invalid_argument");
  EXPECT_EQ(ErrorCode("updateTask", {1, {{"required", "yes"}}}), "invalid_argument");
  json r = json::parse(app_->Call("listProfiles", "{not json"));
  EXPECT_EQ(r["error"]["code"], "invalid_argument");
  EXPECT_EQ(Count("profiles"), 1);
}

TEST_F(AppCallsTest, ReorderTakesAnArrayOfIds) {
  int64_t p = Value("createProfile", {{{"name", "Mom"}}}).get<int64_t>();
  int64_t a = Value("createTask", {p, {{"title", "A"}}}).get<int64_t>();
  int64_t b = Value("createTask", {p, {{"title", "B"}}}).get<int64_t>();
  Value("reorderTasks", {p, {b, a}});
  EXPECT_EQ(Value("listTasks", {p})[0]["id"], b);
  EXPECT_EQ(ErrorCode("reorderTasks", {p, {b, "a"}}), "invalid_argument");
}

TEST_F(AppCallsTest, InfoReportsSchemaAndInstance) {
  json info = Value("info", json::array());
  EXPECT_EQ(info["schema_version"], kSchemaVersion);
  EXPECT_EQ(info["instance_id"].get<std::string>().size(), 32u);
}

}  // namespace
}  // namespace streakbox
