// Shared by ttbak_header.cc and ttbak_stream.cc; not part of the public API.
#pragma once

#include <string>

#include "streakbox/ttbak.h"

namespace streakbox {
namespace ttbak {

// sodium_init(), once; kInternal when libsodium cannot start.
Status InitSodium();

// Reads until `n` bytes or the end; returns how many were read.
Result<size_t> ReadFull(ByteSource& source, unsigned char* buf, size_t n);

// BLAKE2b-256 of `data`, keyed when `key` is not null (32 bytes).
std::string Blake2b256(const std::string& data, const unsigned char* key);

// The bytes a typed password enters the key derivation as (docs/FORMAT.md,
// "Keys"): its NFC form. Bytes that are not UTF-8 are used as they are.
std::string PasswordBytes(const std::string& typed);

// Argon2id over `password` exactly as given and the salt, then the check and
// stream subkeys. Writers pass PasswordBytes(typed).
Status DeriveKeys(const std::string& password, const unsigned char* salt, const KdfParams& kdf, TtbakKeys* keys);

// A complete version 1 header for these settings and secretstream header;
// the check value and checksum are computed with `keys`.
std::string BuildHeader(const EncryptOptions& options, const unsigned char* salt,
                        const unsigned char* stream_header, const TtbakKeys& keys);

// Bounds checks shared by reader and writer.
bool KdfInBounds(const KdfParams& kdf);

}  // namespace ttbak
}  // namespace streakbox
