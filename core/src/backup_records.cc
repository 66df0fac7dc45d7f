#include "backup_records.h"

#include "streakbox/backup_format.h"
#include "streakbox/dates.h"
#include "validate.h"

#include <cctype>

namespace streakbox {
namespace {

using json = nlohmann::json;

// Typed reads of optional fields: absent (or null, where allowed) leaves *out alone.
class Fields {
 public:
  Fields(const json& j, const std::string& path, Problems* p) : j_(j), path_(path), p_(p) {}

  const json* Find(const char* key) const {
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  void Problem(const char* key, const std::string& message) {
    p_->push_back({path_ + "." + key, message});
    ok = false;
  }
  void Str(const char* key, std::string* out, bool required = false) {
    const json* v = Find(key);
    if (!v || v->is_null()) {
      if (required) Problem(key, "is required");
      return;
    }
    if (!v->is_string()) return Problem(key, "must be a string, not " + std::string(v->type_name()));
    *out = v->get<std::string>();
  }
  void OptStr(const char* key, std::optional<std::string>* out) {
    const json* v = Find(key);
    if (!v || v->is_null()) return;
    if (!v->is_string()) return Problem(key, "must be a string or null, not " + std::string(v->type_name()));
    *out = v->get<std::string>();
  }
  // A boolean under `key` or its alias; the seed app writes 0/1 integers too.
  void Bool(const char* key, const char* alias, bool* out) {
    const json* v = Find(key);
    const char* name = key;
    if (!v && alias) v = Find(name = alias);
    if (!v) return;
    if (v->is_boolean()) *out = v->get<bool>();
    else if (v->is_number_integer() && (v->get<int64_t>() == 0 || v->get<int64_t>() == 1)) *out = v->get<int64_t>() == 1;
    else Problem(name, "must be true or false, not " + v->dump());
  }
  void Int(const char* key, std::optional<int64_t>* out) {
    const json* v = Find(key);
    if (!v || v->is_null()) return;
    if (!v->is_number_integer()) return Problem(key, "must be an integer, not " + v->dump());
    *out = v->get<int64_t>();
  }
  void Time(const char* key, std::string* out) {
    Str(key, out);
    if (!out->empty() && !LooksLikeTime(*out)) Problem(key, "'" + *out + "' is not an ISO-8601 time");
  }
  static bool LooksLikeTime(const std::string& t) {
    return t.size() >= 10 && IsValidDate(std::string_view(t).substr(0, 10)) && (t.size() == 10 || t[10] == 'T' || t[10] == ' ');
  }

  bool ok = true;

 private:
  const json& j_;
  const std::string& path_;
  Problems* p_;
};

bool RequireObject(const json& j, const std::string& path, const char* what, Problems* p) {
  if (j.is_object()) return true;
  p->push_back({path, std::string(what) + " must be a JSON object, not " + j.type_name()});
  return false;
}

void CheckText(Fields& f, const char* key, const std::string& value, const char* what, size_t max_len) {
  Status s = CheckName(what, Trim(value), max_len);
  if (!s.ok()) f.Problem(key, s.message());
}

}  // namespace

bool ParseProfile(const json& j, const std::string& path, ProfileRecord* out, Problems* p) {
  if (!RequireObject(j, path, "a profile", p)) return false;
  Fields f(j, path, p);
  f.Str("name", &out->name, /*required=*/true);
  if (f.ok) CheckText(f, "name", out->name, "profile name", 60);
  out->name = Trim(out->name);
  f.Str("color", &out->color);
  if (!CheckColor(out->color).ok()) f.Problem("color", "'" + out->color + "' is not a colour in the form #rrggbb");
  f.Time("created_at", &out->created_at);
  f.Time("updated_at", &out->updated_at);
  return f.ok;
}

bool ParseTask(const json& j, const std::string& path, TaskRecord* out, Problems* p) {
  if (!RequireObject(j, path, "a task", p)) return false;
  Fields f(j, path, p);
  f.Int("id", &out->id);
  f.Str("title", &out->title, /*required=*/true);
  if (f.ok) CheckText(f, "title", out->title, "task title", 200);
  out->title = Trim(out->title);
  f.Str("description", &out->description);
  if (Utf8Length(out->description) > 2000) f.Problem("description", "is longer than 2000 characters");
  f.Bool("required", "is_required", &out->required);
  f.Bool("active", "is_active", &out->active);
  f.Bool("fitbit_auto_check", nullptr, &out->fitbit_auto_check);
  f.Int("sort_order", &out->sort_order);
  f.Time("created_at", &out->created_at);
  f.Time("updated_at", &out->updated_at);
  return f.ok;
}

bool ParseCheck(const json& j, const std::string& path, CheckRecord* out, Problems* p) {
  if (!RequireObject(j, path, "a task check", p)) return false;
  Fields f(j, path, p);
  f.Int("task_id", &out->task_id);
  f.OptStr("task_title", &out->task_title);
  if (f.ok && !out->task_id && !out->task_title) f.Problem("task_title", "is required (or task_id)");
  f.Str("date", &out->date, /*required=*/true);
  if (!out->date.empty() && !IsValidDate(out->date))
    f.Problem("date", "'" + out->date + "' is not a date in the form YYYY-MM-DD");
  f.Bool("checked", nullptr, &out->checked);
  f.OptStr("checked_at", &out->checked_at);
  if (out->checked_at && !Fields::LooksLikeTime(*out->checked_at))
    f.Problem("checked_at", "'" + *out->checked_at + "' is not an ISO-8601 time");
  return f.ok;
}

bool ParseStatus(const json& j, const std::string& path, StatusRecord* out, Problems* p) {
  if (!RequireObject(j, path, "a daily status", p)) return false;
  Fields f(j, path, p);
  f.Str("date", &out->date, /*required=*/true);
  if (!out->date.empty() && !IsValidDate(out->date))
    f.Problem("date", "'" + out->date + "' is not a date in the form YYYY-MM-DD");
  f.OptStr("completed_at", &out->completed_at);
  if (out->completed_at && !Fields::LooksLikeTime(*out->completed_at))
    f.Problem("completed_at", "'" + *out->completed_at + "' is not an ISO-8601 time");
  return f.ok;
}

Status CheckFormatVersion(const json& v) {
  std::string text;
  if (v.is_string()) text = v.get<std::string>();
  else if (v.is_number()) text = v.dump();
  else return Status(Code::kInvalidBackup, "version must be a string such as \"1.1\"");
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 6 || (digits < text.size() && text[digits] != '.'))
    return Status(Code::kUnsupportedVersion, "version '" + text + "' is not a Streakbox backup version");
  int major = std::stoi(text.substr(0, digits));
  if (major > kBackupFormatMajor)
    return Status(Code::kUnsupportedVersion,
                  "this backup comes from a newer Streakbox (format " + text +
                      "); update Streakbox to read it");
  if (major < 1) return Status(Code::kUnsupportedVersion, "version '" + text + "' is not supported");
  return Status::Ok();
}

}  // namespace streakbox
