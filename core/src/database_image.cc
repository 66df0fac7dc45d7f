// Database-level backup: the snapshot, and the check and restore of an
// uploaded database file (database_image.h; the parts are in
// database_image_internal.h).
#include "streakbox/database_image.h"

#include <sqlite3.h>

#include "database_image_internal.h"
#include "streakbox/backup_export.h"
#include "streakbox/backup_format.h"
#include "streakbox/backup_import.h"
#include "streakbox/schema.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

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

Result<int64_t> IntQuery(Database& db, const std::string& sql) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(sql));
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

Status Damaged(const std::string& why) {
  return Status(Code::kInvalidBackup, "this database file is damaged (" + CellExcerpt(why, 200) + ")");
}

// Everything a file must pass before its rows are read: Streakbox's
// application_id (or, before it existed, Streakbox's tables), a schema version
// this build knows, exactly Streakbox's schema objects for that version,
// PRAGMA integrity_check, and cells of the right kinds. Returns the version.
Result<int> CheckImage(Database& img) {
  auto app_id = IntQuery(img, "PRAGMA application_id");
  if (!app_id.ok()) return Damaged(app_id.status().message());
  if (app_id.value() != kApplicationId) {
    if (app_id.value() != 0) return Status(Code::kInvalidBackup, "this is an SQLite database of another application, not Streakbox");
    auto loop = IntQuery(img, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('Habits', 'Repetitions')");
    if (loop.ok() && loop.value() == 2)
      return Status(Code::kInvalidBackup, "this is a Loop Habit Tracker backup, not a Streakbox database: import it in "
                                          "Settings, Backup & Restore, Import a backup");
    for (const char* t : kImageDataTables) {  // before the exact comparison: a plainer message for unrelated files
      auto n = IntQuery(img, std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '") + t + "'");
      if (!n.ok()) return Damaged(n.status().message());
      if (n.value() == 0) return Status(Code::kInvalidBackup, std::string("this SQLite database is not a Streakbox database (it has no '") + t + "' table)");
    }
  }
  auto read_version = SchemaVersion(img);
  if (!read_version.ok()) return Damaged(read_version.status().message());
  const int version = read_version.value();
  if (version > kSchemaVersion)
    return Status(Code::kUnsupportedVersion, "this database comes from a newer Streakbox (schema " + std::to_string(version) +
                                                 "; this app knows up to " + std::to_string(kSchemaVersion) + "); update Streakbox first");
  if (version < 1) return Status(Code::kInvalidBackup, "this SQLite database is not a Streakbox database (no schema version)");
  SB_ASSIGN_OR_RETURN(std::unique_ptr<Database> reference, ReferenceSchema(version));
  SB_RETURN_IF_ERROR(CheckImageSchema(img, *reference, version));
  auto check = img.Prepare("PRAGMA integrity_check(1)");
  if (!check.ok()) return Damaged(check.status().message());
  auto row = check.value().Step();
  if (!row.ok()) return Damaged(row.status().message());
  if (!row.value() || check.value().Text(0) != "ok") return Damaged(row.value() ? check.value().Text(0) : "no answer");
  SB_RETURN_IF_ERROR(CheckImageCells(img, *reference));
  return version;
}

Result<DatabaseImageInfo> Describe(Database& img, int version, int64_t size) {
  DatabaseImageInfo info;
  info.size = size;
  info.schema_version = version;
  SB_ASSIGN_OR_RETURN(json counts, CountRecords(img));
  info.profiles = counts["profiles"];
  info.tasks = counts["tasks"];
  info.task_checks = counts["task_checks"];
  info.daily_status = counts["daily_status"];
  info.days_off = counts["days_off"];
  SB_ASSIGN_OR_RETURN(Statement st, img.Prepare("SELECT value FROM settings WHERE key = 'instance_id'"));
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  if (row) info.instance_id = st.Text(0);
  SB_ASSIGN_OR_RETURN(Statement secret, img.Prepare("SELECT 1 FROM settings WHERE substr(key, 1, ?) = ? LIMIT 1"));
  secret.Bind(1, static_cast<int64_t>(std::char_traits<char>::length(kSecretSettingPrefix))).Bind(2, std::string(kSecretSettingPrefix));
  SB_ASSIGN_OR_RETURN(info.stored_password, secret.Step());
  return info;
}

// A file that passed CheckImage, described, with its rows written out as a
// JSON backup of all profiles by the ordinary exporter (which never writes
// instance_id, secret.* or local.* settings as data).
struct CheckedImage {
  std::unique_ptr<ImageReader> reader;
  std::unique_ptr<Database> migrated;  // a file of an older schema, copied and migrated
  DatabaseImageInfo info;
  std::string backup;
};

Result<CheckedImage> ReadImage(const std::string& bytes, const Clock& clock, const DatabaseImageBudget& budget) {
  CheckedImage out;
  const auto size = static_cast<int64_t>(bytes.size());
  SB_ASSIGN_OR_RETURN(out.reader, ImageReader::Open(bytes, budget.vm_steps > 0 ? budget.vm_steps : DefaultImageStepBudget(size)));
  ImageReader& r = *out.reader;
  auto version = CheckImage(r.db());
  SB_RETURN_IF_ERROR(r.Explain(version.status()));
  // A file of an older schema is read through Streakbox's own migrations, on
  // a copy in memory: its rows then read as this build's.
  Database* rows = &r.db();
  if (version.value() < kSchemaVersion) {
    SB_ASSIGN_OR_RETURN(out.migrated, Database::Open(":memory:"));
    SB_RETURN_IF_ERROR(r.Explain(CopyDatabase(out.migrated->handle(), r.db().handle())));
    SB_RETURN_IF_ERROR(Migrate(*out.migrated));
    rows = out.migrated.get();
  }
  auto info = Describe(*rows, version.value(), size);
  SB_RETURN_IF_ERROR(r.Explain(info.status()));
  out.info = std::move(info).value();
  StringSink sink;
  SB_RETURN_IF_ERROR(r.Explain(ExportBackup(*rows, clock, ExportOptions{}, sink).status()));
  out.backup = sink.str();
  return out;
}

}  // namespace

int64_t DefaultImageStepBudget(int64_t file_size) {
  return kImageBaseSteps + kImageStepsPerByte * std::max<int64_t>(file_size, 0);
}

Result<json> CountRecords(Database& db) {
  json out;
  const std::pair<const char*, std::string> queries[] = {
      {"profiles", "SELECT count(*) FROM profiles"},
      {"tasks", "SELECT count(*) FROM tasks"},
      {"task_checks", "SELECT count(*) FROM task_checks c JOIN tasks t ON t.id = c.task_id WHERE " +
                          std::string(kExportedEntrySql)},
      {"daily_status", "SELECT count(*) FROM daily_status WHERE completed_at IS NOT NULL"},
      {"days_off", "SELECT count(*) FROM days_off"}};
  for (const auto& [name, sql] : queries) {
    SB_ASSIGN_OR_RETURN(int64_t n, IntQuery(db, sql));
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

Result<DatabaseImageInfo> InspectDatabaseImage(const std::string& bytes, const Clock& clock, const DatabaseImageBudget& budget) {
  SB_ASSIGN_OR_RETURN(CheckedImage img, ReadImage(bytes, clock, budget));
  StringSource source(img.backup);
  auto valid = ValidateBackup(source);
  if (!valid.ok()) return NameImageRows(img.reader->db(), valid.status());
  return img.info;
}

Result<DatabaseImageInfo> RestoreDatabaseImage(Database& live, const Clock& clock, const std::string& bytes,
                                               const DatabaseImageBudget& budget) {
  SB_ASSIGN_OR_RETURN(CheckedImage img, ReadImage(bytes, clock, budget));
  StringSource source(img.backup);
  ImportOptions options;  // Replace, all profiles, one transaction
  // A database file is restored whole, its backup schedule included; the
  // browser puts its own schedule back afterwards unless the user takes the
  // file's (wasm/backup_runner.js, afterDatabaseRestore).
  options.take_backup_settings = true;
  auto imported = ImportBackup(live, clock, source, options);
  if (!imported.ok()) return NameImageRows(img.reader->db(), imported.status());
  return img.info;
}

json ToJson(const DatabaseImageInfo& i) {
  return {{"schema_version", i.schema_version}, {"instance_id", i.instance_id}, {"size", i.size},
          {"stored_password", i.stored_password},
          {"counts", {{"profiles", i.profiles}, {"tasks", i.tasks}, {"task_checks", i.task_checks},
                      {"daily_status", i.daily_status}, {"days_off", i.days_off}}}};
}

}  // namespace streakbox
