// Tracker: key/value settings.
#include "streakbox/tracker.h"

namespace streakbox {

Result<std::optional<std::string>> Tracker::GetSetting(const std::string& key) {
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("SELECT value FROM settings WHERE key = ?"));
  st.Bind(1, key);
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st.Text(0));
}

Status Tracker::SetSetting(const std::string& key, const std::string& value) {
  if (key.empty()) return Status::InvalidArgument("a setting needs a name");
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  st.Bind(1, key).Bind(2, value);
  return st.Run();
}

Status Tracker::DeleteSetting(const std::string& key) {
  SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("DELETE FROM settings WHERE key = ?"));
  st.Bind(1, key);
  return st.Run();
}

}  // namespace streakbox
