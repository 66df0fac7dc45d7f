// Validation of a backup: every record checked, every problem collected,
// nothing written (see backup_validate.h).
#include "backup_validate.h"

#include "streakbox/backup_format.h"
#include "streakbox/loop_import.h"
#include "validate.h"

namespace streakbox {

using json = nlohmann::json;

void BackupValidator::Field(const std::string& key, const json& value, const std::string& path) {
  header_[key] = value;  // the reader hands over known header fields only
  if (key == "version") {
    version_ = CheckFormatVersion(value);
    if (version_.code() == Code::kInvalidBackup) Add(path, version_.message());
  } else if (key == "settings") {
    if (!value.is_object()) return Add(path, "must be an object of text values, not " + std::string(value.type_name()));
    for (auto it = value.begin(); it != value.end(); ++it)
      if (!it->is_string()) Add(path + "." + Excerpt(it.key()), "must be a string, not " + std::string(it->type_name()));
    if (ValidRecordSink* s = Forward()) s->Settings(value);
  } else if (key == "scope") {
    if (value == "profile" || value == "all") scope_ = value.get<std::string>();
    else Add(path, "must be \"profile\" or \"all\", not " +
                       (value.is_string() ? "'" + Excerpt(value.get_ref<const std::string&>()) + "'"
                                          : std::string("a value of type ") + value.type_name()));
  } else if (key == "counts") {
    if (!value.is_object()) Add(path, "must be an object of table counts, not " + std::string(value.type_name()));
  } else {
    CheckHeaderText(key, value, path);
  }
}

// format, app_version, instance_id, exported_at / export_date: short strings;
// the times real times.
void BackupValidator::CheckHeaderText(const std::string& key, const json& value, const std::string& path) {
  if (value.is_null()) return;
  if (!value.is_string()) return Add(path, "must be a string, not " + std::string(value.type_name()));
  const std::string& text = value.get_ref<const std::string&>();
  if (key == "exported_at" || key == "export_date") {
    if (!IsIsoTime(text)) Add(path, "'" + Excerpt(text) + "' is not an ISO-8601 time");
  } else if (Utf8Length(text) > kMaxExcerptLength * 2) {
    Add(path, "is longer than " + std::to_string(kMaxExcerptLength * 2) + " characters");
  }
}

void BackupValidator::BeginProfileList(const std::string&) { has_profile_list_ = true; }

void BackupValidator::BeginProfile(const std::string& path) {
  digests_.emplace_back();
  digests_.back().path = path;
  ++summary_.profiles;
  if (ValidRecordSink* s = Forward()) s->BeginProfile();
}

void BackupValidator::ProfileInfo(const json& j, const std::string& path) {
  ProfileRecord r;
  ProfileDigest& d = digests_.back();
  d.has_info = true;
  if (!Parsed(ParseProfile(j, path, &r, &local_))) return;
  if (!names_.insert(r.name).second)
    Add(path + ".name", "another profile in this file is also named '" + Excerpt(r.name) + "'");
  summary_.profile_names.push_back(r.name);
  if (ValidRecordSink* s = Forward()) s->Profile(r);
}

BackupValidator::ProfileDigest& BackupValidator::Current(const std::string& path) {
  ProfileDigest& d = digests_.back();
  if (!d.has_info && !d.reported_order) {
    d.reported_order = true;
    Add(path, "comes before its profile's \"profile\" object, which must come first (backups are read as a stream)");
  }
  return d;
}

void BackupValidator::TypedCheck(const CheckRecord& check, const std::string& path) {
  ProfileDigest& d = Current(path);
  ++summary_.task_checks;
  CheckRecord c = check;
  if (Parsed(CheckTypedCheck(&c, path, latest_date_, &local_))) AcceptCheck(d, c, path);
}

void BackupValidator::AcceptCheck(ProfileDigest& d, const CheckRecord& c, const std::string& path) {
  summary_.skips += c.skipped;
  summary_.amounts += c.amount.has_value();
  summary_.notes += !c.note.empty();
  if (Resolves(d, c)) {
    CheckAmount(d, c, path);
  } else {
    if (deferred_.size() < static_cast<size_t>(kMaxTasks)) deferred_.push_back({digests_.size() - 1, path, c});
    else if (deferred_overflow_++ == 0)
      Add(path, "is one of more than " + std::to_string(kMaxTasks) +
                    " checks that come before their task: put each profile's tasks before its checks");
  }
  if (ValidRecordSink* s = Forward()) s->Check(c);
}

void BackupValidator::Record(RecordKind kind, const json& j, const std::string& path) {
  ProfileDigest& d = Current(path);
  switch (kind) {
    case RecordKind::kTask: {
      if (++summary_.tasks > kMaxTasks) {  // their titles are not kept
        if (summary_.tasks == kMaxTasks + 1)
          Add(path, "is one task too many: a backup holds at most " + std::to_string(kMaxTasks) + " tasks");
        return;
      }
      TaskRecord t;
      Parsed(ParseTask(j, path, &t, &local_));
      if (t.title.empty()) return;  // reported; a task with a title still counts for duplicates and references
      if (!d.titles.insert(t.title).second)
        Add(path + ".title", "another task of this profile is also titled '" + Excerpt(t.title) + "'");
      if (t.measure) d.measurable.insert(t.title);
      if (t.id && !d.ids.emplace(*t.id, t.title).second)
        Add(path + ".id", "another task of this profile also has id " + std::to_string(*t.id));
      if (t.uuid && !d.uuids.insert(*t.uuid).second)
        Add(path + ".uuid", "another task of this profile also has uuid " + *t.uuid);
      if (ValidRecordSink* s = Forward()) s->Task(t);
      break;
    }
    case RecordKind::kCheck: {
      ++summary_.task_checks;
      CheckRecord c;
      if (Parsed(ParseCheck(j, path, latest_date_, &c, &local_))) AcceptCheck(d, c, path);
      break;
    }
    case RecordKind::kStatus: {
      ++summary_.daily_status;
      StatusRecord r;
      Parsed(ParseStatus(j, path, latest_date_, &r, &local_));
      if (ValidRecordSink* s = Forward()) s->DailyStatus(r);
      break;
    }
    case RecordKind::kDayOff: {
      ++summary_.days_off;
      DayOffRecord r;
      if (!Parsed(ParseDayOff(j, path, latest_date_, &r, &local_))) return;
      if (ValidRecordSink* s = Forward()) s->DayOff(r);
      break;
    }
  }
}

void BackupValidator::EndProfile() {
  if (!digests_.back().has_info) Add(digests_.back().path + ".profile", "is required: the profile's name and colour");
  if (ValidRecordSink* s = Forward()) s->EndProfile();
}

void BackupValidator::Problem(const std::string& path, const std::string& message) { Add(path, message); }

Result<BackupSummary> BackupValidator::Finish() {
  if (!version_.ok() && version_.code() == Code::kUnsupportedVersion) return version_;
  if (!header_.contains("version")) Add("$.version", "is required (for example \"1.1\")");
  if (summary_.profiles == 0 && !has_profile_list_)
    Add("$", "holds no profiles: expected \"profiles\" (an array, empty for an instance without profiles) or \"profile\"");
  for (const Deferred& r : deferred_)
    if (Resolves(digests_[r.profile], r.check)) CheckAmount(digests_[r.profile], r.check, r.path);
    else
      Add(r.path + (r.check.task_title ? ".task_title" : ".task_id"),
          r.check.task_title ? "names no task of this profile: '" + Excerpt(*r.check.task_title) + "'"
                             : "names no task of this profile: id " + std::to_string(*r.check.task_id));
  CheckCounts();
  if (scope_ == "profile" && summary_.profiles != 1)
    Add("$.scope", "says one profile but the file holds " + std::to_string(summary_.profiles));
  if (!problems_.empty()) {
    if (overflow_ > 0) problems_.push_back({"$", "and " + std::to_string(overflow_) + " more problems"});
    std::string first = problems_[0].path + ": " + problems_[0].message;
    size_t n = problems_.size() + overflow_ - (overflow_ > 0);
    Status s(Code::kInvalidBackup, n == 1 ? "the backup is not valid: " + first
                                          : "the backup is not valid (" + std::to_string(n) + " problems), first " + first);
    return s.WithDetails(std::move(problems_));
  }
  summary_.header = header_;
  return summary_;
}

bool BackupValidator::Resolves(const ProfileDigest& d, const CheckRecord& c) {
  return c.task_title ? d.titles.count(*c.task_title) > 0 : d.ids.count(*c.task_id) > 0;
}

void BackupValidator::CheckAmount(const ProfileDigest& d, const CheckRecord& c, const std::string& path) {
  if (!c.amount) return;
  const std::string& title = c.task_title ? *c.task_title : d.ids.at(*c.task_id);
  if (!d.measurable.count(title))
    Add(path + ".amount", "is for measurable tasks; '" + Excerpt(title) + "' is a yes/no task (it has no measure)");
}

void BackupValidator::CheckCounts() {
  auto it = header_.find("counts");
  if (it == header_.end()) return;
  if (!it->is_object()) return Add("$.counts", "must be an object of table counts");
  const std::pair<const char*, int64_t> actual[] = {
      {"profiles", summary_.profiles}, {"tasks", summary_.tasks},
      {"task_checks", summary_.task_checks}, {"daily_status", summary_.daily_status},
      {"days_off", summary_.days_off}};
  for (const auto& [table, n] : actual) {
    auto c = it->find(table);
    if (c == it->end()) continue;
    if (!c->is_number_integer() || c->is_number_unsigned() || c->get<int64_t>() < 0)
      Add(std::string("$.counts.") + table, "must be a whole number from 0, not " + Excerpt(c->dump()));
    else if (c->get<int64_t>() != n)
      Add(std::string("$.counts.") + table, "says " + c->dump() + " but the file holds " + std::to_string(n) +
                                                 ": the file is incomplete or was edited");
  }
}

// Moves a record's problems into the report (capped); returns `ok`.
bool BackupValidator::Parsed(bool ok) {
  for (auto& p : local_) Add(p.path, p.message);
  local_.clear();
  return ok;
}

void BackupValidator::Add(const std::string& path, const std::string& message) {
  const size_t text = path.size() + message.size();
  if (problems_.size() < kMaxReportedProblems && problem_text_ + text <= kMaxProblemTextBytes) {
    problems_.push_back({path, message});
    problem_text_ += text;
  } else {
    ++overflow_;
  }
}

Result<BackupSummary> ValidateBackup(ByteSource& source, const Clock& clock,
                                     const std::function<void(double)>& progress) {
  BackupValidator v(clock.NowUnixSeconds());
  json loop;
  SB_RETURN_IF_ERROR(ReadAnyBackup(source, v, kLoopDefaultProfileName, progress, &loop));
  Result<BackupSummary> summary = v.Finish();
  if (loop.is_null()) return summary;
  if (!summary.ok()) return NameLoopColumns(summary.status());
  summary.value().source = std::move(loop);
  return summary;
}

Result<BackupSummary> ValidateBackup(ByteSource& source, const std::function<void(double)>& progress) {
  return ValidateBackup(source, SystemClock(), progress);
}

}  // namespace streakbox
