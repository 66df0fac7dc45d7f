// Native backup benchmark (run by tools/bench): 20 profiles x 30 tasks x 5
// years of daily checks (~1.1 million checks). Export and import are timed
// against the raw SQLite ceiling measured in the same run on the same build:
// a plain SELECT over the same rows (export) and prepared INSERTs in one
// transaction (import). Peak memory is the peak RSS of a child process that
// only imports, for the whole file and for a file a twentieth its size; and
// the peak RSS of validating (and importing) hostile files of junk in fields
// no backup has, which must not grow with their size.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "streakbox/app.h"
#include "streakbox/backup_export.h"
#include "streakbox/backup_import.h"

using namespace streakbox;
using Clock_ = std::chrono::steady_clock;

namespace {
double Since(Clock_::time_point t0) { return std::chrono::duration<double>(Clock_::now() - t0).count(); }
long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}
void Check(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}
}  // namespace

// tests/bench/dataset.sql with its day count filled in.
std::string DatasetSql(int days) {
  std::ifstream in(STREAKBOX_DATASET_SQL);
  std::string sql((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (sql.empty()) {
    std::fprintf(stderr, "cannot read %s\n", STREAKBOX_DATASET_SQL);
    std::exit(1);
  }
  for (size_t at; (at = sql.find("__DAYS__")) != std::string::npos;) sql.replace(at, 8, std::to_string(days));
  return sql;
}

// Child mode: imports FILE into a new database DB and prints this process's
// peak RSS in KiB, so the figure holds the import alone.
int ImportAlone(const std::string& file, const std::string& db_path) {
  FixedClock clock(1773144000, "2026-03-10");
  std::remove(db_path.c_str());
  std::remove((db_path + "-wal").c_str());
  auto app = App::Open(db_path, clock).value();
  auto src = FileSource::Open(file).value();
  Check(ImportBackup(app->db(), clock, *src, {}).status(), "import");
  std::printf("%ld %lld\n", PeakRssKb(), static_cast<long long>(sqlite3_memory_highwater(0) / 1024));
  return 0;
}

// Child mode: validates FILE (nothing written) and prints this process's peak
// RSS in KiB and the validation's verdict code.
int ValidateAlone(const std::string& file) {
  auto src = FileSource::Open(file).value();
  Status s = ValidateBackup(*src).status();
  std::printf("%ld %s\n", PeakRssKb(), code_name(s.code()));
  return 0;
}

// Hostile files of about `mb` MB whose bulk is in fields no backup has: an
// unknown top-level field holding millions of empty objects, the same inside
// a task, or long strings. Each must validate in memory independent of its size.
void WriteJunkFile(const std::string& path, const std::string& kind, int mb) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  const size_t target = static_cast<size_t>(mb) << 20;
  const bool in_task = kind == "objects-in-task";
  std::fputs(in_task ? R"({"version":"1.1","profiles":[{"profile":{"name":"A"},"tasks":[{"title":"Run","junk":[)"
                     : R"({"version":"1.1","junk":[)", f);
  size_t written = 0;
  if (kind == "strings") {
    const std::string s = "\"" + std::string(60000, 'x') + "\",";
    while (written < target) written += std::fwrite(s.data(), 1, s.size(), f);
  } else {
    std::string block;
    for (int i = 0; i < 20000; ++i) block += "{},";
    while (written < target) written += std::fwrite(block.data(), 1, block.size(), f);
  }
  std::fputs(in_task ? "{}]}]}]}" : R"({}],"profiles":[]})", f);
  std::fclose(f);
}

struct ValidateMemory {
  long rss_kb = -1;
  std::string verdict;
};
ValidateMemory MemoryOfValidate(const char* self, const std::string& file) {
  const std::string cmd = std::string(self) + " --validate-alone '" + file + "'";
  FILE* p = popen(cmd.c_str(), "r");
  ValidateMemory m;
  char verdict[64] = {0};
  if (!p || std::fscanf(p, "%ld %63s", &m.rss_kb, verdict) != 2) m = {};
  else m.verdict = verdict;
  if (p) pclose(p);
  return m;
}

// Runs this program in child mode on `file`: the child's peak RSS and the
// high-water mark of SQLite's own allocations (its page cache, capped by
// PRAGMA cache_size), both in KiB.
struct ImportMemory {
  long rss_kb = -1, sqlite_kb = -1;
};
ImportMemory MemoryOfImport(const char* self, const std::string& file, const std::string& db_path) {
  const std::string cmd = std::string(self) + " --import-alone '" + file + "' '" + db_path + "'";
  FILE* p = popen(cmd.c_str(), "r");
  ImportMemory m;
  if (!p || std::fscanf(p, "%ld %ld", &m.rss_kb, &m.sqlite_kb) != 2) m = {};
  if (p) pclose(p);
  return m;
}

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--import-alone") return ImportAlone(argv[2], argv[3]);
  if (argc == 3 && std::string(argv[1]) == "--validate-alone") return ValidateAlone(argv[2]);
  const std::string dir = argc > 1 ? argv[1] : "/tmp";
  const int years = argc > 2 ? std::atoi(argv[2]) : 5;
  FixedClock clock(1773144000, "2026-03-10");
  for (const char* f : {"/bench-src.db", "/bench-dst.db", "/bench-ceiling.db"}) {
    std::remove((dir + f).c_str());
    std::remove((dir + f + "-wal").c_str());
  }
  auto src = App::Open(dir + "/bench-src.db", clock).value();
  const int days = 365 * years;
  Check(src->db().Exec(DatasetSql(days)), "generate");
  auto count = src->db().Prepare("SELECT count(*) FROM task_checks").value();
  count.Step();
  const long long checks = count.Int(0);

  // Export ceiling: a plain SELECT over the same rows, every column read.
  auto t0 = Clock_::now();
  {
    auto st = src->db().Prepare(
        "SELECT t.title, c.date, c.checked, c.checked_at, c.skipped, c.amount, c.note FROM task_checks c "
        "JOIN tasks t ON t.id = c.task_id ORDER BY t.profile_id, t.sort_order, c.date").value();
    size_t bytes = 0;
    double amounts = 0;
    while (st.Step().value()) {
      bytes += st.Text(0).size() + st.Text(1).size() + st.Text(3).size() + st.Text(6).size() + st.Int(4);
      if (!st.IsNull(5)) amounts += st.Double(5);
    }
    if (amounts < 0) return 1;
    if (bytes == 0) return 1;
  }
  const double select_s = Since(t0);

  t0 = Clock_::now();
  const std::string file = dir + "/bench-backup.json";
  {
    auto sink = FileSink::Open(file).value();
    Check(ExportBackup(src->db(), clock, {}, *sink).status(), "export");
  }
  const double export_s = Since(t0);
  auto fs = FileSource::Open(file).value();
  const double mb = static_cast<double>(fs->Size()) / 1e6;

  // Import ceiling: the same rows (profiles, tasks, checks, daily status)
  // through prepared INSERTs in one transaction, into a file database opened
  // exactly as the app opens it (WAL, foreign keys on). The rows are read into
  // memory first, so only the inserts are timed.
  double insert_s = 0;
  {
    struct Row { int64_t a; std::string b, c; };
    std::vector<Row> profiles, tasks, statuses;
    auto load = [&](const char* sql, std::vector<Row>* out) {
      auto st = src->db().Prepare(sql).value();
      while (st.Step().value()) out->push_back({st.Int(0), st.Text(1), st.Text(2)});
    };
    load("SELECT id, name, color FROM profiles", &profiles);
    load("SELECT profile_id, title, description FROM tasks ORDER BY id", &tasks);
    struct CheckRow { int64_t task, checked, skipped; std::string date, checked_at, note; bool has_amount; double amount; };
    std::vector<CheckRow> entries;
    {
      auto st = src->db().Prepare("SELECT task_id, date, checked, checked_at, skipped, amount, note FROM task_checks").value();
      while (st.Step().value())
        entries.push_back({st.Int(0), st.Int(2), st.Int(4), st.Text(1), st.Text(3), st.Text(6), !st.IsNull(5),
                           st.IsNull(5) ? 0.0 : st.Double(5)});
    }
    load("SELECT profile_id, date, completed_at FROM daily_status", &statuses);
    std::remove((dir + "/bench-ceiling.db").c_str());
    auto ceiling = App::Open(dir + "/bench-ceiling.db", clock).value();
    Database& db = ceiling->db();
    t0 = Clock_::now();
    Check(db.Exec("BEGIN"), "begin");
    auto run = [&](const char* sql, const std::vector<Row>& rows) {
      auto ins = db.Prepare(sql).value();
      for (const Row& r : rows) {
        ins.Bind(1, r.a).Bind(2, r.b).Bind(3, r.c);
        Check(ins.Run(), "insert");
      }
    };
    run("INSERT INTO profiles (id, name, color, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')", profiles);
    run("INSERT INTO tasks (profile_id, title, description, created_at, updated_at, uuid) "
        "VALUES (?, ?, ?, 'x', 'x', lower(hex(randomblob(16))))", tasks);
    {
      auto ins = db.Prepare("INSERT INTO task_checks (task_id, date, checked, checked_at, skipped, amount, note) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)").value();
      for (const CheckRow& r : entries) {
        ins.Bind(1, r.task).Bind(2, r.date).Bind(3, r.checked).Bind(4, r.checked_at).Bind(5, r.skipped).Bind(7, r.note);
        if (r.has_amount) ins.BindDouble(6, r.amount);
        else ins.BindNull(6);
        Check(ins.Run(), "insert");
      }
    }
    run("INSERT INTO daily_status (profile_id, date, completed_at) VALUES (?, ?, ?)", statuses);
    Check(db.Exec("COMMIT"), "commit");
    insert_s = Since(t0);
  }

  auto dst = App::Open(dir + "/bench-dst.db", clock).value();
  t0 = Clock_::now();
  auto report = ImportBackup(dst->db(), clock, *fs, {});
  Check(report.status(), "import");
  const double import_s = Since(t0);

  // Peak memory of an import alone, in a fresh process: the whole file and a
  // one-profile file a twentieth its size. Flat memory means equal figures.
  const std::string small = dir + "/bench-backup-one-profile.json";
  {
    auto sink = FileSink::Open(small).value();
    ExportOptions one;
    one.profile_id = 1;
    Check(ExportBackup(src->db(), clock, one, *sink).status(), "export one profile");
  }
  const double small_mb = static_cast<double>(FileSource::Open(small).value()->Size()) / 1e6;
  const ImportMemory mem_small = MemoryOfImport(argv[0], small, dir + "/bench-alone.db");
  const ImportMemory mem_large = MemoryOfImport(argv[0], file, dir + "/bench-alone.db");
  // What the importer itself holds: the process's peak without SQLite's cache.
  const long own_small = mem_small.rss_kb - mem_small.sqlite_kb, own_large = mem_large.rss_kb - mem_large.sqlite_kb;
  std::remove(small.c_str());
  for (const char* f : {"/bench-alone.db", "/bench-alone.db-wal"}) std::remove((dir + f).c_str());

  // Hostile files: peak RSS of validating each alone (and the normal backup,
  // for comparison), in KiB.
  std::string junk_json;
  const ValidateMemory normal = MemoryOfValidate(argv[0], file);
  junk_json += "{\"file\": \"normal backup\", \"mb\": " + std::to_string(static_cast<int>(mb)) +
               ", \"peak_rss_kb\": " + std::to_string(normal.rss_kb) + ", \"verdict\": \"" + normal.verdict + "\"}";
  for (const char* kind : {"objects", "objects-in-task", "strings"}) {
    for (int size : {1, 15}) {
      const std::string junk = dir + "/bench-junk.json";
      WriteJunkFile(junk, kind, size);
      const ValidateMemory m = MemoryOfValidate(argv[0], junk);
      const ImportMemory imported = MemoryOfImport(argv[0], junk, dir + "/bench-alone.db");
      junk_json += ", {\"file\": \"" + std::string(kind) + "\", \"mb\": " + std::to_string(size) +
                   ", \"peak_rss_kb\": " + std::to_string(m.rss_kb) + ", \"verdict\": \"" + m.verdict +
                   "\", \"import_peak_rss_kb\": " + std::to_string(imported.rss_kb) + "}";
      std::remove(junk.c_str());
    }
  }
  for (const char* f : {"/bench-alone.db", "/bench-alone.db-wal"}) std::remove((dir + f).c_str());

  std::printf("{\"checks\": %lld, \"file_mb\": %.1f, \"export_s\": %.3f, \"select_ceiling_s\": %.3f, "
              "\"export_mb_per_s\": %.1f, \"export_ratio_to_select\": %.3f, \"import_s\": %.3f, "
              "\"insert_ceiling_s\": %.3f, \"import_ratio_to_insert\": %.3f, "
              "\"import_alone\": {\"small_file_mb\": %.1f, \"large_file_mb\": %.1f, \"peak_rss_kb\": [%ld, %ld], "
              "\"sqlite_highwater_kb\": [%ld, %ld], \"rss_without_sqlite_kb\": [%ld, %ld], "
              "\"rss_without_sqlite_ratio_large_to_small\": %.3f}, \"validate_alone\": [%s]}\n",
              checks, mb, export_s, select_s, mb / export_s, select_s / export_s, import_s, insert_s,
              insert_s / import_s, small_mb, mb, mem_small.rss_kb, mem_large.rss_kb, mem_small.sqlite_kb,
              mem_large.sqlite_kb, own_small, own_large, static_cast<double>(own_large) / static_cast<double>(own_small),
              junk_json.c_str());
  return 0;
}
