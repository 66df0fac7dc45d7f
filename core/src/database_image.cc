#include "streakbox/database_image.h"

#include <sqlite3.h>

#include <cstring>

#include "streakbox/backup_history.h"
#include "streakbox/schema.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

constexpr char kMagic[] = "SQLite format 3";  // 16 bytes with its NUL
constexpr const char* kTables[] = {"profiles", "tasks", "task_checks", "daily_status", "settings"};

// Copies all of database `from` into `to` (both "main") in one step.
Status CopyDatabase(sqlite3* to, sqlite3* from) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return SqliteStatus(sqlite3_errcode(to), sqlite3_errmsg(to));
  int rc = sqlite3_backup_step(b, -1);
  int finish = sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return SqliteStatus(rc, "copying the database failed");
  if (finish != SQLITE_OK) return SqliteStatus(finish, sqlite3_errmsg(to));
  return Status::Ok();
}

Result<int64_t> IntPragma(Database& db, const std::string& sql) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(sql));
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

// An in-memory database holding `bytes` (patched to rollback-journal mode:
// an in-memory database cannot be in WAL mode).
Result<std::unique_ptr<Database>> Load(const std::string& bytes) {
  if (bytes.size() < 100 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return Status(Code::kMalformed, "this file is not an SQLite database");
  if (static_cast<int64_t>(bytes.size()) > kMaxDatabaseImageBytes)
    return Status(Code::kInvalidBackup, "this database file is too large to be a Streakbox database");
  SB_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(":memory:"));
  auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
  if (!buf) return Status(Code::kStorageFull, "not enough memory to open the database file");
  std::memcpy(buf, bytes.data(), bytes.size());
  buf[18] = buf[19] = 1;
  int rc = sqlite3_deserialize(db->handle(), "main", buf, static_cast<sqlite3_int64>(bytes.size()),
                               static_cast<sqlite3_int64>(bytes.size()),
                               SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK) return Status(Code::kInvalidBackup, "this database file cannot be read: " + std::string(sqlite3_errstr(rc)));
  return db;
}

// Damaged, foreign or newer files are refused here, before anything changes.
Status CheckImage(Database& img) {
  auto damaged = [](const std::string& why) {
    return Status(Code::kInvalidBackup, "this database file is damaged (" + why + ")");
  };
  auto app_id = IntPragma(img, "PRAGMA application_id");
  if (!app_id.ok()) return damaged(app_id.status().message());
  if (app_id.value() != kApplicationId) {
    if (app_id.value() != 0) return Status(Code::kInvalidBackup, "this is an SQLite database of another application, not Streakbox");
    for (const char* t : kTables) {
      SB_ASSIGN_OR_RETURN(int64_t n, IntPragma(img, std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '") + t + "'"));
      if (n == 0) return Status(Code::kInvalidBackup, std::string("this SQLite database is not a Streakbox database (it has no '") + t + "' table)");
    }
  }
  SB_ASSIGN_OR_RETURN(int version, SchemaVersion(img));
  if (version > kSchemaVersion)
    return Status(Code::kUnsupportedVersion, "this database comes from a newer Streakbox (schema " + std::to_string(version) +
                                                 "; this app knows up to " + std::to_string(kSchemaVersion) + "); update Streakbox first");
  if (version < 1) return Status(Code::kInvalidBackup, "this SQLite database is not a Streakbox database (no schema version)");
  auto check = img.Prepare("PRAGMA integrity_check");
  if (!check.ok()) return damaged(check.status().message());
  auto row = check.value().Step();
  if (!row.ok()) return damaged(row.status().message());
  if (!row.value() || check.value().Text(0) != "ok") return damaged(row.value() ? check.value().Text(0) : "no answer");
  return Status::Ok();
}

Result<DatabaseImageInfo> Describe(Database& img, int64_t size) {
  DatabaseImageInfo info;
  info.size = size;
  SB_ASSIGN_OR_RETURN(info.schema_version, SchemaVersion(img));
  SB_ASSIGN_OR_RETURN(json counts, CountRecords(img));
  info.profiles = counts["profiles"];
  info.tasks = counts["tasks"];
  info.task_checks = counts["task_checks"];
  info.daily_status = counts["daily_status"];
  SB_ASSIGN_OR_RETURN(Statement st, img.Prepare("SELECT value FROM settings WHERE key = 'instance_id'"));
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  if (row) info.instance_id = st.Text(0);
  return info;
}

// Replaces what belongs to this browser rather than to the data: the backup
// history and the local.* settings (backup location, schedule state).
Status CarryLocalState(Database& live, Database& img) {
  SB_ASSIGN_OR_RETURN(auto entries, ListHistory(live));
  std::vector<std::pair<std::string, std::string>> local;
  SB_ASSIGN_OR_RETURN(Statement read, live.Prepare("SELECT key, value FROM settings WHERE substr(key, 1, 6) = 'local.'"));
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, read.Step());
    if (!row) break;
    local.emplace_back(read.Text(0), read.Text(1));
  }
  Transaction tx(img);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_RETURN_IF_ERROR(img.Exec("DELETE FROM settings WHERE substr(key, 1, 6) = 'local.'"));
  SB_ASSIGN_OR_RETURN(Statement put, img.Prepare("INSERT INTO settings (key, value) VALUES (?, ?)"));
  for (const auto& [key, value] : local) {
    put.Reset();
    put.Bind(1, key).Bind(2, value);
    SB_RETURN_IF_ERROR(put.Run());
  }
  SB_RETURN_IF_ERROR(img.Exec("DELETE FROM backup_history"));
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    SB_ASSIGN_OR_RETURN(int64_t id, AddHistory(img, *it));
    SB_RETURN_IF_ERROR(img.Exec("UPDATE backup_history SET id = " + std::to_string(it->id) + " WHERE id = " + std::to_string(id)));
    SB_RETURN_IF_ERROR(FinishHistory(img, it->id, *it));
  }
  return tx.Commit();
}

}  // namespace

