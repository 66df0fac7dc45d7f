// libFuzzer target over the call surface (App::Call, docs/API.md): any method
// name, argument text and file bytes must give an envelope (never a crash, a
// hang or a sanitizer finding), never leave a transaction open, and a
// rejected call must leave every table exactly as it was.
//
// Input: METHOD '\n' ARGS_JSON '\n' FILE_BYTES, where FILE_BYTES is what the
// call reads (io.source); the literal "@image" stands for the fuzzed
// database's own database file, so inspectDatabase/importDatabase get a real
// one. Every call also gets a sink. Each input runs against a fresh database
// with two profiles, tasks, checks and a completed day.
// Calls naming a "password" are skipped: each derives a key with Argon2id
// (256 MiB, about a second, by design); tests/fuzz/ttbak_fuzzer.cc covers the
// container. Seeds: tests/fuzz/call_seeds (one valid call of every method).
// CALL_FUZZER_VERBOSE=1 prints every call and its envelope (to check seeds:
// ./call_fuzzer tests/fuzz/call_seeds/*.call).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "../support/db_content.h"
#include "streakbox/app.h"

using namespace streakbox;
using json = nlohmann::json;

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

// REQUIRES: every call succeeds (the fixture is valid by construction).
void Seed(App& app) {
  auto call = [&](const std::string& method, const json& args) {
    json r = json::parse(app.Call(method, args.dump()));
    Check(r["ok"].get<bool>());
    return r["value"];
  };
  json mom = call("createProfile", {{{"name", "Mom"}}});
  json dad = call("createProfile", {{{"name", "Dad"}, {"color", "#10b981"}}});
  json run = call("createTask", {mom, {{"title", "Run"}}});
  call("createTask", {mom, {{"title", "Read"}, {"required", false}}});
  json stretch = call("createTask", {dad, {{"title", "Stretch"}}});
  call("setCheck", {mom, run, "2026-03-09", true});
  call("setCheck", {dad, stretch, "2026-03-10", true});
  json water = call("createTask", {mom, {{"title", "Water"}, {"measure", {{"unit", "glasses"}, {"target", 8}}}}});
  call("createTask", {mom, {{"title", "Gym"}, {"schedule", {{"type", "weekdays"}, {"weekdays", {1, 3, 5}}}}}});
  call("setCheck", {mom, water, "2026-03-09", {{"amount", 6.5}, {"note", "hot"}}});
  call("setDayOff", {dad, "2026-03-08", {{"note", "Ill"}}});
  call("setSecret", {"secret.stored", "v1.abc.def"});
  json run_id = call("backupBegin", {{{"kind", "manual"}, {"format", "json"}, {"location", "opfs"}}});
  call("backupFinish", {run_id, {{"ok", true}, {"filename", "streakbox-manual-1.json"}, {"size", 10},
                                 {"sha256", std::string(64, 'a')}}});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static FixedClock clock(1773144000, "2026-03-10");
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t a = input.find('\n');
  const size_t b = a == std::string::npos ? std::string::npos : input.find('\n', a + 1);
  const std::string method = input.substr(0, a);
  const std::string args = a == std::string::npos ? "[]" : input.substr(a + 1, b == std::string::npos ? b : b - a - 1);
  std::string bytes = b == std::string::npos ? "" : input.substr(b + 1);
  if (args.find("password") != std::string::npos) return 0;

  auto app = App::Open(":memory:", clock).value();
  Seed(*app);
  if (bytes == "@image") {
    StringSink image;
    CallIo io;
    io.sink = &image;
    Check(json::parse(app->Call("exportDatabase", "[]", io))["ok"].get<bool>());
    bytes = image.str();
  }
  sqlite3* db = app->db().handle();
  const std::string before = ContentHash(db);
  Check(!before.empty());

  StringSource source(bytes);
  StringSink sink;
  CallIo io;
  io.source = &source;
  io.sink = &sink;
  io.progress = [](double f) { Check(f >= 0 && f <= 1); };
  const std::string envelope = app->Call(method, args, io);
  static const bool verbose = std::getenv("CALL_FUZZER_VERBOSE") != nullptr;  // prints each call's envelope
  if (verbose) std::fprintf(stderr, "%s %s -> %.300s\n", method.c_str(), args.c_str(), envelope.c_str());
  const json r = json::parse(envelope, nullptr, /*allow_exceptions=*/false);
  Check(r.is_object() && r.contains("ok") && r["ok"].is_boolean());  // always an envelope
  Check(!TransactionOpen(db));                                       // never a transaction left open
  if (!r["ok"].get<bool>()) {
    const json& e = r["error"];
    Check(e["code"].is_string() && e["message"].is_string() && !e["message"].get<std::string>().empty());
    Check(ContentHash(db) == before);  // a rejected call changed nothing
  }
  // The connection still takes a write at once.
  Check(json::parse(app->Call("setSecret", R"(["secret.fuzz", "after"])"))["ok"].get<bool>());
  return 0;
}
