// The records of a backup file, parsed and checked one at a time (internal).
// Each Parse* function appends one ErrorDetail per problem to `problems` and
// returns true when the record is usable. Field aliases of the seed formats
// (is_required/required, is_active/active) are resolved here, so the passes
// above never see them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "streakbox/status.h"

namespace streakbox {

using Problems = std::vector<ErrorDetail>;

struct ProfileRecord {
  std::string name;
  std::string color = "#3b82f6";
  std::string created_at, updated_at;  // empty: use the import time
};

struct TaskRecord {
  std::optional<int64_t> id;  // the seed app's files reference tasks by id
  std::string title, description;
  bool required = true, active = true, fitbit_auto_check = false;
  std::optional<int64_t> sort_order;
  std::string created_at, updated_at;
};

struct CheckRecord {
  std::optional<int64_t> task_id;
  std::optional<std::string> task_title;
  std::string date;
  bool checked = true;
  std::optional<std::string> checked_at;
};

struct StatusRecord {
  std::string date;
  std::optional<std::string> completed_at;
};

bool ParseProfile(const nlohmann::json& j, const std::string& path, ProfileRecord* out, Problems* problems);
bool ParseTask(const nlohmann::json& j, const std::string& path, TaskRecord* out, Problems* problems);
bool ParseCheck(const nlohmann::json& j, const std::string& path, CheckRecord* out, Problems* problems);
bool ParseStatus(const nlohmann::json& j, const std::string& path, StatusRecord* out, Problems* problems);

// "1", "1.0", "1.1", 1 or 1.0 -> major 1. Returns kUnsupportedVersion for a
// major this build does not read, kInvalidBackup for a value that is no version.
Status CheckFormatVersion(const nlohmann::json& version);

}  // namespace streakbox
