// Constants of the encrypted backup container (.ttbak). The specification is
// docs/FORMAT.md, "Encrypted backups (.ttbak)"; change both together.
#pragma once

#include <cstddef>
#include <cstdint>

namespace streakbox {
namespace ttbak {

// Every version starts with the same 12-byte prefix: magic, version, header
// length; and ends its header with an unkeyed BLAKE2b-256 of the bytes before.
constexpr char kMagic[8] = {'S', 'B', 'X', 'T', 'T', 'B', 'A', 'K'};
constexpr size_t kPrefixSize = 12;
constexpr size_t kMaxHeaderSize = 4096;
// First 8 bytes within this many bit flips of the magic: a damaged .ttbak,
// not some other file.
constexpr int kMagicDamageBits = 2;

constexpr uint16_t kVersion = 1;

// Version 1 header layout (offsets; all integers little-endian).
constexpr size_t kOffVersion = 8;        // u16
constexpr size_t kOffHeaderSize = 10;    // u16, = kHeaderSize
constexpr size_t kOffKdf = 12;           // u8, kKdfArgon2id13
constexpr size_t kOffChunkLog2 = 13;     // u8, chunk size = 2^value bytes of plaintext
constexpr size_t kOffReserved = 14;      // u16, zero
constexpr size_t kOffOpslimit = 16;      // u32
constexpr size_t kOffMemlimitKiB = 20;   // u32, KiB
constexpr size_t kOffSalt = 24;          // 16 bytes
constexpr size_t kOffStreamHeader = 40;  // 24 bytes, secretstream header
constexpr size_t kOffCheck = 64;         // 32 bytes, keyed BLAKE2b-256 of [0, 64)
constexpr size_t kOffChecksum = 96;      // 32 bytes, BLAKE2b-256 of [0, 96)
constexpr size_t kHeaderSize = 128;

constexpr size_t kSaltSize = 16;
constexpr size_t kStreamHeaderSize = 24;
constexpr size_t kHashSize = 32;
constexpr size_t kKeySize = 32;
constexpr size_t kChunkOverhead = 17;  // secretstream ABYTES

constexpr uint8_t kKdfArgon2id13 = 1;
// Accepted KDF work: nothing outside these bounds is derived, so no file can
// make Streakbox spend more than 256 MiB or a few seconds.
constexpr uint32_t kMinOpslimit = 1, kMaxOpslimit = 10;
constexpr uint32_t kMinMemlimitKiB = 8 * 1024, kMaxMemlimitKiB = 256 * 1024;
// What Streakbox writes (docs/PERFORMANCE.md has the browser's time for it).
constexpr uint32_t kDefaultOpslimit = 3;
constexpr uint32_t kDefaultMemlimitKiB = 64 * 1024;

constexpr uint8_t kMinChunkLog2 = 10, kMaxChunkLog2 = 20;
constexpr uint8_t kDefaultChunkLog2 = 16;  // 64 KiB

// crypto_kdf_derive_from_key context and subkey ids under the Argon2id output.
constexpr char kKdfContext[8] = {'S', 'B', 'X', 'T', 'T', 'B', 'A', 'K'};
constexpr uint64_t kCheckSubkeyId = 1;
constexpr uint64_t kStreamSubkeyId = 2;

}  // namespace ttbak
}  // namespace streakbox
