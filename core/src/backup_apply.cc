// Import: one read of the backup that validates every record and applies it
// inside one transaction, committed only when the whole file proved valid.
#include <optional>
#include <set>
#include <unordered_map>

#include "backup_entries.h"
#include "backup_net.h"
#include "backup_records.h"
#include "backup_validate.h"
#include "validate.h"
#include "streakbox/backup_format.h"
#include "streakbox/backup_import.h"
#include "streakbox/backup_reader.h"
#include "streakbox/loop_import.h"

namespace streakbox {
namespace {

using json = nlohmann::json;
using Mode = ImportOptions::Mode;

// Writes each record the validator accepted. After the first failure later
// calls do nothing; Finish() reports it.
class Applier : public ValidRecordSink {
  // A task of the profile being applied, as the day rules need it.
  struct TaskFlags {
    bool active = true, required = true;
    EntryTask task;
  };
  // One day's entries, tallied for EvaluateDayTally.
  struct Day {
    int64_t number = 0;           // the day, as ParseDate counts
    DayTally tally;
    bool anything_done = false;   // any task, active or not
    std::string last_checked_at;  // the latest among the active tasks done
  };
  using Days = std::unordered_map<std::string, Day>;  // by date

 public:
  Applier(Database& db, const Clock& clock, const ImportOptions& o, ImportReport* report)
      : db_(db), o_(o), report_(report), now_(FormatUtc(clock.NowUnixSeconds())) {}

