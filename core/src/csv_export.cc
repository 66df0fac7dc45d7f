#include "streakbox/csv_export.h"

#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <vector>

#include "streakbox/backup_export.h"

namespace streakbox {
namespace {

// The byte order mark: Excel reads a CSV without one in the system's legacy
// code page (mangling every non-ASCII name); LibreOffice and Python's
// "utf-8-sig" recognise it and drop it (docs/FORMAT.md, "CSV export").
constexpr const char* kBom = "\xEF\xBB\xBF";
constexpr const char* kEntriesHeader = "date,profile,task,state,amount,unit,note";
constexpr const char* kDaysHeader = "date,profile,complete,tasks_done,tasks_due,note";

// Rows buffered and handed to the sink 256 KiB at a time.
class RowWriter {
 public:
  explicit RowWriter(ByteSink& sink) : sink_(sink) { buf_.reserve(kChunk + 4096); }
  // Appends one row: the cells joined by commas, then CRLF. Cells are already fields (CsvField...).
  Status Row(std::initializer_list<std::string> cells) {
    bool first = true;
    for (const std::string& c : cells) {
      if (!first) buf_ += ',';
      buf_ += c;
      first = false;
    }
    buf_ += "\r\n";
    return buf_.size() >= kChunk ? Flush() : Status::Ok();
  }
  void Raw(const char* s) { buf_ += s; }
  Status Flush() {
    Status s = sink_.Write(buf_);
    buf_.clear();
    return s;
  }

 private:
  static constexpr size_t kChunk = 256 << 10;
  ByteSink& sink_;
  std::string buf_;
};

struct ProfileRef {
  int64_t id;
  std::string name, field;  // field: the name as a CSV text cell
};

// Entries of one profile: its tasks in their order, each task's entries by
// date. The entries are those a JSON backup holds (kExportedEntrySql).
Status WriteEntries(Database& db, RowWriter& w, const ProfileRef& p, int64_t* rows) {
  SB_ASSIGN_OR_RETURN(Statement tasks, db.Prepare(
      "SELECT id, title, measure_target IS NOT NULL, coalesce(measure_unit, '') FROM tasks "
      "WHERE profile_id = ? ORDER BY sort_order, id"));
  tasks.Bind(1, p.id);
  SB_ASSIGN_OR_RETURN(Statement checks, db.Prepare(
      // kExportedEntrySql with the task's measurability bound (no join per row).
      "SELECT date, checked, skipped, amount, note FROM task_checks WHERE task_id = ?1 AND "
      "(checked = 1 OR skipped = 1 OR note != '' OR (amount IS NOT NULL AND ?2)) ORDER BY date"));
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, tasks.Step());
    if (!row) break;
    const bool measurable = tasks.Int(2) != 0;
    const std::string title = CsvTextField(tasks.Text(1));
    const std::string unit = measurable ? CsvTextField(tasks.Text(3)) : "";
    checks.Bind(1, tasks.Int(0)).Bind(2, int64_t{measurable});
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool entry, checks.Step());
      if (!entry) break;
      const char* state = checks.Int(1) ? "done" : checks.Int(2) ? "skipped" : "not done";
      // An amount only where the task is measurable now, as in a backup.
      const std::string amount = measurable && !checks.IsNull(3) ? CsvNumber(checks.Double(3)) : "";
      SB_RETURN_IF_ERROR(w.Row({CsvField(checks.Text(0)), p.field, title, state, amount, unit,
                                CsvTextField(checks.Text(4))}));
      ++*rows;
    }
    checks.Reset();
  }
  return Status::Ok();
}

// The words of the `complete` column for getDay's verdict.
const char* CompleteWord(const Day& d) {
  if (d.state == DayState::kComplete) return "yes";
  if (d.state == DayState::kPaused) return d.paused_by == "day_off" ? "day off" : "paused";
  return "no";
}

