// What an import changes in one profile, net: the profile as it was before the
// import against the profile as it is after it, both read inside the import's
// transaction (so a dry run reports exactly what applying would do). The
// counts in ImportReport say what the importer did (a Replace deletes every
// entry and writes the file's anew); this says what the user would see change:
// replacing a profile with an identical file is "unchanged".
//
// Tasks are the same task when they have the same uuid (the importer keeps a
// matched task's uuid in both modes, docs/FORMAT.md "Which task is which").
// An entry (check) is the same when its date, done, checked_at, skipped,
// amount and note are; a task's own fields compared are its title,
// description, active, required, schedule and measure (not its sort order).
//
// The "before" rows are copied to TEMP tables (temp_store is MEMORY), so
// memory is bounded by the profile's own size; the tables are dropped by
// NetDiff, and rolled back with a dry run's transaction.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "streakbox/database.h"
#include "streakbox/status.h"

namespace streakbox {

// Copies profile `profile_id`'s tasks, entries, completed days and days off
// as they are now (none for 0 or a profile that does not exist yet).
Status NetSnapshot(Database& db, int64_t profile_id);

// Compares the snapshot with profile `profile_id` as it is now (0 or a
// deleted profile: nothing) and drops the snapshot. The result, for the
// report's `net` (docs/API.md, "The report"):
//   {unchanged, checks_added, checks_removed, checks_changed,
//    completed_days_added, completed_days_removed, days_off_added, days_off_removed,
//    tasks: [{title, change, checks, checks_added, checks_removed, checks_changed, fields_changed}]}
// with `change` one of "added", "removed", "changed", "unchanged", `checks` the
// task's entries after (before, for a removed task), in the profile's order.
Result<nlohmann::json> NetDiff(Database& db, int64_t profile_id);

}  // namespace streakbox
