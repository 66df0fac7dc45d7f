// Backups as strings in core tests: export to text, import or validate from text.
#pragma once

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "streakbox/backup_export.h"
#include "streakbox/backup_import.h"

namespace streakbox {

// A backup of `profile` (all when empty) as text; a failed export fails the test.
inline std::string ExportText(Database& db, const Clock& clock, std::optional<int64_t> profile = std::nullopt) {
  StringSink sink;
  auto r = ExportBackup(db, clock, ExportOptions{profile}, sink);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return sink.str();
}

inline Result<ImportReport> ImportText(Database& db, const Clock& clock, const std::string& data, const ImportOptions& o = {}) {
  StringSource src(data);
  return ImportBackup(db, clock, src, o);
}

}  // namespace streakbox
