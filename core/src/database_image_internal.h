// The parts of a database-file check and restore (internal; the API is
// streakbox/database_image.h, the rules docs/ARCHITECTURE.md, "Database-level
// backup"). An uploaded file is opened by ImageReader, its schema objects are
// compared with Streakbox's own (CheckImageSchema), its cells and references
// checked (CheckImageCells), and its rows then go through the JSON importer's
// record rules; NameImageRows turns that importer's JSON paths back into the
// file's table rows.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "streakbox/database.h"

namespace streakbox {

// The tables holding the data a restore brings, in every schema version
// (backup_history, from version 2, stays this database's).
constexpr const char* kImageDataTables[] = {"profiles", "tasks", "task_checks", "daily_status", "settings"};

// An uploaded database file, held in memory and opened for reading only with
// SQLite's defensive settings: SQLITE_DBCONFIG_DEFENSIVE on, TRUSTED_SCHEMA,
// ENABLE_TRIGGER, ENABLE_VIEW, WRITABLE_SCHEMA and extension loading off,
// cell_size_check on, tight sqlite3_limit values, and a work budget counted in
// SQLite virtual-machine steps (deterministic: the same file costs the same on
// every machine; a wall clock would make hostile-file tests flaky). Nothing the
// file's schema defines can run: triggers never fire and views refuse to be read.
class ImageReader {
 public:
  // kMalformed: not an SQLite file. kInvalidBackup: too large, or SQLite
  // cannot open it. `vm_steps`: the budget for everything done through db().
  static Result<std::unique_ptr<ImageReader>> Open(const std::string& bytes, int64_t vm_steps);
  ~ImageReader();
  ImageReader(const ImageReader&) = delete;
  ImageReader& operator=(const ImageReader&) = delete;

  Database& db() { return *db_; }

  // `s`, or when the budget ran out (any SQLite call then fails as
  // interrupted), kInvalidBackup saying the check took too long.
  Status Explain(Status s) const;

 private:
  ImageReader() = default;
  static int OnProgress(void* self);

  std::unique_ptr<Database> db_;
  int64_t ticks_left_ = 0;
  bool expired_ = false;
};

// The progress handler runs once per this many VM steps of a statement (SQLite
// counts per statement, so a statement shorter than this costs nothing).
constexpr int kImageStepsPerTick = 100;

// A fresh in-memory database at schema `version`, made by Streakbox's own
// migrations: what a file of that version is compared with.
Result<std::unique_ptr<Database>> ReferenceSchema(int version);

// Compares every object in the file's sqlite_schema with `reference`'s
// (ReferenceSchema of the file's `version`): the same
// tables with the same definitions and columns, the same indexes, nothing
// else (SQLite's own sqlite_stat*/sqlite_sequence tables are allowed).
// REQUIRES: 1 <= version <= kSchemaVersion. kInvalidBackup naming the first
// object that differs ("the file has a trigger 'x', which Streakbox does not
// create; it was not restored").
Status CheckImageSchema(Database& img, Database& reference, int version);

// REQUIRES: CheckImageSchema(img, reference, ...) passed. Every cell of the data
// tables holds the storage class Streakbox stores there (no blob for a title,
// no text for an id), and every reference names a row (no task of a missing
// profile). kInvalidBackup naming the table, the row and the column.
Status CheckImageCells(Database& img, Database& reference);

// `s` from validating the JSON export of `img` (backup_export.h), with each
// problem's JSON path ("$.profiles[0].tasks[1].title") replaced by the row it
// came from ("tasks row id 8, column title") and the message rebuilt from
// those; `s` as it is when it carries no such paths.
// REQUIRES: `img` is the database the export was read from, unchanged.
Status NameImageRows(Database& img, Status s);

// A printable excerpt of at most about `max` bytes of a value from the file
// (a cell, a name, an SQLite message quoting one) for messages.
std::string CellExcerpt(const std::string& value, size_t max = 40);

}  // namespace streakbox
