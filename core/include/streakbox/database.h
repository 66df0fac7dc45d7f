// Database: a thin RAII wrapper over one SQLite connection, with prepared
// statements and a transaction guard. All SQLite errors become Status values
// (SQLITE_FULL -> kStorageFull, SQLITE_CORRUPT/NOTADB -> kCorrupt,
// SQLITE_BUSY/LOCKED -> kLocked, constraint -> kAlreadyExists, else kIo).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "streakbox/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace streakbox {

class Database;

// A column value's storage class, as SQL's typeof() names it.
enum class ColumnType { kInteger, kReal, kText, kBlob, kNull };
// "integer", "real", "text", "blob" or "null".
const char* ColumnTypeName(ColumnType t);

// A prepared statement. Bind parameters are 1-based; columns are 0-based.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, const std::string& value);
  Statement& BindNull(int index);
  Statement& BindDouble(int index, double value);

  // Steps once. Returns true when a row is available, false when done.
  Result<bool> Step();
  // Steps to completion, expecting no rows.
  Status Run();
  // Resets so the statement can run again with new bindings.
  void Reset();

  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;
  // The storage class of the current row's value in `col`; ask before reading
  // it (Int/Double/Text may convert the value in place).
  ColumnType Type(int col) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Database {
 public:
  // Opens (creating if missing) the database at `path` through the SQLite VFS
  // named `vfs` (nullptr: the default VFS).
  static Result<std::unique_ptr<Database>> Open(const std::string& path, const char* vfs = nullptr);
  ~Database();

  Status Exec(const std::string& sql);
  Result<Statement> Prepare(const std::string& sql);
  int64_t LastInsertId() const;
  int Changes() const;
  sqlite3* handle() const { return db_; }

  // Converts the connection's last error (from result code `rc`) to a Status.
  Status Error(int rc, const std::string& context) const;

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// Converts an SQLite result code and message to a Status.
Status SqliteStatus(int rc, const std::string& message);

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit()
// succeeded. Use: `Transaction tx(db); SB_RETURN_IF_ERROR(tx.Begin()); ...; return tx.Commit();`
class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) {}
  ~Transaction();
  Status Begin();
  Status Commit();

 private:
  Database& db_;
  bool open_ = false;
};

}  // namespace streakbox