Result<json> CountRecords(Database& db) {
  json out;
  const std::pair<const char*, const char*> queries[] = {
      {"profiles", "SELECT count(*) FROM profiles"},
      {"tasks", "SELECT count(*) FROM tasks"},
      {"task_checks", "SELECT count(*) FROM task_checks WHERE checked = 1"},
      {"daily_status", "SELECT count(*) FROM daily_status WHERE completed_at IS NOT NULL"}};
  for (const auto& [name, sql] : queries) {
    SB_ASSIGN_OR_RETURN(int64_t n, IntPragma(db, sql));
    out[name] = n;
  }
  return out;
}

Result<std::string> SnapshotDatabase(Database& db) {
  SB_ASSIGN_OR_RETURN(std::unique_ptr<Database> mem, Database::Open(":memory:"));
  SB_RETURN_IF_ERROR(CopyDatabase(mem->handle(), db.handle()));
  sqlite3_int64 size = 0;
  unsigned char* data = sqlite3_serialize(mem->handle(), "main", &size, 0);
  if (!data) return Status(Code::kStorageFull, "not enough memory to copy the database");
  std::string out(reinterpret_cast<char*>(data), static_cast<size_t>(size));
  sqlite3_free(data);
  if (out.size() >= 20) out[18] = out[19] = 1;  // rollback journal: opens without a -wal file
  return out;
}

Result<DatabaseImageInfo> InspectDatabaseImage(const std::string& bytes) {
  SB_ASSIGN_OR_RETURN(std::unique_ptr<Database> img, Load(bytes));
  SB_RETURN_IF_ERROR(CheckImage(*img));
  return Describe(*img, static_cast<int64_t>(bytes.size()));
}

Result<DatabaseImageInfo> RestoreDatabaseImage(Database& live, const std::string& bytes) {
  SB_ASSIGN_OR_RETURN(std::unique_ptr<Database> img, Load(bytes));
  SB_RETURN_IF_ERROR(CheckImage(*img));
  SB_RETURN_IF_ERROR(ConfigureConnection(*img));
  SB_RETURN_IF_ERROR(Migrate(*img));
  SB_RETURN_IF_ERROR(CarryLocalState(live, *img));
  // The backup API cannot change the page size of a WAL database: match it first.
  SB_ASSIGN_OR_RETURN(int64_t live_page, IntPragma(live, "PRAGMA page_size"));
  SB_ASSIGN_OR_RETURN(int64_t img_page, IntPragma(*img, "PRAGMA page_size"));
  if (live_page != img_page)
    SB_RETURN_IF_ERROR(img->Exec("PRAGMA page_size = " + std::to_string(live_page) + "; VACUUM;"));
  SB_ASSIGN_OR_RETURN(DatabaseImageInfo info, Describe(*img, static_cast<int64_t>(bytes.size())));
  SB_RETURN_IF_ERROR(CopyDatabase(live.handle(), img->handle()));
  return info;
}

json ToJson(const DatabaseImageInfo& i) {
  return {{"schema_version", i.schema_version}, {"instance_id", i.instance_id}, {"size", i.size},
          {"counts", {{"profiles", i.profiles}, {"tasks", i.tasks}, {"task_checks", i.task_checks},
                      {"daily_status", i.daily_status}}}};
}

}  // namespace streakbox
