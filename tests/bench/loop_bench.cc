// Native Loop Habit Tracker import benchmark (run by tools/bench): a Loop
// schema-25 file of 50 habits x 5 years (40 yes/no habits: done most days,
// some skips, implicit and not-done rows; 10 measurable ones with amounts;
// notes on a few entries). The import (read, validate, apply, completed days,
// commit) is timed against the raw SQLite ceiling measured in the same run:
// the rows it wrote, through prepared INSERTs in one transaction into a
// database opened as the app opens it (as tests/bench/backup_bench.cc
// measures the JSON import's ceiling).
//   loop_bench DIR [YEARS]
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
       "CASE WHEN h.id > 40 THEN (abs(random()) % 12000) "
       "     ELSE CASE abs(random()) % 10 WHEN 0 THEN 3 WHEN 1 THEN 1 WHEN 2 THEN 0 ELSE 2 END END, "
       "CASE WHEN abs(random()) % 20 = 0 THEN 'a note of that day' ELSE NULL END "
       "FROM h, d WHERE abs(random()) % 10 < 9;\n";
  return s;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "/tmp";
  const int years = argc > 2 ? std::atoi(argv[2]) : 5;
  FixedClock clock(1773144000, "2026-03-10");
  const std::string data = DataSql(365 * years);
  auto file = MakeLoopFile(25, "", 4096, &data);
  Check(file.status(), "generate");
  for (const char* f : {"/loop-dst.db", "/loop-ceiling.db"}) {
    std::remove((dir + f).c_str());
    std::remove((dir + f + "-wal").c_str());
  }

  // Reading and validating alone (nothing written): the share of the import
  // that is the Loop reader and the validator.
  StringSource source(file.value());
  auto t0 = Clock_::now();
  Check(ValidateBackup(source, clock).status(), "validate");
  const double validate_s = Since(t0);

  auto dst = App::Open(dir + "/loop-dst.db", clock).value();
  t0 = Clock_::now();
  auto report = ImportBackup(dst->db(), clock, source, {});
  Check(report.status(), "import");
  const double import_s = Since(t0);
  const auto& p = report.value().profiles.at(0);

  // The ceiling: what the import wrote, read into memory, then inserted.
  struct TaskRow { std::string title, description, uuid; };
  struct CheckRow { int64_t task, checked, skipped; std::string date, note; bool has_amount; double amount; };
  struct StatusRow { std::string date, completed_at; };
  std::vector<TaskRow> tasks;
  std::vector<CheckRow> checks;
  std::vector<StatusRow> statuses;
  {
    auto st = dst->db().Prepare("SELECT title, description, uuid FROM tasks ORDER BY id").value();
    while (st.Step().value()) tasks.push_back({st.Text(0), st.Text(1), st.Text(2)});
    auto cs = dst->db().Prepare("SELECT task_id, date, checked, skipped, amount, note FROM task_checks").value();
    while (cs.Step().value())
      checks.push_back({cs.Int(0), cs.Int(2), cs.Int(3), cs.Text(1), cs.Text(5), !cs.IsNull(4), cs.IsNull(4) ? 0 : cs.Double(4)});
    auto ss = dst->db().Prepare("SELECT date, completed_at FROM daily_status").value();
    while (ss.Step().value()) statuses.push_back({ss.Text(0), ss.Text(1)});
  }
  auto ceiling = App::Open(dir + "/loop-ceiling.db", clock).value();
  Database& db = ceiling->db();
  t0 = Clock_::now();
  Check(db.Exec("BEGIN"), "begin");
  Check(db.Exec("INSERT INTO profiles (id, name, color, created_at, updated_at) VALUES (1, 'Loop', '#D32F2F', 'x', 'x')"), "profile");
  {
    auto ins = db.Prepare("INSERT INTO tasks (profile_id, title, description, uuid, created_at, updated_at) VALUES (1, ?, ?, ?, 'x', 'x')").value();
    for (const TaskRow& t : tasks) {
      ins.Bind(1, t.title).Bind(2, t.description).Bind(3, t.uuid);
      Check(ins.Run(), "insert task");
    }
    auto ic = db.Prepare("INSERT INTO task_checks (task_id, date, checked, skipped, amount, note) VALUES (?, ?, ?, ?, ?, ?)").value();
    for (const CheckRow& c : checks) {
      ic.Bind(1, c.task).Bind(2, c.date).Bind(3, c.checked).Bind(4, c.skipped).Bind(6, c.note);
      if (c.has_amount) ic.BindDouble(5, c.amount);
      else ic.BindNull(5);
      Check(ic.Run(), "insert check");
    }
    auto is = db.Prepare("INSERT INTO daily_status (profile_id, date, completed_at) VALUES (1, ?, ?)").value();
    for (const StatusRow& s : statuses) {
      is.Bind(1, s.date).Bind(2, s.completed_at);
      Check(is.Run(), "insert status");
    }
  }
  Check(db.Exec("COMMIT"), "commit");
  const double insert_s = Since(t0);
  for (const char* f : {"/loop-dst.db", "/loop-ceiling.db"}) {
    std::remove((dir + f).c_str());
    std::remove((dir + f + "-wal").c_str());
  }
  std::printf("{\"habits\": %zu, \"years\": %d, \"file_mb\": %.2f, \"entries\": %lld, \"completed_days\": %lld, "
              "\"validate_s\": %.3f, \"import_s\": %.3f, \"insert_ceiling_s\": %.3f, \"import_ratio_to_insert\": %.3f}\n",
              tasks.size(), years, static_cast<double>(file.value().size()) / 1e6,
              static_cast<long long>(p.task_checks.added), static_cast<long long>(p.daily_status.added), validate_s, import_s,
              insert_s, insert_s / import_s);
  return 0;
}
