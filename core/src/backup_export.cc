#include "streakbox/backup_export.h"

#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#include "streakbox/backup_format.h"
#include "streakbox/habit_rules.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

// Buffers output and hands the sink 256 KiB at a time.
class Writer {
 public:
  explicit Writer(ByteSink& sink) : sink_(sink) { buf_.reserve(kChunk + 4096); }
  Writer& operator<<(const std::string& s) {
    buf_ += s;
    return *this;
  }
  Writer& operator<<(const char* s) {
    buf_ += s;
    return *this;
  }
  Writer& operator<<(int64_t n) {
    buf_ += std::to_string(n);
    return *this;
  }
  // A number as JSON writes it: the shortest text that reads back as the same double.
  Writer& Number(double d) {
    buf_ += json(d).dump();
    return *this;
  }
  // Appends a JSON string literal.
  Writer& Quoted(const std::string& s) {
    buf_ += Quote(s);
    return *this;
  }
  // Byte-identical to nlohmann's dump; printable ASCII without '"' or '\\'
  // (every date and time, most titles) is written without a JSON round trip.
  static std::string Quote(const std::string& s) {
    bool plain = true;
    for (unsigned char c : s) plain = plain && c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    if (plain) return '"' + s + '"';
    return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
  }
  Status MaybeFlush() { return buf_.size() >= kChunk ? Flush() : Status::Ok(); }
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

struct ProfileRow {
  int64_t id;
  std::string name, color, created_at, updated_at;
};

Result<int64_t> CountWhere(Database& db, const std::string& sql, const std::optional<int64_t>& profile) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(sql + (profile ? " WHERE profile_id = ?" : "")));
  if (profile) st.Bind(1, *profile);
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

