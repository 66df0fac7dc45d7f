// Native .ttbak benchmark (run by tools/bench): container encryption and
// decryption throughput as a ratio to raw secretstream in the same run, and
// the key derivation at Streakbox's settings (core/src/ttbak_measure.cc).
//   ttbak_bench [MiB] [runs]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "streakbox/ttbak_measure.h"

int main(int argc, char** argv) {
  const size_t mib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 64;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  const auto t0 = std::chrono::steady_clock::now();
  auto now_ms = [&] { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(); };
  auto r = streakbox::MeasureTtbak(mib << 20, runs, streakbox::KdfParams{}, now_ms);
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
    return 1;
  }
  std::printf("%s\n", r.value().dump(2).c_str());
  return 0;
}
