// libFuzzer target over the .ttbak container reader, seeded with the test
// vectors: any bytes must give plaintext or a clean Status (never a crash, a
// hang or a sanitizer finding), and accepted plaintext is never longer than
// the file. The header is also read with its checksum recomputed, to reach
// the version, settings and KDF-bounds checks behind it. Argon2id runs once
// per distinct header (keys are cached), and only at the minimum settings, so
// payload mutations run fast.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

#include <sodium.h>

#include "streakbox/backup_import.h"
#include "streakbox/ttbak.h"

using namespace streakbox;

namespace {
const std::string kPassword = "correct horse battery staple";  // the vectors' password

std::string Rechecksum(std::string f) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(f.data()), ttbak::kOffChecksum, nullptr, 0);
  f.replace(ttbak::kOffChecksum, 32, reinterpret_cast<const char*>(h), 32);
  return f;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::map<std::string, TtbakKeys> keys_by_header;
  const std::string input(reinterpret_cast<const char*>(data), size);
  if (size >= ttbak::kHeaderSize) {
    const std::string fixed = Rechecksum(input);  // StringSource keeps a reference
    StringSource s(fixed);
    (void)ReadTtbakHeader(s);
  }
  StringSource source(input);
  auto header = ReadTtbakHeader(source);
  if (!header.ok()) return 0;
  const TtbakHeader& h = header.value();
  if (h.kdf.memlimit_kib != ttbak::kMinMemlimitKiB || h.kdf.opslimit > 2) return 0;  // bound the time per input
  auto it = keys_by_header.find(h.bytes);
  if (it == keys_by_header.end()) {
    auto k = UnlockTtbak(h, kPassword);
    if (!k.ok()) return 0;
    if (keys_by_header.size() > 64) keys_by_header.clear();
    it = keys_by_header.emplace(h.bytes, *k.value()).first;
  }
  auto dec = DecryptingSource::OpenWithKeys(source, std::make_unique<TtbakKeys>(it->second));
  if (!dec.ok()) return 0;
  std::string plain;
  char buf[4096];
  for (;;) {
    auto n = dec.value()->Read(buf, sizeof buf);
    if (!n.ok()) return 0;
    if (n.value() == 0) break;
    plain.append(buf, n.value());
  }
  if (plain.size() + ttbak::kHeaderSize > size) std::abort();  // more plaintext than file
  (void)ValidateBackup(*dec.value());  // a second pass: Rewind, then the JSON reader over it
  return 0;
}