  Status Prepare() {
    SB_ASSIGN_OR_RETURN(insert_task_, db_.Prepare(
        "INSERT INTO tasks (profile_id, title, description, is_required, is_active, sort_order, "
        "fitbit_auto_check, created_at, updated_at, schedule_type, schedule_weekdays, schedule_times, "
        "schedule_days, measure_unit, measure_target, measure_direction, uuid) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, " + std::string(kNewTaskUuidSql) + "))"));
    SB_ASSIGN_OR_RETURN(insert_check_, db_.Prepare(
        "INSERT INTO task_checks (task_id, date, checked, checked_at, skipped, amount, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    // Where no entry can be there yet (tally_written_): no conflict clause, so
    // no search for one; a file that repeats an entry fails it, and the entry
    // is then decided as stored.
    SB_ASSIGN_OR_RETURN(insert_new_check_, db_.Prepare(
        "INSERT INTO task_checks (task_id, date, checked, checked_at, skipped, amount, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    SB_ASSIGN_OR_RETURN(select_check_, db_.Prepare(
        "SELECT checked, checked_at, skipped, amount, note FROM task_checks WHERE task_id = ? AND date = ?"));
    SB_ASSIGN_OR_RETURN(update_check_, db_.Prepare(
        "UPDATE task_checks SET checked = ?, checked_at = ?, skipped = ?, amount = ?, note = ? "
        "WHERE task_id = ? AND date = ?"));
    SB_ASSIGN_OR_RETURN(insert_day_off_, db_.Prepare(
        "INSERT INTO days_off (profile_id, date, note) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
    SB_ASSIGN_OR_RETURN(insert_status_, db_.Prepare(
        "INSERT INTO daily_status (profile_id, date, completed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
    return Status::Ok();
  }

  void Settings(const json& settings) override { settings_ = settings; }

  void BeginProfile() override {
    if (o_.profile_id && !report_->profiles.empty() && status_.ok())
      status_ = Status::InvalidArgument("a backup of several profiles goes into the whole instance");
    report_->profiles.emplace_back();
    cur_ = &report_->profiles.back();
    profile_id_ = 0;
    tasks_.clear();
    file_titles_.clear();
    uuids_.clear();
    matched_.clear();
    old_titles_.clear();
    old_uuids_.clear();
    task_ids_.clear();
    flags_.clear();
    statuses_.clear();
    deferred_.clear();
    written_days_.clear();
    tally_written_ = false;
    next_sort_ = 0;
  }

  void Profile(const ProfileRecord& r) override {
    Run([&] { return OpenProfile(r); });
  }

  void Task(const TaskRecord& t) override {
    Run([&] { return AddTask(t); });
  }

  void Check(const CheckRecord& c) override {
    if (!status_.ok()) return;
    if (o_.tasks_only || !c.HasEntry()) ++cur_->task_checks.skipped;
    else if (!Resolve(c)) deferred_.push_back(c);  // its task comes later in the file
    else Run([&] { return AddCheck(c); });
  }

  void DailyStatus(const StatusRecord& s) override {
    if (o_.tasks_only || !s.completed_at) ++cur_->daily_status.skipped;
    // Applied once the profile's checks are in; one per date (the first, as
    // the insert would keep), so memory is bounded by the calendar, not the file.
    else if (!statuses_.emplace(s.date, *s.completed_at).second) ++cur_->daily_status.skipped;
  }

  void DayOff(const DayOffRecord& d) override {
    if (!status_.ok()) return;
    if (o_.tasks_only) {
      ++cur_->days_off.skipped;
      return;
    }
    Run([&] {
      insert_day_off_->Bind(1, profile_id_).Bind(2, d.date).Bind(3, d.note);
      SB_RETURN_IF_ERROR(insert_day_off_->Run());
      ++(db_.Changes() > 0 ? cur_->days_off.added : cur_->days_off.skipped);
      return Status::Ok();
    });
  }

  void EndProfile() override {
    Run([&] {
      for (const CheckRecord& c : deferred_) {
        if (!Resolve(c)) return Status::Internal("a check names a task that validation accepted but is missing");
        SB_RETURN_IF_ERROR(AddCheck(c));
      }
      SB_RETURN_IF_ERROR(FinishStatuses());
      SB_ASSIGN_OR_RETURN(cur_->net, NetDiff(db_, profile_id_));
      return Status::Ok();
    });
  }

  // After the read: profiles the backup replaces away, settings. Only a
  // backup of every profile (`whole`, IsWholeInstance) touches what the file
  // does not hold: a one-profile file replaces the profile it names, never
  // deletes the others, and brings no settings.
  Status Finish(bool whole) {
    SB_RETURN_IF_ERROR(status_);
    report_->whole_instance = whole && !o_.profile_id;
    if (report_->whole_instance && o_.mode == Mode::kReplace) SB_RETURN_IF_ERROR(DeleteOtherProfiles());
    if (report_->whole_instance && settings_.is_object()) SB_RETURN_IF_ERROR(ApplySettings());
    // The instance's own cap (createTask's), which a merge could pass.
    SB_ASSIGN_OR_RETURN(Statement count, db_.Prepare("SELECT count(*) FROM tasks"));
    SB_ASSIGN_OR_RETURN(bool row, count.Step());
    if (row && count.Int(0) > kMaxTasks)
      return Status::InvalidArgument("after this import Streakbox would hold " + std::to_string(count.Int(0)) +
                                     " tasks; it holds at most " + std::to_string(kMaxTasks));
    return Status::Ok();
  }

 private:
  template <typename F>
  void Run(F&& f) {
    if (status_.ok()) status_ = f();
  }

  Result<int64_t> Count(const std::string& sql, int64_t id) {
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(sql));
    st.Bind(1, id);
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    return row ? st.Int(0) : 0;
  }

  Result<int64_t> FindProfile(const std::string& name) {
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("SELECT id FROM profiles WHERE name = ?"));
    st.Bind(1, name);
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    return row ? st.Int(0) : 0;
  }

  // Chooses or creates the profile that receives the data, and clears it in replace mode.
  Status OpenProfile(const ProfileRecord& r) {
    int64_t id = 0;
    if (o_.profile_id) {
      id = *o_.profile_id;
      SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("SELECT name FROM profiles WHERE id = ?"));
      st.Bind(1, id);
      SB_ASSIGN_OR_RETURN(bool found, st.Step());
      if (!found) return Status::NotFound("no profile with id " + std::to_string(id));
      cur_->name = st.Text(0);  // the chosen profile keeps its own name
    } else {
      SB_ASSIGN_OR_RETURN(id, FindProfile(r.name));
      cur_->name = r.name;
    }
    touched_.insert(cur_->name);
    SB_RETURN_IF_ERROR(NetSnapshot(db_, id));
    if (id == 0) {
      SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
          "INSERT INTO profiles (name, color, created_at, updated_at) VALUES (?, ?, ?, ?)"));
      st.Bind(1, r.name).Bind(2, r.color).Bind(3, Or(r.created_at)).Bind(4, Or(r.updated_at));
      SB_RETURN_IF_ERROR(st.Run());
      profile_id_ = db_.LastInsertId();
      cur_->action = "created";
      tally_written_ = true;
    } else {
      profile_id_ = id;
      cur_->action = o_.mode == Mode::kReplace ? "replaced" : "merged";
      SB_RETURN_IF_ERROR(o_.mode == Mode::kReplace ? ClearProfile(r) : LoadTasks());
      tally_written_ = o_.mode == Mode::kReplace;  // cleared: every entry will be this import's
    }
    cur_->profile_id = profile_id_;
    return Status::Ok();
  }

  Status ClearProfile(const ProfileRecord& r) {
    SB_ASSIGN_OR_RETURN(Statement titles, db_.Prepare("SELECT title, uuid FROM tasks WHERE profile_id = ?"));
    titles.Bind(1, profile_id_);
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, titles.Step());
      if (!row) break;
      old_titles_.emplace(titles.Text(0), titles.Text(1));
      old_uuids_.emplace(titles.Text(1), titles.Text(0));
    }
    SB_ASSIGN_OR_RETURN(cur_->task_checks.deleted, Count(
        "SELECT count(*) FROM task_checks c JOIN tasks t ON t.id = c.task_id WHERE t.profile_id = ?", profile_id_));
    SB_ASSIGN_OR_RETURN(cur_->daily_status.deleted, Count("SELECT count(*) FROM daily_status WHERE profile_id = ?", profile_id_));
    SB_ASSIGN_OR_RETURN(cur_->days_off.deleted, Count("SELECT count(*) FROM days_off WHERE profile_id = ?", profile_id_));
    cur_->tasks.deleted = static_cast<int64_t>(old_titles_.size());
    SB_ASSIGN_OR_RETURN(Statement del, db_.Prepare(
        "DELETE FROM tasks WHERE profile_id = ?"));
    del.Bind(1, profile_id_);
    SB_RETURN_IF_ERROR(del.Run());
    for (const char* sql : {"DELETE FROM daily_status WHERE profile_id = ?", "DELETE FROM days_off WHERE profile_id = ?"}) {
      SB_ASSIGN_OR_RETURN(Statement ds, db_.Prepare(sql));
      ds.Bind(1, profile_id_);
      SB_RETURN_IF_ERROR(ds.Run());
    }
    if (!o_.profile_id) {  // a whole-instance restore also restores the profile's colour
      SB_ASSIGN_OR_RETURN(Statement up, db_.Prepare("UPDATE profiles SET color = ?, updated_at = ? WHERE id = ?"));
      up.Bind(1, r.color).Bind(2, Or(r.updated_at)).Bind(3, profile_id_);
      SB_RETURN_IF_ERROR(up.Run());
    }
    return Status::Ok();
  }

