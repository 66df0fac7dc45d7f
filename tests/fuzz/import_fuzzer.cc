// libFuzzer target over the backup importer: any bytes must give either a
// report or a clean Status (never a crash, a hang or a sanitizer finding),
// and a rejected backup must leave the database as it was. On the way, the
// importer's JSON parser must agree with nlohmann::json::parse on every input
// (same verdict, same value).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "../support/json_dom.h"
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
// Aborts when ParseJsonStream and nlohmann disagree about `input`.
void CompareParsers(const std::string& input) {
  StringSource source(input);
  JsonDomBuilder dom;
  const Status ours = ParseJsonStream(source, dom);
  if (ours.message().find("nesting deeper") != std::string::npos) return;  // our limit; nlohmann has none
  if (ours.code() == Code::kInvalidBackup) return;  // a token past our length limits; nlohmann has none
  // nlohmann takes a NUL byte for the end of the input and ignores what
  // follows; RFC 8259 (and we) refuse it.
  if (input.find('\0') != std::string::npos) return;
  const nlohmann::json theirs = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (theirs.is_discarded() != !ours.ok()) std::abort();
  if (ours.ok() && dom.root.dump() != theirs.dump()) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static FixedClock clock(1773144000, "2026-03-10");
  static App* app = App::Open(":memory:", clock).value().release();
  const std::string input(reinterpret_cast<const char*>(data), size);
  CompareParsers(input);
  StringSource source(input);
  ImportOptions options;
  options.mode = size % 2 ? ImportOptions::Mode::kMerge : ImportOptions::Mode::kReplace;
  const int64_t before = Rows(app->db());
  auto r = ImportBackup(app->db(), clock, source, options);
  if (!r.ok() && Rows(app->db()) != before) std::abort();  // a failed import changed data
  return 0;
}
