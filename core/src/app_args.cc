#include "app_args.h"

#include <limits>

namespace streakbox {

bool IsInt64(const json& v) {
  if (!v.is_number_integer()) return false;
  return !v.is_number_unsigned() || v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
}

bool IsPositiveId(const json& v) { return IsInt64(v) && v.get<int64_t>() > 0; }

namespace {
Status Bad(const std::string& name, const char* kind) {
  return Status::InvalidArgument(name + " must be " + kind);
}
}  // namespace

Result<int64_t> Args::Id(size_t i, const char* name) const {
  const json* v = At(i);
  if (!v || !IsPositiveId(*v)) return Bad(name, "a positive integer id");
  return v->get<int64_t>();
}

Result<std::string> Args::Str(size_t i, const char* name) const {
  const json* v = At(i);
  if (!v || !v->is_string()) return Bad(name, "a string");
  return v->get<std::string>();
}

Result<bool> Args::Bool(size_t i, const char* name) const {
  const json* v = At(i);
  if (!v || !v->is_boolean()) return Bad(name, "true or false");
  return v->get<bool>();
}

Result<std::vector<int64_t>> Args::IdList(size_t i, const char* name) const {
  const json* v = At(i);
  std::vector<int64_t> ids;
  bool ok = v && v->is_array();
  for (size_t k = 0; ok && k < v->size(); ++k) {
    ok = IsPositiveId((*v)[k]);
    if (ok) ids.push_back((*v)[k].get<int64_t>());
  }
  if (!ok) return Bad(name, "an array of positive integer ids");
  return ids;
}

Result<json> Args::Object(size_t i, const char* name) const {
  const json* v = At(i);
  if (!v || !v->is_object()) return Bad(name, "an object");
  return *v;
}

Result<json> Args::OptionalObject(size_t i, const char* name) const {
  if (!At(i)) return json::object();
  return Object(i, name);
}

const json* Fields::Find(const char* key) {
  read_.insert(key);
  auto it = obj_.find(key);
  return it == obj_.end() ? nullptr : &*it;
}

Status Fields::Wrong(const char* key, const char* kind) const { return Bad(what_ + "." + key, kind); }

Status Fields::Str(const char* key, std::optional<std::string>* out) {
  const json* v = Find(key);
  if (!v) return Status::Ok();
  if (!v->is_string()) return Wrong(key, "a string");
  *out = v->get<std::string>();
  return Status::Ok();
}

Status Fields::NonEmptyStr(const char* key, std::optional<std::string>* out) {
  const json* v = Find(key);
  if (!v) return Status::Ok();
  if (!v->is_string() || v->get_ref<const std::string&>().empty()) return Wrong(key, "a non-empty string");
  *out = v->get<std::string>();
  return Status::Ok();
}

Status Fields::Bool(const char* key, std::optional<bool>* out) {
  const json* v = Find(key);
  if (!v) return Status::Ok();
  if (!v->is_boolean()) return Wrong(key, "true or false");
  *out = v->get<bool>();
  return Status::Ok();
}

Status Fields::Int(const char* key, std::optional<int64_t>* out) {
  const json* v = Find(key);
  if (!v) return Status::Ok();
  if (!IsInt64(*v)) return Wrong(key, "an integer");
  *out = v->get<int64_t>();
  return Status::Ok();
}

Status Fields::Id(const char* key, std::optional<int64_t>* out) {
  const json* v = Find(key);
  if (!v) return Status::Ok();
  if (!IsPositiveId(*v)) return Wrong(key, "a positive integer id");
  *out = v->get<int64_t>();
  return Status::Ok();
}

Status Fields::Object(const char* key, std::optional<json>* out) {
  const json* v = Find(key);
  if (!v) return Status::Ok();
  if (!v->is_object()) return Wrong(key, "an object");
  *out = *v;
  return Status::Ok();
}

Status Fields::OneOf(const char* key, std::initializer_list<const char*> allowed, std::optional<std::string>* out) {
  const json* v = Find(key);
  if (!v) return Status::Ok();
  std::string choices;
  for (const char* a : allowed) {
    if (v->is_string() && v->get_ref<const std::string&>() == a) {
      *out = a;
      return Status::Ok();
    }
    choices += std::string(choices.empty() ? "" : " or ") + "'" + a + "'";
  }
  return Status::InvalidArgument(what_ + "." + key + " must be " + choices);
}

Status Fields::Done() const {
  for (auto it = obj_.begin(); it != obj_.end(); ++it)
    if (!read_.count(it.key())) {
      std::string key = it.key();
      if (key.size() > 40) key = key.substr(0, 40) + "…";
      return Status::InvalidArgument(what_ + " has no field '" + key + "'");
    }
  return Status::Ok();
}

}  // namespace streakbox