  Status LoadTasks() {
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
        "SELECT id, title, sort_order, is_active, is_required, schedule_type, schedule_weekdays, schedule_times, "
        "schedule_days, measure_unit, measure_target, measure_direction, uuid FROM tasks WHERE profile_id = ?"));
    st.Bind(1, profile_id_);
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      TaskFlags f{st.Int(3) == 1, st.Int(4) == 1, {}};
      SB_ASSIGN_OR_RETURN(f.task.schedule, ScheduleFromColumns(st.Text(5), st.Int(6), st.Int(7), st.Int(8)));
      if (!st.IsNull(10)) f.task.measure = Measure{st.IsNull(9) ? "" : st.Text(9), st.Double(10), st.Text(11) == "at_most"};
      tasks_[st.Text(1)] = st.Int(0);
      uuids_[st.Text(12)] = st.Int(0);
      flags_[st.Int(0)] = f;
      next_sort_ = std::max(next_sort_, st.Int(2) + 1);
    }
    return Status::Ok();
  }

  // Which task of the profile a file's task is (docs/FORMAT.md, "Import"):
  // the one with its uuid, else the one with its title, each only if no
  // earlier task of the file took it; else a new task. Merge keeps a matched
  // task as it is (its title and uuid too). Replace has deleted the profile's
  // tasks (ClearProfile) and writes each anew: it counts as `replaced` when it
  // matches an old one the same way, and takes the file's uuid, else the old
  // task's it matched by title, else a fresh one.
  Status AddTask(const TaskRecord& t) {
    std::optional<std::string> uuid = t.uuid;
    bool replaces = false;
    if (o_.mode == Mode::kMerge) {
      int64_t match = 0;
      if (auto it = t.uuid ? uuids_.find(*t.uuid) : uuids_.end(); it != uuids_.end() && !matched_.count(it->second))
        match = it->second;
      if (auto it = tasks_.find(t.title); !match && it != tasks_.end() && !matched_.count(it->second))
        match = it->second;
      if (match) {
        ++cur_->tasks.skipped;
        matched_.emplace(match, t.title);
        file_titles_[t.title] = match;
        if (t.id) task_ids_[*t.id] = match;
        return Status::Ok();
      }
      if (auto it = tasks_.find(t.title); it != tasks_.end())  // kept by a task matched by its uuid
        return Status::AlreadyExists(
            "profile '" + cur_->name + "': the file's task '" + t.title + "' is new here, but this profile's task '" +
            t.title + "' is the file's task '" + matched_[it->second] +
            "' (the same uuid; Merge keeps this profile's titles). Rename one of them and import again");
    } else if (auto it = t.uuid ? old_uuids_.find(*t.uuid) : old_uuids_.end();
               it != old_uuids_.end() && old_titles_.erase(it->second)) {
      replaces = true;
    } else if (auto old = old_titles_.find(t.title); old != old_titles_.end()) {
      replaces = true;
      if (!uuid) uuid = old->second;
      old_titles_.erase(old);
    }
    if (uuid && uuids_.count(*uuid)) uuid.reset();  // another task of the profile holds it: a fresh one
    const int64_t sort = o_.mode == Mode::kReplace && t.sort_order ? *t.sort_order : next_sort_;
    next_sort_ = std::max(next_sort_, sort) + 1;
    insert_task_->Bind(1, profile_id_).Bind(2, t.title).Bind(3, t.description);
    insert_task_->Bind(4, int64_t{t.required}).Bind(5, int64_t{t.active}).Bind(6, sort);
    insert_task_->Bind(7, int64_t{t.fitbit_auto_check}).Bind(8, Or(t.created_at)).Bind(9, Or(t.updated_at));
    insert_task_->Bind(10, std::string(ScheduleTypeName(t.schedule.type))).Bind(11, int64_t{t.schedule.weekdays});
    insert_task_->Bind(12, int64_t{t.schedule.times}).Bind(13, int64_t{t.schedule.days});
    if (t.measure) {
      insert_task_->Bind(14, t.measure->unit).BindDouble(15, t.measure->target);
      insert_task_->Bind(16, std::string(t.measure->at_most ? "at_most" : "at_least"));
    } else {
      insert_task_->BindNull(14).BindNull(15).BindNull(16);
    }
    if (uuid) insert_task_->Bind(17, *uuid);
    else insert_task_->BindNull(17);
    SB_RETURN_IF_ERROR(insert_task_->Run());
    const int64_t id = db_.LastInsertId();
    tasks_[t.title] = id;
    file_titles_[t.title] = id;
    matched_.emplace(id, t.title);
    if (uuid) uuids_[*uuid] = id;
    flags_[id] = {t.active, t.required, {t.schedule, t.measure}};
    if (t.id) task_ids_[*t.id] = id;
    if (replaces) {
      ++cur_->tasks.replaced;
      --cur_->tasks.deleted;
    } else {
      ++cur_->tasks.added;
    }
    return Status::Ok();
  }

  bool Resolve(const CheckRecord& c) {
    if (c.task_title) {
      auto it = file_titles_.find(*c.task_title);
      if (it == file_titles_.end()) return false;
      resolved_ = it->second;
      return true;
    }
    auto it = task_ids_.find(*c.task_id);
    if (it == task_ids_.end()) return false;
    resolved_ = it->second;
    return true;
  }

  // REQUIRES: Resolve(c) just returned true. A new entry is inserted; one
  // already there (Merge, or a second row of the file) takes what MergeEntry
  // gives it.
  Status AddCheck(const CheckRecord& c) {
    const TaskFlags& flags = flags_[resolved_];
    const EntryTask& task = flags.task;
    Entry in;
    in.done = c.checked;
    in.skipped = c.skipped;
    in.amount = c.amount;
    in.note = c.note;
    in = SettleEntry(in, task.schedule, task.measure);
    if (in.Empty()) {  // a measurable task's row with nothing in it
      ++cur_->task_checks.skipped;
      return Status::Ok();
    }
    Statement& insert = tally_written_ ? *insert_new_check_ : *insert_check_;
    insert.Bind(1, resolved_).Bind(2, c.date).Bind(3, int64_t{in.done});
    if (c.checked_at) insert.Bind(4, *c.checked_at);
    else insert.BindNull(4);
    insert.Bind(5, int64_t{in.skipped});
    if (in.amount) insert.BindDouble(6, *in.amount);
    else insert.BindNull(6);
    insert.Bind(7, in.note);
    Status inserted = insert.Run();
    if (inserted.ok() && db_.Changes() > 0) {
      ++cur_->task_checks.added;
      if (tally_written_) return TallyEntry(&written_days_, c.date, flags, in.done, in.skipped, c.checked_at);
      return Status::Ok();
    }
    // Not a repeated entry (a uniqueness conflict, which the select below
    // confirms): the insert's own error.
    if (!inserted.ok() && inserted.code() != Code::kAlreadyExists) return inserted;
    // An entry already there (a merge, or the file repeats it): the days are
    // tallied from the database instead, at the end of the profile.
    tally_written_ = false;
    written_days_.clear();
    select_check_->Bind(1, resolved_).Bind(2, c.date);
    SB_ASSIGN_OR_RETURN(bool row, select_check_->Step());
    if (!row) {
      select_check_->Reset();
      return inserted.ok() ? Status::Internal("an entry that the insert found is missing") : inserted;
    }
    Entry stored;
    stored.done = select_check_->Int(0) == 1;
    std::optional<std::string> checked_at;
    if (!select_check_->IsNull(1)) checked_at = select_check_->Text(1);
    stored.skipped = select_check_->Int(2) == 1;
    if (!select_check_->IsNull(3)) stored.amount = select_check_->Double(3);
    stored.note = select_check_->Text(4);
    select_check_->Reset();
    const Entry merged = MergeEntry(stored, in, task);
    if (SameEntry(merged, stored)) {
      ++cur_->task_checks.skipped;
      return Status::Ok();
    }
    if (merged.done && !stored.done) checked_at = c.checked_at;  // done now: when the file says it was
    update_check_->Bind(1, int64_t{merged.done});
    if (checked_at) update_check_->Bind(2, *checked_at);
    else update_check_->BindNull(2);
    update_check_->Bind(3, int64_t{merged.skipped});
    if (merged.amount) update_check_->BindDouble(4, *merged.amount);
    else update_check_->BindNull(4);
    update_check_->Bind(5, merged.note).Bind(6, resolved_).Bind(7, c.date);
    SB_RETURN_IF_ERROR(update_check_->Run());
    ++cur_->task_checks.replaced;
    return Status::Ok();
  }

  // Completed days, decided over the profile's entries once they are all in:
  // the file's, where a task is done that day and it is no day off (a
  // completion with nothing done is dropped), then any day that
  // EvaluateDayTally finds complete (docs/ARCHITECTURE.md). Never removes a
  // completion that was already there. The days come from the tally kept
  // while writing when this import wrote every entry the profile has, once
  // each; otherwise from one pass over the profile's entries in the database.
  Status FinishStatuses() {
    if (o_.tasks_only) {
      for (size_t i = 0; i < statuses_.size(); ++i) ++cur_->daily_status.skipped;
      return Status::Ok();
    }
    std::set<std::string> days_off;
    SB_ASSIGN_OR_RETURN(Statement off, db_.Prepare("SELECT date FROM days_off WHERE profile_id = ?"));
    off.Bind(1, profile_id_);
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, off.Step());
      if (!row) break;
      days_off.insert(off.Text(0));
    }
    // Required day-scheduled tasks due, by ISO weekday (their due days depend on it alone).
    int64_t due_by_weekday[8] = {0};
    bool has_required = false;
    for (const auto& [id, f] : flags_) {
      if (!f.active || !f.required) continue;
      has_required = true;
      for (int w = 1; w <= 7; ++w) due_by_weekday[w] += DecidesDay(f.task.schedule, true, w + 3);  // day 4, 1970-01-05, is a Monday
    }
    Days db_days;
    if (!tally_written_) SB_RETURN_IF_ERROR(TallyStoredEntries(&db_days));
    Days& days = tally_written_ ? written_days_ : db_days;
    for (const auto& [date, completed_at] : statuses_) {
      auto it = days.find(date);
      if (it == days.end() || !it->second.anything_done || days_off.count(date)) {
        ++cur_->daily_status.skipped;
        continue;
      }
      SB_RETURN_IF_ERROR(InsertStatus(date, completed_at));
      ++(db_.Changes() > 0 ? cur_->daily_status.added : cur_->daily_status.skipped);
    }
    for (auto& [date, d] : days) {
      d.tally.required_due = due_by_weekday[Weekday(d.number)];
      d.tally.has_required = has_required;
      d.tally.day_off = days_off.count(date) > 0;
      if (EvaluateDayTally(d.tally) != DayState::kComplete) continue;
      SB_RETURN_IF_ERROR(InsertStatus(date, d.last_checked_at.empty() ? date + "T00:00:00Z" : d.last_checked_at));
      cur_->daily_status.added += db_.Changes();
    }
    return Status::Ok();
  }

  // Adds one entry (of task `f`, on `date`) to its day in `days`.
  static Status TallyEntry(Days* days, const std::string& date, const TaskFlags& f, bool done, bool skipped,
                           const std::optional<std::string>& checked_at) {
    auto [it, fresh] = days->try_emplace(date);
    Day& d = it->second;
    if (fresh) {
      SB_ASSIGN_OR_RETURN(d.number, ParseDate(date));
    }
    d.anything_done = d.anything_done || done;
    if (!f.active) return Status::Ok();
    d.tally.any_done += done;
    if (done && checked_at && *checked_at > d.last_checked_at) d.last_checked_at = *checked_at;
    if (!DecidesDay(f.task.schedule, f.required, d.number)) return Status::Ok();
    d.tally.required_done += done;
    d.tally.required_skipped += skipped;
    return Status::Ok();
  }

  // Every entry of the profile's tasks in the database, tallied by day.
  Status TallyStoredEntries(Days* days) {
    SB_ASSIGN_OR_RETURN(Statement es, db_.Prepare(
        "SELECT c.task_id, c.date, c.checked, c.skipped, c.checked_at FROM task_checks c "
        "JOIN tasks t ON t.id = c.task_id WHERE t.profile_id = ?"));
    es.Bind(1, profile_id_);
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, es.Step());
      if (!row) return Status::Ok();
      std::optional<std::string> at;
      if (!es.IsNull(4)) at = es.Text(4);
      SB_RETURN_IF_ERROR(TallyEntry(days, es.Text(1), flags_[es.Int(0)], es.Int(2) == 1, es.Int(3) == 1, at));
    }
  }

  Status InsertStatus(const std::string& date, const std::string& completed_at) {
    insert_status_->Bind(1, profile_id_).Bind(2, date).Bind(3, completed_at);
    return insert_status_->Run();
  }

  Status DeleteOtherProfiles() {
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("SELECT id, name FROM profiles ORDER BY name"));
    std::vector<std::pair<int64_t, std::string>> gone;
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      if (!touched_.count(st.Text(1))) gone.emplace_back(st.Int(0), st.Text(1));
    }
    for (const auto& [id, name] : gone) {
      ProfileReport r;
      r.name = name;
      r.profile_id = id;
      r.action = "deleted";
      SB_ASSIGN_OR_RETURN(r.tasks.deleted, Count("SELECT count(*) FROM tasks WHERE profile_id = ?", id));
      SB_ASSIGN_OR_RETURN(r.task_checks.deleted, Count(
          "SELECT count(*) FROM task_checks c JOIN tasks t ON t.id = c.task_id WHERE t.profile_id = ?", id));
      SB_ASSIGN_OR_RETURN(r.daily_status.deleted, Count("SELECT count(*) FROM daily_status WHERE profile_id = ?", id));
      SB_ASSIGN_OR_RETURN(r.days_off.deleted, Count("SELECT count(*) FROM days_off WHERE profile_id = ?", id));
      SB_RETURN_IF_ERROR(NetSnapshot(db_, id));
      SB_ASSIGN_OR_RETURN(Statement del, db_.Prepare("DELETE FROM profiles WHERE id = ?"));
      del.Bind(1, id);
      SB_RETURN_IF_ERROR(del.Run());
      SB_ASSIGN_OR_RETURN(r.net, NetDiff(db_, id));
      report_->profiles.push_back(r);
    }
    return Status::Ok();
  }

  Status ApplySettings() {
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(
        o_.mode == Mode::kReplace
            ? "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            : "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING"));
    for (auto it = settings_.begin(); it != settings_.end(); ++it) {
      const std::string& key = it.key();
      if (key == "instance_id" || key.rfind(kSecretSettingPrefix, 0) == 0 ||
          key.rfind(kLocalSettingPrefix, 0) == 0 || !it->is_string())
        continue;
      if (key.rfind(kBackupSettingPrefix, 0) == 0) {  // the schedule: this database's unless asked
        report_->backup_settings = o_.take_backup_settings ? "taken" : "kept";
        if (!o_.take_backup_settings) continue;
      }
      st.Bind(1, key).Bind(2, it->get<std::string>());
      SB_RETURN_IF_ERROR(st.Run());
    }
    return Status::Ok();
  }

  std::string Or(const std::string& time) const { return time.empty() ? now_ : time; }

  Database& db_;
  const ImportOptions& o_;
  ImportReport* report_;
  std::string now_;
  Status status_;
  std::optional<Statement> insert_task_, insert_check_, insert_new_check_, select_check_, update_check_, insert_status_,
      insert_day_off_;  // set by Prepare()
  json settings_;
  std::set<std::string> touched_;  // profile names the backup wrote
  // The profile being applied:
  ProfileReport* cur_ = nullptr;
  int64_t profile_id_ = 0;
  std::unordered_map<std::string, int64_t> tasks_;        // title in this database -> id
  std::unordered_map<std::string, int64_t> file_titles_;  // title in the file -> id in this database
  std::unordered_map<std::string, int64_t> uuids_;        // uuid -> id, of the tasks in this database
  std::unordered_map<int64_t, std::string> matched_;      // ids a task of the file took -> its title in the file
  std::unordered_map<int64_t, int64_t> task_ids_;   // id in the file -> id in this database
  std::unordered_map<int64_t, TaskFlags> flags_;     // this profile's tasks, by id in this database
  // True while every entry the profile has was written by this import, once
  // (a profile created or replaced, no entry repeated): written_days_ then
  // tallies them, and FinishStatuses needs no pass over the database.
  bool tally_written_ = false;
  Days written_days_;
  // Replace: the tasks that were there before, title -> uuid (those not matched yet), and uuid -> title.
  std::unordered_map<std::string, std::string> old_titles_, old_uuids_;
  std::unordered_map<std::string, std::string> statuses_;  // the file's completed days: date -> completed_at
  std::vector<CheckRecord> deferred_;
  int64_t next_sort_ = 0;
  int64_t resolved_ = 0;
};

}  // namespace

