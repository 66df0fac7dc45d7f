// Throughput of the .ttbak container against raw secretstream, measured in
// the same run on the same build (tools/bench: natively and in the browser's
// worker; docs/PERFORMANCE.md). Diagnostics only; nothing in the app calls it.
#pragma once

#include <cstddef>
#include <functional>

#include <nlohmann/json.hpp>

#include "streakbox/ttbak.h"

namespace streakbox {

// Encrypts and decrypts `bytes` of data (64 KiB chunks) `runs` times each way,
// raw and through EncryptingSink / DecryptingSource, keeping the best run of
// each; times one key derivation at `kdf`. `now_ms` is the clock to use.
// Value: {bytes, runs, raw_encrypt_mib_s, raw_decrypt_mib_s, encrypt_mib_s,
// decrypt_mib_s, encrypt_ratio, decrypt_ratio, kdf_ms, kdf: {opslimit, memlimit_kib}}.
// The container figures exclude the key derivation, timed apart.
Result<nlohmann::json> MeasureTtbak(size_t bytes, int runs, const KdfParams& kdf,
                                    const std::function<double()>& now_ms);

}  // namespace streakbox
