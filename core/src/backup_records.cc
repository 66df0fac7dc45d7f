#include "backup_records.h"

#include "streakbox/backup_format.h"
#include "streakbox/dates.h"
#include "validate.h"

#include <cctype>
#include <cstring>

namespace streakbox {
namespace {

using json = nlohmann::json;

// A value as a message may quote it: short, whatever its size in the file.
std::string Quote(const json& v) { return v.is_string() ? "'" + Excerpt(v.get_ref<const std::string&>()) + "'" : Excerpt(v.dump()); }

// Typed reads of optional fields: absent (or null, where allowed) leaves *out
// alone; a value of the wrong type or out of range is a problem at its path,
// never an exception.
// Why `date` cannot be a record's date ("" when it can): a real day in the
// form YYYY-MM-DD, no later than `latest` (`too_late` words that case).
std::string DateProblem(const std::string& date, const std::string& latest, const char* too_late) {
  if (!IsValidDate(date)) return "'" + Excerpt(date) + "' is not a date in the form YYYY-MM-DD";
  if (date <= latest) return "";
  if (too_late) return "'" + date + "' " + too_late + " (the latest day is " + latest + ")";
  return "'" + date + "' is in the future: it has not begun anywhere on Earth yet (the latest day is " + latest + ")";
}

class Fields {
 public:
  Fields(const json& j, const std::string& path, Problems* p) : j_(j), path_(path), p_(p) {}

  const json* Find(std::string_view key) const {
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
    else if (v->is_number_integer() && !v->is_number_unsigned() && (v->get<int64_t>() == 0 || v->get<int64_t>() == 1))
      *out = v->get<int64_t>() == 1;
    else Problem(name, "must be true or false, not " + Quote(*v));
  }
  // An integer in int64's range (the reader hands larger ones over as unsigned).
  void Int(const char* key, std::optional<int64_t>* out) {
    const json* v = Find(key);
    if (!v || v->is_null()) return;
    if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
      return Problem(key, "must be an integer from -9223372036854775808 to 9223372036854775807, not " + Quote(*v));
    if (!v->is_number_integer()) return Problem(key, "must be an integer, not " + Quote(*v));
    *out = v->get<int64_t>();
  }
  void Time(const char* key, std::string* out) {
    Str(key, out);
    if (!out->empty() && !IsIsoTime(*out)) Problem(key, TimeProblem(*out));
  }
  void OptTime(const char* key, std::optional<std::string>* out) {
    OptStr(key, out);
    if (*out && !IsIsoTime(**out)) Problem(key, TimeProblem(**out));
  }
  // A required 'YYYY-MM-DD' that some time zone has reached: not after `latest`.
  // `too_late`, when given, replaces the "in the future" message.
  void Date(const char* key, std::string* out, const std::string& latest, const char* too_late = nullptr) {
    Str(key, out, /*required=*/true);
    if (out->empty()) return;
    if (std::string m = DateProblem(*out, latest, too_late); !m.empty()) Problem(key, m);
  }
  // A name or title: stored trimmed and in NFC (NormalizeName's rules).
  void Name(const char* key, std::string* out, const char* what, size_t max_len) {
    const json* v = Find(key);
    if (!v || v->is_null()) return Problem(key, "is required");
    if (!v->is_string()) return Problem(key, "must be a string, not " + std::string(v->type_name()));
    Result<std::string> r = NormalizeName(what, v->get_ref<const std::string&>(), max_len);
    if (!r.ok()) {
      out->clear();
      return Problem(key, r.status().message());
    }
    *out = std::move(r).value();
  }

  // A value read by one of the habit rules' readers (habit_rules.h), which
  // name the field after `what`: with `what` "schedule", the message
  // "schedule.times must be 1 to 7 ..." becomes the problem
  // "<path>.schedule.times: must be 1 to 7 ...". `what_is_field` false: `what`
  // names the record ("task.schedule.times ..." -> "<path>.schedule.times").
  void Rule(const std::string& what, const Status& s, bool what_is_field = true) {
    if (s.ok()) return;
    const std::string& m = s.message();
    const size_t space = m.find(' ');
    const size_t n = what.size();
    if (m.compare(0, n, what) != 0 || space == std::string::npos || space < n || (m[n] != ' ' && m[n] != '.') ||
        (!what_is_field && m[n] != '.')) {
      p_->push_back({path_ + (what_is_field ? "." + what : std::string()), m});
      ok = false;
      return;
    }
    const std::string field = what_is_field ? m.substr(0, space) : m.substr(n + 1, space - n - 1);
    p_->push_back({path_ + "." + field, m.substr(space + 1)});
    ok = false;
  }

  bool ok = true;

