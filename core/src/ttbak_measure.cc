#include "streakbox/ttbak_measure.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

#include "ttbak_internal.h"

namespace streakbox {
namespace {

// Counts what it is given, so the sink costs nothing.
class CountingSink : public ByteSink {
 public:
  Status Write(const char*, size_t n) override {
    bytes_ += n;
    return Status::Ok();
  }
  using ByteSink::Write;
  size_t bytes_ = 0;
};

}  // namespace

Result<nlohmann::json> MeasureTtbak(size_t bytes, int runs, const KdfParams& kdf,
                                    const std::function<double()>& now_ms) {
  SB_RETURN_IF_ERROR(ttbak::InitSodium());
  const size_t chunk = size_t{1} << ttbak::kDefaultChunkLog2;
  std::string plain(bytes, '\0');
  randombytes_buf(&plain[0], plain.size());
  const std::string password = "benchmark password";
  const EncryptOptions fast{{ttbak::kMinOpslimit, ttbak::kMinMemlimitKiB}, ttbak::kDefaultChunkLog2};
  double raw_enc = 1e300, raw_dec = 1e300, enc = 1e300, dec = 1e300;
  std::string file;

  for (int run = 0; run < runs; ++run) {
    // Raw secretstream: the same chunks, no container.
    unsigned char key[32], header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    crypto_secretstream_xchacha20poly1305_keygen(key);
    crypto_secretstream_xchacha20poly1305_state st;
    std::vector<unsigned char> out((bytes / chunk + 1) * (chunk + ttbak::kChunkOverhead));
    double t0 = now_ms();
    crypto_secretstream_xchacha20poly1305_init_push(&st, header, key);
    size_t at = 0;
    for (size_t off = 0; off < bytes || off == 0; off += chunk) {
      const size_t n = std::min(chunk, bytes - off);
      unsigned long long len;
      const bool last = off + n >= bytes;
      crypto_secretstream_xchacha20poly1305_push(&st, &out[at], &len, reinterpret_cast<const unsigned char*>(&plain[off]),
                                                 n, nullptr, 0,
                                                 last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      at += len;
      if (last) break;
    }
    raw_enc = std::min(raw_enc, now_ms() - t0);
    std::vector<unsigned char> back(chunk);
    t0 = now_ms();
    crypto_secretstream_xchacha20poly1305_init_pull(&st, header, key);
    for (size_t off = 0; off < at; off += chunk + ttbak::kChunkOverhead) {
      unsigned long long len;
      unsigned char tag;
      const size_t n = std::min(chunk + ttbak::kChunkOverhead, at - off);
      if (crypto_secretstream_xchacha20poly1305_pull(&st, back.data(), &len, &tag, &out[off], n, nullptr, 0) != 0)
        return Status::Internal("raw secretstream failed");
    }
    raw_dec = std::min(raw_dec, now_ms() - t0);

    // The container, through the same streaming classes the app uses; the
    // key derivation (at the minimum settings) is left out of the timing.
    CountingSink counter;
    SB_ASSIGN_OR_RETURN(std::unique_ptr<EncryptingSink> es, EncryptingSink::Open(counter, password, fast));
    t0 = now_ms();
    for (size_t off = 0; off < bytes; off += chunk) SB_RETURN_IF_ERROR(es->Write(&plain[off], std::min(chunk, bytes - off)));
    SB_RETURN_IF_ERROR(es->Close());
    enc = std::min(enc, now_ms() - t0);
    if (run == 0) {  // a real file to decrypt (untimed)
      StringSink sink;
      StringSource src(plain);
      SB_RETURN_IF_ERROR(EncryptStream(src, sink, password, fast));
      file = sink.str();
    }

    StringSource in(file);
    SB_ASSIGN_OR_RETURN(TtbakHeader h, ReadTtbakHeader(in));
    SB_ASSIGN_OR_RETURN(std::unique_ptr<TtbakKeys> keys, UnlockTtbak(h, password));
    t0 = now_ms();
    SB_ASSIGN_OR_RETURN(std::unique_ptr<DecryptingSource> ds, DecryptingSource::OpenWithKeys(in, std::move(keys)));
    std::vector<char> buf(chunk);
    size_t total = 0;
    for (;;) {
      SB_ASSIGN_OR_RETURN(size_t n, ds->Read(buf.data(), buf.size()));
      if (n == 0) break;
      total += n;
    }
    dec = std::min(dec, now_ms() - t0);
    if (total != bytes) return Status::Internal("container round trip lost bytes");
  }

  TtbakKeys keys;
  unsigned char salt[ttbak::kSaltSize];
  randombytes_buf(salt, sizeof salt);
  double t0 = now_ms();
  SB_RETURN_IF_ERROR(ttbak::DeriveKeys(password, salt, kdf, &keys));
  const double kdf_ms = now_ms() - t0;

  const double mib = static_cast<double>(bytes) / (1 << 20);
  auto rate = [&](double ms) { return mib / (ms / 1000); };
  return nlohmann::json{{"bytes", bytes}, {"runs", runs},
                        {"raw_encrypt_mib_s", rate(raw_enc)}, {"raw_decrypt_mib_s", rate(raw_dec)},
                        {"encrypt_mib_s", rate(enc)}, {"decrypt_mib_s", rate(dec)},
                        {"encrypt_ratio", raw_enc / enc}, {"decrypt_ratio", raw_dec / dec},
                        {"kdf_ms", kdf_ms}, {"kdf", {{"opslimit", kdf.opslimit}, {"memlimit_kib", kdf.memlimit_kib}}}};
}

}  // namespace streakbox
