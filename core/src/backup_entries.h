// How an import combines an entry (a task_checks row) it brings with the one
// already stored for the same task and day (internal; docs/FORMAT.md,
// "Import", Merge). One pure function, so Merge and a repeated row within a
// file follow one rule, and the tests can state it as a table.
#pragma once

#include <optional>

#include "streakbox/habit_rules.h"

namespace streakbox {

// The task an entry belongs to, as far as entries care.
struct EntryTask {
  Schedule schedule;
  std::optional<Measure> measure;  // nullopt: a yes/no task
};

// REQUIRES: neither entry is both done and skipped. The result, settled
// (SettleEntry, habit_rules.h):
//   - amount: the stored one when it has one, else the incoming one;
//   - note: the stored one when it is not empty, else the incoming one;
//   - done when either is done (a done from the file replaces a skip);
//     skipped when either is skipped and neither is done (a skip never
//     overwrites a done).
// Merging the result with `incoming` again gives the result, so merging the
// same file twice changes nothing.
Entry MergeEntry(const Entry& stored, const Entry& incoming, const EntryTask& task);

inline bool SameEntry(const Entry& a, const Entry& b) {
  return a.done == b.done && a.skipped == b.skipped && a.amount == b.amount && a.note == b.note;
}

}  // namespace streakbox
