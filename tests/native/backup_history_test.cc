// Backup settings (validation, defaults, local keys), the history table, the
// schedule state derived from it, and the backup methods of App::Call.
#include <nlohmann/json.hpp>

#include "streakbox/backup_export.h"
#include "streakbox/backup_history.h"
#include "streakbox/backup_settings.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

class BackupHistoryTest : public DbTest {
 protected:
  json Call(const std::string& method, const json& args = json::array()) {
    json r = json::parse(app_->Call(method, args.dump()));
    last_error_ = r["ok"] ? "" : r["error"]["code"].get<std::string>();
    return r["ok"] ? r["value"] : r["error"];
  }
  std::string last_error_;
};

TEST_F(BackupHistoryTest, SettingsDefaultToTheSeedsValues) {
  EXPECT_EQ(Call("backupSettings"), json::parse(R"({"enabled":false,"frequency":"daily","retention_count":14,"encrypt":false,"location":"opfs"})"));
}

TEST_F(BackupHistoryTest, InvalidSettingsAreRefusedAndNothingIsSaved) {
  const std::pair<json, std::string> bad[] = {
      {{{"retention_count", 0}}, "retention_count must be a whole number from 1 to 365"},
      {{{"retention_count", 366}}, "retention_count must be a whole number from 1 to 365"},
      {{{"retention_count", 2.5}}, "retention_count must be a whole number from 1 to 365"},
      {{{"retention_count", "14"}}, "retention_count must be a whole number from 1 to 365"},
      {{{"frequency", "hourly"}}, "frequency must be 'daily', 'weekly' or 'monthly'"},
      {{{"enabled", "yes"}}, "enabled must be true or false"},
      {{{"location", "dropbox"}}, "location must be 'opfs' (Streakbox's own folder) or 'folder' (a folder you chose)"},
      {{{"enabled", true}, {"colour", 1}}, "the backup settings have no field 'colour'"},
  };
  for (const auto& [patch, message] : bad) {
    json e = Call("configureBackups", json::array({patch}));
    EXPECT_EQ(last_error_, "invalid_argument") << patch;
    EXPECT_EQ(e["message"], message);
  }
  EXPECT_EQ(Call("backupSettings")["enabled"], false);
  EXPECT_EQ(Call("backupSettings")["retention_count"], 14);
}

TEST_F(BackupHistoryTest, ValidSettingsAreSavedAndBoundsAccepted) {
  json s = Call("configureBackups", json::array({{{"enabled", true}, {"frequency", "weekly"}, {"retention_count", 365}}}));
  EXPECT_EQ(s["frequency"], "weekly");
  EXPECT_EQ(Call("backupSettings")["retention_count"], 365);
  Call("configureBackups", json::array({{{"retention_count", 1}, {"encrypt", true}, {"location", "folder"}}}));
  EXPECT_EQ(Call("backupSettings"), json::parse(R"({"enabled":true,"frequency":"weekly","retention_count":1,"encrypt":true,"location":"folder"})"));
}

TEST_F(BackupHistoryTest, StoredGarbageReadsAsDefaults) {
  ASSERT_TRUE(db().Exec("INSERT INTO settings VALUES ('backup.retention_count', '9000'), ('backup.frequency', 'x')").ok());
  EXPECT_EQ(Call("backupSettings")["retention_count"], 14);
  EXPECT_EQ(Call("backupSettings")["frequency"], "daily");
}

TEST_F(BackupHistoryTest, BackupSettingsTravelInBackupsButLocalOnesDoNot) {
  Call("configureBackups", json::array({{{"enabled", true}, {"retention_count", 7}, {"location", "folder"}}}));
  StringSink sink;
  ASSERT_TRUE(ExportBackup(db(), clock_, {}, sink).ok());
  json file = json::parse(sink.str());
  EXPECT_EQ(file["settings"]["backup.retention_count"], "7");
  for (auto it = file["settings"].begin(); it != file["settings"].end(); ++it)
    EXPECT_NE(it.key().rfind("local.", 0), 0u) << it.key();
}

