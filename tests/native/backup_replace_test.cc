// Replace imports that must not destroy more than the file holds: a backup of
// one profile replaces only that profile, never the others (issue 9), and a
// restore keeps this database's backup schedule unless asked to take the file's.
#include <nlohmann/json.hpp>

#include "backup_files.h"
#include "streakbox/backup_settings.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

class BackupReplaceTest : public DbTest {
 protected:
  int64_t Profile(const std::string& name) { return tracker().CreateProfile(name, "#123456").value(); }
  int64_t Task(int64_t p, const std::string& title) {
    return tracker().CreateTask(p, TaskFields{title, "", true, true, false}).value();
  }
  std::string Export(std::optional<int64_t> profile = std::nullopt) { return ExportText(db(), clock_, profile); }
  Result<ImportReport> Import(const std::string& data, ImportOptions o = {}) { return ImportText(db(), clock_, data, o); }
  std::vector<std::string> Names() {
    std::vector<std::string> out;
    auto profiles = tracker().ListProfiles();
    for (const auto& p : profiles.value()) out.push_back(p.name);
    return out;
  }
  Status Configure(const json& patch) {
    SB_ASSIGN_OR_RETURN(BackupSettings current, LoadBackupSettings(db()));
    SB_ASSIGN_OR_RETURN(BackupSettings next, PatchBackupSettings(current, patch, kTestNow));
    return SaveBackupSettings(db(), next);
  }
};

TEST_F(BackupReplaceTest, AOneProfileBackupReplacesOnlyTheProfileItNames) {
  int64_t mom = Profile("Mom");
  Task(mom, "Run");
  const std::string momsFile = Export(mom);  // scope "profile"
  Task(mom, "Read");
  int64_t dad = Profile("Dad");
  Task(dad, "Walk");
  Profile("Kid");

  auto r = Import(momsFile);  // Replace into the whole instance, the UI's old default
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r.value().whole_instance);
  ASSERT_EQ(r.value().profiles.size(), 1u);
  EXPECT_EQ(r.value().profiles[0].action, "replaced");
  EXPECT_EQ(Names(), (std::vector<std::string>{"Dad", "Kid", "Mom"}));
  auto tasks = tracker().ListTasks(mom);
  ASSERT_EQ(tasks.value().size(), 1u);
  EXPECT_EQ(tasks.value()[0].title, "Run");
  EXPECT_EQ(tracker().ListTasks(dad).value().size(), 1u);
}

TEST_F(BackupReplaceTest, AOneProfileBackupOfAnUnknownNameAddsItAndDeletesNothing) {
  int64_t gran = Profile("Gran");
  Task(gran, "Knit");
  const std::string file = Export(gran);
  ASSERT_TRUE(tracker().DeleteProfile(gran).ok());
  Profile("Mom");
  auto r = Import(file);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().profiles.size(), 1u);
  EXPECT_EQ(r.value().profiles[0].action, "created");
  EXPECT_EQ(Names(), (std::vector<std::string>{"Gran", "Mom"}));
}

TEST_F(BackupReplaceTest, AOneProfileFileWithoutScopeIsNotAWholeInstance) {
  Profile("Dad");
  const std::string file = R"({"version":"1.0","profiles":[{"profile":{"name":"Mom"},"tasks":[{"title":"Run"}]}]})";
  auto r = Import(file);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r.value().whole_instance);
  EXPECT_EQ(Names(), (std::vector<std::string>{"Dad", "Mom"}));
}

TEST_F(BackupReplaceTest, OnlyABackupOfEveryProfileReplacesTheWholeInstance) {
  Profile("Mom");
  const std::string all = Export();  // scope "all"
  Profile("Dad");
  auto r = Import(all);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r.value().whole_instance);
  EXPECT_EQ(Names(), (std::vector<std::string>{"Mom"}));
}

TEST_F(BackupReplaceTest, AFullRestoreOfAOneProfileFileVerifiesWithoutTheInstanceCounts) {
  int64_t mom = Profile("Mom");
  Task(mom, "Run");
  const std::string file = Export(mom);  // its counts say 1 profile
  Profile("Dad");
  ImportOptions o;
  o.verify = true;
  auto r = Import(file, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Names(), (std::vector<std::string>{"Dad", "Mom"}));
}

TEST_F(BackupReplaceTest, ARestoreKeepsThisDatabasesBackupScheduleUnlessAskedToTakeTheFiles) {
  Profile("Mom");
  ASSERT_TRUE(Configure({{"enabled", false}, {"frequency", "daily"}, {"retention_count", 14}}).ok());
  const std::string file = Export();  // off, daily, 14
  ASSERT_TRUE(Configure({{"enabled", true}, {"frequency", "weekly"}, {"retention_count", 30}}).ok());

  auto kept = Import(file);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept.value().backup_settings, "kept");
  BackupSettings s = LoadBackupSettings(db()).value();
  EXPECT_TRUE(s.enabled);
  EXPECT_EQ(s.frequency, BackupFrequency::kWeekly);
  EXPECT_EQ(s.retention_count, 30);

  ImportOptions take;
  take.take_backup_settings = true;
  auto taken = Import(file, take);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken.value().backup_settings, "taken");
  s = LoadBackupSettings(db()).value();
  EXPECT_FALSE(s.enabled);
  EXPECT_EQ(s.frequency, BackupFrequency::kDaily);
  EXPECT_EQ(s.retention_count, 14);
  EXPECT_EQ(ToJson(taken.value())["backup_settings"], "taken");
}

}  // namespace
}  // namespace streakbox
