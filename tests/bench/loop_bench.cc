// Native Loop Habit Tracker import benchmark (run by tools/bench): a Loop
// schema-25 file of 50 habits x 5 years (40 yes/no habits: done most days,
// some skips, implicit and not-done rows; 10 measurable ones with amounts;
// notes on a few entries). The import (read, validate, apply, completed days,
// commit) is timed against the raw SQLite ceiling measured in the same run:
// the rows it wrote, through prepared INSERTs in one transaction into a
// database opened as the app opens it (as tests/bench/backup_bench.cc
// measures the JSON import's ceiling).
// Medians over ROUNDS rounds (default 5).
//   loop_bench DIR [YEARS [ROUNDS]]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "../support/loop_files.h"
#include "streakbox/app.h"
#include "streakbox/backup_import.h"

using namespace streakbox;
using Clock_ = std::chrono::steady_clock;

namespace {
double Since(Clock_::time_point t0) { return std::chrono::duration<double>(Clock_::now() - t0).count(); }
void Check(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

// 50 habits and `days` days of Repetitions ending 2026-03-09, made by SQL.
std::string DataSql(int days) {
  std::string s;
  for (int h = 1; h <= 50; ++h) {
    const bool measurable = h > 40;
    const int den = h % 5 == 0 ? 7 : 1;
    s += "INSERT INTO Habits (id, archived, color, description, freq_den, freq_num, highlight, name, position, "
         "reminder_hour, reminder_min, reminder_days, type, target_type, target_value, unit, question, uuid) VALUES (" +
         std::to_string(h) + ", " + (h % 17 == 0 ? "1" : "0") + ", " + std::to_string(h % 20) + ", '', " +
         std::to_string(den) + ", " + (den == 7 ? "3" : "1") + ", 0, 'Habit " + std::to_string(h % 45) + "', " +
         std::to_string(h) + ", 8, 0, 127, " + (measurable ? "1" : "0") + ", 0, " + (measurable ? "8" : "0") +
         ", '" + (measurable ? "glasses" : "") + "', 'Did you?', printf('%032x', " + std::to_string(h) + "));\n";
  }
  const int64_t last = kLoopD + 8 * kLoopDayMs;  // 2026-03-09
  s += "WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i + 1 < " + std::to_string(days) +
       "), h(id) AS (SELECT id FROM Habits) "
       "INSERT INTO Repetitions (habit, timestamp, value, notes) "
       "SELECT h.id, " + std::to_string(last) + " - d.i * " + std::to_string(kLoopDayMs) + ", "
       "CASE WHEN h.id > 40 THEN (h.id * 7919 + d.i * 104729) % 12000 "
       "     ELSE CASE (h.id * 31 + d.i * 17 + (d.i * d.i) % 7) % 10 WHEN 0 THEN 3 WHEN 1 THEN 1 WHEN 2 THEN 0 ELSE 2 END END, "
       "CASE WHEN (h.id + d.i * 7) % 20 = 0 THEN 'a note of that day' ELSE NULL END "
       "FROM h, d WHERE (h.id * 13 + d.i * 11 + (d.i * d.i) % 3) % 10 < 9;\n";
  return s;
}

// The rows an import wrote, read back so the ceiling inserts exactly them.
struct Written {
  struct TaskRow { std::string title, description, uuid; };
  struct CheckRow { int64_t task, checked, skipped; std::string date, note; bool has_amount; double amount; };
  struct StatusRow { std::string date, completed_at; };
  std::vector<TaskRow> tasks;
  std::vector<CheckRow> checks;
  std::vector<StatusRow> statuses;
};

Written ReadWritten(Database& db) {
  Written w;
  auto st = db.Prepare("SELECT title, description, uuid FROM tasks ORDER BY id").value();
  while (st.Step().value()) w.tasks.push_back({st.Text(0), st.Text(1), st.Text(2)});
  auto cs = db.Prepare("SELECT task_id, date, checked, skipped, amount, note FROM task_checks").value();
  while (cs.Step().value())
    w.checks.push_back({cs.Int(0), cs.Int(2), cs.Int(3), cs.Text(1), cs.Text(5), !cs.IsNull(4), cs.IsNull(4) ? 0 : cs.Double(4)});
  auto ss = db.Prepare("SELECT date, completed_at FROM daily_status").value();
  while (ss.Step().value()) w.statuses.push_back({ss.Text(0), ss.Text(1)});
  return w;
}

// The ceiling: `w` inserted through prepared INSERTs in one transaction.
void InsertCeiling(Database& db, const Written& w) {
  Check(db.Exec("BEGIN"), "begin");
  Check(db.Exec("INSERT INTO profiles (id, name, color, created_at, updated_at) VALUES (1, 'Loop', '#D32F2F', 'x', 'x')"), "profile");
  auto ins = db.Prepare("INSERT INTO tasks (profile_id, title, description, uuid, created_at, updated_at) VALUES (1, ?, ?, ?, 'x', 'x')").value();
  for (const auto& t : w.tasks) {
    ins.Bind(1, t.title).Bind(2, t.description).Bind(3, t.uuid);
    Check(ins.Run(), "insert task");
  }
  auto ic = db.Prepare("INSERT INTO task_checks (task_id, date, checked, skipped, amount, note) VALUES (?, ?, ?, ?, ?, ?)").value();
  for (const auto& c : w.checks) {
    ic.Bind(1, c.task).Bind(2, c.date).Bind(3, c.checked).Bind(4, c.skipped).Bind(6, c.note);
    if (c.has_amount) ic.BindDouble(5, c.amount);
    else ic.BindNull(5);
    Check(ic.Run(), "insert check");
  }
  auto is = db.Prepare("INSERT INTO daily_status (profile_id, date, completed_at) VALUES (1, ?, ?)").value();
  for (const auto& st : w.statuses) {
    is.Bind(1, st.date).Bind(2, st.completed_at);
    Check(is.Run(), "insert status");
  }
  Check(db.Exec("COMMIT"), "commit");
}

void RemoveDb(const std::string& path) {
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}
}  // namespace

// Rounds alternate one import and one ceiling run, each into a new database
// file, so both see the same machine; the figure is the ratio of the medians.
int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "/tmp";
  const int years = argc > 2 ? std::atoi(argv[2]) : 5;
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  FixedClock clock(1773144000, "2026-03-10");
  const std::string data = DataSql(365 * years);
  auto file = MakeLoopFile(25, "", 4096, &data);
  Check(file.status(), "generate");
  const std::string dst_path = dir + "/loop-dst.db", ceiling_path = dir + "/loop-ceiling.db";
  StringSource source(file.value());

