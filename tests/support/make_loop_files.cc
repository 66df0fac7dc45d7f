// Writes the Loop Habit Tracker fixtures of tests/data/loop/ (tools/make-loop-files):
// one file per schema version of kLoopFixtureVersions (loop-vNN.db, the content
// of tests/support/loop_files.h), one of a newer Loop (loop-v26.db) and one
// with a trigger and a view (loop-v25-trigger.db). The CLI, wasm and browser
// tests upload them; the native tests build the same files in memory.
//   make_loop_files DIR
#include <cstdio>
#include <string>

#include "loop_files.h"
#include "streakbox/byte_io.h"

using namespace streakbox;

namespace {
bool Write(const std::string& path, const Result<std::string>& bytes) {
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), bytes.status().ToString().c_str());
    return false;
  }
  auto sink = FileSink::Open(path);
  Status s = sink.ok() ? sink.value()->Write(bytes.value()) : sink.status();
  if (s.ok()) s = sink.value()->Close();
  if (!s.ok()) std::fprintf(stderr, "%s: %s\n", path.c_str(), s.ToString().c_str());
  return s.ok();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_loop_files DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  bool ok = true;
  for (int v : kLoopFixtureVersions) ok = ok && Write(dir + "/loop-v" + std::to_string(v) + ".db", MakeLoopFile(v));
  ok = ok && Write(dir + "/loop-v26.db", MakeLoopFile(26));
  ok = ok && Write(dir + "/loop-v25-trigger.db",
                   MakeLoopFile(25, "CREATE TRIGGER wipe AFTER INSERT ON Repetitions BEGIN DELETE FROM Habits; END;"
                                    "CREATE VIEW everything AS SELECT * FROM Habits, Repetitions;"));
  return ok ? 0 : 1;
}
