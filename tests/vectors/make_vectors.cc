// Generates the .ttbak test vectors (tests/vectors/ttbak/): one file per
// scenario and vectors.json saying what each must produce. Deterministic:
// libsodium's randomness is replaced by a seeded stream, so running it again
// gives byte-identical files (tests/vectors/vectors.test.mjs checks that).
//   make_vectors OUT_DIR      (tools/make-vectors builds and runs it)
#include <algorithm>
#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../../core/src/ttbak_internal.h"
#include "../support/sha256_hex.h"
#include "streakbox/ttbak.h"

using namespace streakbox;
using json = nlohmann::json;

namespace {

// --- seeded randomness --------------------------------------------------------
unsigned char g_seed[randombytes_SEEDBYTES] = "streakbox ttbak test vectors v1";
uint64_t g_counter = 0;

void SeededBuf(void* buf, size_t n) {
  unsigned char seed[randombytes_SEEDBYTES];
  unsigned char in[randombytes_SEEDBYTES + 8];
  std::memcpy(in, g_seed, randombytes_SEEDBYTES);
  for (int i = 0; i < 8; ++i) in[randombytes_SEEDBYTES + i] = static_cast<unsigned char>(g_counter >> (8 * i));
  ++g_counter;
  crypto_generichash(seed, sizeof seed, in, sizeof in, nullptr, 0);
  randombytes_buf_deterministic(buf, n, seed);
}
uint32_t SeededRandom() {
  uint32_t v;
  SeededBuf(&v, sizeof v);
  return v;
}
const char* SeededName() { return "streakbox-vectors"; }
randombytes_implementation kSeeded = {SeededName, SeededRandom, nullptr, nullptr, SeededBuf, nullptr};

// --- helpers ----------------------------------------------------------------
const std::string kPassword = "correct horse battery staple";
const EncryptOptions kFast{{1, ttbak::kMinMemlimitKiB}, ttbak::kDefaultChunkLog2};
const EncryptOptions kSmallChunks{{1, ttbak::kMinMemlimitKiB}, ttbak::kMinChunkLog2};

// A small but real backup: one profile with `tasks` tasks, checked on one day.
std::string BackupJson(int tasks) {
  using ojson = nlohmann::ordered_json;  // keys in writing order: tasks before their checks
  ojson t = ojson::array(), c = ojson::array();
  for (int i = 0; i < tasks; ++i) {
    std::string title = "Task " + std::to_string(i);
    t.push_back({{"title", title}, {"description", "Vector task number " + std::to_string(i)}, {"required", i % 3 == 0}});
    c.push_back({{"task_title", title}, {"date", "2026-03-10"}, {"checked", true}});
  }
  ojson b = {{"format", "streakbox-backup"}, {"version", "1.1"}, {"scope", "profile"},
            {"profiles", {{{"profile", {{"name", "Vector"}, {"color", "#e11d48"}}}, {"tasks", t}, {"task_checks", c}}}}};
  return b.dump() + "\n";
}

std::string Encrypt(const std::string& plain, const EncryptOptions& o, const std::string& pw = kPassword) {
  StringSource in(plain);
  StringSink out;
  Status s = EncryptStream(in, out, pw, o);
  if (!s.ok()) {
    std::fprintf(stderr, "encrypt failed: %s\n", s.ToString().c_str());
    std::exit(1);
  }
  return out.str();
}

// Rewrites the header checksum after an edit, so only the edit is judged.
std::string Rechecksum(std::string f) {
  f.replace(ttbak::kOffChecksum, ttbak::kHashSize, ttbak::Blake2b256(f.substr(0, ttbak::kOffChecksum), nullptr));
  return f;
}
std::string PutU32(std::string f, size_t off, uint32_t v) {
  for (int i = 0; i < 4; ++i) f[off + i] = static_cast<char>(v >> (8 * i));
  return f;
}

// A stream pushed by hand with keys from `raw_password`'s bytes exactly (no
// NFC): chunks of `parts` with `tags`, for the scenarios no honest writer
// produces and for files as Streakbox wrote them before the NFC rule.
std::string HandPushed(const std::vector<std::string>& parts, const std::vector<unsigned char>& tags,
                       const EncryptOptions& o = kSmallChunks, const std::string& raw_password = kPassword) {
  unsigned char salt[ttbak::kSaltSize];
  randombytes_buf(salt, sizeof salt);
  TtbakKeys keys;
  if (!ttbak::DeriveKeys(raw_password, salt, o.kdf, &keys).ok()) std::exit(1);
  crypto_secretstream_xchacha20poly1305_state st;
  unsigned char sh[ttbak::kStreamHeaderSize];
  crypto_secretstream_xchacha20poly1305_init_push(&st, sh, keys.stream.data());
  std::string f = ttbak::BuildHeader(o, salt, sh, keys);
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string c(parts[i].size() + ttbak::kChunkOverhead, '\0');
    crypto_secretstream_xchacha20poly1305_push(&st, reinterpret_cast<unsigned char*>(&c[0]), nullptr,
                                               reinterpret_cast<const unsigned char*>(parts[i].data()),
                                               parts[i].size(), nullptr, 0, tags[i]);
    f += c;
  }
  return f;
}

