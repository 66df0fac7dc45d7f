// ImageReader: an uploaded database file opened read-only and defensively
// (database_image_internal.h).
#include <sqlite3.h>

#include <cstring>

#include "database_image_internal.h"
#include "streakbox/database_image.h"

namespace streakbox {
namespace {

constexpr char kMagic[] = "SQLite format 3";  // 16 bytes with its NUL

// Limits far above anything Streakbox's own schema and queries need, far below
// SQLite's defaults: a hostile schema or cell fails fast instead of costing
// memory or time. The longest value Streakbox stores is a task description
// (2000 characters, up to 8000 bytes); settings values are short.
constexpr std::pair<int, int> kLimits[] = {
    {SQLITE_LIMIT_LENGTH, 1 << 20},          // bytes in one string, blob or row
    {SQLITE_LIMIT_SQL_LENGTH, 100000},       // one statement, the file's CREATE statements included
    {SQLITE_LIMIT_COLUMN, 64},               // columns in a table, index or result
    {SQLITE_LIMIT_EXPR_DEPTH, 64},
    {SQLITE_LIMIT_COMPOUND_SELECT, 8},
    {SQLITE_LIMIT_VDBE_OP, 50000},           // instructions in one prepared statement
    {SQLITE_LIMIT_FUNCTION_ARG, 8},
    {SQLITE_LIMIT_ATTACHED, 0},
    {SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100},
    {SQLITE_LIMIT_VARIABLE_NUMBER, 16},
    {SQLITE_LIMIT_TRIGGER_DEPTH, 1},
    {SQLITE_LIMIT_WORKER_THREADS, 0},
};

constexpr std::pair<int, int> kConfig[] = {
    {SQLITE_DBCONFIG_DEFENSIVE, 1},
    {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0},
    {SQLITE_DBCONFIG_ENABLE_TRIGGER, 0},
    {SQLITE_DBCONFIG_ENABLE_VIEW, 0},
    {SQLITE_DBCONFIG_WRITABLE_SCHEMA, 0},
    {SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0},
    {SQLITE_DBCONFIG_ENABLE_FKEY, 0},
};

}  // namespace

ImageReader::~ImageReader() = default;

Result<std::unique_ptr<ImageReader>> ImageReader::Open(const std::string& bytes, int64_t vm_steps) {
  if (bytes.size() < 100 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return Status(Code::kMalformed, "this file is not an SQLite database");
  if (static_cast<int64_t>(bytes.size()) > kMaxDatabaseImageBytes)
    return Status(Code::kInvalidBackup, "this database file is too large to be a Streakbox database");
  std::unique_ptr<ImageReader> r(new ImageReader());
  SB_ASSIGN_OR_RETURN(r->db_, Database::Open(":memory:"));
  sqlite3* h = r->db_->handle();
  for (const auto& [option, value] : kConfig)
    if (sqlite3_db_config(h, option, value, nullptr) != SQLITE_OK)
      return Status::Internal("SQLite refused a defensive setting (" + std::to_string(option) + ")");
  for (const auto& [limit, value] : kLimits) sqlite3_limit(h, limit, value);
  r->ticks_left_ = vm_steps / kImageStepsPerTick + 1;
  sqlite3_progress_handler(h, kImageStepsPerTick, &ImageReader::OnProgress, r.get());

  // The file's bytes in SQLite's memory, marked rollback-journal (an in-memory
  // database cannot be in WAL mode) and read-only: nothing ever writes to it.
  auto* buf = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
  if (!buf) return Status(Code::kStorageFull, "not enough memory to open the database file");
  std::memcpy(buf, bytes.data(), bytes.size());
  buf[18] = buf[19] = 1;
  const auto size = static_cast<sqlite3_int64>(bytes.size());
  int rc = sqlite3_deserialize(h, "main", buf, size, size,
                               SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
  if (rc != SQLITE_OK)
    return Status(Code::kInvalidBackup, "this database file cannot be read: " + std::string(sqlite3_errstr(rc)));
  SB_RETURN_IF_ERROR(r->Explain(r->db_->Exec("PRAGMA cell_size_check = ON; PRAGMA query_only = ON;")));
  return r;
}

int ImageReader::OnProgress(void* self) {
  auto* r = static_cast<ImageReader*>(self);
  if (--r->ticks_left_ > 0) return 0;
  r->expired_ = true;
  return 1;  // interrupts the running statement; every later one stops at once
}

Status ImageReader::Explain(Status s) const {
  if (s.ok() || !expired_) return s;
  return Status(Code::kInvalidBackup, "checking this file took too long; it may be damaged (it was not restored)");
}

}  // namespace streakbox
