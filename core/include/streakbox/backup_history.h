// The backup history: one row per backup Streakbox made or tried to make
// (manual backups saved to storage, scheduled runs, safety snapshots, failed
// attempts), in the backup_history table. The files live in the backup
// location; the row is what makes a file a backup: it is recorded "ok" only
// after the file was written under its final name and read back with the
// expected size and SHA-256.
//
// The history survives restores: a JSON restore never touches this table, and
// a database-level restore copies it into the restored database
// (database_image.h). The schedule's last attempt and last success are derived
// from it, so they survive too.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "streakbox/backup_retention.h"
#include "streakbox/database.h"

namespace streakbox {

struct HistoryEntry {
  int64_t id = 0;
  BackupKind kind = BackupKind::kManual;
  std::string format = "json";  // "json" (a backup file) or "sqlite" (the database file)
  BackupState state = BackupState::kRunning;
  int64_t created_at = 0;       // unix seconds, when the run started
  std::optional<int64_t> finished_at;
  std::string frequency;        // scheduled runs: "daily", "weekly", "monthly"
  std::string location = "opfs";
  std::string filename;
  std::optional<int64_t> size;
  std::string sha256;           // hex
  bool encrypted = false;
  nlohmann::json counts;        // {profiles, tasks, task_checks, daily_status} or null
  std::string error;            // why a failed attempt failed
};

const char* KindName(BackupKind k);      // "manual", "scheduled", "safety"
const char* StateName(BackupState s);    // "ok", "failed", "running"

// Records a new entry (state running unless given); returns its id.
Result<int64_t> AddHistory(Database& db, const HistoryEntry& e);
// Completes entry `id` with the fields of `e` that describe the outcome
// (state, finished_at, filename, size, sha256, counts, error).
Status FinishHistory(Database& db, int64_t id, const HistoryEntry& e);
Result<HistoryEntry> GetHistory(Database& db, int64_t id);
// Newest first.
Result<std::vector<HistoryEntry>> ListHistory(Database& db);
Status RemoveHistory(Database& db, int64_t id);
// Marks entries still "running" as failed: called when the database opens, when
// no backup can be running (one owner), so a run cut short by a closed tab
// shows as failed instead of running forever. Returns how many were marked.
Result<int64_t> FailInterruptedRuns(Database& db, int64_t now);

// The start of the latest scheduled run, and of the latest that succeeded.
struct ScheduleState {
  std::optional<int64_t> last_attempt, last_success;
  std::string last_error;  // of the latest attempt, when it failed
};
Result<ScheduleState> LoadScheduleState(Database& db);

nlohmann::json ToJson(const HistoryEntry& e);
// "manual", "scheduled", "safety" -> the kind; anything else: none. (The
// calls that record runs read their JSON strictly: core/src/app_backup_calls.cc.)
std::optional<BackupKind> ParseKind(const std::string& s);

}  // namespace streakbox
