// App: one open Streakbox database and the JSON call surface the browser
// worker and the bindings tests use.
//
// Call(method, args) takes the method name and a JSON array of positional
// arguments (exactly as the JS API receives them) and returns a JSON envelope:
//   {"ok": true, "value": <result>}   or
//   {"ok": false, "error": {"code": "<stable code>", "message": "<for people>"}}
// It never throws. The methods and their shapes are documented in docs/API.md.
#pragma once

#include <memory>
#include <string>

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

// The envelope of a bare Status: {"ok":true,"value":null} or the error form.
std::string StatusEnvelope(const Status& status);

class App {
 public:
  // Opens or creates the database at `path` and migrates it.
  // REQUIRES: `clock` outlives the App.
  static Result<std::unique_ptr<App>> Open(const std::string& path, const Clock& clock,
                                           const OpenOptions& options = {});

  std::string Call(const std::string& method, const std::string& args_json);

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
