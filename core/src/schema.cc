#include "streakbox/schema.h"

#include <string>

namespace streakbox {
namespace {

// Migration N takes a database from user_version N-1 to N. Append only: a
// shipped migration never changes, because users' databases already ran it.
const char* const kMigrations[] = {
    // 1: the initial schema (docs/ARCHITECTURE.md, "Data model").
    R"sql(
CREATE TABLE profiles (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  color       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE tasks (
  id                 INTEGER PRIMARY KEY,
  profile_id         INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  title              TEXT NOT NULL,
  description        TEXT NOT NULL DEFAULT '',
  is_required        INTEGER NOT NULL DEFAULT 1 CHECK (is_required IN (0, 1)),
  is_active          INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  sort_order         INTEGER NOT NULL DEFAULT 0,
  fitbit_auto_check  INTEGER NOT NULL DEFAULT 0 CHECK (fitbit_auto_check IN (0, 1)),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (profile_id, title)
);
CREATE TABLE task_checks (
  task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  date        TEXT NOT NULL,
  checked     INTEGER NOT NULL DEFAULT 1 CHECK (checked IN (0, 1)),
  checked_at  TEXT,
  PRIMARY KEY (task_id, date)
) WITHOUT ROWID;
CREATE TABLE daily_status (
  profile_id    INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  date          TEXT NOT NULL,
  completed_at  TEXT,
  PRIMARY KEY (profile_id, date)
) WITHOUT ROWID;
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO settings (key, value) VALUES ('instance_id', lower(hex(randomblob(16))));
)sql",
    // 2: the backup history (backup_history.h) and the file's application_id,
    // so a database-level restore can tell a Streakbox file from any SQLite file.
    R"sql(
CREATE TABLE backup_history (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('manual', 'scheduled', 'safety')),
  format       TEXT NOT NULL CHECK (format IN ('json', 'sqlite')),
  status       TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  created_at   INTEGER NOT NULL,
  finished_at  INTEGER,
  frequency    TEXT,
  location     TEXT NOT NULL,
  filename     TEXT,
  size         INTEGER,
  sha256       TEXT,
  encrypted    INTEGER NOT NULL DEFAULT 0 CHECK (encrypted IN (0, 1)),
  counts       TEXT,
  error        TEXT
);
PRAGMA application_id = 1398030936;  -- 0x53544258, "STBX" (kApplicationId)
)sql",
    // 3: the habit model (habit_rules.h): a schedule and an optional measure per
    // task; an entry per task and day that may be skipped and hold an amount and
    // a note (`checked` keeps meaning "done"); a profile's days off. Every
    // existing task becomes daily and yes/no, which is what it was.
    R"sql(
ALTER TABLE tasks ADD COLUMN schedule_type TEXT NOT NULL DEFAULT 'daily'
  CHECK (schedule_type IN ('daily', 'weekdays', 'per_week', 'per_month', 'per_days'));
ALTER TABLE tasks ADD COLUMN schedule_weekdays INTEGER NOT NULL DEFAULT 127;
ALTER TABLE tasks ADD COLUMN schedule_times INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tasks ADD COLUMN schedule_days INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tasks ADD COLUMN measure_unit TEXT;
ALTER TABLE tasks ADD COLUMN measure_target REAL;
ALTER TABLE tasks ADD COLUMN measure_direction TEXT CHECK (measure_direction IN ('at_least', 'at_most'));
ALTER TABLE task_checks ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1));
ALTER TABLE task_checks ADD COLUMN amount REAL;
ALTER TABLE task_checks ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE TABLE days_off (
  profile_id  INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  date        TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (profile_id, date)
) WITHOUT ROWID;
)sql",
    // 4: task identity (issue 12): every task has a uuid, 32 lowercase hex
    // characters, unique within its profile, that a backup carries, so that a
    // second import of a newer backup (or of another app's file that names its
    // habits by uuid, like Loop's) merges into the same tasks. Every existing
    // task gets a random one. The DEFAULT '' exists only because ALTER TABLE
    // needs a constant default for a NOT NULL column: every insert gives a uuid
    // (Tracker::CreateTask, the importer), and the database-file check refuses
    // any other value (database_image_rows.cc).
    R"sql(
ALTER TABLE tasks ADD COLUMN uuid TEXT NOT NULL DEFAULT '';
UPDATE tasks SET uuid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX tasks_profile_uuid ON tasks (profile_id, uuid);
)sql",
};

constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == kSchemaVersion, "one migration per schema version");

}  // namespace

Status ConfigureConnection(Database& db) {
  return db.Exec("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;");
}

Result<int> SchemaVersion(Database& db) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare("PRAGMA user_version"));
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? static_cast<int>(st.Int(0)) : 0;
}

Status Migrate(Database& db, int target) {
  if (target < 0 || target > kSchemaVersion) return Status::Internal("no schema version " + std::to_string(target));
  SB_ASSIGN_OR_RETURN(int version, SchemaVersion(db));
  if (version > kSchemaVersion) {
    return Status::InvalidArgument("the database was written by a newer Streakbox (schema " +
                                   std::to_string(version) + ", this app knows up to " +
                                   std::to_string(kSchemaVersion) + ")");
  }
  for (int v = version; v < target; ++v) {
    Transaction tx(db);
    SB_RETURN_IF_ERROR(tx.Begin());
    SB_RETURN_IF_ERROR(db.Exec(kMigrations[v]));
    SB_RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(v + 1)));
    SB_RETURN_IF_ERROR(tx.Commit());
  }
  return Status::Ok();
}

}  // namespace streakbox
