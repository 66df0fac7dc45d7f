// The .ttbak header: recognising the file, verifying and parsing the header,
// deriving the keys and checking the password (docs/FORMAT.md).
#include <sodium.h>

#include <cstring>

#include "ttbak_internal.h"
#include "unicode_nfc.h"

namespace streakbox {
namespace ttbak {
namespace {

uint16_t U16(const std::string& b, size_t off) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[off]) | static_cast<unsigned char>(b[off + 1]) << 8);
}
uint32_t U32(const std::string& b, size_t off) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[off + i]);
  return v;
}
void PutU16(std::string& b, size_t off, uint16_t v) {
  b[off] = static_cast<char>(v & 0xff);
  b[off + 1] = static_cast<char>(v >> 8);
}
void PutU32(std::string& b, size_t off, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[off + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

Status Damaged(const std::string& what) {
  return Status(Code::kDamaged, "this encrypted backup is damaged (" + what +
                                    "); use another copy of it");
}
Status Truncated() {
  return Status(Code::kDamaged, "this encrypted backup is incomplete (the file was cut short); use another copy of it");
}

}  // namespace

Status InitSodium() {
  static const int rc = sodium_init();
  return rc < 0 ? Status::Internal("libsodium could not start") : Status::Ok();
}

Result<size_t> ReadFull(ByteSource& source, unsigned char* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    SB_ASSIGN_OR_RETURN(size_t k, source.Read(reinterpret_cast<char*>(buf) + got, n - got));
    if (k == 0) break;
    got += k;
  }
  return got;
}

std::string Blake2b256(const std::string& data, const unsigned char* key) {
  std::string out(kHashSize, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(&out[0]), kHashSize,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size(), key, key ? kKeySize : 0);
  return out;
}

bool KdfInBounds(const KdfParams& kdf) {
  return kdf.opslimit >= kMinOpslimit && kdf.opslimit <= kMaxOpslimit && kdf.memlimit_kib >= kMinMemlimitKiB &&
         kdf.memlimit_kib <= kMaxMemlimitKiB;
}

std::string PasswordBytes(const std::string& typed) { return IsValidUtf8(typed) ? ToNfc(typed) : typed; }

