// Encrypted backups (.ttbak): Argon2id key derivation, an authenticated
// header with a password check, and a secretstream payload in chunks
// (docs/FORMAT.md, "Encrypted backups"). Both directions stream, chunk by
// chunk: memory does not depend on the size of the backup.
//
// Errors (Status codes): kNotABackup, kDamaged (also truncated, appended to,
// reordered, tampered), kUnsupportedVersion, kKdfOutOfBounds, kWrongPassword,
// kInvalidArgument (an empty password or bounds broken by the writer).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "streakbox/byte_io.h"
#include "streakbox/ttbak_format.h"

namespace streakbox {

struct KdfParams {
  uint32_t opslimit = ttbak::kDefaultOpslimit;
  uint32_t memlimit_kib = ttbak::kDefaultMemlimitKiB;
};

struct EncryptOptions {
  KdfParams kdf;
  uint8_t chunk_log2 = ttbak::kDefaultChunkLog2;
};

// What a file's first bytes say: a .ttbak, a .ttbak whose magic is damaged
// (or a truncated prefix of it), or something else.
enum class TtbakSniff { kTtbak, kDamaged, kOther };
TtbakSniff SniffTtbak(const char* data, size_t n);

// A parsed, checksum-verified version 1 header.
struct TtbakHeader {
  KdfParams kdf;
  uint8_t chunk_log2 = 0;
  std::string bytes;  // the header exactly as in the file
  size_t chunk_size() const { return size_t{1} << chunk_log2; }
};

// Reads the header from the start of `source` and checks it in the order the
// spec gives: magic, length, checksum, version, settings, KDF bounds.
Result<TtbakHeader> ReadTtbakHeader(ByteSource& source);

// The subkeys of one file (wiped when destroyed).
struct TtbakKeys {
  std::array<unsigned char, ttbak::kKeySize> check{}, stream{};
  ~TtbakKeys();
};

// Derives the keys with Argon2id (the slow step) from the password's NFC form
// and checks them against the header's check value; when that fails and the
// password as typed differs from its NFC form, tries it as typed too (files
// written before the NFC rule). kPasswordRequired for an empty password,
// kWrongPassword when neither matches.
Result<std::unique_ptr<TtbakKeys>> UnlockTtbak(const TtbakHeader& header, const std::string& password);
// kWrongPassword unless `keys` belong to `header`.
Status CheckTtbakKeys(const TtbakHeader& header, const TtbakKeys& keys);

// The plaintext of a .ttbak. Read() returns 0 only once the final chunk is
// authenticated and nothing follows it; before that, any damage is kDamaged.
// Rewind() starts again from the first chunk (no new key derivation).
class DecryptingSource : public ByteSource {
 public:
  static Result<std::unique_ptr<DecryptingSource>> Open(ByteSource& ciphertext, const std::string& password);
  // With keys already derived for this file (tests, benchmarks).
  static Result<std::unique_ptr<DecryptingSource>> OpenWithKeys(ByteSource& ciphertext,
                                                                std::unique_ptr<TtbakKeys> keys);
  ~DecryptingSource() override;
  Result<size_t> Read(char* buf, size_t n) override;
  Status Rewind() override;
  int64_t Size() const override;  // an estimate of the plaintext size, for progress
  const TtbakHeader& header() const { return header_; }

 private:
  struct State;
  DecryptingSource(ByteSource& in, TtbakHeader header, std::unique_ptr<TtbakKeys> keys);
  Status NextChunk();
  ByteSource& in_;
  TtbakHeader header_;
  std::unique_ptr<TtbakKeys> keys_;
  std::unique_ptr<State> state_;
  std::vector<unsigned char> cipher_, plain_;
  size_t plain_pos_ = 0, plain_len_ = 0;
  uint64_t chunk_index_ = 0;
  bool final_ = false;
};

// Encrypts what is written to it into `out` as a .ttbak: the header at
// Open(), full chunks as they fill, the final chunk at Close(), which then
// closes `out`. Without Close() the file has no final chunk and never reads
// as complete.
class EncryptingSink : public ByteSink {
 public:
  static Result<std::unique_ptr<EncryptingSink>> Open(ByteSink& out, const std::string& password,
                                                      const EncryptOptions& options = {});
  ~EncryptingSink() override;
  Status Write(const char* data, size_t n) override;
  using ByteSink::Write;
  Status Close() override;

 private:
  struct State;
  EncryptingSink(ByteSink& out, size_t chunk_size);
  Status Push(bool final);
  ByteSink& out_;
  std::unique_ptr<State> state_;
  std::vector<unsigned char> plain_, cipher_;  // plain_ holds one chunk; plain_len_ of it is filled
  size_t plain_len_ = 0;
  bool closed_ = false;
};

// Whole-stream helpers: `in` to `out`; `out` is closed only on success, so a
// FileSink publishes nothing unless the final chunk was verified.
Status EncryptStream(ByteSource& in, ByteSink& out, const std::string& password,
                     const EncryptOptions& options = {});
Status DecryptStream(ByteSource& in, ByteSink& out, const std::string& password);

}  // namespace streakbox
