#include "streakbox/backup_retention.h"

#include <algorithm>

namespace streakbox {

std::vector<RetentionDecision> PlanRetention(const std::vector<RetentionEntry>& entries, int retention_count) {
  // Scheduled entries, newest first.
  std::vector<size_t> order;
  for (size_t i = 0; i < entries.size(); ++i)
    if (entries[i].kind == BackupKind::kScheduled) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const auto &x = entries[a], &y = entries[b];
    return x.created_at != y.created_at ? x.created_at > y.created_at : x.id > y.id;
  });

  std::vector<RetentionDecision> out(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    out[i].id = entries[i].id;
    if (entries[i].kind == BackupKind::kManual) out[i].reason = "manual backups are never deleted automatically";
    if (entries[i].kind == BackupKind::kSafety) out[i].reason = "safety snapshots are never deleted automatically";
  }
  const int count = std::max(retention_count, 1);
  int good = 0;
  bool newer_attempt = false;
  for (size_t i : order) {
    const RetentionEntry& e = entries[i];
    RetentionDecision& d = out[i];
    if (e.state == BackupState::kRunning) {
      d.reason = "still running";
    } else if (e.state == BackupState::kFailed) {
      d.keep = !newer_attempt;
      d.reason = d.keep ? "the latest scheduled attempt failed; kept to show why"
                        : "a failed attempt followed by a later one";
    } else {
      ++good;
      if (good == 1) {
        d.reason = "the newest good backup is always kept";
      } else if (good <= count) {
        d.reason = "one of the newest " + std::to_string(count) + " scheduled backups";
      } else {
        d.keep = false;
        d.reason = "older than the newest " + std::to_string(count) + " scheduled backups";
      }
    }
    newer_attempt = true;
  }
  return out;
}

}  // namespace streakbox
