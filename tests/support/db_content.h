// Test support: a digest of everything a database holds (every row of every
// table, the schema included), so a test or a fuzzer can prove that a
// rejected call changed nothing; and whether a transaction is open.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "sha256_hex.h"

namespace streakbox {

// The SHA-256 of every table's rows (sorted, so row order does not count)
// and of sqlite_master. Aborts the caller's expectations with "" on an error.
inline std::string ContentHash(sqlite3* db) {
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &st,
                         nullptr) != SQLITE_OK)
    return "";
  while (sqlite3_step(st) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  tables.push_back("sqlite_master");
  std::string all;
  for (const auto& t : tables) {
    std::string q = "SELECT * FROM \"" + t + "\"";
    if (sqlite3_prepare_v2(db, q.c_str(), -1, &st, nullptr) != SQLITE_OK) return "";
    std::vector<std::string> rows;
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        row += std::to_string(sqlite3_column_type(st, c)) + ":";
        const unsigned char* v = sqlite3_column_text(st, c);
        if (v) row.append(reinterpret_cast<const char*>(v), static_cast<size_t>(sqlite3_column_bytes(st, c)));
        row += '\x1f';
      }
      rows.push_back(row);
    }
    sqlite3_finalize(st);
    std::sort(rows.begin(), rows.end());
    all += t + '\x1e';
    for (const auto& r : rows) all += r + '\x1e';
  }
  return Sha256Hex(all);
}

inline bool TransactionOpen(sqlite3* db) { return sqlite3_get_autocommit(db) == 0; }

}  // namespace streakbox
