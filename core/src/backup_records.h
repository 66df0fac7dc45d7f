// The records of a backup file, parsed and checked one at a time (internal).
// Each Parse* function appends one ErrorDetail per problem to `problems` and
// returns true when the record is usable. Names and titles come out trimmed
// and in NFC, a check's task_title likewise (so it matches the stored title);
// values quoted in messages are cut to a short excerpt. Field aliases of the seed formats
// (is_required/required, is_active/active) are resolved here, so the passes
// above never see them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "streakbox/habit_rules.h"
#include "streakbox/status.h"

namespace streakbox {

using Problems = std::vector<ErrorDetail>;

// The objects of a backup whose fields the parsers below (and the validator's
// header reading) read.
enum class Shape { kHeader, kCounts, kProfile, kTask, kCheck, kStatus, kDayOff };

// True when objects of `shape` have a field `key`: the reader builds no other
// (unknown fields are skipped unbuilt, docs/FORMAT.md rule 9).
bool IsKnownField(Shape shape, std::string_view key);

// Limits of one file (docs/FORMAT.md, "Limits"): more profiles than this, or
// settings (keys and values) larger than this in total, make it invalid.
constexpr int64_t kMaxBackupProfiles = 1000;
constexpr size_t kMaxBuiltValueBytes = 1 << 20;  // one record, or the settings

struct ProfileRecord {
  std::string name;
  std::string color = "#3b82f6";
  std::string created_at, updated_at;  // empty: use the import time
};

struct TaskRecord {
  std::optional<int64_t> id;  // the seed app's files reference tasks by id
  std::optional<std::string> uuid;  // 1.3; 32 hex characters, lower-cased (NormalizeTaskUuid)
  std::string title, description;
  bool required = true, active = true, fitbit_auto_check = false;
  std::optional<int64_t> sort_order;
  std::string created_at, updated_at;
  Schedule schedule;               // 1.2; daily when absent
  std::optional<Measure> measure;  // 1.2; absent or null: yes/no
};

struct CheckRecord {
  std::optional<int64_t> task_id;
  std::optional<std::string> task_title;
  std::string date;
  bool checked = true;  // false when absent and skipped
  std::optional<std::string> checked_at;
  bool skipped = false;           // 1.2
  std::optional<double> amount;   // 1.2; only on a measurable task (the validator checks)
  std::string note;               // 1.2; trimmed (NormalizeNote)
  // Whether the row brings anything: before 1.2 only done rows did.
  bool HasEntry() const { return checked || skipped || amount || !note.empty(); }
};

struct StatusRecord {
  std::string date;
  std::optional<std::string> completed_at;
};

struct DayOffRecord {  // 1.2
  std::string date;
  std::string note;
};

bool ParseProfile(const nlohmann::json& j, const std::string& path, ProfileRecord* out, Problems* problems);
bool ParseTask(const nlohmann::json& j, const std::string& path, TaskRecord* out, Problems* problems);
// `latest_date` ('YYYY-MM-DD', from LatestDateAnywhere): later dates are in
// the future and refused, as setCheck refuses them.
bool ParseCheck(const nlohmann::json& j, const std::string& path, const std::string& latest_date, CheckRecord* out,
                Problems* problems);
// ParseCheck's value rules for a check a reader of another format built in
// typed form (the Loop reader): a task named, the date a real day no later
// than `latest_date`, the amount in range, the note normalized in place
// (NormalizeNote), done and skipped not both. Problems are named under `path`
// as ParseCheck names them; true when there were none.
bool CheckTypedCheck(CheckRecord* c, const std::string& path, const std::string& latest_date, Problems* problems);
bool ParseStatus(const nlohmann::json& j, const std::string& path, const std::string& latest_date,
                 StatusRecord* out, Problems* problems);
// `latest_date` as for ParseCheck; a day off may lie kMaxDaysOffAhead days after it.
bool ParseDayOff(const nlohmann::json& j, const std::string& path, const std::string& latest_date,
                 DayOffRecord* out, Problems* problems);

// The latest date a check may carry at `unix_seconds`: today in UTC+14, the
// first time zone to reach a day, so no user anywhere is refused a day they
// have reached (docs/FORMAT.md, "Future dates").
std::string LatestDateAnywhere(int64_t unix_seconds);

// "1", "1.0", "1.1" -> major 1. Returns kUnsupportedVersion for a major this
// build does not read or a string that is no version, kInvalidBackup (the
// message to put after "$.version: ") for a value that is not a string.
Status CheckFormatVersion(const nlohmann::json& version);

}  // namespace streakbox
