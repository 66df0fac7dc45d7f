// App::Open and App::Call: the one entry point of the call surface. The
// method table is joined here from its parts (app_calls.cc,
// app_backup_calls.cc, app_file_calls.cc); the last-resort guard and the
// open-transaction check live here, so no method can bypass them.
#include "streakbox/app.h"

#include <exception>
#include <map>

#include <sqlite3.h>

#include "streakbox/schema.h"
#include "app_args.h"

namespace streakbox {
namespace {

// The longest piece of caller-supplied text (a method name, an exception's
// message) an error echoes.
constexpr size_t kMaxEcho = 80;

std::string Excerpt(const std::string& s) { return s.size() <= kMaxEcho ? s : s.substr(0, kMaxEcho) + "…"; }

const std::map<std::string, Method>& Methods() {
  static const std::map<std::string, Method> table = [] {
    std::map<std::string, Method> t;
    for (auto part : {TrackerMethods(), BackupHistoryMethods(), FileMethods()})
      for (auto& m : part) t.emplace(m.name, std::move(m));
    return t;
  }();
  return table;
}

Result<json> Dispatch(App& app, const std::string& method, const std::string& args_json, const CallIo& io) {
  json args = json::parse(args_json, nullptr, /*allow_exceptions=*/false);
  if (args.is_discarded() || !args.is_array()) return Status::InvalidArgument("arguments must be a JSON array");
  auto it = Methods().find(method);
  if (it == Methods().end()) return Status::InvalidArgument("unknown method '" + Excerpt(method) + "'");
  const Method& m = it->second;
  if (args.size() > m.max_args)
    return Status::InvalidArgument(method + " takes at most " + std::to_string(m.max_args) + " argument" +
                                   (m.max_args == 1 ? "" : "s") + ", not " + std::to_string(args.size()));
  return m.run(app, Args(args), io);
}

json Failure(const Status& s) {
  json errors = json::array();
  for (const auto& d : s.details()) errors.push_back({{"path", d.path}, {"message", d.message}});
  return {{"ok", false},
          {"error", {{"code", code_name(s.code())}, {"message", s.message()}, {"errors", errors}}}};
}

// Serialises without throwing on invalid UTF-8 (it becomes U+FFFD).
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The envelope when even building one failed (memory ran out).
constexpr const char* kLastResort =
    R"({"ok":false,"error":{"code":"internal","message":"the result could not be built","errors":[]}})";

}  // namespace

std::string StatusEnvelope(const Status& s) {
  return Dump(s.ok() ? json{{"ok", true}, {"value", nullptr}} : Failure(s));
}

Result<std::unique_ptr<App>> App::Open(const std::string& path, const Clock& clock,
                                       const OpenOptions& options) {
  SB_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(path, options.vfs));
  if (options.exclusive) {
    // Order matters: EXCLUSIVE before the first WAL access means SQLite keeps
    // the WAL index in heap memory and never needs shared memory from the VFS.
    SB_RETURN_IF_ERROR(db->Exec("PRAGMA locking_mode = EXCLUSIVE"));
  }
  SB_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                              "PRAGMA cache_size = -16384;"));
  SB_RETURN_IF_ERROR(ConfigureConnection(*db));
  SB_RETURN_IF_ERROR(Migrate(*db));
  return std::unique_ptr<App>(new App(std::move(db), clock));
}

std::string App::Call(const std::string& method, const std::string& args_json, const CallIo& io) {
  try {
    Result<json> r = Status::Internal("not run");
    try {
      r = Dispatch(*this, method, args_json, io);
    } catch (const std::exception& e) {
      r = Status::Internal("unexpected failure in " + Excerpt(method) + ": " + Excerpt(e.what()) +
                           "; nothing was changed");
    } catch (...) {
      r = Status::Internal("unexpected failure in " + Excerpt(method) + "; nothing was changed");
    }
    // Whatever happened, the connection leaves in autocommit mode: a
    // transaction the call left open (an unwound exception that skipped a
    // guard, a bug) is rolled back, and the call counts as failed.
    if (!sqlite3_get_autocommit(db_->handle())) {
      sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
      if (r.ok()) r = Status::Internal(Excerpt(method) + " left a transaction open; it was rolled back");
    }
    if (!r.ok()) return Dump(Failure(r.status()));
    return Dump(json{{"ok", true}, {"value", r.value()}});
  } catch (...) {
    if (!sqlite3_get_autocommit(db_->handle())) sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    return kLastResort;
  }
}

}  // namespace streakbox
