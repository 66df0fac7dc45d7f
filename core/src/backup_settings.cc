#include "streakbox/backup_settings.h"

#include "streakbox/backup_retention.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

constexpr const char* kEnabled = "backup.enabled";
constexpr const char* kFrequency = "backup.frequency";
constexpr const char* kRetention = "backup.retention_count";
constexpr const char* kEncrypt = "backup.encrypt";
constexpr const char* kLocation = "local.backup.location";
constexpr const char* kEnabledAt = "local.backup.enabled_at";

bool ValidLocation(const std::string& l) { return l == "opfs" || l == "folder"; }

}  // namespace

Result<BackupSettings> LoadBackupSettings(Database& db) {
  BackupSettings s;
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(
      "SELECT key, value FROM settings WHERE key LIKE 'backup.%' OR key LIKE 'local.backup.%'"));
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    const std::string key = st.Text(0), v = st.Text(1);
    if (key == kEnabled) s.enabled = v == "true";
    else if (key == kEncrypt) s.encrypt = v == "true";
    else if (key == kFrequency && ParseFrequency(v)) s.frequency = *ParseFrequency(v);
    else if (key == kLocation && ValidLocation(v)) s.location = v;
    else if (key == kRetention || key == kEnabledAt) {
      char* end = nullptr;
      long long n = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end) continue;
      if (key == kEnabledAt) s.enabled_at = n;
      else if (n >= kMinRetention && n <= kMaxRetention) s.retention_count = static_cast<int>(n);
    }
  }
  return s;
}

Result<BackupSettings> PatchBackupSettings(const BackupSettings& current, const json& patch, int64_t now) {
  if (!patch.is_object()) return Status::InvalidArgument("the backup settings must be an object");
  BackupSettings s = current;
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string& k = it.key();
    const json& v = *it;
    if (k == "enabled" || k == "encrypt") {
      if (!v.is_boolean()) return Status::InvalidArgument(k + " must be true or false");
      (k == "enabled" ? s.enabled : s.encrypt) = v.get<bool>();
    } else if (k == "frequency") {
      auto f = v.is_string() ? ParseFrequency(v.get<std::string>()) : std::nullopt;
      if (!f) return Status::InvalidArgument("frequency must be 'daily', 'weekly' or 'monthly'");
      s.frequency = *f;
    } else if (k == "retention_count") {
      if (!v.is_number_integer() || v.get<int64_t>() < kMinRetention || v.get<int64_t>() > kMaxRetention)
        return Status::InvalidArgument("retention_count must be a whole number from 1 to 365");
      s.retention_count = static_cast<int>(v.get<int64_t>());
    } else if (k == "location") {
      if (!v.is_string() || !ValidLocation(v.get<std::string>()))
        return Status::InvalidArgument("location must be 'opfs' (Streakbox's own folder) or 'folder' (a folder you chose)");
      s.location = v.get<std::string>();
    } else {
      return Status::InvalidArgument("the backup settings have no field '" + k + "'");
    }
  }
  // Switching on, or changing when it runs, starts counting slots from now.
  if (s.enabled && (!current.enabled || s.frequency != current.frequency)) s.enabled_at = now;
  return s;
}

Status SaveBackupSettings(Database& db, const BackupSettings& s) {
  Transaction tx(db);
  SB_RETURN_IF_ERROR(tx.Begin());
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  const std::pair<const char*, std::string> rows[] = {
      {kEnabled, s.enabled ? "true" : "false"}, {kFrequency, FrequencyName(s.frequency)},
      {kRetention, std::to_string(s.retention_count)}, {kEncrypt, s.encrypt ? "true" : "false"},
      {kLocation, s.location}, {kEnabledAt, std::to_string(s.enabled_at)}};
  for (const auto& [key, value] : rows) {
    st.Reset();
    st.Bind(1, std::string(key)).Bind(2, value);
    SB_RETURN_IF_ERROR(st.Run());
  }
  return tx.Commit();
}

json ToJson(const BackupSettings& s) {
  return {{"enabled", s.enabled}, {"frequency", FrequencyName(s.frequency)},
          {"retention_count", s.retention_count}, {"encrypt", s.encrypt}, {"location", s.location}};
}

}  // namespace streakbox