Status DeriveKeys(const std::string& password, const unsigned char* salt, const KdfParams& kdf, TtbakKeys* keys) {
  SB_RETURN_IF_ERROR(InitSodium());
  unsigned char master[kKeySize];
  if (crypto_pwhash(master, sizeof master, password.data(), password.size(), salt, kdf.opslimit,
                    static_cast<size_t>(kdf.memlimit_kib) * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status::Internal("not enough memory to unlock the backup (" + std::to_string(kdf.memlimit_kib / 1024) +
                            " MiB needed)");
  crypto_kdf_derive_from_key(keys->check.data(), kKeySize, kCheckSubkeyId, kKdfContext, master);
  crypto_kdf_derive_from_key(keys->stream.data(), kKeySize, kStreamSubkeyId, kKdfContext, master);
  sodium_memzero(master, sizeof master);
  return Status::Ok();
}

std::string BuildHeader(const EncryptOptions& o, const unsigned char* salt, const unsigned char* stream_header,
                        const TtbakKeys& keys) {
  std::string h(kHeaderSize, '\0');
  std::memcpy(&h[0], kMagic, sizeof kMagic);
  PutU16(h, kOffVersion, kVersion);
  PutU16(h, kOffHeaderSize, kHeaderSize);
  h[kOffKdf] = static_cast<char>(kKdfArgon2id13);
  h[kOffChunkLog2] = static_cast<char>(o.chunk_log2);
  PutU32(h, kOffOpslimit, o.kdf.opslimit);
  PutU32(h, kOffMemlimitKiB, o.kdf.memlimit_kib);
  std::memcpy(&h[kOffSalt], salt, kSaltSize);
  std::memcpy(&h[kOffStreamHeader], stream_header, kStreamHeaderSize);
  h.replace(kOffCheck, kHashSize, Blake2b256(h.substr(0, kOffCheck), keys.check.data()));
  h.replace(kOffChecksum, kHashSize, Blake2b256(h.substr(0, kOffChecksum), nullptr));
  return h;
}

}  // namespace ttbak

using namespace ttbak;

TtbakSniff SniffTtbak(const char* data, size_t n) {
  if (n == 0) return TtbakSniff::kOther;
  if (n < sizeof kMagic) return std::memcmp(data, kMagic, n) == 0 ? TtbakSniff::kDamaged : TtbakSniff::kOther;
  int bits = 0;
  for (size_t i = 0; i < sizeof kMagic; ++i) bits += __builtin_popcount(static_cast<unsigned char>(data[i] ^ kMagic[i]));
  if (bits == 0) return TtbakSniff::kTtbak;
  return bits <= kMagicDamageBits ? TtbakSniff::kDamaged : TtbakSniff::kOther;
}

Result<TtbakHeader> ReadTtbakHeader(ByteSource& source) {
  SB_RETURN_IF_ERROR(InitSodium());
  std::string b(kPrefixSize, '\0');
  SB_ASSIGN_OR_RETURN(size_t got, ReadFull(source, reinterpret_cast<unsigned char*>(&b[0]), kPrefixSize));
  switch (SniffTtbak(b.data(), std::min(got, sizeof kMagic))) {
    case TtbakSniff::kOther:
      return Status(Code::kNotABackup, "this file is not a Streakbox backup");
    case TtbakSniff::kDamaged:
      if (got < sizeof kMagic) return Truncated();
      return Damaged("its first bytes are wrong");
    case TtbakSniff::kTtbak:
      break;
  }
  if (got < kPrefixSize) return Truncated();
  const size_t size = U16(b, kOffHeaderSize);
  if (size < kPrefixSize + kHashSize || size > kMaxHeaderSize) return Damaged("its header length is wrong");
  b.resize(size);
  SB_ASSIGN_OR_RETURN(got, ReadFull(source, reinterpret_cast<unsigned char*>(&b[kPrefixSize]), size - kPrefixSize));
  if (got < size - kPrefixSize) return Truncated();
  if (sodium_memcmp(Blake2b256(b.substr(0, size - kHashSize), nullptr).data(), &b[size - kHashSize], kHashSize) != 0)
    return Damaged("its header checksum does not match");

  const uint16_t version = U16(b, kOffVersion);
  if (version != kVersion)
    return Status(Code::kUnsupportedVersion, "this encrypted backup comes from a newer Streakbox (container version " +
                                                 std::to_string(version) + "); update Streakbox to open it");
  if (size != kHeaderSize) return Damaged("its header length is wrong");
  TtbakHeader h;
  h.chunk_log2 = static_cast<uint8_t>(b[kOffChunkLog2]);
  if (static_cast<uint8_t>(b[kOffKdf]) != kKdfArgon2id13 || U16(b, kOffReserved) != 0 || h.chunk_log2 < kMinChunkLog2 ||
      h.chunk_log2 > kMaxChunkLog2)
    return Status(Code::kUnsupportedVersion,
                  "this encrypted backup uses settings this Streakbox does not know; it may come from a newer Streakbox");
  h.kdf.opslimit = U32(b, kOffOpslimit);
  h.kdf.memlimit_kib = U32(b, kOffMemlimitKiB);
  if (!KdfInBounds(h.kdf))
    return Status(Code::kKdfOutOfBounds,
                  "this encrypted backup asks for more work to unlock than Streakbox allows (" +
                      std::to_string(h.kdf.opslimit) + " passes over " + std::to_string(h.kdf.memlimit_kib / 1024) +
                      " MiB; the limit is " + std::to_string(kMaxOpslimit) + " passes over " +
                      std::to_string(kMaxMemlimitKiB / 1024) + " MiB), so it was not opened");
  h.bytes = std::move(b);
  return h;
}

TtbakKeys::~TtbakKeys() {
  sodium_memzero(check.data(), check.size());
  sodium_memzero(stream.data(), stream.size());
}

Status CheckTtbakKeys(const TtbakHeader& h, const TtbakKeys& keys) {
  const std::string mac = Blake2b256(h.bytes.substr(0, kOffCheck), keys.check.data());
  if (sodium_memcmp(mac.data(), &h.bytes[kOffCheck], kHashSize) != 0)
    return Status(Code::kWrongPassword, "the password is wrong for this backup");
  return Status::Ok();
}

Result<std::unique_ptr<TtbakKeys>> UnlockTtbak(const TtbakHeader& h, const std::string& password) {
  if (password.empty()) return Status(Code::kPasswordRequired, "this backup is encrypted: enter its password");
  // The NFC form first; files written before the NFC rule used the bytes as
  // typed, so those are tried too when they differ (one more derivation).
  const std::string nfc = PasswordBytes(password);
  const auto* salt = reinterpret_cast<const unsigned char*>(&h.bytes[kOffSalt]);
  auto keys = std::make_unique<TtbakKeys>();
  SB_RETURN_IF_ERROR(DeriveKeys(nfc, salt, h.kdf, keys.get()));
  Status check = CheckTtbakKeys(h, *keys);
  if (check.code() == Code::kWrongPassword && nfc != password) {
    SB_RETURN_IF_ERROR(DeriveKeys(password, salt, h.kdf, keys.get()));
    check = CheckTtbakKeys(h, *keys);
  }
  SB_RETURN_IF_ERROR(check);
  return keys;
}

}  // namespace streakbox
