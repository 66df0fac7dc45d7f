// Backup export: writes one profile or all profiles as backup JSON
// (docs/FORMAT.md) to a ByteSink, streaming row by row from one read
// snapshot, so memory does not grow with the data.
#pragma once

#include <optional>
#include <string>

#include "streakbox/byte_io.h"
#include "streakbox/database.h"
#include "streakbox/dates.h"

namespace streakbox {

// The task_checks rows (as `c`, joined to their task as `t`) that a backup
// holds: an entry done, skipped, with a note, or with an amount of a task
// that is measurable. A row left with only the amount of a task made yes/no
// since is not written (1.2 would refuse an amount there).
constexpr const char* kExportedEntrySql =
    "(c.checked = 1 OR c.skipped = 1 OR c.note != '' OR (c.amount IS NOT NULL AND t.measure_target IS NOT NULL))";

struct ExportOptions {
  std::optional<int64_t> profile_id;  // one profile; all profiles when empty
};

struct ExportResult {
  std::string filename;  // streakbox-backup[-<profile>]-YYYY-MM-DD.json
  int64_t profiles = 0, tasks = 0, task_checks = 0, daily_status = 0, days_off = 0;
};

Result<ExportResult> ExportBackup(Database& db, const Clock& clock, const ExportOptions& options, ByteSink& sink);

// The download name: streakbox-backup-YYYY-MM-DD.json, or with the profile's
// name (made file-name safe, cut on a UTF-8 boundary so that the whole name
// stays within 255 bytes) before the date.
std::string BackupFileName(const std::string& date, const std::optional<std::string>& profile_name);

// Any export's download name by the same rule: <stem>[-<profile>]-YYYY-MM-DD<extension>
// (BackupFileName is ExportFileName("streakbox-backup", date, profile_name, ".json")).
std::string ExportFileName(const std::string& stem, const std::string& date,
                           const std::optional<std::string>& profile_name, const std::string& extension);

}  // namespace streakbox
