// Which backups to keep: a pure policy over history entries, in the manner of
// restic's `forget` (docs/ARCHITECTURE.md, "Retention"). It decides; the caller
// deletes. Every entry comes back with a decision and a reason a person can read.
//
// Rules, in order:
// 1. Manual backups and safety snapshots are always kept (retention is for the
//    schedule's own files; a person made the others on purpose).
// 2. The newest good scheduled backup is always kept, whatever the count.
// 3. Good scheduled backups are kept newest first up to `retention_count`;
//    older ones are removed, oldest first.
// 4. Failed scheduled attempts are removed once a later scheduled attempt
//    exists (any outcome); the latest failure stays so it can be shown.
// 5. An entry still running (or waiting for permission) is kept.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace streakbox {

constexpr int kMinRetention = 1, kMaxRetention = 365, kDefaultRetention = 14;

enum class BackupKind { kManual, kScheduled, kSafety };
enum class BackupState { kOk, kFailed, kRunning };

struct RetentionEntry {
  int64_t id = 0;
  BackupKind kind = BackupKind::kScheduled;
  BackupState state = BackupState::kOk;
  int64_t created_at = 0;  // unix seconds; ties broken by id (higher is newer)
};

struct RetentionDecision {
  int64_t id = 0;
  bool keep = true;
  std::string reason;
};

// One decision per entry, in the order given. REQUIRES: retention_count >= 1.
std::vector<RetentionDecision> PlanRetention(const std::vector<RetentionEntry>& entries, int retention_count);

}  // namespace streakbox
