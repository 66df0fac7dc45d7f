// Embind surface of the Streakbox module (the only place core meets Emscripten).
//
// JS sees one class, `Streakbox`:
//   const sb = new Module.Streakbox();
//   sb.open(path)           -> JSON envelope; opens or creates the database
//   sb.call(method, args)   -> JSON envelope (core/include/streakbox/app.h)
//   sb.close()              -> closes the database, flushing everything
//   sb.exec(sql)            -> JSON envelope; benchmarks only
//   sb.exportBackup(profileId or 0, optionsJson) -> envelope {filename, counts}; bytes go to Module.streakboxSink;
//                           options {password}: a .ttbak encrypted with it (docs/FORMAT.md)
//   sb.importBackup(optionsJson, validateOnly) -> envelope: import report, or the validation summary;
//                           a .ttbak (recognised by content) is unlocked with options.password
//   sb.decryptBackup(password) -> envelope null; Module.streakboxSource's .ttbak decrypted to the sink
//   sb.getSecret(key) / setSecret(key, value) / deleteSecret(key) -> envelopes; only 'secret.' keys
//                           (settings that backups never carry: the stored backup password's ciphertext)
//   sb.exportDatabase()      -> envelope {filename, info}; the database file's bytes go to Module.streakboxSink
//   sb.importDatabase(inspectOnly) -> envelope {schema_version, instance_id, size, counts}: checks
//                              (and unless inspectOnly, restores) the database file in Module.streakboxSource
//   sb.ioStats()            -> JSON {reads, writes, syncs, bytes_written, heap_bytes (the wasm memory, which never shrinks)}
//   sb.benchTtbak(mib, runs) -> envelope: .ttbak vs raw secretstream throughput (benchmarks only)
// Envelopes are {"ok":true,"value":...} or {"ok":false,"error":{code,message}};
// nothing throws across this boundary.
#include <emscripten.h>
#include <emscripten/bind.h>

#include <algorithm>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "js_streams.h"
#include "opfs_vfs.h"
#include "streakbox/app.h"
#include "streakbox/backup_crypto.h"
#include "streakbox/backup_export.h"
#include "streakbox/backup_format.h"
#include "streakbox/backup_import.h"
#include "streakbox/database_image.h"
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

class Streakbox {
 public:
  std::string open(const std::string& path) {
    app_.reset();
    auto r = streakbox::App::Open(path, clock_, streakbox::OpenOptions{"opfs", /*exclusive=*/true});
    if (!r.ok()) return StatusEnvelope(r.status());
    app_ = std::move(r).value();
    return StatusEnvelope(streakbox::Status::Ok());
  }

  std::string call(const std::string& method, const std::string& args) {
    if (!app_) return NotOpen();
    return app_->Call(method, args);
  }

  void close() { app_.reset(); }

  // Writes a backup of one profile (profile_id > 0) or all (0) to
  // Module.streakboxSink, encrypted when options.password is a string.
  // Value: {filename, counts, encrypted}.
  std::string exportBackup(double profile_id, const std::string& options_json) {
    if (!app_) return NotOpen();
    auto opts = nlohmann::json::parse(options_json, nullptr, false);
    if (!opts.is_object()) return StatusEnvelope(streakbox::Status::InvalidArgument("options must be an object"));
    auto password = Password(opts);
    if (!password.ok()) return StatusEnvelope(password.status());
    streakbox::ExportOptions o;
    if (profile_id > 0) o.profile_id = static_cast<int64_t>(profile_id);
    streakbox::JsSink sink;
    auto r = streakbox::ExportBackupFile(app_->db(), clock_, o, password.value(), sink);
    if (!r.ok()) return StatusEnvelope(r.status());
    const auto& v = r.value();
    nlohmann::json value = {{"filename", v.filename},
                            {"counts", {{"profiles", v.profiles}, {"tasks", v.tasks},
                                        {"task_checks", v.task_checks}, {"daily_status", v.daily_status}}},
                            {"encrypted", password.value().has_value()}};
    return nlohmann::json{{"ok", true}, {"value", value}}.dump();
  }

