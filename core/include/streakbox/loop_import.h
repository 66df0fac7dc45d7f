// Loop Habit Tracker's backup file ("Export full backup": its SQLite database)
// read as a Streakbox backup of one profile (docs/FORMAT.md, "Loop Habit
// Tracker import"; the facts of the file: docs/FORMAT.md's table of Loop's
// columns by schema version).
//
// ReadLoopBackup translates, it does not import: it walks Loop's Habits and
// Repetitions tables and hands each habit and each user entry to the same
// BackupVisitor that ReadBackup feeds from JSON (backup_reader.h), so the
// importer's own validator and applier decide everything else: the dry run,
// Replace and Merge, the one transaction, the counts. ValidateBackup and
// ImportBackup (backup_import.h) recognise a Loop file by its content and call
// it themselves (ReadAnyBackup).
//
// The file is untrusted: it is opened by ImageReader (in memory, read-only,
// SQLite's defensive settings, no trigger fires and no view is read, a work
// budget in VM steps), its size bounded by kMaxDatabaseImageBytes, its
// integrity checked, and only named columns of the two tables are read.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "streakbox/backup_reader.h"
#include "streakbox/byte_io.h"
#include "streakbox/habit_rules.h"
#include "streakbox/status.h"

namespace streakbox {

// The Loop schema versions (PRAGMA user_version) this build reads.
constexpr int kLoopMinSchema = 8;
constexpr int kLoopMaxSchema = 25;
// The profile a Loop file goes into when the caller names none.
constexpr const char* kLoopDefaultProfileName = "Loop";

// True when `head` (a file's first bytes) starts with SQLite's 16-byte magic
// "SQLite format 3\0".
bool IsSqliteHeader(std::string_view head);

// Loop's frequency (`num` times in every `den` days) as a Streakbox schedule:
// 1/1 daily; n/7 per_week n; n/30 and n/31 per_month n; any other n/d per_days
// n in d. A measurable habit's target is per period, so its `num` is not used
// (times 1). kInvalidArgument naming "freq_num" or "freq_den" (the message
// starts with the column) for values no schedule holds: below 1, n above d,
// d above kMaxPeriodDays.
Result<Schedule> LoopSchedule(int64_t num, int64_t den, bool measurable);

// A habit's colour as "#rrggbb": before schema 14 an Android ARGB int (its low
// 24 bits); from 21 an index into Loop's 20-colour palette. Nothing for 14..20
// (an index into an older palette the file does not describe) or an index
// outside the palette.
std::optional<std::string> LoopColor(int64_t color, int schema);

// Reads the Loop file `bytes` into `visitor` as one profile named
// `profile_name` (which the caller has checked). `source` receives the
// report's description of the file: {app: "loop", schema_version, habits:
// [{id, name, title, renamed, color, entries, skips, amounts, notes,
// not_imported: {implicit, not_done, unknown}, adjusted: [...], left_out:
// [...]}], dropped_rows, ignored_objects}. kMalformed: not an SQLite file;
// kUnsupportedVersion: a newer Loop; kInvalidBackup: too large, damaged, an
// SQLite file of another application (a Streakbox database file says so and
// where to restore it), an older Loop, or the work budget ran out. Problems
// with a habit or an entry go to visitor.Problem() with the row's path, e.g.
// "$.Habits[id=7].freq_den" or "$.Repetitions[habit=7,timestamp=1709251200000].value".
Status ReadLoopBackup(const std::string& bytes, BackupVisitor& visitor, const std::string& profile_name,
                      nlohmann::json* source);

// Reads any backup into `visitor`: a Loop file (recognised by its first bytes,
// then read whole, at most kMaxDatabaseImageBytes) through ReadLoopBackup into
// a profile named `loop_profile_name` (`source` set); anything else through
// ReadBackup (`source` left null). `progress` as ReadBackup's.
Status ReadAnyBackup(ByteSource& input, BackupVisitor& visitor, const std::string& loop_profile_name,
                     const std::function<void(double)>& progress, nlohmann::json* source);

// The problems of validating a Loop file (`s` from the validator) with each
// path of the importer's field names ("$.Habits[id=7].title") turned into
// Loop's column ("$.Habits[id=7].name") and the message rebuilt; `s` as it is
// otherwise.
Status NameLoopColumns(Status s);

}  // namespace streakbox
