// libFuzzer target over the database-file restore (database_image.h): the
// input is the bytes of an SQLite file, seeded with real Streakbox databases
// of schema versions 1 and 2 and their hostile variants (triggers, views, a
// recursive view, extra objects, rule-breaking rows; make_db_seeds). Any input
// must give an info or a clean Status: no crash, no sanitizer finding, no
// hang (the work budget bounds SQLite's part; libFuzzer's -timeout the rest).
// Inspect and restore must agree; a refused restore must leave the target
// database exactly as it was; no restore may bring a trigger or a view, or
// change this instance's id or its secret.* and local.* settings.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "streakbox/app.h"
#include "streakbox/backup_export.h"
#include "streakbox/database_image.h"

using namespace streakbox;

namespace {

// A small budget keeps each run short under the sanitizers; it is still
// hundreds of times what a seed needs.
constexpr DatabaseImageBudget kBudget{2'000'000};

std::string Query(Database& db, const std::string& sql) {
  auto st = db.Prepare(sql);
  if (!st.ok()) std::abort();
  std::string out;
  for (;;) {
    auto row = st.value().Step();
    if (!row.ok()) std::abort();
    if (!row.value()) return out;
    out += st.value().Text(0) + "\n";
  }
}

// What this browser keeps whatever a restore does.
std::string Kept(Database& db) {
  return Query(db, "SELECT type || ' ' || name FROM sqlite_schema WHERE type IN ('trigger', 'view')") +
         Query(db, "SELECT key || '=' || value FROM settings WHERE key = 'instance_id' OR "
                   "substr(key, 1, 7) = 'secret.' OR substr(key, 1, 6) = 'local.' ORDER BY key");
}

// Everything: the kept part, every setting and all the data.
std::string State(Database& db, const Clock& clock) {
  StringSink sink;
  if (!ExportBackup(db, clock, {}, sink).ok()) std::abort();
  return Kept(db) + Query(db, "SELECT key || '=' || value FROM settings ORDER BY key") + sink.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static FixedClock clock(1773144000, "2026-03-10");
  static App* app = [] {
    App* a = App::Open(":memory:", clock).value().release();
    if (!a->db().Exec("INSERT INTO settings (key, value) VALUES ('secret.backup_password', 'ours'), "
                      "('local.backup.location', 'opfs')").ok() ||
        !a->tracker().CreateProfile("Mom", "#112233").ok())
      std::abort();
    return a;
  }();
  static const std::string kept = Kept(app->db());
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string before = State(app->db(), clock);
  auto inspected = InspectDatabaseImage(input, clock, kBudget);
  if (State(app->db(), clock) != before) std::abort();  // inspect never writes
  auto restored = RestoreDatabaseImage(app->db(), clock, input, kBudget);
  if (inspected.ok() != restored.ok()) std::abort();
  if (!restored.ok() && State(app->db(), clock) != before) std::abort();  // a refusal changed data
  if (Kept(app->db()) != kept) std::abort();
  return 0;
}