  // Validates (validateOnly) or imports the backup in Module.streakboxSource.
  // options: {mode: 'replace'|'merge', profileId, dryRun, tasksOnly}.
  std::string importBackup(const std::string& options_json, bool validate_only) {
    if (!app_) return NotOpen();
    auto opts = nlohmann::json::parse(options_json, nullptr, false);
    if (!opts.is_object()) return StatusEnvelope(streakbox::Status::InvalidArgument("options must be an object"));
    streakbox::ImportOptions o;
    const std::string mode = opts.value("mode", "replace");
    if (mode == "merge") o.mode = streakbox::ImportOptions::Mode::kMerge;
    else if (mode != "replace") return StatusEnvelope(streakbox::Status::InvalidArgument("mode must be 'replace' or 'merge'"));
    if (opts.contains("profileId") && opts["profileId"].is_number_integer()) o.profile_id = opts["profileId"].get<int64_t>();
    o.dry_run = opts.value("dryRun", false);
    o.tasks_only = opts.value("tasksOnly", false);
    o.verify = opts.value("verify", false);
    o.progress = streakbox::ReportProgress;
    auto password = Password(opts);
    if (!password.ok()) return StatusEnvelope(password.status());
    streakbox::JsSource raw;
    auto input = streakbox::OpenBackupInput(raw, password.value());  // the slow key derivation, for a .ttbak
    if (!input.ok()) return StatusEnvelope(input.status());
    streakbox::ByteSource& source = *input.value().source;
    nlohmann::json value;
    if (validate_only) {
      auto r = streakbox::ValidateBackup(source, streakbox::ReportProgress);
      if (!r.ok()) return StatusEnvelope(r.status());
      value = streakbox::ToJson(r.value());
    } else {
      auto r = streakbox::ImportBackup(app_->db(), clock_, source, o);
      if (!r.ok()) return StatusEnvelope(r.status());
      value = streakbox::ToJson(r.value());
    }
    value["encrypted"] = input.value().encrypted;
    return nlohmann::json{{"ok", true}, {"value", value}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }

  // Writes a consistent copy of the database file to Module.streakboxSink.
  std::string exportDatabase() {
    if (!app_) return NotOpen();
    auto bytes = streakbox::SnapshotDatabase(app_->db());
    if (!bytes.ok()) return StatusEnvelope(bytes.status());
    auto info = streakbox::InspectDatabaseImage(bytes.value(), clock_);
    if (!info.ok()) return StatusEnvelope(info.status());
    streakbox::JsSink sink;
    auto written = sink.Write(bytes.value());
    if (!written.ok()) return StatusEnvelope(written);
    nlohmann::json value = {{"filename", "streakbox-" + clock_.TodayLocal() + ".db"},
                            {"info", streakbox::ToJson(info.value())}};
    return nlohmann::json{{"ok", true}, {"value", value}}.dump();
  }

  // Checks (inspectOnly) or restores the database file in Module.streakboxSource.
  std::string importDatabase(bool inspect_only) {
    if (!app_) return NotOpen();
    streakbox::JsSource source;
    std::string bytes;
    if (source.Size() > streakbox::kMaxDatabaseImageBytes)
      return StatusEnvelope(streakbox::Status(streakbox::Code::kInvalidBackup, "this file is too large to be a Streakbox database"));
    bytes.resize(static_cast<size_t>(std::max<int64_t>(source.Size(), 0)));
    size_t at = 0;
    while (at < bytes.size()) {
      auto n = source.Read(bytes.data() + at, bytes.size() - at);
      if (!n.ok()) return StatusEnvelope(n.status());
      if (n.value() == 0) break;
      at += n.value();
    }
    bytes.resize(at);
    auto info = inspect_only ? streakbox::InspectDatabaseImage(bytes, clock_) : streakbox::RestoreDatabaseImage(app_->db(), clock_, bytes);
    if (!info.ok()) return StatusEnvelope(info.status());
    return nlohmann::json{{"ok", true}, {"value", streakbox::ToJson(info.value())}}.dump();
  }

  // Decrypts the .ttbak in Module.streakboxSource to Module.streakboxSink.
  // The sink's bytes are the backup only when the envelope is ok (the final
  // chunk verified); on failure the caller drops them.
  std::string decryptBackup(const std::string& password) {
    streakbox::JsSource source;
    streakbox::JsSink sink;
    return StatusEnvelope(streakbox::DecryptStream(source, sink, password));
  }

  // Settings under the 'secret.' prefix, which no backup carries.
  std::string getSecret(const std::string& key) {
    if (!app_) return NotOpen();
    if (!IsSecret(key)) return StatusEnvelope(NotSecret());
    auto r = app_->tracker().GetSetting(key);
    if (!r.ok()) return StatusEnvelope(r.status());
    return nlohmann::json{{"ok", true}, {"value", r.value() ? nlohmann::json(*r.value()) : nlohmann::json()}}.dump();
  }
  std::string setSecret(const std::string& key, const std::string& value) {
    if (!app_) return NotOpen();
    if (!IsSecret(key)) return StatusEnvelope(NotSecret());
    return StatusEnvelope(app_->tracker().SetSetting(key, value));
  }
  std::string deleteSecret(const std::string& key) {
    if (!app_) return NotOpen();
    if (!IsSecret(key)) return StatusEnvelope(NotSecret());
    return StatusEnvelope(app_->tracker().DeleteSetting(key));
  }

  // Runs an SQL script on the open database (benchmarks and diagnostics only;
  // the app itself never sends SQL across this boundary).
  std::string exec(const std::string& sql) {
    if (!app_) return NotOpen();
    return StatusEnvelope(app_->db().Exec(sql));
  }

  // Benchmarks only: the container against raw secretstream in this build,
  // and the key derivation at Streakbox's settings (docs/PERFORMANCE.md).
  std::string benchTtbak(double mib, int runs) {
    auto r = streakbox::MeasureTtbak(static_cast<size_t>(mib * (1 << 20)), runs, streakbox::KdfParams{},
                                     [] { return emscripten_get_now(); });
    if (!r.ok()) return StatusEnvelope(r.status());
    return nlohmann::json{{"ok", true}, {"value", r.value()}}.dump();
  }

  static bool IsSecret(const std::string& key) { return key.rfind(streakbox::kSecretSettingPrefix, 0) == 0; }
  static streakbox::Status NotSecret() {
    return streakbox::Status::InvalidArgument("only settings named secret.* are reachable here");
  }

  // options.password: absent or null for none, else a non-empty string.
  static streakbox::Result<std::optional<std::string>> Password(const nlohmann::json& opts) {
    auto it = opts.find("password");
    if (it == opts.end() || it->is_null()) return std::optional<std::string>();
    if (!it->is_string() || it->get<std::string>().empty())
      return streakbox::Status::InvalidArgument("a backup password must be a non-empty string");
    return std::optional<std::string>(it->get<std::string>());
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
      .function("exportBackup", &Streakbox::exportBackup)
      .function("importBackup", &Streakbox::importBackup)
      .function("exportDatabase", &Streakbox::exportDatabase)
      .function("importDatabase", &Streakbox::importDatabase)
      .function("decryptBackup", &Streakbox::decryptBackup)
      .function("getSecret", &Streakbox::getSecret)
      .function("setSecret", &Streakbox::setSecret)
      .function("deleteSecret", &Streakbox::deleteSecret)
      .function("exec", &Streakbox::exec)
      .function("ioStats", &Streakbox::ioStats)
      .function("benchTtbak", &Streakbox::benchTtbak);
}
