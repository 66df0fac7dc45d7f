// The tracker's methods of the call surface (docs/API.md: profiles, tasks,
// checks, days and streaks). Arguments arrive as a JSON array in the JS API's
// positional order; each handler reads them with the strict readers of
// app_args.h and returns a JSON value or a Status.
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "streakbox/app.h"
#include "streakbox/schema.h"
#include "app_args.h"

namespace streakbox {
namespace {

json ToJson(const Profile& p) {
  return {{"id", p.id}, {"name", p.name}, {"color", p.color}, {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}
json ToJson(const Task& t) {
  return {{"id", t.id}, {"profile_id", t.profile_id}, {"uuid", t.uuid}, {"title", t.title},
          {"description", t.description}, {"required", t.required}, {"active", t.active},
          {"sort_order", t.sort_order}, {"fitbit_auto_check", t.fitbit_auto_check},
          {"schedule", ScheduleJson(t.schedule)},
          {"measure", t.measure ? MeasureJson(*t.measure) : json(nullptr)},
          {"created_at", t.created_at}, {"updated_at", t.updated_at}};
}
json ToJson(const Streak& s) { return {{"current", s.current}, {"best", s.best}}; }
json ToJson(const Entry& e) {
  return {{"done", e.done}, {"skipped", e.skipped}, {"amount", e.amount ? json(*e.amount) : json(nullptr)},
          {"note", e.note}};
}
json ToJson(const std::optional<PeriodProgress>& p) {
  if (!p) return nullptr;
  return {{"start", p->start}, {"end", p->end}, {"done", p->done}, {"target", p->target}, {"met", p->met}};
}
json ToJson(const std::optional<DayOff>& d) {
  if (!d) return nullptr;
  return {{"note", d->note}};
}
const char* StateName(DayState s) {
  switch (s) {
    case DayState::kComplete: return "complete";
    case DayState::kPaused: return "paused";
    default: return "open";
  }
}

Result<TaskPatch> ReadTaskPatch(const json& o, const std::string& what) {
  Fields f(o, what);
  TaskPatch p;
  SB_RETURN_IF_ERROR(f.Str("title", &p.title));
  SB_RETURN_IF_ERROR(f.Str("description", &p.description));
  SB_RETURN_IF_ERROR(f.Bool("required", &p.required));
  SB_RETURN_IF_ERROR(f.Bool("active", &p.active));
  SB_RETURN_IF_ERROR(f.Int("sort_order", &p.sort_order));
  SB_RETURN_IF_ERROR(f.Bool("fitbit_auto_check", &p.fitbit_auto_check));
  std::optional<json> schedule, measure;
  SB_RETURN_IF_ERROR(f.Any("schedule", &schedule));
  SB_RETURN_IF_ERROR(f.Any("measure", &measure));
  SB_RETURN_IF_ERROR(f.Done());
  if (schedule) {
    SB_ASSIGN_OR_RETURN(p.schedule, ReadSchedule(*schedule, what + ".schedule"));
  }
  if (measure && measure->is_null()) p.measure = std::optional<Measure>();
  else if (measure) {
    SB_ASSIGN_OR_RETURN(p.measure, ReadMeasure(*measure, what + ".measure"));
  }
  return p;
}

// setCheck's fourth argument: true/false, or an entry patch {done, skipped, amount, note}.
Result<EntryPatch> ReadEntryPatch(const json& v) {
  EntryPatch p;
  if (v.is_boolean()) {
    p.done = v.get<bool>();
    return p;
  }
  if (!v.is_object()) return Status::InvalidArgument("entry must be true, false or an object {done, skipped, amount, note}");
  Fields f(v, "entry");
  std::optional<json> amount;
  SB_RETURN_IF_ERROR(f.Bool("done", &p.done));
  SB_RETURN_IF_ERROR(f.Bool("skipped", &p.skipped));
  SB_RETURN_IF_ERROR(f.Any("amount", &amount));
  SB_RETURN_IF_ERROR(f.Str("note", &p.note));
  SB_RETURN_IF_ERROR(f.Done());
  if (amount && amount->is_null()) p.amount = std::optional<double>();
  else if (amount) {
    SB_ASSIGN_OR_RETURN(p.amount, ReadAmount(*amount, "entry.amount"));
  }
  return p;
}

// setDayOff's third argument: true/false, or {note}.
Result<std::optional<std::string>> ReadDayOff(const json& v) {
  if (v.is_boolean()) return v.get<bool>() ? std::optional<std::string>("") : std::nullopt;
  if (!v.is_object()) return Status::InvalidArgument("off must be true, false or an object {note}");
  Fields f(v, "dayOff");
  std::optional<std::string> note;
  SB_RETURN_IF_ERROR(f.Str("note", &note));
  SB_RETURN_IF_ERROR(f.Done());
  return std::optional<std::string>(note.value_or(""));
}

Result<ProfilePatch> ReadProfilePatch(const json& o, const char* what) {
  Fields f(o, what);
  ProfilePatch p;
  SB_RETURN_IF_ERROR(f.Str("name", &p.name));
  SB_RETURN_IF_ERROR(f.Str("color", &p.color));
  SB_RETURN_IF_ERROR(f.Done());
  return p;
}

}  // namespace

std::vector<Method> TrackerMethods() {
  return {
      {"info", 0, [](App& app, const Args&, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int version, SchemaVersion(app.db()));
         SB_ASSIGN_OR_RETURN(auto instance, app.tracker().GetSetting("instance_id"));
         return json{{"schema_version", version}, {"sqlite_version", sqlite3_libversion()}, {"app_version", STREAKBOX_VERSION},
                     {"instance_id", instance.value_or("")}};
       }},
      {"integrityCheck", 0, [](App& app, const Args&, const CallIo&) -> Result<json> {
         // PRAGMA integrity_check: ["ok"] for a sound database, else the problems found.
         SB_ASSIGN_OR_RETURN(Statement st, app.db().Prepare("PRAGMA integrity_check"));
         json out = json::array();
         for (;;) {
           SB_ASSIGN_OR_RETURN(bool row, st.Step());
           if (!row) break;
           out.push_back(st.Text(0));
         }
         return out;
       }},
      {"listProfiles", 0, [](App& app, const Args&, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(auto profiles, app.tracker().ListProfiles());
         json out = json::array();
         for (const auto& p : profiles) out.push_back(ToJson(p));
         return out;
       }},
      {"getProfile", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t id, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(Profile p, app.tracker().GetProfile(id));
         return ToJson(p);
       }},
      {"createProfile", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(json o, a.Object(0, "profile"));
         SB_ASSIGN_OR_RETURN(ProfilePatch p, ReadProfilePatch(o, "profile"));
         SB_ASSIGN_OR_RETURN(int64_t id, app.tracker().CreateProfile(p.name.value_or(""),
                                                                     p.color.value_or("#3b82f6")));
         return json(id);
       }},
      {"updateProfile", 2, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t id, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(json o, a.Object(1, "patch"));
         SB_ASSIGN_OR_RETURN(ProfilePatch p, ReadProfilePatch(o, "patch"));
         SB_RETURN_IF_ERROR(app.tracker().UpdateProfile(id, p));
         return json(nullptr);
       }},
      {"deleteProfile", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t id, a.Id(0, "profileId"));
         SB_RETURN_IF_ERROR(app.tracker().DeleteProfile(id));
         return json(nullptr);
       }},
      {"listTasks", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t id, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(auto tasks, app.tracker().ListTasks(id));
         json out = json::array();
         for (const auto& t : tasks) out.push_back(ToJson(t));
         return out;
       }},
      {"createTask", 2, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t profile, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(json o, a.Object(1, "task"));
         SB_ASSIGN_OR_RETURN(TaskPatch p, ReadTaskPatch(o, "task"));
         if (p.sort_order) return Status::InvalidArgument("task.sort_order is set by reorderTasks, not createTask");
         TaskFields f;
         f.title = p.title.value_or("");
         f.description = p.description.value_or("");
         f.required = p.required.value_or(true);
         f.active = p.active.value_or(true);
         f.fitbit_auto_check = p.fitbit_auto_check.value_or(false);
         if (p.schedule) f.schedule = *p.schedule;
         if (p.measure) f.measure = *p.measure;
         SB_ASSIGN_OR_RETURN(int64_t id, app.tracker().CreateTask(profile, f));
         return json(id);
       }},
      {"updateTask", 2, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t id, a.Id(0, "taskId"));
         SB_ASSIGN_OR_RETURN(json o, a.Object(1, "patch"));
         SB_ASSIGN_OR_RETURN(TaskPatch p, ReadTaskPatch(o, "patch"));
         SB_RETURN_IF_ERROR(app.tracker().UpdateTask(id, p));
         return json(nullptr);
       }},
      {"deleteTask", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t id, a.Id(0, "taskId"));
         SB_RETURN_IF_ERROR(app.tracker().DeleteTask(id));
         return json(nullptr);
       }},
      {"reorderTasks", 2, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t profile, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(std::vector<int64_t> ids, a.IdList(1, "taskIds"));
         SB_RETURN_IF_ERROR(app.tracker().ReorderTasks(profile, ids));
         return json(nullptr);
       }},
      {"setCheck", 4, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t profile, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(int64_t task, a.Id(1, "taskId"));
         SB_ASSIGN_OR_RETURN(std::string date, a.Str(2, "date"));
         SB_ASSIGN_OR_RETURN(json entry, a.Value(3, "entry (true, false or {done, skipped, amount, note})"));
         SB_ASSIGN_OR_RETURN(EntryPatch patch, ReadEntryPatch(entry));
         SB_RETURN_IF_ERROR(app.tracker().SetEntry(profile, task, date, patch));
         return json(nullptr);
       }},
      {"setDayOff", 3, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t profile, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(std::string date, a.Str(1, "date"));
         SB_ASSIGN_OR_RETURN(json off, a.Value(2, "off (true, false or {note})"));
         SB_ASSIGN_OR_RETURN(auto note, ReadDayOff(off));
         SB_RETURN_IF_ERROR(app.tracker().SetDayOff(profile, date, note));
         return json(nullptr);
       }},
      {"getDay", 2, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t profile, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(std::string date, a.Str(1, "date"));
         SB_ASSIGN_OR_RETURN(Day d, app.tracker().GetDay(profile, date));
         json tasks = json::array();
         for (const auto& t : d.tasks)
           tasks.push_back({{"id", t.task.id}, {"title", t.task.title}, {"description", t.task.description},
                            {"required", t.task.required}, {"active", t.task.active}, {"checked", t.entry.done},
                            {"schedule", ScheduleJson(t.task.schedule)},
                            {"measure", t.task.measure ? MeasureJson(*t.task.measure) : json(nullptr)},
                            {"due", t.due}, {"entry", ToJson(t.entry)}, {"period", ToJson(t.period)}});
         return json{{"date", d.date},
                     {"completed_at", d.completed_at ? json(*d.completed_at) : json(nullptr)},
                     {"state", StateName(d.state)},
                     {"paused_by", d.paused_by.empty() ? json(nullptr) : json(d.paused_by)},
                     {"day_off", ToJson(d.day_off)},
                     {"tasks", tasks}};
       }},
      {"getStreak", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t profile, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(Streak s, app.tracker().GetStreak(profile));
         return ToJson(s);
       }},
      {"getTaskStreaks", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t profile, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(auto streaks, app.tracker().GetTaskStreaks(profile));
         json out = json::array();
         for (const auto& s : streaks) {
           json j = ToJson(s.streak);
           j["task_id"] = s.task_id;
           j["counted_in"] = s.counted_in;
           j["period"] = ToJson(s.period);
           out.push_back(j);
         }
         return out;
       }},
      {"getProgress", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t profile, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(ProgressSummary p, app.tracker().GetProgress(profile));
         auto dated = [](const StreakDates& s) {
           auto when = [](const std::string& d) { return d.empty() ? json(nullptr) : json(d); };
           return json{{"current", s.streak.current}, {"best", s.streak.best},
                       {"current_from", when(s.current.from)}, {"current_to", when(s.current.to)},
                       {"best_from", when(s.best.from)}, {"best_to", when(s.best.to)}};
         };
         auto rates = [](const std::vector<BucketRate>& buckets) {
           json out = json::array();
           for (const auto& b : buckets)
             out.push_back({{"start", FormatDate(b.start)}, {"met", b.met}, {"counted", b.counted}});
           return out;
         };
         json tasks = json::array();
         for (const auto& t : p.tasks) {
           json j = dated(t.streak);
           j["task_id"] = t.task_id;
           j["counted_in"] = t.counted_in;
           j["weeks"] = rates(t.weeks);
           j["months"] = rates(t.months);
           tasks.push_back(j);
         }
         return json{{"first_day", p.first_day.empty() ? json(nullptr) : json(p.first_day)},
                     {"streak", dated(p.streak)}, {"tasks", tasks}};
       }},
      {"getHistory", 3, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(int64_t profile, a.Id(0, "profileId"));
         SB_ASSIGN_OR_RETURN(std::string from, a.Str(1, "from"));
         SB_ASSIGN_OR_RETURN(std::string to, a.Str(2, "to"));
         SB_ASSIGN_OR_RETURN(auto days, app.tracker().GetHistory(profile, from, to));
         json out = json::array();
         for (const auto& d : days) {
           json notes = json::array();
           for (const auto& n : d.notes) notes.push_back({{"task_id", n.task_id}, {"note", n.note}});
           out.push_back({{"date", d.date}, {"checked", d.checked}, {"skipped", d.skipped},
                          {"complete", d.complete}, {"day_off", ToJson(d.day_off)}, {"notes", notes}});
         }
         return out;
       }},
  };
}


}  // namespace streakbox
