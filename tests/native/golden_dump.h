// A canonical dump of a database's user content, for the golden backup files
// (tests/native/golden_formats_test.cc): profiles, tasks, task_checks,
// daily_status and settings (less instance_id), sorted, every id replaced by
// the profile's name and the task's title, so the dump of one file's import is
// the same on every run and every machine.
//
// Fields come in levels, one per backup format version that added some: a
// file of an older version is dumped with the fields its version can carry
// only, so its frozen expectation still compares after the schema grows;
// NewFieldsHoldDefaults then checks that what it cannot carry holds its
// default, and TasksHaveFreshUuids that its tasks got identities of their own.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "streakbox/database.h"
#include "streakbox/schema.h"

namespace streakbox {

// One column of a dump query: its name in the dump, and what it holds
// (NULL is null either way).
enum class Cell { kText, kInteger, kReal };
struct DumpColumn {
  const char* name;
  Cell kind = Cell::kText;
};
constexpr Cell kInt = Cell::kInteger;

// The rows of `sql` as objects named by `cols`; a failed query fails the test.
inline nlohmann::json DumpRows(Database& db, const std::string& sql, const std::vector<DumpColumn>& cols) {
  nlohmann::json rows = nlohmann::json::array();
  auto st = db.Prepare(sql);
  EXPECT_TRUE(st.ok()) << sql << ": " << st.status().ToString();
  if (!st.ok()) return rows;
  for (;;) {
    auto step = st.value().Step();
    EXPECT_TRUE(step.ok()) << sql << ": " << step.status().ToString();
    if (!step.ok() || !step.value()) break;
    nlohmann::json row = nlohmann::json::object();
    for (size_t i = 0; i < cols.size(); ++i) {
      const int c = static_cast<int>(i);
      if (st.value().IsNull(c)) row[cols[i].name] = nullptr;
      else if (cols[i].kind == Cell::kInteger) row[cols[i].name] = st.value().Int(c);
      else if (cols[i].kind == Cell::kReal) row[cols[i].name] = st.value().Double(c);
      else row[cols[i].name] = st.value().Text(c);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The content every backup format version carries (1.0 and 1.1: Streakbox
// schema 2's columns).
inline nlohmann::json DumpContentV11(Database& db) {
  nlohmann::json out;
  out["profiles"] = DumpRows(db, "SELECT name, color, created_at, updated_at FROM profiles ORDER BY name",
                             {{"name"}, {"color"}, {"created_at"}, {"updated_at"}});
  out["tasks"] = DumpRows(db,
                          "SELECT p.name, t.title, t.description, t.is_required, t.is_active, t.sort_order,"
                          " t.fitbit_auto_check, t.created_at, t.updated_at"
                          " FROM tasks t JOIN profiles p ON p.id = t.profile_id ORDER BY p.name, t.title",
                          {{"profile"}, {"title"}, {"description"}, {"required", kInt}, {"active", kInt},
                           {"sort_order", kInt}, {"fitbit_auto_check", kInt}, {"created_at"}, {"updated_at"}});
  out["task_checks"] = DumpRows(db,
                                "SELECT p.name, t.title, c.date, c.checked, c.checked_at FROM task_checks c"
                                " JOIN tasks t ON t.id = c.task_id JOIN profiles p ON p.id = t.profile_id"
                                " ORDER BY p.name, t.title, c.date",
                                {{"profile"}, {"task"}, {"date"}, {"checked", kInt}, {"checked_at"}});
  out["daily_status"] = DumpRows(db,
                                 "SELECT p.name, d.date, d.completed_at FROM daily_status d"
                                 " JOIN profiles p ON p.id = d.profile_id ORDER BY p.name, d.date",
                                 {{"profile"}, {"date"}, {"completed_at"}});
  out["settings"] = DumpRows(db, "SELECT key, value FROM settings WHERE key != 'instance_id' ORDER BY key",
                             {{"key"}, {"value"}});
  return out;
}

// Version 1.2: the 1.1 content and the habit model of schema 3 (schedules,
// measures, skips, amounts, notes, days off).
inline nlohmann::json DumpContentV12(Database& db) {
  nlohmann::json out = DumpContentV11(db);
  out["task_habits"] = DumpRows(db,
                                "SELECT p.name, t.title, t.schedule_type, t.schedule_weekdays, t.schedule_times,"
                                " t.schedule_days, t.measure_unit, t.measure_target, t.measure_direction"
                                " FROM tasks t JOIN profiles p ON p.id = t.profile_id ORDER BY p.name, t.title",
                                {{"profile"}, {"title"}, {"schedule_type"}, {"weekdays", kInt}, {"times", kInt},
                                 {"days", kInt}, {"unit"}, {"target", Cell::kReal}, {"direction"}});
  out["entries"] = DumpRows(db,
                            "SELECT p.name, t.title, c.date, c.skipped, c.amount, c.note FROM task_checks c"
                            " JOIN tasks t ON t.id = c.task_id JOIN profiles p ON p.id = t.profile_id"
                            " ORDER BY p.name, t.title, c.date",
                            {{"profile"}, {"task"}, {"date"}, {"skipped", kInt}, {"amount", Cell::kReal}, {"note"}});
  out["days_off"] = DumpRows(db,
                             "SELECT p.name, d.date, d.note FROM days_off d JOIN profiles p ON p.id = d.profile_id"
                             " ORDER BY p.name, d.date",
                             {{"profile"}, {"date"}, {"note"}});
  return out;
}

// Version 1.3: the 1.2 content and each task's uuid (schema 4).
inline nlohmann::json DumpContentV13(Database& db) {
  nlohmann::json out = DumpContentV12(db);
  out["task_uuids"] = DumpRows(db,
                               "SELECT p.name, t.title, t.uuid FROM tasks t JOIN profiles p ON p.id = t.profile_id"
                               " ORDER BY p.name, t.title",
                               {{"profile"}, {"title"}, {"uuid"}});
  return out;
}

// Schema 4 (issue 12): a file before 1.3 carries no uuid, so each task
// imported from one MUST get a fresh one: 32 lowercase hex characters, no two
// alike. Returns the problems found ("" when none); nothing to check before
// schema 4.
inline std::string TasksHaveFreshUuids(Database& db) {
  auto version = SchemaVersion(db);
  if (!version.ok()) return version.status().ToString();
  if (version.value() < 4) return "";
  auto st = db.Prepare(
      "SELECT count(*), count(DISTINCT uuid), sum(length(uuid) = 32 AND uuid NOT GLOB '*[^0-9a-f]*') FROM tasks");
  if (!st.ok()) return st.status().ToString();
  auto row = st.value().Step();
  if (!row.ok() || !row.value()) return "no count";
  const int64_t n = st.value().Int(0), distinct = st.value().Int(1), stored = st.value().Int(2);
  std::string problems;
  if (distinct != n) problems += std::to_string(n - distinct) + " tasks share a uuid; ";
  if (stored != n) problems += std::to_string(n - stored) + " tasks have no uuid in the stored form; ";
  return problems;
}

// Schema 3 (issue 11) added fields that no file before 1.2 can carry. After
// importing such a file they MUST hold their defaults: every task daily and
// yes/no, no entry skipped or with an amount or a note, no day off. Returns
// the problems found ("" when none); on a schema-2 database there is nothing
// to check.
inline std::string NewFieldsHoldDefaults(Database& db) {
  auto version = SchemaVersion(db);
  if (!version.ok()) return version.status().ToString();
  if (version.value() < 3) return "";
  struct Check {
    const char* what;
    const char* sql;
  };
  const Check checks[] = {
      {"tasks with a schedule other than daily",
       "SELECT count(*) FROM tasks WHERE schedule_type != 'daily' OR schedule_weekdays != 127"
       " OR schedule_times != 1 OR schedule_days != 1"},
      {"measurable tasks",
       "SELECT count(*) FROM tasks WHERE measure_target IS NOT NULL OR measure_unit IS NOT NULL"
       " OR measure_direction IS NOT NULL"},
      {"skipped entries", "SELECT count(*) FROM task_checks WHERE skipped != 0"},
      {"entries with an amount", "SELECT count(*) FROM task_checks WHERE amount IS NOT NULL"},
      {"entries with a note", "SELECT count(*) FROM task_checks WHERE note != ''"},
      {"days off", "SELECT count(*) FROM days_off"},
  };
  std::string problems;
  for (const Check& c : checks) {
    auto st = db.Prepare(c.sql);
    if (!st.ok()) return std::string(c.sql) + ": " + st.status().ToString();
    auto row = st.value().Step();
    if (!row.ok() || !row.value()) return std::string(c.sql) + ": no count";
    if (int64_t n = st.value().Int(0)) problems += std::to_string(n) + " " + c.what + "; ";
  }
  return problems;
}

}  // namespace streakbox