bool IsWholeInstance(const BackupSummary& s) {
  auto scope = s.header.find("scope");
  if (scope != s.header.end() && scope->is_string()) return *scope == "all";
  return s.profiles > 1;
}

Result<ImportReport> ImportBackup(Database& db, const Clock& clock, ByteSource& source,
                                  const ImportOptions& options) {
  ImportReport report;
  report.dry_run = options.dry_run;
  report.mode = options.mode == ImportOptions::Mode::kReplace ? "replace" : "merge";

  Transaction tx(db);  // rolls back unless committed below
  SB_RETURN_IF_ERROR(tx.Begin());
  Applier applier(db, clock, options, &report);
  SB_RETURN_IF_ERROR(applier.Prepare());
  BackupValidator validator(clock.NowUnixSeconds(), &applier);
  SB_RETURN_IF_ERROR(ReadAnyBackup(source, validator, options.profile_name, options.progress, &report.source));
  Result<BackupSummary> validated = validator.Finish();
  if (!validated.ok()) return report.source.is_null() ? validated.status() : NameLoopColumns(validated.status());
  BackupSummary summary = std::move(validated).value();
  if (options.profile_id && summary.profiles != 1)
    return Status::InvalidArgument("this backup holds " + std::to_string(summary.profiles) +
                                   " profiles; import it into the whole instance, not into one profile");
  report.header = summary.header;
  const bool whole = IsWholeInstance(summary);
  SB_RETURN_IF_ERROR(applier.Finish(whole));
  if (options.verify) {  // the header's counts describe the instance only when the file is all of it
    json header = summary.header;
    if (!report.whole_instance) header.erase("counts");
    SB_RETURN_IF_ERROR(VerifyRestored(db, header));
  }
  if (options.dry_run) return report;  // the guard rolls everything back
  SB_RETURN_IF_ERROR(tx.Commit());
  return report;
}

