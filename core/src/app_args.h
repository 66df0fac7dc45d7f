// Shared by the JSON method tables (app_calls.cc, app_backup_calls.cc):
// typed access to positional arguments, with errors naming the argument.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "streakbox/app.h"

namespace streakbox {

using json = nlohmann::json;

class Args {
 public:
  explicit Args(const json& a) : a_(a) {}

  Result<int64_t> Id(size_t i, const char* name) const {
    const json* v = At(i);
    if (!v || !v->is_number_integer())
      return Status::InvalidArgument(std::string(name) + " must be an integer id");
    return v->get<int64_t>();
  }
  Result<std::string> Str(size_t i, const char* name) const {
    const json* v = At(i);
    if (!v || !v->is_string()) return Status::InvalidArgument(std::string(name) + " must be a string");
    return v->get<std::string>();
  }
  Result<bool> Bool(size_t i, const char* name) const {
    const json* v = At(i);
    if (!v || !v->is_boolean()) return Status::InvalidArgument(std::string(name) + " must be true or false");
    return v->get<bool>();
  }
  Result<std::vector<int64_t>> IdList(size_t i, const char* name) const {
    const json* v = At(i);
    std::vector<int64_t> ids;
    bool ok = v && v->is_array();
    for (size_t k = 0; ok && k < v->size(); ++k) {
      ok = (*v)[k].is_number_integer();
      if (ok) ids.push_back((*v)[k].get<int64_t>());
    }
    if (!ok) return Status::InvalidArgument(std::string(name) + " must be an array of integer ids");
    return ids;
  }
  Result<json> Object(size_t i, const char* name) const {
    const json* v = At(i);
    if (!v || !v->is_object()) return Status::InvalidArgument(std::string(name) + " must be an object");
    return *v;
  }

 private:
  const json* At(size_t i) const { return i < a_.size() ? &a_[i] : nullptr; }
  const json& a_;
};

// Optional typed fields of an object argument; a present field of the wrong type is an error.
template <typename T>
Status Field(const json& obj, const char* key, std::optional<T>* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  bool ok;
  if constexpr (std::is_same_v<T, bool>) ok = it->is_boolean();
  else if constexpr (std::is_same_v<T, std::string>) ok = it->is_string();
  else ok = it->is_number_integer();
  if (!ok) {
    const char* kind = std::is_same_v<T, bool> ? "true or false"
                       : std::is_same_v<T, std::string> ? "a string" : "an integer";
    return Status::InvalidArgument(std::string(key) + " must be " + kind);
  }
  *out = it->get<T>();
  return Status::Ok();
}

inline Status RejectUnknown(const json& obj, std::initializer_list<const char*> known, const char* what) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool found = false;
    for (const char* k : known) found = found || it.key() == k;
    if (!found) return Status::InvalidArgument(std::string(what) + " has no field '" + it.key() + "'");
  }
  return Status::Ok();
}

using Handler = std::function<Result<nlohmann::json>(App&, const Args&)>;

// The handler of a backup method (app_backup_calls.cc), or an empty function.
Handler BackupHandler(const std::string& method);

}  // namespace streakbox
