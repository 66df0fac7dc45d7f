// libFuzzer target over the backup importer: any bytes must give either a
// report or a clean Status (never a crash, a hang or a sanitizer finding),
// and a rejected backup must leave the database as it was.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "streakbox/app.h"
#include "streakbox/backup_import.h"

using namespace streakbox;

namespace {
int64_t Rows(Database& db) {
  auto st = db.Prepare("SELECT (SELECT count(*) FROM profiles) + (SELECT count(*) FROM tasks) + "
                       "(SELECT count(*) FROM task_checks) + (SELECT count(*) FROM daily_status)");
  if (!st.ok() || !st.value().Step().ok()) std::abort();
  return st.value().Int(0);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static FixedClock clock(1773144000, "2026-03-10");
  static App* app = App::Open(":memory:", clock).value().release();
  const std::string input(reinterpret_cast<const char*>(data), size);
  StringSource source(input);
  ImportOptions options;
  options.mode = size % 2 ? ImportOptions::Mode::kMerge : ImportOptions::Mode::kReplace;
  const int64_t before = Rows(app->db());
  auto r = ImportBackup(app->db(), clock, source, options);
  if (!r.ok() && Rows(app->db()) != before) std::abort();  // a failed import changed data
  return 0;
}
