// Loop Habit Tracker backup files, built from the schema facts of
// docs/FORMAT.md ("Loop's tables by version") for the Loop import tests, the
// committed fixtures of tests/data/loop/ (tests/support/make_loop_files.cc,
// tools/make-loop-files) and the benchmark. Not Loop's code: each version's
// tables as its files hold them, written with SQLite.
//
// The habits (position order), from 2026-03-01 (day D; the tests' clock is
// 2026-03-10):
//   1 "Run"      1/1 yes/no, reminder 07:30, colour: ARGB 0xFFF44336 (<14) or
//                index 0 (#D32F2F from 21); question "Did you run today?"
//                (before 23 in description) and from 23 description
//                "Around the park"; uuid (24+) 000...001
//   2 "Run"      3/7 yes/no, archived (a second habit with the same name)
//   3 "Read"     2/30 yes/no
//   4 "Stretch"  2/10 yes/no
//   5 "Water"    1/1 measurable from 18 (unit "glasses", at least 8), else yes/no
//   6 "Smoke"    1/7 measurable from 18 (at most 2), else yes/no
// Repetitions, from 16 (with a value column):
//   Run D+0 2 (note "felt good" at 25), D+1 3 skipped, D+2 1 implicit, D+3 0, D+4 2
//   Run(2) D+0 2, D+1 2;  Read D+2 2;  Stretch D+5 2, D+6 -1 (note "sore" at 25)
//   from 18: Water D+0 8000, D+1 6500 (a 600-character note at 25), D+2 0, D+3 -1;
//            Smoke D+0 1000, D+7 3000
//   from 16 to 17: Water D+0 2, Smoke D+0 2
// before 16 (every row done): Run D+0, D+1, D+4; Run(2) D+0, D+1; Read D+2;
//   Stretch D+5; Water D+0; Smoke D+0
// before 22 also: a second Run D+0 row, a row with no habit, a row of habit 99.
// Score rows for habit 1 and Streak rows for habit 3 (left out).
#pragma once

#include <cstdio>
#include <string>

#include "streakbox/database.h"
#include "streakbox/database_image.h"

