// App: one open Streakbox database and the one call surface every caller
// uses: the browser worker (through wasm/bindings.cc), the command-line tool
// (core/cli/streakbox_cli.cc), the tests and the call-surface fuzzer.
//
// Call(method, args, io) takes the method name and a JSON array of positional
// arguments (exactly as the JS API receives them) and returns a JSON envelope:
//   {"ok": true, "value": <result>}   or
//   {"ok": false, "error": {"code": "<stable code>", "message": "<for people>", "errors": [...]}}
// The methods, their arguments and the strict argument rules are in
// docs/API.md ("Errors", "Strict arguments"); the table is in app_methods.cc.
//
// Guarantees, for any method name, argument text and io:
//   - it never throws: anything unexpected (a C++ exception) becomes code
//     "internal";
//   - it never returns with a transaction open: whatever a call left open is
//     rolled back before the envelope is built (and a call that left one
//     open reports "internal" even if it claimed success);
//   - an argument of the wrong type, a missing required one, an unknown field
//     or an unknown mode is "invalid_argument" naming it, and changes nothing.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "streakbox/byte_io.h"
#include "streakbox/database.h"
#include "streakbox/dates.h"
#include "streakbox/tracker.h"

namespace streakbox {

struct OpenOptions {
  const char* vfs = nullptr;  // SQLite VFS name; nullptr for the default
  // One connection owns the file: locking_mode=EXCLUSIVE + WAL with
  // synchronous=FULL (see docs/ARCHITECTURE.md, "Durability"). Otherwise the
  // connection uses WAL with normal locking, for the native CLI and tests.
  bool exclusive = false;
};

// The files a call reads and writes, passed explicitly (never found through
// globals). Methods that need one and get none fail with invalid_argument.
struct CallIo {
  ByteSource* source = nullptr;  // a backup or database file to read (import, validate, decrypt, ...)
  ByteSink* sink = nullptr;      // where a file is written (export, decrypt, ...); the call closes it
                                 // only when the file is complete
  std::function<void(double)> progress;  // 0..1 during long reads, or empty
};

// The envelope of a bare Status: {"ok":true,"value":null} or the error form.
std::string StatusEnvelope(const Status& status);

class App {
 public:
  // Opens or creates the database at `path` and migrates it.
  // REQUIRES: `clock` outlives the App.
  static Result<std::unique_ptr<App>> Open(const std::string& path, const Clock& clock,
                                           const OpenOptions& options = {});

  // REQUIRES: io's source and sink, when set, outlive the call.
  std::string Call(const std::string& method, const std::string& args_json, const CallIo& io = {});

  Database& db() { return *db_; }
  Tracker& tracker() { return tracker_; }
  const Clock& clock() const { return clock_; }

 private:
  App(std::unique_ptr<Database> db, const Clock& clock)
      : db_(std::move(db)), clock_(clock), tracker_(*db_, clock) {}
  std::unique_ptr<Database> db_;
  const Clock& clock_;
  Tracker tracker_;
};

}  // namespace streakbox
