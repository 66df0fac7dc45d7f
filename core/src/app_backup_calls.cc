// The backup-history methods of the call surface (docs/API.md, "Scheduled backups and
// history"): settings, the schedule decision, and the history the worker
// records its runs in. The files themselves are the caller's: the core decides
// and records, the worker writes and deletes (wasm/backup_runner.js).
#include "app_args.h"
#include "streakbox/backup_history.h"
#include "streakbox/backup_retention.h"
#include "streakbox/backup_schedule.h"
#include "streakbox/backup_settings.h"
#include "streakbox/dates.h"

namespace streakbox {
namespace {

json Time(const std::optional<int64_t>& t) { return t ? json(FormatUtc(*t)) : json(nullptr); }

json EntryJson(const HistoryEntry& e) {
  json j = ToJson(e);
  j["created_at"] = FormatUtc(e.created_at);
  j["finished_at"] = Time(e.finished_at);
  return j;
}

std::vector<RetentionDecision> Plan(const std::vector<HistoryEntry>& entries, int count) {
  std::vector<RetentionEntry> in;
  for (const auto& e : entries) in.push_back({e.id, e.kind, e.state, e.created_at});
  return PlanRetention(in, count);
}

// backupBegin's run: {kind, format?, location?, frequency?, encrypted?}.
Result<HistoryEntry> ReadRun(const json& o) {
  Fields f(o, "run");
  std::optional<std::string> kind, format, location, frequency;
  std::optional<bool> encrypted;
  SB_RETURN_IF_ERROR(f.OneOf("kind", {"manual", "scheduled", "safety"}, &kind));
  SB_RETURN_IF_ERROR(f.OneOf("format", {"json", "sqlite"}, &format));
  SB_RETURN_IF_ERROR(f.NonEmptyStr("location", &location));
  SB_RETURN_IF_ERROR(f.OneOf("frequency", {"daily", "weekly", "monthly"}, &frequency));
  SB_RETURN_IF_ERROR(f.Bool("encrypted", &encrypted));
  SB_RETURN_IF_ERROR(f.Done());
  if (!kind) return Status::InvalidArgument("run.kind must be 'manual', 'scheduled' or 'safety'");
  HistoryEntry e;
  e.kind = *ParseKind(*kind);
  e.format = format.value_or("json");
  e.location = location.value_or("opfs");
  e.frequency = frequency.value_or("");
  e.encrypted = encrypted.value_or(false);
  return e;
}

// backupFinish's outcome: {ok, filename?, size?, sha256?, counts?, error?}; a
// successful run needs its filename, size and sha256.
Result<HistoryEntry> ReadOutcome(const json& o) {
  Fields f(o, "outcome");
  std::optional<bool> ok;
  std::optional<std::string> filename, sha256, error;
  std::optional<int64_t> size;
  std::optional<json> counts;
  SB_RETURN_IF_ERROR(f.Bool("ok", &ok));
  SB_RETURN_IF_ERROR(f.NonEmptyStr("filename", &filename));
  SB_RETURN_IF_ERROR(f.Int("size", &size));
  SB_RETURN_IF_ERROR(f.NonEmptyStr("sha256", &sha256));
  SB_RETURN_IF_ERROR(f.Object("counts", &counts));
  SB_RETURN_IF_ERROR(f.Str("error", &error));
  SB_RETURN_IF_ERROR(f.Done());
  if (!ok) return Status::InvalidArgument("outcome.ok must be true or false");
  HistoryEntry e;
  e.state = *ok ? BackupState::kOk : BackupState::kFailed;
  e.filename = filename.value_or("");
  e.size = size;
  e.sha256 = sha256.value_or("");
  if (counts) e.counts = *counts;
  e.error = error.value_or("");
  if (e.state == BackupState::kOk && (e.filename.empty() || !e.size || *e.size < 0 || e.sha256.size() != 64))
    return Status::InvalidArgument("a successful backup needs its filename, size and sha256");
  return e;
}

Result<json> BackupScheduleJson(App& app) {
  SB_ASSIGN_OR_RETURN(BackupSettings s, LoadBackupSettings(app.db()));
  SB_ASSIGN_OR_RETURN(ScheduleState state, LoadScheduleState(app.db()));
  const Clock& clock = app.clock();
  ScheduleInput in;
  in.enabled = s.enabled;
  in.frequency = s.frequency;
  in.enabled_at = s.enabled_at;
  in.last_attempt = state.last_attempt;
  in.last_success = state.last_success;
  in.now = clock.NowUnixSeconds();
  ScheduleDecision d = DecideSchedule(in, [&clock](int64_t t) { return clock.UtcOffsetSeconds(t); });
  return json{{"enabled", s.enabled}, {"due", d.due}, {"slot", Time(d.slot)}, {"next_due", Time(d.next_due)},
              {"now", FormatUtc(in.now)}, {"last_attempt", Time(state.last_attempt)},
              {"last_success", Time(state.last_success)}, {"last_failed", d.last_failed},
              {"last_error", state.last_error.empty() ? json(nullptr) : json(state.last_error)}};
}

// The record of backups that left the browser (wasm/offsite.js): settings
// under "local.offsite.", which, like every local.* setting, no backup
// exports and no import or database restore adopts or replaces.
constexpr const char* kOffsitePrefix = "local.offsite.";
Result<std::string> OffsiteKey(const Args& a) {
  SB_ASSIGN_OR_RETURN(std::string key, a.Str(0, "key"));
  if (key.rfind(kOffsitePrefix, 0) != 0 || key.size() == std::string(kOffsitePrefix).size())
    return Status::InvalidArgument("only settings named local.offsite.* are reachable here");
  return key;
}

}  // namespace

std::vector<Method> BackupHistoryMethods() {
  return {
      {"backupSettings", 0, [](App& app, const Args&, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(BackupSettings s, LoadBackupSettings(app.db()));
         return ToJson(s);
       }},
      {"configureBackups", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(json patch, a.Object(0, "patch"));
         SB_ASSIGN_OR_RETURN(BackupSettings current, LoadBackupSettings(app.db()));
         SB_ASSIGN_OR_RETURN(BackupSettings next, PatchBackupSettings(current, patch, app.clock().NowUnixSeconds()));
         SB_RETURN_IF_ERROR(SaveBackupSettings(app.db(), next));
         return ToJson(next);
       }},
      {"backupSchedule", 0, [](App& app, const Args&, const CallIo&) -> Result<json> { return BackupScheduleJson(app); }},
      {"backupHistory", 0, [](App& app, const Args&, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(BackupSettings s, LoadBackupSettings(app.db()));
         SB_ASSIGN_OR_RETURN(auto entries, ListHistory(app.db()));
         auto plan = Plan(entries, s.retention_count);
         json out = json::array();
         for (size_t i = 0; i < entries.size(); ++i) {
           json j = EntryJson(entries[i]);
           j["retention"] = {{"keep", plan[i].keep}, {"reason", plan[i].reason}};
           out.push_back(j);
         }
         return out;
       }},
      {"backupGet", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t id, a.Id(0, "id"));
         SB_ASSIGN_OR_RETURN(HistoryEntry e, GetHistory(app.db(), id));
         return EntryJson(e);
       }},
      {"backupBegin", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(json o, a.Object(0, "run"));
         SB_ASSIGN_OR_RETURN(HistoryEntry e, ReadRun(o));
         e.created_at = app.clock().NowUnixSeconds();
         SB_ASSIGN_OR_RETURN(int64_t id, AddHistory(app.db(), e));
         return json(id);
       }},
      // Records the outcome. After a good scheduled run, answers the entries
      // retention removes ({id, filename, location, reason}); the caller
      // deletes their files and then calls backupRemove for each.
      {"backupFinish", 2, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t id, a.Id(0, "id"));
         SB_ASSIGN_OR_RETURN(json o, a.Object(1, "outcome"));
         SB_ASSIGN_OR_RETURN(HistoryEntry outcome, ReadOutcome(o));
         outcome.finished_at = app.clock().NowUnixSeconds();
         SB_RETURN_IF_ERROR(FinishHistory(app.db(), id, outcome));
         SB_ASSIGN_OR_RETURN(HistoryEntry done, GetHistory(app.db(), id));
         json removals = json::array();
         if (done.kind == BackupKind::kScheduled && done.state == BackupState::kOk) {
           SB_ASSIGN_OR_RETURN(BackupSettings s, LoadBackupSettings(app.db()));
           SB_ASSIGN_OR_RETURN(auto entries, ListHistory(app.db()));
           auto plan = Plan(entries, s.retention_count);
           for (size_t i = 0; i < entries.size(); ++i)
             if (!plan[i].keep)
               removals.push_back({{"id", entries[i].id}, {"filename", entries[i].filename},
                                   {"location", entries[i].location}, {"reason", plan[i].reason}});
         }
         return json{{"entry", EntryJson(done)}, {"removals", removals}};
       }},
      // Once per open, before any run: entries left "running" were cut short.
      {"backupRecover", 0, [](App& app, const Args&, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t n, FailInterruptedRuns(app.db(), app.clock().NowUnixSeconds()));
         return json(n);
       }},
      {"backupRemove", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t id, a.Id(0, "id"));
         SB_RETURN_IF_ERROR(RemoveHistory(app.db(), id));
         return json(nullptr);
       }},
      // key -> its value (a string) or null; only local.offsite.* keys.
      {"getOffsite", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(std::string key, OffsiteKey(a));
         SB_ASSIGN_OR_RETURN(std::optional<std::string> v, app.tracker().GetSetting(key));
         return v ? json(*v) : json(nullptr);
       }},
      {"setOffsite", 2, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(std::string key, OffsiteKey(a));
         SB_ASSIGN_OR_RETURN(std::string value, a.Str(1, "value"));
         SB_RETURN_IF_ERROR(app.tracker().SetSetting(key, value));
         return json(nullptr);
       }},
  };
}

}  // namespace streakbox
