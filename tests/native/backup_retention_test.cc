// PlanRetention: what retention keeps and removes, with reasons.
#include <gtest/gtest.h>

#include <map>

#include "streakbox/backup_retention.h"

namespace streakbox {
namespace {

using K = BackupKind;
using S = BackupState;

RetentionEntry E(int64_t id, K kind, S state = S::kOk, int64_t at = -1) {
  return {id, kind, state, at < 0 ? id * 86400 : at};
}

std::map<int64_t, bool> Keep(const std::vector<RetentionEntry>& entries, int count) {
  std::map<int64_t, bool> out;
  for (const auto& d : PlanRetention(entries, count)) {
    EXPECT_FALSE(d.reason.empty()) << d.id;
    out[d.id] = d.keep;
  }
  return out;
}

struct Case {
  const char* name;
  std::vector<RetentionEntry> entries;
  int count;
  std::map<int64_t, bool> keep;
};

TEST(BackupRetention, Table) {
  const Case cases[] = {
      {"under the count: all kept", {E(1, K::kScheduled), E(2, K::kScheduled)}, 3, {{1, true}, {2, true}}},
      {"over the count: the oldest go",
       {E(1, K::kScheduled), E(2, K::kScheduled), E(3, K::kScheduled), E(4, K::kScheduled)}, 2,
       {{1, false}, {2, false}, {3, true}, {4, true}}},
      {"manual and safety never count nor go",
       {E(1, K::kManual), E(2, K::kSafety), E(3, K::kScheduled), E(4, K::kScheduled), E(5, K::kManual)}, 1,
       {{1, true}, {2, true}, {3, false}, {4, true}, {5, true}}},
      {"failed attempts do not count toward N; older failures pruned",
       {E(1, K::kScheduled), E(2, K::kScheduled, S::kFailed), E(3, K::kScheduled), E(4, K::kScheduled, S::kFailed)}, 2,
       {{1, true}, {2, false}, {3, true}, {4, true}}},
      {"the newest good backup survives a run of failures",
       {E(1, K::kScheduled), E(2, K::kScheduled, S::kFailed), E(3, K::kScheduled, S::kFailed)}, 1,
       {{1, true}, {2, false}, {3, true}}},
      {"a running entry is kept", {E(1, K::kScheduled), E(2, K::kScheduled, S::kRunning)}, 1, {{1, true}, {2, true}}},
      {"order is by time, not input order",
       {E(3, K::kScheduled, S::kOk, 100), E(1, K::kScheduled, S::kOk, 300), E(2, K::kScheduled, S::kOk, 200)}, 2,
       {{1, true}, {2, true}, {3, false}}},
      {"same time: the higher id is newer",
       {E(1, K::kScheduled, S::kOk, 5), E(2, K::kScheduled, S::kOk, 5)}, 1, {{1, false}, {2, true}}},
      {"empty", {}, 14, {}},
  };
  for (const auto& c : cases) EXPECT_EQ(Keep(c.entries, c.count), c.keep) << c.name;
}

TEST(BackupRetention, KeepsExactlyNOfManyAndEveryManual) {
  std::vector<RetentionEntry> entries;
  for (int i = 1; i <= 40; ++i) entries.push_back(E(i, i % 5 == 0 ? K::kManual : K::kScheduled));
  int scheduled_kept = 0, manual_kept = 0;
  for (const auto& d : PlanRetention(entries, 14)) {
    const auto& e = entries[static_cast<size_t>(d.id - 1)];
    if (e.kind == K::kManual) manual_kept += d.keep;
    else scheduled_kept += d.keep;
  }
  EXPECT_EQ(scheduled_kept, 14);
  EXPECT_EQ(manual_kept, 8);
}

TEST(BackupRetention, ReasonsSayWhy) {
  auto d = PlanRetention({E(1, K::kScheduled), E(2, K::kScheduled), E(3, K::kManual)}, 1);
  EXPECT_EQ(d[0].reason, "older than the newest 1 scheduled backups");
  EXPECT_EQ(d[1].reason, "the newest good backup is always kept");
  EXPECT_EQ(d[2].reason, "manual backups are never deleted automatically");
}

}  // namespace
}  // namespace streakbox