Status WriteProfile(Database& db, Writer& w, const ProfileRow& p) {
  w << "{\"profile\":{\"name\":" << Writer::Quote(p.name) << ",\"color\":" << Writer::Quote(p.color)
    << ",\"created_at\":" << Writer::Quote(p.created_at) << ",\"updated_at\":" << Writer::Quote(p.updated_at)
    << "},\n\"tasks\":[";
  SB_ASSIGN_OR_RETURN(Statement tasks, db.Prepare(
      "SELECT id, title, description, is_required, is_active, sort_order, fitbit_auto_check, created_at, "
      "updated_at, schedule_type, schedule_weekdays, schedule_times, schedule_days, measure_unit, measure_target, "
      "measure_direction, uuid FROM tasks WHERE profile_id = ? ORDER BY sort_order, id"));
  tasks.Bind(1, p.id);
  struct TaskRef {
    int64_t id;
    std::string quoted_title;
    bool measurable;
  };
  std::vector<TaskRef> titles;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, tasks.Step());
    if (!row) break;
    // The database's own rule (a file restored from elsewhere is untrusted too).
    SB_ASSIGN_OR_RETURN(Schedule schedule, ScheduleFromColumns(tasks.Text(9), tasks.Int(10), tasks.Int(11), tasks.Int(12)));
    const bool measurable = !tasks.IsNull(14);
    titles.push_back({tasks.Int(0), Writer::Quote(tasks.Text(1)), measurable});
    w << (titles.size() > 1 ? ",\n" : "\n") << "{\"title\":" << titles.back().quoted_title
      << ",\"uuid\":" << Writer::Quote(tasks.Text(16)) << ",\"description\":" << Writer::Quote(tasks.Text(2))
      << ",\"required\":" << (tasks.Int(3) ? "true" : "false") << ",\"active\":" << (tasks.Int(4) ? "true" : "false")
      << ",\"sort_order\":" << tasks.Int(5) << ",\"fitbit_auto_check\":" << (tasks.Int(6) ? "true" : "false")
      << ",\"created_at\":" << Writer::Quote(tasks.Text(7)) << ",\"updated_at\":" << Writer::Quote(tasks.Text(8))
      << ",\"schedule\":" << ScheduleJson(schedule).dump();
    if (measurable) {
      const Measure m{tasks.IsNull(13) ? "" : tasks.Text(13), tasks.Double(14), tasks.Text(15) == "at_most"};
      w << ",\"measure\":" << MeasureJson(m).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    w << "}";
  }
  w << "],\n\"task_checks\":[";
  SB_ASSIGN_OR_RETURN(Statement checks, db.Prepare(
      // kExportedEntrySql, with the task's measurability bound (no join per row).
      "SELECT date, checked, checked_at, skipped, amount, note FROM task_checks WHERE task_id = ?1 AND "
      "(checked = 1 OR skipped = 1 OR note != '' OR (amount IS NOT NULL AND ?2)) ORDER BY date"));
  bool first = true;
  for (const TaskRef& t : titles) {
    checks.Bind(1, t.id).Bind(2, int64_t{t.measurable});
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, checks.Step());
      if (!row) break;
      w << (first ? "\n" : ",\n") << "{\"task_title\":" << t.quoted_title << ",\"date\":" << Writer::Quote(checks.Text(0))
        << ",\"checked\":" << (checks.Int(1) ? "true" : "false") << ",\"checked_at\":"
        << (checks.IsNull(2) ? std::string("null") : Writer::Quote(checks.Text(2)))
        << ",\"skipped\":" << (checks.Int(3) ? "true" : "false");
      // An amount only where the task is measurable now (a task made yes/no keeps its old amounts unexported).
      if (t.measurable && !checks.IsNull(4)) {
        w << ",\"amount\":";
        w.Number(checks.Double(4));
      }
      // Most entries have no note: write it without a JSON round trip.
      const std::string note = checks.Text(5);
      if (note.empty()) w << ",\"note\":\"\"}";
      else w << ",\"note\":" << Writer::Quote(note) << "}";
      first = false;
      SB_RETURN_IF_ERROR(w.MaybeFlush());
    }
    checks.Reset();
  }
  w << "],\n\"daily_status\":[";
  SB_ASSIGN_OR_RETURN(Statement days, db.Prepare(
      "SELECT date, completed_at FROM daily_status WHERE profile_id = ? AND completed_at IS NOT NULL ORDER BY date"));
  days.Bind(1, p.id);
  first = true;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, days.Step());
    if (!row) break;
    w << (first ? "\n" : ",\n") << "{\"date\":" << Writer::Quote(days.Text(0)) << ",\"completed_at\":" << Writer::Quote(days.Text(1)) << "}";
    first = false;
    SB_RETURN_IF_ERROR(w.MaybeFlush());
  }
  w << "],\n\"days_off\":[";
  SB_ASSIGN_OR_RETURN(Statement off, db.Prepare("SELECT date, note FROM days_off WHERE profile_id = ? ORDER BY date"));
  off.Bind(1, p.id);
  first = true;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, off.Step());
    if (!row) break;
    w << (first ? "\n" : ",\n") << "{\"date\":" << Writer::Quote(off.Text(0)) << ",\"note\":" << Writer::Quote(off.Text(1)) << "}";
    first = false;
  }
  w << "]}";
  return Status::Ok();
}

}  // namespace

std::string BackupFileName(const std::string& date, const std::optional<std::string>& profile_name) {
  std::string name = "streakbox-backup-";
  if (profile_name) {
    std::string slug;
    for (unsigned char c : *profile_name) {
      bool keep = std::isalnum(c) || c >= 0x80 || c == '_';
      if (keep) slug += static_cast<char>(c);
      else if (!slug.empty() && slug.back() != '-') slug += '-';
    }
    // File systems allow names of 255 bytes: keep the whole name within
    // that, cutting the slug on a UTF-8 boundary.
    const size_t room = 255 - name.size() - 1 - date.size() - 5;  // "-", ".json"
    if (slug.size() > room) {
      size_t cut = room;
      while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0) == 0x80) --cut;
      slug.resize(cut);
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    if (!slug.empty()) name += slug + "-";
  }
  return name + date + ".json";
}

