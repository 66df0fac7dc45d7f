// The typed argument readers of the call surface (App::Call, docs/API.md
// "Strict arguments"), shared by the method files app_*_calls.cc.
//
// Args reads positional arguments; Fields reads the fields of an object
// argument. Every reader fails with invalid_argument naming the argument or
// field ("options.profileId must be a positive integer id") when it is
// missing (for a required one), of the wrong type, null, or out of range;
// nothing is ever defaulted silently. Fields::Done() refuses every field no
// reader asked for, so a typo never passes.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "streakbox/app.h"

namespace streakbox {

using json = nlohmann::json;

// True for a JSON integer that fits int64 (nlohmann keeps larger ones as unsigned).
bool IsInt64(const json& v);
// True for an integer id: 1 .. INT64_MAX.
bool IsPositiveId(const json& v);

class Args {
 public:
  explicit Args(const json& a) : a_(a) {}

  // Each REQUIRES nothing; fails with invalid_argument naming `name`.
  Result<int64_t> Id(size_t i, const char* name) const;  // a positive integer id
  Result<std::string> Str(size_t i, const char* name) const;
  Result<bool> Bool(size_t i, const char* name) const;
  Result<std::vector<int64_t>> IdList(size_t i, const char* name) const;
  Result<json> Object(size_t i, const char* name) const;
  // An object argument that may be left out (then {}); present, it must be an object.
  Result<json> OptionalObject(size_t i, const char* name) const;
  // An argument of more than one form (e.g. true/false or an object): present, of
  // any type but null; the caller checks the form and names it.
  Result<json> Value(size_t i, const char* name) const;

 private:
  const json* At(size_t i) const { return i < a_.size() ? &a_[i] : nullptr; }
  // The argument at i when ok(it), else invalid_argument "<name> must be <kind>".
  template <typename T, typename Pred>
  Result<T> Typed(size_t i, const char* name, Pred ok, const char* kind) const;
  const json& a_;
};

// Reads optional fields of one object. A field that is absent leaves *out
// untouched; present, it must have the field's type (null is not absent).
class Fields {
 public:
  // `what` names the object in messages, e.g. "options" or "task".
  Fields(const json& obj, std::string what) : obj_(obj), what_(std::move(what)) {}

  Status Str(const char* key, std::optional<std::string>* out);
  Status NonEmptyStr(const char* key, std::optional<std::string>* out);
  Status Bool(const char* key, std::optional<bool>* out);
  Status Int(const char* key, std::optional<int64_t>* out);  // any int64
  Status Id(const char* key, std::optional<int64_t>* out);   // a positive integer id
  Status Object(const char* key, std::optional<json>* out);
  // The field as it is, null included, for a caller that reads its own form.
  Status Any(const char* key, std::optional<json>* out);
  // One of `allowed` (a mode): anything else names the field and the choices.
  Status OneOf(const char* key, std::initializer_list<const char*> allowed, std::optional<std::string>* out);
  // invalid_argument for the first field that no reader above asked for.
  Status Done() const;

 private:
  const json* Find(const char* key);
  // The field when present and ok(it); absent: Ok, *out untouched; else "<what>.<key> must be <kind>".
  template <typename T, typename Pred>
  Status Typed(const char* key, std::optional<T>* out, Pred ok, const char* kind);
  Status Wrong(const char* key, const char* kind) const;
  const json& obj_;
  std::string what_;
  std::set<std::string> read_;
};

// One entry of the method table: the name JS and the CLI call it by, the most
// positional arguments it takes (more is invalid_argument), and its handler.
using Handler = std::function<Result<json>(App&, const Args&, const CallIo&)>;
struct Method {
  const char* name;
  size_t max_args;
  Handler run;
};

// The parts of the one table, by subject; App::Call joins them (app.cc).
std::vector<Method> TrackerMethods();        // app_calls.cc: profiles, tasks, checks, streaks
std::vector<Method> BackupHistoryMethods();  // app_backup_calls.cc: schedule, settings, history
std::vector<Method> FileMethods();           // app_file_calls.cc: backup and database files, secrets

}  // namespace streakbox
