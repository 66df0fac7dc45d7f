#include "backup_entries.h"

namespace streakbox {

Entry MergeEntry(const Entry& stored, const Entry& incoming, const EntryTask& task) {
  Entry out;
  out.amount = stored.amount ? stored.amount : incoming.amount;
  out.note = stored.note.empty() ? incoming.note : stored.note;
  out.done = stored.done || incoming.done;
  out.skipped = !out.done && (stored.skipped || incoming.skipped);
  return SettleEntry(out, task.schedule, task.measure);
}

}  // namespace streakbox
