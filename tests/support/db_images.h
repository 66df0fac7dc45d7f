// Database files for the database-restore tests, the CLI tests and the
// database-restore fuzzer's seeds (tests/fuzz/make_db_seeds.cc): a real
// Streakbox database made with this build at any schema version, holding a
// little data with known row ids, optionally altered by SQL, as the bytes of
// its file. kHostileImages lists the alterations a restore must refuse.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "streakbox/database.h"
#include "streakbox/database_image.h"
#include "streakbox/schema.h"

namespace streakbox {

// Profile 1 'Dad' with tasks 7 'Walk' and 8 'Read' (both required), both
// checked on 2026-03-08 (a completed day), 'Walk' on 2026-03-09 too; one app
// setting. Valid under every import rule.
constexpr const char* kImageData = R"sql(
INSERT INTO profiles (id, name, color, created_at, updated_at)
  VALUES (1, 'Dad', '#445566', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z');
INSERT INTO tasks (id, profile_id, title, sort_order, created_at, updated_at) VALUES
  (7, 1, 'Walk', 0, '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z'),
  (8, 1, 'Read', 1, '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z');
INSERT INTO task_checks (task_id, date, checked, checked_at) VALUES
  (7, '2026-03-08', 1, '2026-03-08T09:00:00Z'),
  (8, '2026-03-08', 1, '2026-03-08T21:00:00Z'),
  (7, '2026-03-09', 1, '2026-03-09T09:00:00Z');
INSERT INTO daily_status (profile_id, date, completed_at) VALUES (1, '2026-03-08', '2026-03-08T21:00:00Z');
INSERT INTO settings (key, value) VALUES ('backup.retention_count', '5');
)sql";

// The smallest SQLite page: the fuzzer's seeds stay a few KiB.
constexpr int kSeedPageSize = 512;

// The file of a fresh database at schema `version` with kImageData, after
// `alter_sql` (run with foreign keys off, as any SQLite tool could).
// From schema 4 every task has a uuid: kImageData goes in at schema 3, and
// after the migration the tasks get fixed ones (task 7's is 0…07), so an
// image's bytes are the same on every run.
inline Result<std::string> MakeImage(int version, const std::string& alter_sql = "", int page_size = 4096) {
  SB_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(":memory:"));
  SB_RETURN_IF_ERROR(db->Exec("PRAGMA page_size = " + std::to_string(page_size)));
  SB_RETURN_IF_ERROR(Migrate(*db, std::min(version, 3)));
  SB_RETURN_IF_ERROR(db->Exec(kImageData));
  SB_RETURN_IF_ERROR(Migrate(*db, version));
  if (version >= 4) SB_RETURN_IF_ERROR(db->Exec("UPDATE tasks SET uuid = printf('%032x', id)"));
  if (!alter_sql.empty()) SB_RETURN_IF_ERROR(db->Exec(alter_sql));
  return SnapshotDatabase(*db);
}

struct HostileImage {
  const char* name;       // also the seed's file name
  const char* sql;        // applied to a version-2 image
  const char* refusal;    // words the refusal must contain
};

// Files a restore must refuse, each with the words that name what is wrong.
inline const std::vector<HostileImage>& HostileImages() {
  static const std::vector<HostileImage> images = {
      {"trigger-empties-on-check",
       "CREATE TRIGGER wipe AFTER INSERT ON task_checks BEGIN DELETE FROM tasks; END;",
       "trigger 'wipe'"},
      {"trigger-switches-backups-off",
       "CREATE TRIGGER schedule_off AFTER UPDATE ON settings BEGIN "
       "UPDATE settings SET value = 'false' WHERE key = 'backup.enabled'; END;",
       "trigger 'schedule_off'"},
      {"trigger-erases-safety-snapshots",
       "CREATE TRIGGER forget AFTER INSERT ON backup_history BEGIN "
       "DELETE FROM backup_history WHERE kind = 'safety'; END;",
       "trigger 'forget'"},
      {"view-instead-of-table",
       "DROP TABLE daily_status; CREATE VIEW daily_status AS "
       "SELECT 1 AS profile_id, '2026-03-08' AS date, '2026-03-08T21:00:00Z' AS completed_at;",
       "view 'daily_status'"},
      {"recursive-view",
       "DROP TABLE task_checks; DROP TABLE tasks; CREATE VIEW tasks AS "
       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i AS id FROM n;",
       "view 'tasks'"},
      {"extra-table", "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi');", "table 'notes'"},
      {"extra-index", "CREATE INDEX tasks_by_title ON tasks (title);", "index 'tasks_by_title'"},
      {"extra-column", "ALTER TABLE tasks ADD COLUMN style TEXT;", "column 'style'"},
      {"bad-colour",
       "UPDATE profiles SET color = 'red;background-image:url(https://example.com/x)' WHERE id = 1;",
       "profiles row id 1, column color"},
      {"duplicate-titles", "UPDATE tasks SET title = ' Walk ' WHERE id = 8;", "tasks row id 8, column title"},
      {"empty-title", "UPDATE tasks SET title = '   ' WHERE id = 8;", "tasks row id 8, column title"},
      {"bad-check-time", "UPDATE task_checks SET checked_at = 'soon' WHERE task_id = 8;",
       "task_checks row task_id 8, date '2026-03-08', column checked_at"},
      {"date-injects-json",  // a date cell that would close its JSON string if written unquoted
       "UPDATE task_checks SET date = '2026-03-08\",\"checked\":false,\"x\":\"' WHERE task_id = 7 AND date = '2026-03-09';",
       "task_checks row task_id 7, date '2026-03-08\",\"checked\":false,\"x\":\"', column date"},
      {"blob-title", "UPDATE tasks SET title = x'00ff' WHERE id = 8;", "tasks row id 8: title holds a blob"},
      {"orphan-task",
       "INSERT INTO tasks (id, profile_id, title, created_at, updated_at) "
       "VALUES (9, 42, 'Lost', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z');",
       "tasks row id 9: profile_id 42 names no profiles row"},
  };
  return images;
}

}  // namespace streakbox