  std::vector<double> validate_s, import_s, insert_s;
  int64_t entries = 0, completed_days = 0;
  size_t tasks = 0;
  for (int round = 0; round < rounds; ++round) {
    // Reading and validating alone (nothing written): the share of the import
    // that is the Loop reader and the validator.
    auto t0 = Clock_::now();
    Check(ValidateBackup(source, clock).status(), "validate");
    validate_s.push_back(Since(t0));

    RemoveDb(dst_path);
    Written written;
    {
      auto dst = App::Open(dst_path, clock).value();
      t0 = Clock_::now();
      auto report = ImportBackup(dst->db(), clock, source, {});
      Check(report.status(), "import");
      import_s.push_back(Since(t0));
      const auto& p = report.value().profiles.at(0);
      entries = p.task_checks.added;
      completed_days = p.daily_status.added;
      written = ReadWritten(dst->db());
      tasks = written.tasks.size();
    }
    RemoveDb(ceiling_path);
    {
      auto ceiling = App::Open(ceiling_path, clock).value();
      t0 = Clock_::now();
      InsertCeiling(ceiling->db(), written);
      insert_s.push_back(Since(t0));
    }
  }
  RemoveDb(dst_path);
  RemoveDb(ceiling_path);
  std::string ratios;
  for (int i = 0; i < rounds; ++i) ratios += (i ? ", " : "") + std::to_string(insert_s[i] / import_s[i]).substr(0, 5);
  std::printf("{\"habits\": %zu, \"years\": %d, \"rounds\": %d, \"file_mb\": %.2f, \"entries\": %lld, \"completed_days\": %lld, "
              "\"validate_s\": %.3f, \"import_s\": %.3f, \"insert_ceiling_s\": %.3f, \"import_ratio_to_insert\": %.3f, "
              "\"round_ratios\": [%s]}\n",
              tasks, years, rounds, static_cast<double>(file.value().size()) / 1e6, static_cast<long long>(entries),
              static_cast<long long>(completed_days), Median(validate_s), Median(import_s), Median(insert_s),
              Median(insert_s) / Median(import_s), ratios.c_str());
  return 0;
}