namespace {
json CountsJson(const TableCounts& c) {
  return {{"added", c.added}, {"replaced", c.replaced}, {"skipped", c.skipped}, {"deleted", c.deleted}};
}
}  // namespace

json ToJson(const ImportReport& r) {
  json profiles = json::array();
  for (const auto& p : r.profiles)
    profiles.push_back({{"name", p.name}, {"profile_id", p.profile_id}, {"action", p.action},
                        {"tasks", CountsJson(p.tasks)}, {"task_checks", CountsJson(p.task_checks)},
                        {"daily_status", CountsJson(p.daily_status)}, {"days_off", CountsJson(p.days_off)}, {"net", p.net}});
  json out = {{"dry_run", r.dry_run}, {"mode", r.mode}, {"whole_instance", r.whole_instance},
              {"profiles", profiles}, {"header", r.header}};
  if (!r.backup_settings.empty()) out["backup_settings"] = r.backup_settings;
  if (!r.source.is_null()) out["source"] = r.source;
  return out;
}

json ToJson(const BackupSummary& s) {
  json out = {{"header", s.header}, {"profile_names", s.profile_names},
              {"counts", {{"profiles", s.profiles}, {"tasks", s.tasks}, {"task_checks", s.task_checks},
                          {"daily_status", s.daily_status}, {"days_off", s.days_off}, {"skips", s.skips},
                          {"amounts", s.amounts}, {"notes", s.notes}}}};
  json held = json::array();
  for (size_t i = 0; i < s.held.size(); ++i)
    held.push_back({{"name", i < s.profile_names.size() ? json(s.profile_names[i]) : json()},
                    {"tasks", s.held[i].tasks}, {"task_checks", s.held[i].task_checks}});
  out["profiles_held"] = std::move(held);
  if (!s.source.is_null()) out["source"] = s.source;
  return out;
}

}  // namespace streakbox