Result<ExportResult> ExportBackup(Database& db, const Clock& clock, const ExportOptions& options, ByteSink& sink) {
  // One read transaction: every row comes from the same snapshot.
  SB_RETURN_IF_ERROR(db.Exec("BEGIN"));
  struct End {
    Database& db;
    ~End() { db.Exec("COMMIT"); }
  } end{db};

  SB_ASSIGN_OR_RETURN(Statement ps, db.Prepare(
      std::string("SELECT id, name, color, created_at, updated_at FROM profiles") +
      (options.profile_id ? " WHERE id = ?" : "") + " ORDER BY name"));
  if (options.profile_id) ps.Bind(1, *options.profile_id);
  std::vector<ProfileRow> profiles;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, ps.Step());
    if (!row) break;
    profiles.push_back({ps.Int(0), ps.Text(1), ps.Text(2), ps.Text(3), ps.Text(4)});
  }
  if (options.profile_id && profiles.empty())
    return Status::NotFound("no profile with id " + std::to_string(*options.profile_id));

  ExportResult r;
  const std::string today = clock.TodayLocal();
  r.filename = BackupFileName(today, options.profile_id ? std::optional<std::string>(profiles[0].name) : std::nullopt);
  r.profiles = static_cast<int64_t>(profiles.size());
  SB_ASSIGN_OR_RETURN(r.tasks, CountWhere(db, "SELECT count(*) FROM tasks", options.profile_id));
  SB_ASSIGN_OR_RETURN(r.task_checks, CountWhere(db,
      "SELECT count(*) FROM task_checks c JOIN tasks t ON t.id = c.task_id WHERE " + std::string(kExportedEntrySql) +
          (options.profile_id ? " AND t.profile_id = " + std::to_string(*options.profile_id) : ""),
      std::nullopt));
  SB_ASSIGN_OR_RETURN(r.daily_status, CountWhere(db,
      "SELECT count(*) FROM daily_status WHERE completed_at IS NOT NULL" +
          std::string(options.profile_id ? " AND profile_id = " + std::to_string(*options.profile_id) : ""),
      std::nullopt));
  SB_ASSIGN_OR_RETURN(r.days_off, CountWhere(db, "SELECT count(*) FROM days_off", options.profile_id));

  json settings = json::object();
  std::string instance_id;
  SB_ASSIGN_OR_RETURN(Statement ss, db.Prepare("SELECT key, value FROM settings ORDER BY key"));
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, ss.Step());
    if (!row) break;
    const std::string key = ss.Text(0);
    if (key == "instance_id") instance_id = ss.Text(1);
    else if (key.rfind(kSecretSettingPrefix, 0) != 0 && key.rfind(kLocalSettingPrefix, 0) != 0) settings[key] = ss.Text(1);
  }

  Writer w(sink);
  w << "{\"format\":\"" << kBackupFormatName << "\",\"version\":\"" << kBackupFormatVersion
    << "\",\"app_version\":\"" << STREAKBOX_VERSION << "\",\"instance_id\":" << Writer::Quote(instance_id)
    << ",\"exported_at\":\"" << FormatUtc(clock.NowUnixSeconds()) << "\",\"scope\":\""
    << (options.profile_id ? "profile" : "all") << "\",\n\"counts\":{\"profiles\":" << r.profiles
    << ",\"tasks\":" << r.tasks << ",\"task_checks\":" << r.task_checks << ",\"daily_status\":" << r.daily_status
    << ",\"days_off\":" << r.days_off << "},\n\"settings\":" << (options.profile_id ? std::string("{}") : settings.dump(-1, ' ', false, json::error_handler_t::replace))
    << ",\n\"profiles\":[";
  for (size_t i = 0; i < profiles.size(); ++i) {
    if (i) w << ",\n";
    SB_RETURN_IF_ERROR(WriteProfile(db, w, profiles[i]));
  }
  w << "]}\n";
  SB_RETURN_IF_ERROR(w.Flush());
  SB_RETURN_IF_ERROR(sink.Close());
  return r;
}

}  // namespace streakbox
