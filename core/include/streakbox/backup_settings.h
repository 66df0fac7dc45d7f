// The scheduled-backup settings (Settings -> Backups), stored in the settings
// table. Keys under "backup." are app settings: they travel in backups like any
// other. Keys under "local." (kLocalSettingPrefix) describe this browser only
// (where backups go, when the schedule was switched on): never exported, never
// imported. A stored value that is not valid reads as its default.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "streakbox/backup_format.h"
#include "streakbox/backup_schedule.h"
#include "streakbox/database.h"

namespace streakbox {

struct BackupSettings {
  bool enabled = false;
  BackupFrequency frequency = BackupFrequency::kDaily;
  int retention_count = 14;  // kMinRetention..kMaxRetention (backup_retention.h)
  bool encrypt = false;      // encrypt scheduled backups with the stored backup password
  std::string location = "opfs";  // "opfs": Streakbox's own folder; "folder": one the user chose
  int64_t enabled_at = 0;    // when switched on or its frequency changed (unix seconds)
};

Result<BackupSettings> LoadBackupSettings(Database& db);

// Validates `patch` ({enabled, frequency, retention_count, encrypt, location},
// any subset) against `current` and returns the result; kInvalidArgument naming
// the field and the allowed values when anything is wrong (nothing is saved).
Result<BackupSettings> PatchBackupSettings(const BackupSettings& current, const nlohmann::json& patch, int64_t now);

Status SaveBackupSettings(Database& db, const BackupSettings& s);

nlohmann::json ToJson(const BackupSettings& s);

}  // namespace streakbox
