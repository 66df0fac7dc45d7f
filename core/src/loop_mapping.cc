// Loop Habit Tracker's encodings as Streakbox's: frequency to schedule, colour
// to "#rrggbb", and the importer's field names back to Loop's columns
// (streakbox/loop_import.h; docs/FORMAT.md, "Loop Habit Tracker import").
#include <cstdio>
#include <cstring>

#include "streakbox/loop_import.h"

namespace streakbox {
namespace {

// Loop's palette from schema 21 on (loop-format facts; docs/FORMAT.md).
constexpr const char* kLoopPalette[] = {
    "#D32F2F", "#E64A19", "#F57C00", "#FF8F00", "#F9A825", "#AFB42B", "#7CB342", "#388E3C", "#00897B", "#00ACC1",
    "#039BE5", "#1976D2", "#303F9F", "#5E35B1", "#8E24AA", "#D81B60", "#5D4037", "#303030", "#757575", "#AAAAAA"};

// The importer's field (after a record's path) -> Loop's column. The first
// match by prefix wins; a field not listed keeps its name.
constexpr std::pair<const char*, const char*> kHabitColumns[] = {
    {"title", "name"},         {"description", "description"}, {"schedule", "freq_den"},
    {"measure.unit", "unit"},  {"measure", "target_value"},     {"task", "freq_num"},
    {"sort_order", "position"}, {"active", "archived"},          {"uuid", "uuid"}};
constexpr std::pair<const char*, const char*> kEntryColumns[] = {
    {"date", "timestamp"}, {"amount", "value"}, {"skipped", "value"}, {"checked", "value"},
    {"note", "notes"},     {"task_id", "habit"}};

// "$.Habits[id=7].title" -> "$.Habits[id=7].name"; false when `path` is not a Loop row's.
bool ToColumn(std::string* path) {
  const bool habit = path->rfind("$.Habits[", 0) == 0, entry = path->rfind("$.Repetitions[", 0) == 0;
  if (!habit && !entry) return false;
  const size_t close = path->find(']');
  if (close == std::string::npos || close + 1 >= path->size() || (*path)[close + 1] != '.') return true;
  const std::string field = path->substr(close + 2);
  auto map = [&](const auto& table) {
    for (const auto& [from, to] : table)
      if (field.rfind(from, 0) == 0) return path->substr(0, close + 2) + to;
    return *path;
  };
  *path = habit ? map(kHabitColumns) : map(kEntryColumns);
  return true;
}

}  // namespace

bool IsSqliteHeader(std::string_view head) {
  static constexpr char kMagic[] = "SQLite format 3";  // 16 bytes with its NUL
  return head.size() >= sizeof kMagic && std::memcmp(head.data(), kMagic, sizeof kMagic) == 0;
}

Result<Schedule> LoopSchedule(int64_t num, int64_t den, bool measurable) {
  if (den < 1) return Status::InvalidArgument("freq_den must be 1 or more (days in Loop's period), not " + std::to_string(den));
  if (den > kMaxPeriodDays)
    return Status::InvalidArgument("freq_den is " + std::to_string(den) + " days; Streakbox counts periods of at most " +
                                   std::to_string(kMaxPeriodDays) + " days");
  if (!measurable && (num < 1 || num > den))
    return Status::InvalidArgument("freq_num must be 1 to " + std::to_string(den) + " (times in " + std::to_string(den) +
                                   " days), not " + std::to_string(num));
  Schedule s;
  const int times = measurable ? 1 : static_cast<int>(num), days = static_cast<int>(den);
  if (days == 1) return s;  // daily
  s.times = times;
  if (days == 7) s.type = ScheduleType::kPerWeek;
  else if (days == 30 || days == 31) s.type = ScheduleType::kPerMonth;
  else {
    s.type = ScheduleType::kPerDays;
    s.days = days;
  }
  return s;
}

std::optional<std::string> LoopColor(int64_t color, int schema) {
  if (schema < 14) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06X", static_cast<unsigned>(static_cast<uint64_t>(color) & 0xFFFFFF));
    return std::string(buf);
  }
  if (schema < 21 || color < 0 || color >= static_cast<int64_t>(std::size(kLoopPalette))) return std::nullopt;
  return std::string(kLoopPalette[color]);
}

Status NameLoopColumns(Status s) {
  if (s.ok() || s.details().empty()) return s;
  std::vector<ErrorDetail> details = s.details();
  bool any = false;
  for (ErrorDetail& d : details) any = ToColumn(&d.path) || any;
  if (!any) return s;
  const std::string first = details[0].path + ": " + details[0].message;
  const size_t n = details.size();
  Status out(s.code(), n == 1 ? "the Loop backup cannot be imported: " + first
                              : "the Loop backup cannot be imported (" + std::to_string(n) + " problems), first " + first);
  return out.WithDetails(std::move(details));
}

}  // namespace streakbox
