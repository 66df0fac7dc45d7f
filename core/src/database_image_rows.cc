// The rows of a database file: their cells and references (CheckImageCells),
// and the rows behind the JSON importer's problems (NameImageRows); see
// database_image_internal.h.
#include <optional>
#include <vector>

#include "database_image_internal.h"
#include "streakbox/habit_rules.h"
#include "validate.h"

namespace streakbox {
namespace {

std::string Quoted(const std::string& identifier) { return "\"" + identifier + "\""; }

// "tasks row id 8", "task_checks row task_id 8, date '2026-03-08'": the
// first keys.size() columns of `st`, which hold quote() of the key columns.
std::string RowLabel(const std::string& table, const std::vector<std::string>& keys, const Statement& st) {
  std::string out = table + " row";
  for (size_t i = 0; i < keys.size(); ++i)
    out += (i ? ", " : " ") + keys[i] + " " + CellExcerpt(st.Text(static_cast<int>(i)));
  return out;
}

const char* ClassName(const std::string& storage_class) {
  if (storage_class == "integer") return "an integer";
  if (storage_class == "real") return "a real number";
  if (storage_class == "text") return "text";
  if (storage_class == "blob") return "a blob";
  return "null";
}

struct TableShape {
  std::vector<std::string> keys;  // primary-key columns, in key order
  struct Column {
    std::string name, type;
    bool not_null;
  };
  std::vector<Column> columns;
  struct Reference {
    std::string parent, from, to;
  };
  std::vector<Reference> references;
};

Result<TableShape> Shape(Database& ref, const std::string& table) {
  TableShape s;
  SB_ASSIGN_OR_RETURN(Statement cols, ref.Prepare(
      "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY pk = 0, pk, cid"));
  cols.Bind(1, table);
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, cols.Step());
    if (!row) break;
    if (cols.Int(3) > 0) s.keys.push_back(cols.Text(0));
    s.columns.push_back({cols.Text(0), cols.Text(1), cols.Int(2) != 0});
  }
  SB_ASSIGN_OR_RETURN(Statement fks, ref.Prepare("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?)"));
  fks.Bind(1, table);
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, fks.Step());
    if (!row) break;
    s.references.push_back({fks.Text(0), fks.Text(1), fks.Text(2)});
  }
  return s;
}

std::string KeyList(const TableShape& s) {
  std::string out;
  for (const auto& k : s.keys) out += "quote(" + Quoted(k) + "), ";
  return out;
}

Status Refuse(const std::string& what) { return Status(Code::kInvalidBackup, what + "; it was not restored"); }

Status CheckTable(Database& img, Database& ref, const std::string& table) {
  SB_ASSIGN_OR_RETURN(TableShape s, Shape(ref, table));
  const int nkeys = static_cast<int>(s.keys.size());
  for (const auto& c : s.columns) {
    // A REAL column (an amount, a target) holds numbers: SQLite may keep a whole one as an integer.
    const bool real = c.type == "REAL";
    const std::string want = c.type == "INTEGER" ? "'integer'" : real ? "'real', 'integer'" : "'text'";
    SB_ASSIGN_OR_RETURN(Statement st, img.Prepare(
        "SELECT " + KeyList(s) + "typeof(" + Quoted(c.name) + ") FROM " + Quoted(table) + " WHERE typeof(" +
        Quoted(c.name) + ") NOT IN (" + want + (c.not_null ? "" : ", 'null'") + ") LIMIT 1"));
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row)
      return Refuse(RowLabel(table, s.keys, st) + ": " + c.name + " holds " + ClassName(st.Text(nkeys)) +
                    " where Streakbox stores " + (c.type == "INTEGER" ? "an integer" : real ? "a number" : "text"));
  }
  for (const auto& r : s.references) {
    SB_ASSIGN_OR_RETURN(Statement st, img.Prepare(
        "SELECT " + KeyList(s) + Quoted(r.from) + " FROM " + Quoted(table) + " WHERE " + Quoted(r.from) +
        " IS NOT NULL AND " + Quoted(r.from) + " NOT IN (SELECT " + Quoted(r.to) + " FROM " + Quoted(r.parent) +
        ") LIMIT 1"));
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row)
      return Refuse(RowLabel(table, s.keys, st) + ": " + r.from + " " + CellExcerpt(st.Text(nkeys)) + " names no " +
                    r.parent + " row");
  }
  return Status::Ok();
}

