// Writes the database-restore fuzzer's seeds (and the CLI tests' files) into
// the folder given: real Streakbox databases made with this build at schema
// versions 1 and 2, and each hostile variant of tests/support/db_images.h
// (triggers, views, a recursive view, extra objects, rule-breaking rows).
// Small pages keep the files small, so mutations reach every structure.
//   make_db_seeds DIR
#include <cstdio>
#include <string>

#include "../support/db_images.h"
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
    std::fprintf(stderr, "usage: make_db_seeds DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  bool ok = Write(dir + "/streakbox-v1.db", MakeImage(1, "", kSeedPageSize)) &&
            Write(dir + "/streakbox-v2.db", MakeImage(2, "", kSeedPageSize));
  for (const HostileImage& h : HostileImages())
    ok = ok && Write(dir + "/" + h.name + ".db", MakeImage(2, h.sql, kSeedPageSize));
  return ok ? 0 : 1;
}
