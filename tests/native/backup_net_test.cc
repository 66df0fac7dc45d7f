// The report's `net` (backup_net.h): what an import changes as the user would
// see it, per task, in a dry run and for real (issue 13: replacing with an
// identical file is "unchanged", not "35 new, 35 removed").
#include <cstdio>

#include <nlohmann/json.hpp>

#include "backup_files.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

class BackupNetTest : public DbTest {
 protected:
  int64_t Profile(const std::string& name) { return tracker().CreateProfile(name, "#123456").value(); }
  int64_t Task(int64_t p, const std::string& title) {
    return tracker().CreateTask(p, TaskFields{title, "", true, true, false}).value();
  }
  void Checks(int64_t p, int64_t t, int days) {
    for (int d = 1; d <= days; ++d) {
      char date[11];
      std::snprintf(date, sizeof date, "2026-02-%02d", d);
      ASSERT_TRUE(tracker().SetCheck(p, t, date, true).ok());
    }
  }
  std::string Export(std::optional<int64_t> profile = std::nullopt) { return ExportText(db(), clock_, profile); }
  json Net(const std::string& data, ImportOptions o = {}, size_t profile = 0) {
    auto r = ImportText(db(), clock_, data, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok() || r.value().profiles.size() <= profile) return json();
    return ToJson(r.value())["profiles"][profile]["net"];
  }
};

TEST_F(BackupNetTest, ReplacingWithAnIdenticalFileIsUnchanged) {
  int64_t mom = Profile("Mom");
  Checks(mom, Task(mom, "Run"), 20);
  Checks(mom, Task(mom, "Read"), 15);
  const std::string file = Export();
  for (bool dry : {true, false}) {
    ImportOptions o;
    o.dry_run = dry;
    json net = Net(file, o);
    EXPECT_TRUE(net["unchanged"].get<bool>()) << net.dump();
    EXPECT_EQ(net["checks_added"], 0);
    EXPECT_EQ(net["checks_removed"], 0);
    ASSERT_EQ(net["tasks"].size(), 2u);
    EXPECT_EQ(net["tasks"][0]["title"], "Run");
    EXPECT_EQ(net["tasks"][0]["change"], "unchanged");
    EXPECT_EQ(net["tasks"][0]["checks"], 20);
  }
}

TEST_F(BackupNetTest, ARemovedTaskIsNamedWithItsChecks) {
  int64_t mom = Profile("Mom");
  Checks(mom, Task(mom, "Run"), 3);
  const std::string file = Export();
  Checks(mom, Task(mom, "Stretch"), 12);
  ImportOptions o;
  o.dry_run = true;
  json net = Net(file, o);
  EXPECT_FALSE(net["unchanged"].get<bool>());
  EXPECT_EQ(net["checks_removed"], 12);
  ASSERT_EQ(net["tasks"].size(), 2u);
  EXPECT_EQ(net["tasks"][0]["change"], "unchanged");
  EXPECT_EQ(net["tasks"][1]["title"], "Stretch");
  EXPECT_EQ(net["tasks"][1]["change"], "removed");
  EXPECT_EQ(net["tasks"][1]["checks"], 12);
  EXPECT_EQ(net["tasks"][1]["checks_removed"], 12);
}

TEST_F(BackupNetTest, AMergeCountsOnlyTheChecksItAdds) {
  int64_t mom = Profile("Mom");
  const int64_t run = Task(mom, "Run");
  Checks(mom, run, 5);
  const std::string file = Export();
  ASSERT_TRUE(tracker().SetCheck(mom, run, "2026-02-05", false).ok());
  ASSERT_TRUE(tracker().SetCheck(mom, run, "2026-02-04", false).ok());
  ImportOptions o;
  o.dry_run = true;
  o.mode = ImportOptions::Mode::kMerge;
  json net = Net(file, o);
  EXPECT_EQ(net["checks_added"].get<int64_t>() + net["checks_changed"].get<int64_t>(), 2) << net.dump();
  EXPECT_EQ(net["checks_removed"], 0);
  EXPECT_EQ(net["tasks"][0]["change"], "changed");
}

TEST_F(BackupNetTest, ATasksOnlyMergeIntoAnEmptyProfileAddsTasksAndNoChecks) {
  int64_t mom = Profile("Mom");
  Checks(mom, Task(mom, "Run"), 7);
  const std::string file = Export(mom);
  int64_t kid = Profile("Kid");
  ImportOptions o;
  o.dry_run = true;
  o.mode = ImportOptions::Mode::kMerge;
  o.tasks_only = true;
  o.profile_id = kid;
  json net = Net(file, o);
  EXPECT_EQ(net["checks_added"], 0) << net.dump();
  ASSERT_EQ(net["tasks"].size(), 1u);
  EXPECT_EQ(net["tasks"][0]["change"], "added");
  EXPECT_EQ(net["tasks"][0]["checks"], 0);
}

TEST_F(BackupNetTest, AProfileTheRestoreDeletesLosesEveryTask) {
  int64_t mom = Profile("Mom");
  Task(mom, "Run");
  const std::string file = Export();
  int64_t dad = Profile("Dad");
  Checks(dad, Task(dad, "Walk"), 4);
  ImportOptions o;
  o.dry_run = true;
  auto r = ImportText(db(), clock_, file, o);
  ASSERT_TRUE(r.ok());
  json report = ToJson(r.value());
  bool seen = false;
  for (const json& p : report["profiles"]) {
    if (p["name"] != "Dad") continue;
    seen = true;
    EXPECT_EQ(p["action"], "deleted");
    EXPECT_EQ(p["net"]["tasks"][0]["title"], "Walk");
    EXPECT_EQ(p["net"]["tasks"][0]["change"], "removed");
    EXPECT_EQ(p["net"]["tasks"][0]["checks"], 4);
  }
  EXPECT_TRUE(seen);
}

TEST_F(BackupNetTest, ValidationSaysWhatEachProfileOfTheFileHolds) {
  int64_t mom = Profile("Mom");
  Checks(mom, Task(mom, "Run"), 6);
  Task(mom, "Read");
  int64_t dad = Profile("Dad");
  Checks(dad, Task(dad, "Walk"), 2);
  const std::string file = Export();
  StringSource src(file);
  auto v = ValidateBackup(src);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  json held = ToJson(v.value())["profiles_held"];
  ASSERT_EQ(held.size(), 2u) << held.dump();
  for (const json& p : held) {
    if (p["name"] == "Mom") {
      EXPECT_EQ(p["tasks"], 2);
      EXPECT_EQ(p["task_checks"], 6);
    } else {
      EXPECT_EQ(p["name"], "Dad");
      EXPECT_EQ(p["tasks"], 1);
      EXPECT_EQ(p["task_checks"], 2);
    }
  }
}

}  // namespace
}  // namespace streakbox