// --- JSON paths back to rows -------------------------------------------------

// Reads "[<n>]" at `at` of `path`; advances `at`.
bool Index(const std::string& path, size_t* at, int64_t* n) {
  if (*at >= path.size() || path[*at] != '[') return false;
  size_t end = path.find(']', *at);
  if (end == std::string::npos || end == *at + 1 || end - *at > 12) return false;
  *n = 0;
  for (size_t i = *at + 1; i < end; ++i) {
    if (path[i] < '0' || path[i] > '9') return false;
    *n = *n * 10 + (path[i] - '0');
  }
  *at = end + 1;
  return true;
}

bool Eat(const std::string& path, size_t* at, const std::string& word) {
  if (path.compare(*at, word.size(), word) != 0) return false;
  *at += word.size();
  return true;
}

// The row at `offset` of `sql` (one bound profile id, then the offset),
// labelled by its first `keys.size()` columns; empty when there is none.
Result<std::string> RowAt(Database& img, const std::string& table, const std::vector<std::string>& keys,
                          const std::string& sql, std::optional<int64_t> profile, int64_t offset) {
  SB_ASSIGN_OR_RETURN(Statement st, img.Prepare(sql));
  int i = 1;
  if (profile) st.Bind(i++, *profile);
  st.Bind(i, offset);
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? RowLabel(table, keys, st) : std::string();
}

std::string ColumnOf(const std::string& field) {
  if (field == "required") return "is_required";
  if (field == "active") return "is_active";
  if (field == "task_title") return "task_id";
  return field;
}

// "$.profiles[0].tasks[1].title" -> "tasks row id 8, column title"; empty
// when `path` names no row of the file. The queries list rows in the order
// WriteProfile in backup_export.cc writes them: profiles by name, a profile's
// tasks by sort_order then id, its checks task by task then by date, its
// completed days by date.
Result<std::string> Locate(Database& img, const std::string& path) {
  size_t at = 0;
  if (Eat(path, &at, "$.settings.")) return "settings row key '" + CellExcerpt(path.substr(at)) + "'";
  int64_t p = 0, n = 0;
  if (!Eat(path, &at, "$.profiles") || !Index(path, &at, &p)) return std::string();
  SB_ASSIGN_OR_RETURN(Statement ps, img.Prepare("SELECT id FROM profiles ORDER BY name LIMIT 1 OFFSET ?"));
  ps.Bind(1, p);
  SB_ASSIGN_OR_RETURN(bool found, ps.Step());
  if (!found) return std::string();
  const int64_t profile = ps.Int(0);
  std::string row;
  if (Eat(path, &at, ".profile") && (at == path.size() || path[at] == '.')) {
    row = "profiles row id " + std::to_string(profile);
  } else if (Eat(path, &at, ".tasks") && Index(path, &at, &n)) {
    SB_ASSIGN_OR_RETURN(row, RowAt(img, "tasks", {"id"},
        "SELECT quote(id) FROM tasks WHERE profile_id = ? ORDER BY sort_order, id LIMIT 1 OFFSET ?", profile, n));
  } else if (Eat(path, &at, ".task_checks") && Index(path, &at, &n)) {
    SB_ASSIGN_OR_RETURN(row, RowAt(img, "task_checks", {"task_id", "date"},
        "SELECT quote(c.task_id), quote(c.date) FROM tasks t JOIN task_checks c ON c.task_id = t.id WHERE t.profile_id = ? "
        "ORDER BY t.sort_order, t.id, c.date LIMIT 1 OFFSET ?", profile, n));
  } else if (Eat(path, &at, ".daily_status") && Index(path, &at, &n)) {
    SB_ASSIGN_OR_RETURN(row, RowAt(img, "daily_status", {"profile_id", "date"},
        "SELECT quote(profile_id), quote(date) FROM daily_status WHERE profile_id = ? AND completed_at IS NOT NULL "
        "ORDER BY date LIMIT 1 OFFSET ?", profile, n));
  }
  if (row.empty()) return row;
  if (at < path.size() && path[at] == '.') row += ", column " + ColumnOf(path.substr(at + 1));
  return row;
}

}  // namespace

