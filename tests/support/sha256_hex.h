// Test support: the SHA-256 of a byte string as lowercase hex (libsodium), as
// the .ttbak vectors record each good file's plaintext (vectors.json).
#pragma once

#include <string>

#include <sodium.h>

namespace streakbox {

inline std::string Sha256Hex(const std::string& data) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[2 * sizeof h + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

}  // namespace streakbox