struct Vector {
  std::string name, password, expect, plaintext, description;
  std::string bytes;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_vectors OUT_DIR\n");
    return 2;
  }
  randombytes_set_implementation(&kSeeded);
  if (sodium_init() < 0) return 1;
  const std::string dir = argv[1];
  const std::string small = BackupJson(2), multi = BackupJson(40);
  const size_t chunk = size_t{1} << ttbak::kMinChunkLog2, full = chunk + ttbak::kChunkOverhead;
  const uint8_t kMsg = crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
  const uint8_t kFin = crypto_secretstream_xchacha20poly1305_TAG_FINAL;

  std::vector<Vector> v;
  auto ok = [&](std::string name, std::string plain, std::string bytes, std::string d) {
    v.push_back({name, kPassword, "success", plain, d, bytes});
  };
  auto bad = [&](std::string name, std::string expect, std::string bytes, std::string d, std::string pw = kPassword) {
    v.push_back({name, pw, expect, "", d, bytes});
  };

  const std::string good = Encrypt(small, kFast);
  const std::string good_multi = Encrypt(multi, kSmallChunks);
  ok("good", small, good, "a backup in one 64 KiB chunk");
  ok("good_multichunk", multi, good_multi, "a backup in 1 KiB chunks");
  ok("empty_payload", "", Encrypt("", kSmallChunks), "an empty payload: one empty final chunk");
  ok("exact_multiple", std::string(2 * chunk, 'x'), Encrypt(std::string(2 * chunk, 'x'), kSmallChunks),
     "a payload of exactly two chunks: the second is the final one, nothing follows");
  ok("kdf_memory_at_limit", small, Encrypt(small, {{1, ttbak::kMaxMemlimitKiB}, ttbak::kDefaultChunkLog2}),
     "Argon2id at the memory limit (256 MiB, 1 pass): every reader must be able to open it");
  bad("wrong_password", "wrong_password", Encrypt(small, kFast), "an intact file, the wrong password",
      "Tr0ub4dor&3");

  bad("truncated_header", "damaged", good.substr(0, 60), "cut inside the header");
  bad("truncated_at_chunk", "damaged", good_multi.substr(0, ttbak::kHeaderSize + 2 * full),
      "cut at a chunk boundary: the final chunk is missing");
  bad("truncated_mid_chunk", "damaged", good_multi.substr(0, good_multi.size() - 100), "cut inside the final chunk");
  bad("appended", "damaged", good + "more", "data appended after the final chunk");
  std::string flip = good;
  flip[ttbak::kOffSalt + 3] ^= 0x10;
  bad("header_flip", "damaged", flip, "one bit of the salt flipped: the header checksum fails");
  flip = good;
  flip[2] ^= 0x01;
  bad("magic_flip", "damaged", flip, "one bit of the magic flipped: still recognised, reported damaged");
  bad("header_forged", "wrong_password", Rechecksum(PutU32(good, ttbak::kOffOpslimit, 2)),
      "opslimit changed and the checksum recomputed: only the keyed check value can tell; it reads as a wrong "
      "password, never decrypts");
  flip = good_multi;
  flip[ttbak::kHeaderSize + full + 10] ^= 0x04;
  bad("payload_flip", "damaged", flip, "one bit of the second chunk flipped");
  std::string swapped = good_multi;
  swapped.replace(ttbak::kHeaderSize, full, good_multi.substr(ttbak::kHeaderSize + full, full));
  swapped.replace(ttbak::kHeaderSize + full, full, good_multi.substr(ttbak::kHeaderSize, full));
  bad("reordered", "damaged", swapped, "the first two chunks swapped");
  bad("final_not_last", "damaged",
      HandPushed({std::string(chunk, 'a'), std::string(10, 'b')}, {kFin, kMsg}),
      "an authentic final chunk followed by another authentic chunk");
  bad("no_final", "damaged", HandPushed({std::string(chunk, 'a'), std::string(chunk, 'b')}, {kMsg, kMsg}),
      "authentic chunks, none of them final");
  bad("empty_final_chunk", "damaged", HandPushed({std::string(chunk, 'a'), ""}, {kMsg, kFin}),
      "a full chunk, then an empty final chunk (not canonical: writers end with the last full chunk)");
  bad("short_message_chunk", "damaged", HandPushed({std::string(10, 'a'), "b"}, {kMsg, kFin}),
      "a message chunk shorter than the chunk size");
  bad("kdf_memory_too_high", "kdf_out_of_bounds", Rechecksum(PutU32(good, ttbak::kOffMemlimitKiB, 1024 * 1024)),
      "asks for 1 GiB of memory (the limit is 256 MiB)");
  bad("kdf_ops_too_high", "kdf_out_of_bounds", Rechecksum(PutU32(good, ttbak::kOffOpslimit, 1000)),
      "asks for 1000 passes (the limit is 10)");
  bad("kdf_memory_too_low", "kdf_out_of_bounds", Rechecksum(PutU32(good, ttbak::kOffMemlimitKiB, 1024)),
      "asks for 1 MiB of memory (the minimum is 8 MiB)");
  std::string v2 = good;
  v2[ttbak::kOffVersion] = 2;
  bad("unknown_version", "unsupported_version", Rechecksum(v2), "container version 2, with a valid checksum");
  std::string kdf2 = good;
  kdf2[ttbak::kOffKdf] = 2;
  bad("unknown_kdf", "unsupported_version", Rechecksum(kdf2), "KDF id 2, which version 1 does not define");
  bad("not_a_backup_json", "not_a_backup", small, "plain backup JSON is not a .ttbak");
  bad("not_a_backup_png", "not_a_backup", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "a PNG file");

  // Added with issue 9 (after the first set, so those files keep their bytes):
  // no password, and every bound of the header with the values just past it.
  bad("password_required", "password_required", good, "an intact file and no password (an empty string)", "");
  bad("kdf_ops_zero", "kdf_out_of_bounds", Rechecksum(PutU32(good, ttbak::kOffOpslimit, 0)),
      "asks for 0 passes (the minimum is 1)");
  bad("kdf_ops_just_over", "kdf_out_of_bounds", Rechecksum(PutU32(good, ttbak::kOffOpslimit, ttbak::kMaxOpslimit + 1)),
      "asks for 11 passes (the limit is 10)");
  bad("kdf_memory_just_under", "kdf_out_of_bounds",
      Rechecksum(PutU32(good, ttbak::kOffMemlimitKiB, ttbak::kMinMemlimitKiB - 1)),
      "asks for 8191 KiB (the minimum is 8192 KiB)");
  bad("kdf_memory_just_over", "kdf_out_of_bounds",
      Rechecksum(PutU32(good, ttbak::kOffMemlimitKiB, ttbak::kMaxMemlimitKiB + 1)),
      "asks for 262145 KiB (the limit is 262144 KiB)");
  ok("kdf_ops_at_limit", small, Encrypt(small, {{ttbak::kMaxOpslimit, ttbak::kMinMemlimitKiB}, ttbak::kDefaultChunkLog2}),
     "Argon2id at the pass limit (10 passes over 8 MiB): every reader must open it");
  std::string log2 = good;
  log2[ttbak::kOffChunkLog2] = static_cast<char>(ttbak::kMinChunkLog2 - 1);
  bad("chunk_log2_just_under", "unsupported_version", Rechecksum(log2), "chunk size 2^9 (the minimum is 2^10)");
  log2[ttbak::kOffChunkLog2] = static_cast<char>(ttbak::kMaxChunkLog2 + 1);
  bad("chunk_log2_just_over", "unsupported_version", Rechecksum(log2), "chunk size 2^21 (the limit is 2^20)");
  ok("chunk_log2_at_limit", multi, Encrypt(multi, {{1, ttbak::kMinMemlimitKiB}, ttbak::kMaxChunkLog2}),
     "1 MiB chunks, the largest a reader accepts");
  std::string reserved = good;
  reserved[ttbak::kOffReserved + 1] = 1;
  bad("reserved_not_zero", "unsupported_version", Rechecksum(reserved), "the reserved field is 256");
  std::string v0 = good;
  v0[ttbak::kOffVersion] = 0;
  bad("version_zero", "unsupported_version", Rechecksum(v0), "container version 0, with a valid checksum");
  // Header length H: below 44 or above 4096 is damage before any checksum;
  // within the range, a valid checksum over H bytes, then version decides.
  auto with_header_length = [&](uint16_t h, uint16_t version) {
    std::string f = good.substr(0, std::min<size_t>(h, ttbak::kHeaderSize));
    f.resize(h, '\0');
    f[ttbak::kOffVersion] = static_cast<char>(version);
    f[ttbak::kOffHeaderSize] = static_cast<char>(h & 0xff);
    f[ttbak::kOffHeaderSize + 1] = static_cast<char>(h >> 8);
    if (h >= ttbak::kPrefixSize + ttbak::kHashSize)
      f.replace(h - ttbak::kHashSize, ttbak::kHashSize, ttbak::Blake2b256(f.substr(0, h - ttbak::kHashSize), nullptr));
    return f + good.substr(ttbak::kHeaderSize);
  };
  bad("header_length_just_under", "damaged", with_header_length(43, 1), "header length 43 (the minimum is 44)");
  bad("header_length_just_over", "damaged", with_header_length(4097, 1), "header length 4097 (the limit is 4096)");
  bad("header_length_44_v1", "damaged", with_header_length(44, 1),
      "header length 44 with a valid checksum: version 1 headers are 128 bytes");
  bad("header_length_4096_v2", "unsupported_version", with_header_length(4096, 2),
      "a 4096-byte header of a newer container (version 2) with a valid checksum");

  // Passwords in NFC (docs/FORMAT.md, "Keys"): "Café" typed decomposed.
  const std::string nfd = "Cafe\xcc\x81 au lait";  // e + U+0301
  v.push_back({"nfd_password", nfd, "success", small,
               "written from a decomposed (NFD) password, so from its NFC bytes; opens with the NFD password as typed",
               Encrypt(small, kFast, nfd)});
  v.push_back({"legacy_nfd_password", nfd, "success", small,
               "written as before the NFC rule, from the NFD bytes themselves: opens through the reader's second try",
               HandPushed({small}, {kFin}, kFast, nfd)});

  json manifest = json::array();
  for (const auto& x : v) {
    std::ofstream(dir + "/" + x.name + ".ttbak", std::ios::binary) << x.bytes;
    json e = {{"file", x.name + ".ttbak"}, {"password", x.password}, {"expect", x.expect},
              {"description", x.description}};
    if (x.expect == "success") e["plaintext_sha256"] = Sha256Hex(x.plaintext);
    manifest.push_back(e);
  }
  std::ofstream(dir + "/vectors.json") << manifest.dump(1) << "\n";
  std::printf("wrote %zu vectors to %s\n", v.size(), dir.c_str());
  return 0;
}
