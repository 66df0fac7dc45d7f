// Database-level backup: the SQLite database file itself (docs/ARCHITECTURE.md,
// "Database-level backup").
//
// SnapshotDatabase copies the live database with SQLite's online backup API
// into memory, inside one read transaction, so the copy is a consistent
// committed state (never a file caught mid-write), and returns the file's bytes
// (rollback-journal mode, so any SQLite opens it without a -wal file).
//
// RestoreDatabaseImage checks an uploaded file before touching anything: the
// SQLite header, Streakbox's application_id (or, for files from before it
// existed, Streakbox's tables), a schema version not newer than this build,
// PRAGMA integrity_check; then migrates it in memory, carries this database's
// backup history and local.* settings (this browser's backup location and
// schedule state) over, and replaces the live database's content with the
// backup API in one write transaction. Any failure leaves the live database as
// it was. Failures: kMalformed (not an SQLite database), kInvalidBackup (SQLite
// but not Streakbox's, or damaged), kUnsupportedVersion (a newer Streakbox).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "streakbox/database.h"

namespace streakbox {

// What a database file holds: {schema_version, instance_id, size, counts}.
struct DatabaseImageInfo {
  int schema_version = 0;
  std::string instance_id;
  int64_t size = 0;
  int64_t profiles = 0, tasks = 0, task_checks = 0, daily_status = 0;
};

// Files above this size are refused (a habit tracker's database is far smaller).
constexpr int64_t kMaxDatabaseImageBytes = int64_t{1} << 30;

Result<std::string> SnapshotDatabase(Database& db);
Result<DatabaseImageInfo> InspectDatabaseImage(const std::string& bytes);
Result<DatabaseImageInfo> RestoreDatabaseImage(Database& live, const std::string& bytes);

// The row counts the backup header reports: profiles, tasks, task_checks and
// completed days (daily_status rows with a completed_at).
Result<nlohmann::json> CountRecords(Database& db);

nlohmann::json ToJson(const DatabaseImageInfo& info);

}  // namespace streakbox