std::string CellExcerpt(const std::string& value, size_t max) {
  std::string out;
  size_t i = 0;
  for (; i < value.size() && out.size() < max; ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    out += c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c);
  }
  while (i < value.size() && (static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) out += value[i++];  // finish a character
  if (i < value.size()) out += "\xE2\x80\xA6";  // …
  return out;
}

// Every task's schedule columns make a schedule (habit_rules.h's own rule,
// ScheduleFromColumns), and a measurable task's direction is one Streakbox
// writes. Schema 3 on.
Status CheckHabitColumns(Database& img) {
  SB_ASSIGN_OR_RETURN(Statement st, img.Prepare(
      "SELECT quote(id), schedule_type, schedule_weekdays, schedule_times, schedule_days, "
      "measure_target IS NULL, coalesce(measure_direction, '') FROM tasks"));
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    auto schedule = ScheduleFromColumns(st.Text(1), st.Int(2), st.Int(3), st.Int(4));
    if (!schedule.ok()) return Refuse(RowLabel("tasks", {"id"}, st) + ": " + schedule.status().message());
    const std::string direction = st.Text(6);
    if (st.Int(5) == 0 && direction != "at_least" && direction != "at_most")
      return Refuse(RowLabel("tasks", {"id"}, st) + ": measure_direction is '" + CellExcerpt(direction) +
                    "', not at_least or at_most");
  }
}

// Every task's uuid is in its stored form: 32 lowercase hex characters
// (NormalizeTaskUuid's rule). Its uniqueness within a profile is the
// schema's own index; the JSON import checks it again. Schema 4 on.
Status CheckTaskUuids(Database& img) {
  SB_ASSIGN_OR_RETURN(Statement st, img.Prepare("SELECT quote(id), uuid FROM tasks"));
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    const std::string uuid = st.Text(1);
    if (NormalizeTaskUuid(uuid) != uuid || uuid.empty())
      return Refuse(RowLabel("tasks", {"id"}, st) + ": uuid is '" + CellExcerpt(uuid) +
                    "', not 32 lowercase hex characters");
  }
}

Status CheckImageCells(Database& img, Database& ref) {
  for (const char* table : kImageDataTables) SB_RETURN_IF_ERROR(CheckTable(img, ref, table));
  SB_ASSIGN_OR_RETURN(Statement has, ref.Prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'days_off'"));
  SB_ASSIGN_OR_RETURN(bool row, has.Step());
  if (row && has.Int(0) > 0) {  // schema 3: the habit model
    SB_RETURN_IF_ERROR(CheckTable(img, ref, "days_off"));
    SB_RETURN_IF_ERROR(CheckHabitColumns(img));
  }
  SB_ASSIGN_OR_RETURN(Statement uuid, ref.Prepare("SELECT count(*) FROM pragma_table_info('tasks') WHERE name = 'uuid'"));
  SB_ASSIGN_OR_RETURN(bool uuid_row, uuid.Step());
  if (uuid_row && uuid.Int(0) > 0) SB_RETURN_IF_ERROR(CheckTaskUuids(img));  // schema 4: task identity
  return Status::Ok();
}

Status NameImageRows(Database& img, Status s) {
  if (s.ok() || s.details().empty()) return s;
  std::vector<ErrorDetail> named;
  bool any = false;
  for (const ErrorDetail& d : s.details()) {
    auto row = Locate(img, d.path);
    if (!row.ok()) return s;  // the budget ran out: the importer's paths are still true
    any = any || !row.value().empty();
    named.push_back({row.value().empty() ? d.path : row.value(), d.message});
  }
  if (!any) return s;
  std::string message = "this database file's rows break Streakbox's rules, so it was not restored: " +
                        named[0].path + ": " + named[0].message;
  if (named.size() > 1) message += " (and " + std::to_string(named.size() - 1) + " more in the details)";
  Status out(s.code(), message);
  return out.WithDetails(std::move(named));
}

}  // namespace streakbox
