#include "streakbox/backup_export.h"

#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#include "streakbox/backup_format.h"

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
  // Appends a JSON string literal.
  Writer& Quoted(const std::string& s) {
    buf_ += Quote(s);
    return *this;
  }
  static std::string Quote(const std::string& s) {
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
      "updated_at FROM tasks WHERE profile_id = ? ORDER BY sort_order, id"));
  tasks.Bind(1, p.id);
  std::vector<std::pair<int64_t, std::string>> titles;  // id, quoted title
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, tasks.Step());
    if (!row) break;
    titles.emplace_back(tasks.Int(0), Writer::Quote(tasks.Text(1)));
    w << (titles.size() > 1 ? ",\n" : "\n") << "{\"title\":" << titles.back().second
      << ",\"description\":" << Writer::Quote(tasks.Text(2))
      << ",\"required\":" << (tasks.Int(3) ? "true" : "false") << ",\"active\":" << (tasks.Int(4) ? "true" : "false")
      << ",\"sort_order\":" << tasks.Int(5) << ",\"fitbit_auto_check\":" << (tasks.Int(6) ? "true" : "false")
      << ",\"created_at\":" << Writer::Quote(tasks.Text(7)) << ",\"updated_at\":" << Writer::Quote(tasks.Text(8)) << "}";
  }
  w << "],\n\"task_checks\":[";
  SB_ASSIGN_OR_RETURN(Statement checks, db.Prepare(
      "SELECT date, checked, checked_at FROM task_checks WHERE task_id = ? ORDER BY date"));
  bool first = true;
  for (const auto& [task_id, quoted_title] : titles) {
    checks.Bind(1, task_id);
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, checks.Step());
      if (!row) break;
      w << (first ? "\n" : ",\n") << "{\"task_title\":" << quoted_title << ",\"date\":" << Writer::Quote(checks.Text(0))
        << ",\"checked\":" << (checks.Int(1) ? "true" : "false") << ",\"checked_at\":"
        << (checks.IsNull(2) ? std::string("null") : Writer::Quote(checks.Text(2))) << "}";
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
      "SELECT count(*) FROM task_checks JOIN tasks ON tasks.id = task_checks.task_id", options.profile_id));
  SB_ASSIGN_OR_RETURN(r.daily_status, CountWhere(db,
      "SELECT count(*) FROM daily_status WHERE completed_at IS NOT NULL" +
          std::string(options.profile_id ? " AND profile_id = " + std::to_string(*options.profile_id) : ""),
      std::nullopt));

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
    << "},\n\"settings\":" << (options.profile_id ? std::string("{}") : settings.dump(-1, ' ', false, json::error_handler_t::replace))
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
