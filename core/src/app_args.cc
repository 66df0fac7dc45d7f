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

template <typename T, typename Pred>
Result<T> Args::Typed(size_t i, const char* name, Pred ok, const char* kind) const {
  const json* v = At(i);
  if (!v || !ok(*v)) return Bad(name, kind);
  return v->get<T>();
}

Result<int64_t> Args::Id(size_t i, const char* name) const {
  return Typed<int64_t>(i, name, IsPositiveId, "a positive integer id");
}
Result<std::string> Args::Str(size_t i, const char* name) const {
  return Typed<std::string>(i, name, [](const json& v) { return v.is_string(); }, "a string");
}
Result<bool> Args::Bool(size_t i, const char* name) const {
  return Typed<bool>(i, name, [](const json& v) { return v.is_boolean(); }, "true or false");
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

Result<json> Args::Value(size_t i, const char* name) const {
  const json* v = At(i);
  if (!v || v->is_null()) return Bad(name, "given");
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

template <typename T, typename Pred>
Status Fields::Typed(const char* key, std::optional<T>* out, Pred ok, const char* kind) {
  const json* v = Find(key);
  if (!v) return Status::Ok();
  if (!ok(*v)) return Wrong(key, kind);
  *out = v->get<T>();
  return Status::Ok();
}

Status Fields::Str(const char* key, std::optional<std::string>* out) {
  return Typed(key, out, [](const json& v) { return v.is_string(); }, "a string");
}
Status Fields::NonEmptyStr(const char* key, std::optional<std::string>* out) {
  return Typed(key, out, [](const json& v) { return v.is_string() && !v.get_ref<const std::string&>().empty(); },
               "a non-empty string");
}
Status Fields::Bool(const char* key, std::optional<bool>* out) {
  return Typed(key, out, [](const json& v) { return v.is_boolean(); }, "true or false");
}
Status Fields::Int(const char* key, std::optional<int64_t>* out) {
  return Typed(key, out, IsInt64, "an integer");
}
Status Fields::Id(const char* key, std::optional<int64_t>* out) {
  return Typed(key, out, IsPositiveId, "a positive integer id");
}
Status Fields::Object(const char* key, std::optional<json>* out) {
  return Typed(key, out, [](const json& v) { return v.is_object(); }, "an object");
}

Status Fields::Any(const char* key, std::optional<json>* out) {
  const json* v = Find(key);
  if (v) *out = *v;
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