 private:
  static std::string TimeProblem(const std::string& t) {
    return "'" + Excerpt(t) + "' is not an ISO-8601 time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, optionally with Z or an offset)";
  }
  const json& j_;
  const std::string& path_;
  Problems* p_;
};

bool RequireObject(const json& j, const std::string& path, const char* what, Problems* p) {
  if (j.is_object()) return true;
  p->push_back({path, std::string(what) + " must be a JSON object, not " + j.type_name()});
  return false;
}

// Sizes and first bytes compared before the rest (no strlen): the reader
// asks this for every key of every record.
template <size_t N>
bool OneOf(std::string_view key, const std::string_view (&names)[N]) {
  for (const std::string_view& n : names)
    if (key.size() == n.size() && key[0] == n[0] && key == n) return true;
  return false;
}

constexpr std::string_view kHeaderFields[] = {"version", "format", "app_version", "instance_id", "exported_at",
                                              "export_date", "scope", "counts", "settings"};
constexpr std::string_view kCountsFields[] = {"profiles", "tasks", "task_checks", "daily_status", "days_off"};
constexpr std::string_view kProfileFields[] = {"name", "color", "created_at", "updated_at"};
constexpr std::string_view kTaskFields[] = {"id", "title", "description", "required", "is_required", "active",
                                            "is_active", "fitbit_auto_check", "sort_order", "created_at",
                                            "updated_at", "schedule", "measure", "uuid"};
constexpr std::string_view kCheckFields[] = {"task_id", "task_title", "date", "checked", "checked_at", "skipped",
                                             "amount", "note"};
constexpr std::string_view kStatusFields[] = {"date", "completed_at"};
constexpr std::string_view kDayOffFields[] = {"date", "note"};

}  // namespace

bool IsKnownField(Shape shape, std::string_view key) {
  switch (shape) {
    case Shape::kHeader: return OneOf(key, kHeaderFields);
    case Shape::kCounts: return OneOf(key, kCountsFields);
    case Shape::kProfile: return OneOf(key, kProfileFields);
    case Shape::kTask: return OneOf(key, kTaskFields);
    case Shape::kCheck: return OneOf(key, kCheckFields);
    case Shape::kStatus: return OneOf(key, kStatusFields);
    case Shape::kDayOff: return OneOf(key, kDayOffFields);
  }
  return false;
}

std::string LatestDateAnywhere(int64_t unix_seconds) {
  const int64_t s = unix_seconds + 14 * 3600;  // UTC+14, the earliest calendar on Earth
  return FormatDate(s >= 0 ? s / 86400 : (s - 86399) / 86400);
}

bool ParseProfile(const json& j, const std::string& path, ProfileRecord* out, Problems* p) {
  if (!RequireObject(j, path, "a profile", p)) return false;
  Fields f(j, path, p);
  f.Name("name", &out->name, "profile name", kMaxProfileNameLength);
  f.Str("color", &out->color);
  if (!CheckColor(out->color).ok()) f.Problem("color", "'" + Excerpt(out->color) + "' is not a colour in the form #rrggbb");
  f.Time("created_at", &out->created_at);
  f.Time("updated_at", &out->updated_at);
  return f.ok;
}

bool ParseTask(const json& j, const std::string& path, TaskRecord* out, Problems* p) {
  if (!RequireObject(j, path, "a task", p)) return false;
  Fields f(j, path, p);
  f.Int("id", &out->id);
  if (const json* v = f.Find("uuid"); v && !v->is_null()) {
    std::string uuid = v->is_string() ? NormalizeTaskUuid(v->get_ref<const std::string&>()) : "";
    if (!uuid.empty()) out->uuid = std::move(uuid);
    else if (v->is_string()) f.Problem("uuid", Quote(*v) + " is not a task uuid: 32 hex characters (0-9, a-f)");
    else f.Problem("uuid", "must be a string of 32 hex characters, not " + std::string(v->type_name()));
  }
  f.Name("title", &out->title, "task title", kMaxTaskTitleLength);
  f.Str("description", &out->description);
  if (Utf8Length(out->description) > kMaxDescriptionLength)
    f.Problem("description", "is longer than " + std::to_string(kMaxDescriptionLength) + " characters");
  f.Bool("required", "is_required", &out->required);
  f.Bool("active", "is_active", &out->active);
  f.Bool("fitbit_auto_check", nullptr, &out->fitbit_auto_check);
  f.Int("sort_order", &out->sort_order);
  f.Time("created_at", &out->created_at);
  f.Time("updated_at", &out->updated_at);
  if (const json* v = f.Find("schedule")) {
    Result<Schedule> r = ReadSchedule(*v, "schedule");
    if (r.ok()) out->schedule = r.value();
    else f.Rule("schedule", r.status());
  }
  if (const json* v = f.Find("measure"); v && !v->is_null()) {
    Result<Measure> r = ReadMeasure(*v, "measure");
    if (r.ok()) out->measure = r.value();
    else f.Rule("measure", r.status());
  }
  if (f.ok) f.Rule("task", CheckHabit(out->schedule, out->measure, "task"), /*what_is_field=*/false);
  return f.ok;
}

// A note (checks and days off): optional, a string, the API's rules.
void ReadNote(Fields& f, std::string* out) {
  const json* v = f.Find("note");
  if (!v || v->is_null()) return;
  if (!v->is_string()) return f.Problem("note", "must be a string, not " + std::string(v->type_name()));
  Result<std::string> r = NormalizeNote("note", v->get_ref<const std::string&>());
  if (r.ok()) *out = std::move(r).value();
  else f.Rule("note", r.status());
}

// Why a check's done and skipped cannot stand together (nullptr when they can).
const char* EntryConflict(const CheckRecord& c) {
  if (c.checked && c.skipped) return "cannot be true when checked is true: an entry is done or skipped";
  if (c.skipped && c.amount) return "cannot be true for an entry with an amount";
  return nullptr;
}

bool ParseCheck(const json& j, const std::string& path, const std::string& latest_date, CheckRecord* out,
                Problems* p) {
  if (!RequireObject(j, path, "a task check", p)) return false;
  Fields f(j, path, p);
  f.Int("task_id", &out->task_id);
  f.OptStr("task_title", &out->task_title);
  if (out->task_title) *out->task_title = NormalizeReference(*out->task_title);  // as titles are stored
  if (f.ok && !out->task_id && !out->task_title) f.Problem("task_title", "is required (or task_id)");
  f.Date("date", &out->date, latest_date);
  f.Bool("skipped", nullptr, &out->skipped);
  out->checked = !out->skipped;  // the default
  f.Bool("checked", nullptr, &out->checked);
  f.OptTime("checked_at", &out->checked_at);
  if (const json* v = f.Find("amount"); v && !v->is_null()) {
    Result<double> r = ReadAmount(*v, "amount");
    if (r.ok()) out->amount = r.value();
    else f.Rule("amount", r.status());
  }
  ReadNote(f, &out->note);
  if (const char* m = EntryConflict(*out)) f.Problem("skipped", m);
  return f.ok;
}

bool CheckTypedCheck(CheckRecord* c, const std::string& path, const std::string& latest_date, Problems* p) {
  static const json kNoFields = json::object();
  Fields f(kNoFields, path, p);  // for its problem wording only: the values are c's
  if (!c->task_id && !c->task_title) f.Problem("task_title", "is required (or task_id)");
  if (std::string m = DateProblem(c->date, latest_date, nullptr); !m.empty()) f.Problem("date", m);
  if (c->amount) f.Rule("amount", CheckAmountValue(*c->amount, "amount"));
  if (!c->note.empty()) {
    Result<std::string> r = NormalizeNote("note", c->note);
    if (r.ok()) c->note = std::move(r).value();
    else f.Rule("note", r.status());
  }
  if (const char* m = EntryConflict(*c)) f.Problem("skipped", m);
  return f.ok;
}

bool ParseStatus(const json& j, const std::string& path, const std::string& latest_date, StatusRecord* out,
                 Problems* p) {
  if (!RequireObject(j, path, "a daily status", p)) return false;
  Fields f(j, path, p);
  f.Date("date", &out->date, latest_date);
  f.OptTime("completed_at", &out->completed_at);
  return f.ok;
}

bool ParseDayOff(const json& j, const std::string& path, const std::string& latest_date, DayOffRecord* out,
                 Problems* p) {
  if (!RequireObject(j, path, "a day off", p)) return false;
  Fields f(j, path, p);
  const std::string latest = FormatDate(ParseDate(latest_date).value() + kMaxDaysOffAhead);
  f.Date("date", &out->date, latest, "is too far ahead: a day off may be marked up to 366 days ahead");
  ReadNote(f, &out->note);
  return f.ok;
}

Status CheckFormatVersion(const json& v) {
  if (!v.is_string())
    return Status(Code::kInvalidBackup, std::string("must be a string like \"1.1\", not ") +
                                            (v.is_number() ? "a number" : std::string("a value of type ") + v.type_name()));
  const std::string& text = v.get_ref<const std::string&>();
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 6 || (digits < text.size() && text[digits] != '.'))
    return Status(Code::kUnsupportedVersion, "version '" + Excerpt(text) + "' is not a Streakbox backup version");
  int major = std::stoi(text.substr(0, digits));
  if (major > kBackupFormatMajor)
    return Status(Code::kUnsupportedVersion,
                  "this backup comes from a newer Streakbox (format " + Excerpt(text) +
                      "); update Streakbox to read it");
  if (major < 1) return Status(Code::kUnsupportedVersion, "version '" + Excerpt(text) + "' is not supported");
  return Status::Ok();
}

}  // namespace streakbox
