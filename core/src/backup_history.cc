#include "streakbox/backup_history.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

constexpr const char* kColumns =
    "id, kind, format, status, created_at, finished_at, frequency, location, filename, size, sha256, "
    "encrypted, counts, error";

BackupState ParseState(const std::string& s) {
  return s == "ok" ? BackupState::kOk : s == "failed" ? BackupState::kFailed : BackupState::kRunning;
}

HistoryEntry Row(const Statement& st) {
  HistoryEntry e;
  e.id = st.Int(0);
  e.kind = ParseKind(st.Text(1)).value_or(BackupKind::kManual);
  e.format = st.Text(2);
  e.state = ParseState(st.Text(3));
  e.created_at = st.Int(4);
  if (!st.IsNull(5)) e.finished_at = st.Int(5);
  e.frequency = st.Text(6);
  e.location = st.Text(7);
  e.filename = st.Text(8);
  if (!st.IsNull(9)) e.size = st.Int(9);
  e.sha256 = st.Text(10);
  e.encrypted = st.Int(11) != 0;
  e.counts = st.IsNull(12) ? json(nullptr) : json::parse(st.Text(12), nullptr, false);
  if (e.counts.is_discarded()) e.counts = nullptr;
  e.error = st.Text(13);
  return e;
}

Statement& BindText(Statement& st, int i, const std::string& v) {
  return v.empty() ? st.BindNull(i) : st.Bind(i, v);
}

}  // namespace

std::optional<BackupKind> ParseKind(const std::string& s) {
  if (s == "manual") return BackupKind::kManual;
  if (s == "scheduled") return BackupKind::kScheduled;
  if (s == "safety") return BackupKind::kSafety;
  return std::nullopt;
}

const char* KindName(BackupKind k) {
  switch (k) {
    case BackupKind::kManual: return "manual";
    case BackupKind::kScheduled: return "scheduled";
    case BackupKind::kSafety: return "safety";
  }
  return "manual";
}

const char* StateName(BackupState s) {
  switch (s) {
    case BackupState::kOk: return "ok";
    case BackupState::kFailed: return "failed";
    case BackupState::kRunning: return "running";
  }
  return "running";
}

Result<int64_t> AddHistory(Database& db, const HistoryEntry& e) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(
      "INSERT INTO backup_history (kind, format, status, created_at, frequency, location, encrypted) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  st.Bind(1, std::string(KindName(e.kind))).Bind(2, e.format).Bind(3, std::string(StateName(e.state)));
  st.Bind(4, e.created_at);
  BindText(st, 5, e.frequency).Bind(6, e.location).Bind(7, e.encrypted ? 1 : 0);
  SB_RETURN_IF_ERROR(st.Run());
  return db.LastInsertId();
}

Status FinishHistory(Database& db, int64_t id, const HistoryEntry& e) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(
      "UPDATE backup_history SET status = ?, finished_at = ?, filename = ?, size = ?, sha256 = ?, "
      "counts = ?, error = ? WHERE id = ?"));
  st.Bind(1, std::string(StateName(e.state)));
  if (e.finished_at) st.Bind(2, *e.finished_at); else st.BindNull(2);
  BindText(st, 3, e.filename);
  if (e.size) st.Bind(4, *e.size); else st.BindNull(4);
  BindText(st, 5, e.sha256);
  if (e.counts.is_object()) st.Bind(6, e.counts.dump()); else st.BindNull(6);
  BindText(st, 7, e.error).Bind(8, id);
  SB_RETURN_IF_ERROR(st.Run());
  if (db.Changes() == 0) return Status::NotFound("no backup with id " + std::to_string(id));
  return Status::Ok();
}

Result<HistoryEntry> GetHistory(Database& db, int64_t id) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(std::string("SELECT ") + kColumns + " FROM backup_history WHERE id = ?"));
  st.Bind(1, id);
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("no backup with id " + std::to_string(id));
  return Row(st);
}

Result<std::vector<HistoryEntry>> ListHistory(Database& db) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(std::string("SELECT ") + kColumns +
                                               " FROM backup_history ORDER BY created_at DESC, id DESC"));
  std::vector<HistoryEntry> out;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(Row(st));
  }
  return out;
}

Status RemoveHistory(Database& db, int64_t id) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare("DELETE FROM backup_history WHERE id = ?"));
  st.Bind(1, id);
  SB_RETURN_IF_ERROR(st.Run());
  if (db.Changes() == 0) return Status::NotFound("no backup with id " + std::to_string(id));
  return Status::Ok();
}

Result<int64_t> FailInterruptedRuns(Database& db, int64_t now) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(
      "UPDATE backup_history SET status = 'failed', finished_at = ?, "
      "error = 'interrupted: Streakbox was closed before the backup finished' WHERE status = 'running'"));
  st.Bind(1, now);
  SB_RETURN_IF_ERROR(st.Run());
  return static_cast<int64_t>(db.Changes());
}

Result<ScheduleState> LoadScheduleState(Database& db) {
  ScheduleState s;
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(
      "SELECT created_at, status, error FROM backup_history WHERE kind = 'scheduled' "
      "ORDER BY created_at DESC, id DESC"));
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    if (!s.last_attempt) {
      s.last_attempt = st.Int(0);
      if (st.Text(1) == "failed") s.last_error = st.Text(2);
    }
    if (st.Text(1) == "ok") {
      s.last_success = st.Int(0);
      break;
    }
  }
  return s;
}

json ToJson(const HistoryEntry& e) {
  auto opt = [](const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); };
  auto str = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
  return {{"id", e.id}, {"kind", KindName(e.kind)}, {"format", e.format}, {"status", StateName(e.state)},
          {"created_at", e.created_at}, {"finished_at", opt(e.finished_at)}, {"frequency", str(e.frequency)},
          {"location", e.location}, {"filename", str(e.filename)}, {"size", opt(e.size)},
          {"sha256", str(e.sha256)}, {"encrypted", e.encrypted}, {"counts", e.counts}, {"error", str(e.error)}};
}

}  // namespace streakbox
