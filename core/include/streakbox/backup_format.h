// Constants of the backup JSON format. The specification is docs/FORMAT.md;
// change both together.
#pragma once

namespace streakbox {

// What Streakbox writes. Readers accept every 1.x file (1.0 is the seed
// Streaklet format); a higher major version comes from a newer Streakbox.
constexpr const char* kBackupFormatName = "streakbox-backup";
constexpr const char* kBackupFormatVersion = "1.3";
constexpr int kBackupFormatMajor = 1;

// Validation reports at most this many problems, then says how many more.
constexpr size_t kMaxReportedProblems = 100;

// Settings whose key starts with this prefix are secrets: never exported.
constexpr const char* kSecretSettingPrefix = "secret.";

// Settings whose key starts with this prefix describe this browser only (where
// backups go, schedule state): never exported, never imported.
constexpr const char* kLocalSettingPrefix = "local.";

// Settings whose key starts with this prefix are the backup schedule
// (enabled, frequency, retention, encryption): exported, but an import keeps
// this database's unless asked to take the file's (ImportOptions).
constexpr const char* kBackupSettingPrefix = "backup.";

}  // namespace streakbox
