// Embind surface of the Streakbox module (the only place core meets Emscripten).
//
// JS sees one class, `Streakbox`:
//   const sb = new Module.Streakbox();
//   sb.open(path)           -> JSON envelope; opens or creates the database
//   sb.call(method, args)   -> JSON envelope of App::Call (core/include/streakbox/app.h): every
//                              method, including the backup and database files and the secrets.
//                              The call's files are Module.streakboxSource (read) and
//                              Module.streakboxSink (written), when set; Module.streakboxProgress
//                              hears progress (wasm/js_streams.h; wasm/module_call.js sets them)
//   sb.close()              -> closes the database, flushing everything
// Benchmark and diagnostic hooks, outside the call surface because they are not the app's:
//   sb.exec(sql)            -> JSON envelope; runs an SQL script (benchmarks only)
//   sb.ioStats()            -> JSON {reads, writes, syncs, bytes_written, heap_bytes (the wasm memory, which never shrinks)}
//   sb.benchTtbak(mib, runs) -> envelope: .ttbak vs raw secretstream throughput (benchmarks only)
// Envelopes are {"ok":true,"value":...} or {"ok":false,"error":{code,message,errors}};
// nothing throws across this boundary: the module is built with wasm
// exceptions (wasm/CMakeLists.txt), App::Call turns any C++ exception into
// "internal" after rolling back, and Guarded() does the same for the rest.
#include <emscripten.h>
#include <emscripten/bind.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "js_streams.h"
#include "opfs_vfs.h"
#include "streakbox/app.h"
#include "streakbox/ttbak_measure.h"

namespace {

// The browser's clock. Module.streakboxNow, when set (tests), replaces Date.now.
EM_JS(double, sb_js_clock_ms, (), {
  return Module.streakboxNow ? Module.streakboxNow() : Date.now();
});
EM_JS(double, sb_js_utc_offset_seconds, (double unix_seconds), {
  return -new Date(unix_seconds * 1000).getTimezoneOffset() * 60;
});
EM_JS(int, sb_js_local_day_parts, (double ms), {
  const d = new Date(ms);
  return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
});

class BrowserClock : public streakbox::Clock {
 public:
  int64_t NowUnixSeconds() const override { return static_cast<int64_t>(sb_js_clock_ms() / 1000); }
  std::string TodayLocal() const override {
    int v = sb_js_local_day_parts(sb_js_clock_ms());
    return streakbox::FormatDate(streakbox::DaysFromCivil(v / 10000, (v / 100) % 100, v % 100));
  }
  int64_t UtcOffsetSeconds(int64_t unix_seconds) const override {
    return static_cast<int64_t>(sb_js_utc_offset_seconds(static_cast<double>(unix_seconds)));
  }
};

using streakbox::StatusEnvelope;

// Runs fn, whose result is an envelope; an exception becomes "internal".
template <typename Fn>
std::string Guarded(Fn fn) {
  try {
    return fn();
  } catch (...) {
    return StatusEnvelope(streakbox::Status::Internal("unexpected failure in the module; nothing was changed"));
  }
}

class Streakbox {
 public:
  std::string open(const std::string& path) {
    return Guarded([&] {
      app_.reset();
      auto r = streakbox::App::Open(path, clock_, streakbox::OpenOptions{"opfs", /*exclusive=*/true});
      if (!r.ok()) return StatusEnvelope(r.status());
      app_ = std::move(r).value();
      return StatusEnvelope(streakbox::Status::Ok());
    });
  }

  std::string call(const std::string& method, const std::string& args) {
    if (!app_) return NotOpen();
    streakbox::JsSource source;
    streakbox::JsSink sink;
    return Guarded([&] { return app_->Call(method, args, streakbox::JsCallIo(source, sink)); });
  }

  void close() { app_.reset(); }

  // Runs an SQL script on the open database (benchmarks and diagnostics only;
  // the app itself never sends SQL across this boundary). Like App::Call it
  // never returns inside a transaction: a script that failed half-way or did
  // not commit is rolled back.
  std::string exec(const std::string& sql) {
    if (!app_) return NotOpen();
    return Guarded([&] {
      streakbox::Status s = app_->db().Exec(sql);
      sqlite3* db = app_->db().handle();
      if (!sqlite3_get_autocommit(db)) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        if (s.ok()) s = streakbox::Status::InvalidArgument("the script left a transaction open; it was rolled back");
      }
      return StatusEnvelope(s);
    });
  }

  // Benchmarks only: the container against raw secretstream in this build,
  // and the key derivation at Streakbox's settings (docs/PERFORMANCE.md).
  std::string benchTtbak(double mib, int runs) {
    return Guarded([&] {
      auto r = streakbox::MeasureTtbak(static_cast<size_t>(mib * (1 << 20)), runs, streakbox::KdfParams{},
                                       [] { return emscripten_get_now(); });
      if (!r.ok()) return StatusEnvelope(r.status());
      return nlohmann::json{{"ok", true}, {"value", r.value()}}.dump();
    });
  }

  static std::string NotOpen() {
    return StatusEnvelope(streakbox::Status(streakbox::Code::kLocked, "the database is not open"));
  }

  std::string ioStats() const {
    const auto& s = streakbox::opfs_io_stats();
    return "{\"reads\":" + std::to_string(s.reads) + ",\"writes\":" + std::to_string(s.writes) +
           ",\"syncs\":" + std::to_string(s.syncs) + ",\"bytes_written\":" + std::to_string(s.bytes_written) +
           ",\"heap_bytes\":" + std::to_string(__builtin_wasm_memory_size(0) * 65536) + "}";
  }

 private:
  BrowserClock clock_;
  std::unique_ptr<streakbox::App> app_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(streakbox) {
  emscripten::class_<Streakbox>("Streakbox")
      .constructor<>()
      .function("open", &Streakbox::open)
      .function("call", &Streakbox::call)
      .function("close", &Streakbox::close)
      .function("exec", &Streakbox::exec)
      .function("ioStats", &Streakbox::ioStats)
      .function("benchTtbak", &Streakbox::benchTtbak);
}