TEST_F(BackupHistoryTest, SwitchingOnStartsCountingFromNow) {
  Call("configureBackups", json::array({{{"enabled", true}}}));
  json s = Call("backupSchedule");
  EXPECT_EQ(s["due"], false) << "10 March 12:00 is after that day's 03:00 slot";
  EXPECT_EQ(s["next_due"], "2026-03-11T03:00:00Z");
  clock_.Set(kTestNow + 15 * 3600, "2026-03-11");  // 11 March 03:00 UTC
  EXPECT_EQ(Call("backupSchedule")["due"], true);
}

TEST_F(BackupHistoryTest, RunsAreRecordedAndTheScheduleFollowsThem) {
  Call("configureBackups", json::array({{{"enabled", true}, {"retention_count", 2}}}));
  json removed_total = json::array();
  for (int day = 1; day <= 4; ++day) {
    clock_.Set(kTestNow + (day - 1) * 86400 + 15 * 3600, "");  // 03:00 UTC, days 11..14
    ASSERT_EQ(Call("backupSchedule")["due"], true) << day;
    int64_t id = Call("backupBegin", json::array({{{"kind", "scheduled"}, {"frequency", "daily"}}}));
    json r = Call("backupFinish", json::array({id, {{"ok", true}, {"filename", "f" + std::to_string(day)}, {"size", 10},
                                                    {"sha256", std::string(64, 'a')}}}));
    for (const auto& x : r["removals"]) {
      removed_total.push_back(x["filename"]);
      Call("backupRemove", json::array({x["id"]}));
    }
    EXPECT_EQ(Call("backupSchedule")["due"], false) << day;
  }
  EXPECT_EQ(removed_total, json::array({"f1", "f2"}));
  json list = Call("backupHistory");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["filename"], "f4");
  EXPECT_EQ(list[0]["retention"]["reason"], "the newest good backup is always kept");
}

TEST_F(BackupHistoryTest, AFailedRunIsReportedUntilALaterOneSucceeds) {
  Call("configureBackups", json::array({{{"enabled", true}}}));
  clock_.Set(kTestNow + 15 * 3600, "");
  int64_t id = Call("backupBegin", json::array({{{"kind", "scheduled"}}}));
  Call("backupFinish", json::array({id, {{"ok", false}, {"error", "no_backup_password: set a backup password"}}}));
  json s = Call("backupSchedule");
  EXPECT_EQ(s["last_failed"], true);
  EXPECT_EQ(s["last_error"], "no_backup_password: set a backup password");
  EXPECT_EQ(s["due"], false) << "a failure is the attempt for its slot";
  clock_.Set(kTestNow + 39 * 3600, "");
  id = Call("backupBegin", json::array({{{"kind", "scheduled"}}}));
  Call("backupFinish", json::array({id, {{"ok", true}, {"filename", "f"}, {"size", 1}, {"sha256", std::string(64, 'b')}}}));
  EXPECT_EQ(Call("backupSchedule")["last_failed"], false);
}

TEST_F(BackupHistoryTest, ARunCutShortByAClosedTabShowsAsFailed) {
  int64_t id = Call("backupBegin", json::array({{{"kind", "scheduled"}}}));
  EXPECT_EQ(Call("backupRecover"), 1);
  json e = Call("backupGet", json::array({id}));
  EXPECT_EQ(e["status"], "failed");
  EXPECT_EQ(e["error"], "interrupted: Streakbox was closed before the backup finished");
  EXPECT_EQ(Call("backupSchedule")["last_failed"], true);
  EXPECT_EQ(Call("backupRecover"), 0);
}

TEST_F(BackupHistoryTest, ASuccessNeedsItsFileFacts) {
  int64_t id = Call("backupBegin", json::array({{{"kind", "manual"}}}));
  Call("backupFinish", json::array({id, {{"ok", true}, {"filename", "f"}}}));
  EXPECT_EQ(last_error_, "invalid_argument");
  EXPECT_EQ(Call("backupGet", json::array({id}))["status"], "running");
  Call("backupBegin", json::array({{{"kind", "weekly"}}}));
  EXPECT_EQ(last_error_, "invalid_argument");
  Call("backupRemove", json::array({999}));
  EXPECT_EQ(last_error_, "not_found");
}

}  // namespace
}  // namespace streakbox