namespace streakbox {

constexpr int64_t kLoopDayMs = 86400000;
constexpr int64_t kLoopD = 1772323200000;  // 2026-03-01T00:00:00Z in ms

inline std::string LoopSchemaSql(int v) {
  std::string habits =
      "CREATE TABLE Habits (id integer primary key autoincrement, archived integer, color integer, "
      "description text, freq_den integer, freq_num integer, highlight integer, name text, position integer, "
      "reminder_hour integer, reminder_min integer";
  if (v >= 11) habits += ", reminder_days integer not null default 127";
  if (v >= 16) habits += ", type integer not null default 0";
  if (v >= 18) habits += ", target_type integer not null default 0, target_value real not null default 0, "
                         "unit text not null default ''";
  if (v >= 23) habits += ", question text";
  if (v >= 24) habits += ", uuid text";
  habits += ");\n";
  std::string reps = "CREATE TABLE Repetitions (id integer primary key autoincrement, habit integer references habits(id), "
                     "timestamp integer";
  if (v >= 16) reps += ", value integer";
  if (v >= 25) reps += ", notes text";
  reps += ");\n";
  if (v >= 22) reps += "CREATE UNIQUE INDEX idx_repetitions_habit_timestamp ON Repetitions (habit, timestamp);\n";
  return "CREATE TABLE android_metadata (locale TEXT);\nINSERT INTO android_metadata VALUES ('en_US');\n" + habits + reps +
         "CREATE TABLE Checkmarks (id integer primary key autoincrement, habit integer references habits(id), "
         "timestamp integer, value integer);\n"
         "CREATE TABLE Score (id integer primary key autoincrement, habit integer references habits(id), "
         "score integer, timestamp integer);\n"
         "CREATE TABLE Streak (id integer primary key autoincrement, end integer, habit integer references habits(id), "
         "length integer, start integer);\n"
         "PRAGMA user_version = " + std::to_string(v) + ";\n";
}

// One Habits row: the columns version `v` has.
inline std::string LoopHabitSql(int v, int id, const std::string& name, int num, int den, int archived, int position,
                                int type, int target_type, double target, const std::string& unit,
                                const std::string& question, const std::string& description, const std::string& color) {
  std::string cols = "id, archived, color, description, freq_den, freq_num, highlight, name, position, reminder_hour, reminder_min";
  std::string vals = std::to_string(id) + ", " + std::to_string(archived) + ", " + color + ", '" +
                     (v >= 23 ? description : question) + "', " + std::to_string(den) + ", " + std::to_string(num) +
                     ", 0, '" + name + "', " + std::to_string(position) + ", " + (id == 1 ? "7, 30" : "NULL, NULL");
  if (v >= 11) { cols += ", reminder_days"; vals += ", 127"; }
  if (v >= 16) { cols += ", type"; vals += ", " + std::to_string(v >= 18 ? type : 0); }
  if (v >= 18) {
    cols += ", target_type, target_value, unit";
    vals += ", " + std::to_string(target_type) + ", " + std::to_string(target) + ", '" + unit + "'";
  }
  if (v >= 23) { cols += ", question"; vals += ", '" + question + "'"; }
  if (v >= 24) {
    char uuid[33];
    std::snprintf(uuid, sizeof uuid, "%032d", id);
    cols += ", uuid";
    vals += std::string(", '") + uuid + "'";
  }
  return "INSERT INTO Habits (" + cols + ") VALUES (" + vals + ");\n";
}

// One Repetitions row on day D+`day`.
inline std::string LoopRepSql(int v, const std::string& habit, int day, int value, const std::string& note = "") {
  std::string cols = "habit, timestamp", vals = habit + ", " + std::to_string(kLoopD + day * kLoopDayMs);
  if (v >= 16) { cols += ", value"; vals += ", " + std::to_string(value); }
  if (v >= 25) { cols += ", notes"; vals += note.empty() ? ", NULL" : ", '" + note + "'"; }
  return "INSERT INTO Repetitions (" + cols + ") VALUES (" + vals + ");\n";
}

inline std::string LoopDataSql(int v) {
  auto color = [&](const char* argb, int index) { return v < 14 ? std::string(argb) : std::to_string(index); };
  std::string s;
  s += LoopHabitSql(v, 1, "Run", 1, 1, 0, 0, 0, 0, 0, "", "Did you run today?", "Around the park", color("-769226", 0));
  s += LoopHabitSql(v, 2, "Run", 3, 7, 1, 1, 0, 0, 0, "", "", "", color("-16738680", 7));
  s += LoopHabitSql(v, 3, "Read", 2, 30, 0, 2, 0, 0, 0, "", "", "", color("-16537100", 11));
  s += LoopHabitSql(v, 4, "Stretch", 2, 10, 0, 3, 0, 0, 0, "", "", "", color("-6543440", 14));
  s += LoopHabitSql(v, 5, "Water", 1, 1, 0, 4, 1, 0, 8, "glasses", "", "", color("-16728876", 9));
  s += LoopHabitSql(v, 6, "Smoke", 1, 7, 0, 5, 1, 1, 2, "", "", "", color("-10453621", 18));
  if (v < 16) {
    for (int d : {0, 1, 4}) s += LoopRepSql(v, "1", d, 2);
    for (int d : {0, 1}) s += LoopRepSql(v, "2", d, 2);
    s += LoopRepSql(v, "3", 2, 2) + LoopRepSql(v, "4", 5, 2) + LoopRepSql(v, "5", 0, 2) + LoopRepSql(v, "6", 0, 2);
  } else {
    s += LoopRepSql(v, "1", 0, 2, "felt good") + LoopRepSql(v, "1", 1, 3) + LoopRepSql(v, "1", 2, 1) +
         LoopRepSql(v, "1", 3, 0) + LoopRepSql(v, "1", 4, 2);
    s += LoopRepSql(v, "2", 0, 2) + LoopRepSql(v, "2", 1, 2) + LoopRepSql(v, "3", 2, 2) + LoopRepSql(v, "4", 5, 2);
    if (v >= 25) s += LoopRepSql(v, "4", 6, -1, "sore");
    if (v >= 18) {
      s += LoopRepSql(v, "5", 0, 8000) + LoopRepSql(v, "5", 1, 6500, std::string(600, 'n')) +
           LoopRepSql(v, "5", 2, 0) + LoopRepSql(v, "5", 3, -1);
      s += LoopRepSql(v, "6", 0, 1000) + LoopRepSql(v, "6", 7, 3000);
    } else {
      s += LoopRepSql(v, "5", 0, 2) + LoopRepSql(v, "6", 0, 2);
    }
  }
  if (v < 22) s += LoopRepSql(v, "1", 0, 2) + LoopRepSql(v, "NULL", 1, 2) + LoopRepSql(v, "99", 1, 2);
  s += "INSERT INTO Score (habit, score, timestamp) VALUES (1, 1000, " + std::to_string(kLoopD) + ");\n";
  s += "INSERT INTO Streak (\"end\", habit, length, start) VALUES (0, 3, 1, 0);\n";
  return s;
}

// The bytes of a Loop file of schema `v` holding LoopDataSql(v) (or `data_sql`
// when given), after `extra_sql`.
inline Result<std::string> MakeLoopFile(int v, const std::string& extra_sql = "", int page_size = 1024,
                                        const std::string* data_sql = nullptr) {
  SB_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(":memory:"));
  SB_RETURN_IF_ERROR(db->Exec("PRAGMA page_size = " + std::to_string(page_size)));
  SB_RETURN_IF_ERROR(db->Exec(LoopSchemaSql(v)));
  SB_RETURN_IF_ERROR(db->Exec("BEGIN"));
  SB_RETURN_IF_ERROR(db->Exec(data_sql ? *data_sql : LoopDataSql(v)));
  SB_RETURN_IF_ERROR(db->Exec("COMMIT"));
  if (!extra_sql.empty()) SB_RETURN_IF_ERROR(db->Exec(extra_sql));
  return SnapshotDatabase(*db);
}

// The schema versions the fixtures cover: each one that changed the tables,
// and 12 and 21 (colour palette changes).
constexpr int kLoopFixtureVersions[] = {8, 11, 12, 14, 16, 18, 21, 22, 23, 24, 25};

}  // namespace streakbox
