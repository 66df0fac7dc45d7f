// Backup import: validate a whole backup and apply it in one transaction
// (docs/FORMAT.md, "Import").
//
// ValidateBackup() reads the source once and reports every problem (up to
// kMaxReportedProblems) with its JSON path; it writes nothing. ImportBackup()
// reads the source once too: each record is validated and, while everything
// read so far is valid, applied inside one transaction, which is committed
// only when the whole file proved valid. Any problem or failure (or a dry run)
// rolls back, leaving the database as it was, and still reports every problem.
// Memory stays flat with file size as long as each profile's tasks come before
// its checks, as every known writer does; references to tasks that come later
// are remembered and resolved at the end of the profile.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "streakbox/byte_io.h"
#include "streakbox/database.h"
#include "streakbox/dates.h"

namespace streakbox {

struct TableCounts {
  int64_t added = 0, replaced = 0, skipped = 0, deleted = 0;
};

struct ProfileReport {
  std::string name;
  int64_t profile_id = 0;   // in this database after the import (0 in a dry run for a new profile)
  std::string action;       // "created", "replaced", "merged" or "deleted"
  TableCounts tasks, task_checks, daily_status, days_off;
  // What the user would see change in this profile, net (backup_net.h,
  // docs/API.md "The report"): per task added/removed/changed/unchanged.
  nlohmann::json net;
};

struct ImportReport {
  bool dry_run = false;
  std::string mode;  // "replace" or "merge"
  std::vector<ProfileReport> profiles;
  nlohmann::json header;  // the file's top-level fields (version, counts, ...)
  // True when the import replaced or merged into the whole instance (a backup
  // of every profile, IsWholeInstance, with no profile_id); false when it
  // touched only the profile it names or was pointed at.
  bool whole_instance = false;
  // The file's backup.* settings (schedule, retention, encryption): "kept"
  // (this database's stay, the default), "taken" (take_backup_settings), or
  // empty when the file has none or they do not apply.
  std::string backup_settings;
  // A Loop Habit Tracker file: what it held, habit by habit (loop_import.h,
  // ReadLoopBackup); null for Streakbox's own backups.
  nlohmann::json source;
};

// What a valid backup holds, from Validate().
struct BackupSummary {
  nlohmann::json header;
  int64_t profiles = 0, tasks = 0, task_checks = 0, daily_status = 0, days_off = 0;
  int64_t skips = 0, amounts = 0, notes = 0;  // checks that are skipped, that hold an amount, a note (1.2)
  std::vector<std::string> profile_names;
  // Per profile of the file, in its order: how many tasks and checks it holds
  // (for "what this file holds" before any choice, docs/API.md validateBackup).
  struct ProfileHeld {
    int64_t tasks = 0, task_checks = 0;
  };
  std::vector<ProfileHeld> held;
  nlohmann::json source;  // as ImportReport's
};

struct ImportOptions {
  enum class Mode { kReplace, kMerge } mode = Mode::kReplace;
  std::optional<int64_t> profile_id;  // import a one-profile backup into this profile
  bool dry_run = false;
  bool tasks_only = false;            // bring tasks, not their history
  std::function<void(double)> progress;  // 0..1: the share of the file read
  // A full restore: before committing, run PRAGMA integrity_check and compare
  // the database's counts with the header's `counts` (when the file has them);
  // a mismatch rolls everything back (kInvalidBackup).
  bool verify = false;
  // Take the file's backup.* settings (the schedule) instead of keeping this
  // database's. Default false: a restore never silently changes this
  // browser's schedule (docs/FORMAT.md, "Import").
  bool take_backup_settings = false;
  // A Loop Habit Tracker file without `profile_id` goes into the profile of
  // this name: created when absent, replaced or merged into when it exists.
  std::string profile_name = "Loop";
};

// Whether a valid backup is of every profile, so that it may replace the whole
// instance: its scope is "all", or it has no scope and holds several profiles
// (the seed app's export of everything). Any other file replaces only the
// profile it names (or the one chosen) and never deletes other profiles.
bool IsWholeInstance(const BackupSummary& summary);

// The check `verify` runs, inside the import's transaction.
Status VerifyRestored(Database& db, const nlohmann::json& header);

// kMalformed, kUnsupportedVersion or kInvalidBackup (with details) when the
// backup cannot be imported. `clock` decides which dates are in the future
// (docs/FORMAT.md); the form without it uses the system clock.
Result<BackupSummary> ValidateBackup(ByteSource& source, const Clock& clock,
                                     const std::function<void(double)>& progress = nullptr);
Result<BackupSummary> ValidateBackup(ByteSource& source, const std::function<void(double)>& progress = nullptr);

Result<ImportReport> ImportBackup(Database& db, const Clock& clock, ByteSource& source,
                                  const ImportOptions& options);

nlohmann::json ToJson(const ImportReport& report);
nlohmann::json ToJson(const BackupSummary& summary);

}  // namespace streakbox