// Days of one profile: every date with an entry (as WriteEntries writes
// them), a completion or a day off, ascending, each judged by GetDay.
Status WriteDays(Database& db, Tracker& tracker, RowWriter& w, const ProfileRef& p, int64_t* rows) {
  SB_ASSIGN_OR_RETURN(Statement dates, db.Prepare(
      std::string("SELECT c.date FROM task_checks c JOIN tasks t ON t.id = c.task_id WHERE t.profile_id = ?1 AND ") +
      kExportedEntrySql +
      " UNION SELECT date FROM daily_status WHERE profile_id = ?1 AND completed_at IS NOT NULL"
      " UNION SELECT date FROM days_off WHERE profile_id = ?1 ORDER BY 1"));
  dates.Bind(1, p.id);
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, dates.Step());
    if (!row) break;
    const std::string date = dates.Text(0);
    SB_ASSIGN_OR_RETURN(Day day, tracker.GetDay(p.id, date));
    // Active tasks asked for that day (getDay's `due`) or done on it: so a
    // periodic task done on the day that met its period still counts, and
    // tasks_done never exceeds tasks_due.
    int64_t done = 0, due = 0;
    for (const DayTask& t : day.tasks) {
      if (!t.task.active) continue;
      done += t.entry.done;
      due += t.due || t.entry.done;
    }
    SB_RETURN_IF_ERROR(w.Row({CsvField(date), p.field, CompleteWord(day), std::to_string(done), std::to_string(due),
                              CsvTextField(day.day_off ? day.day_off->note : "")}));
    ++*rows;
  }
  return Status::Ok();
}

}  // namespace

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvTextField(const std::string& value) {
  const bool formula_like = !value.empty() && std::string("=+-@\t\r").find(value[0]) != std::string::npos;
  return CsvField(formula_like ? "'" + value : value);
}

std::string CsvNumber(double value) {
  if (!std::isfinite(value)) return "";  // never stored (amounts are checked), but never "null" or "inf" either
  // nlohmann's dump is the shortest text that reads back as the same double
  // ("6.5", "8.0", "1e-05"); make it plain decimal.
  std::string s = nlohmann::json(value).dump();
  const size_t e = s.find_first_of("eE");
  if (e != std::string::npos) {
    const int exponent = std::atoi(s.c_str() + e + 1);
    std::string digits;
    size_t point = std::string::npos;
    const bool negative = s[0] == '-';
    for (size_t i = negative ? 1 : 0; i < e; ++i) {
      if (s[i] == '.') point = digits.size();
      else digits += s[i];
    }
    if (point == std::string::npos) point = digits.size();
    const long shifted = static_cast<long>(point) + exponent;  // where the point goes in `digits`
    std::string plain;
    if (shifted <= 0) plain = "0." + std::string(static_cast<size_t>(-shifted), '0') + digits;
    else if (static_cast<size_t>(shifted) >= digits.size()) plain = digits + std::string(shifted - digits.size(), '0');
    else plain = digits.substr(0, shifted) + "." + digits.substr(shifted);
    s = (negative ? "-" : "") + plain;
  }
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

Result<CsvResult> ExportCsv(Database& db, Tracker& tracker, const Clock& clock, const CsvOptions& options,
                            ByteSink& sink) {
  // One read transaction: every row comes from the same snapshot.
  SB_RETURN_IF_ERROR(db.Exec("BEGIN"));
  struct End {
    Database& db;
    ~End() { db.Exec("COMMIT"); }
  } end{db};

  SB_ASSIGN_OR_RETURN(Statement ps, db.Prepare(std::string("SELECT id, name FROM profiles") +
                                               (options.profile_id ? " WHERE id = ?" : "") + " ORDER BY name"));
  if (options.profile_id) ps.Bind(1, *options.profile_id);
  std::vector<ProfileRef> profiles;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, ps.Step());
    if (!row) break;
    profiles.push_back({ps.Int(0), ps.Text(1), CsvTextField(ps.Text(1))});
  }
  if (options.profile_id && profiles.empty())
    return Status::NotFound("no profile with id " + std::to_string(*options.profile_id));

  const bool days = options.kind == CsvKind::kDays;
  CsvResult r;
  r.filename = ExportFileName(days ? "streakbox-days" : "streakbox-entries", clock.TodayLocal(),
                              options.profile_id ? std::optional<std::string>(profiles[0].name) : std::nullopt, ".csv");
  r.profiles = static_cast<int64_t>(profiles.size());
  RowWriter w(sink);
  w.Raw(kBom);
  w.Raw(days ? kDaysHeader : kEntriesHeader);
  w.Raw("\r\n");
  for (const ProfileRef& p : profiles) {
    SB_RETURN_IF_ERROR(days ? WriteDays(db, tracker, w, p, &r.rows) : WriteEntries(db, w, p, &r.rows));
  }
  SB_RETURN_IF_ERROR(w.Flush());
  SB_RETURN_IF_ERROR(sink.Close());
  return r;
}

}  // namespace streakbox
