// Database-level backup: the SQLite database file itself (docs/ARCHITECTURE.md,
// "Database-level backup").
//
// SnapshotDatabase copies the live database with SQLite's online backup API
// into memory, inside one read transaction, so the copy is a consistent
// committed state (never a file caught mid-write), and returns the file's bytes
// (rollback-journal mode, so any SQLite opens it without a -wal file).
//
// An uploaded file is untrusted. InspectDatabaseImage and RestoreDatabaseImage
// open it read-only with SQLite's defensive settings (no trigger fires, no view
// is read, limits, a work budget) and check, in order: the SQLite header;
// Streakbox's application_id (or, for files from before it, Streakbox's
// tables); a schema version not newer than this build; that its schema objects
// are exactly the ones Streakbox's migrations create for that version (no
// trigger, view, extra table, index or column); PRAGMA integrity_check; that
// every cell holds the kind of value Streakbox stores there and every
// reference names a row. Its rows are then written out as a JSON backup of all
// profiles and go through the JSON importer's record rules (backup_import.h):
// Inspect validates them, Restore imports them into `live` in Replace mode, in
// one transaction. The restore therefore keeps, like a JSON restore, this
// database's instance_id, its secret.* settings (the stored backup password),
// its local.* settings and its backup history; the file's are never adopted.
// An older file's tables are read as they are (versions 1 and 2 differ only in
// backup_history, which a restore never reads).
//
// Failures change nothing: kMalformed (not an SQLite database),
// kUnsupportedVersion (a newer Streakbox), kInvalidBackup (another
// application's file; damaged; a schema object Streakbox does not create,
// named; a row that breaks a rule, named as "tasks row id 8, column title" in
// the message and in details(); the work budget ran out: "checking this file
// took too long").
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "streakbox/database.h"
#include "streakbox/dates.h"

namespace streakbox {

// What a database file holds: {schema_version, instance_id, size,
// stored_password, counts}. `stored_password`: the file carries the ciphertext
// of a stored backup password (a secret.* setting), which is bound to the
// browser that wrote it and which a restore never adopts.
struct DatabaseImageInfo {
  int schema_version = 0;
  std::string instance_id;
  int64_t size = 0;
  bool stored_password = false;
  int64_t profiles = 0, tasks = 0, task_checks = 0, daily_status = 0, days_off = 0;
};

// Files above this size are refused (a habit tracker's database is far smaller).
constexpr int64_t kMaxDatabaseImageBytes = int64_t{1} << 30;

// The work one inspect or restore may do in SQLite on the uploaded file, in
// virtual-machine steps: deterministic, so a file costs the same everywhere.
// The default grows with the file's size (DefaultImageStepBudget); running out
// is kInvalidBackup "checking this file took too long; it may be damaged".
// Measured (docs/ARCHITECTURE.md, "Database-level backup"): a real database
// needs about 1.2 steps per byte of file for everything a check does on it;
// the default allows about 40 times that, and 10 million steps (well under a
// second natively) for the smallest file.
constexpr int64_t kImageBaseSteps = 10'000'000;
constexpr int64_t kImageStepsPerByte = 50;
struct DatabaseImageBudget {
  int64_t vm_steps = 0;  // 0: DefaultImageStepBudget(the file's size)
};
int64_t DefaultImageStepBudget(int64_t file_size);

Result<std::string> SnapshotDatabase(Database& db);
// `clock`: the import rules' notion of now (and the JSON export's exported_at).
Result<DatabaseImageInfo> InspectDatabaseImage(const std::string& bytes, const Clock& clock,
                                               const DatabaseImageBudget& budget = {});
Result<DatabaseImageInfo> RestoreDatabaseImage(Database& live, const Clock& clock, const std::string& bytes,
                                               const DatabaseImageBudget& budget = {});

// The row counts the backup header reports: profiles, tasks, task_checks (the
// entries a backup holds, kExportedEntrySql), completed days (daily_status
// rows with a completed_at) and days off. REQUIRES: the current schema.
Result<nlohmann::json> CountRecords(Database& db);

nlohmann::json ToJson(const DatabaseImageInfo& info);

}  // namespace streakbox
