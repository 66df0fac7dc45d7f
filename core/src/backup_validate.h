// The validating half of an import (internal; ValidateBackup is declared in
// streakbox/backup_import.h). A BackupValidator is a BackupVisitor that checks
// every record as the reader hands it over and collects every problem (up to
// kMaxReportedProblems, and at most kMaxProblemTextBytes of text, then a count
// of the rest) with its JSON path; it writes nothing. Header fields are read
// through typed checks: a wrong type is a problem at its path, never an
// exception.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "backup_records.h"
#include "streakbox/backup_import.h"
#include "streakbox/backup_reader.h"

namespace streakbox {

// Receives, in file order, each record a BackupValidator accepted, parsed,
// as long as everything read so far is valid: one parse serves both
// validation and apply. Records that a later problem makes invalid are
// already delivered; the receiver must be able to undo them (a transaction).
class ValidRecordSink {
 public:
  virtual ~ValidRecordSink() = default;
  virtual void Settings(const nlohmann::json& settings) = 0;  // an object of strings
  virtual void BeginProfile() = 0;
  virtual void Profile(const ProfileRecord& r) = 0;
  virtual void Task(const TaskRecord& r) = 0;
  virtual void Check(const CheckRecord& r) = 0;
  virtual void DailyStatus(const StatusRecord& r) = 0;
  virtual void DayOff(const DayOffRecord& r) = 0;
  virtual void EndProfile() = 0;
};

// The total text (paths and messages) of the problems one validation reports.
constexpr size_t kMaxProblemTextBytes = 32 << 10;

class BackupValidator : public BackupVisitor {
 public:
  // `now_unix`: the time that decides which dates are in the future
  // (LatestDateAnywhere).
  explicit BackupValidator(int64_t now_unix, ValidRecordSink* sink = nullptr)
      : sink_(sink), latest_date_(LatestDateAnywhere(now_unix)) {}

  void Field(const std::string& key, const nlohmann::json& value, const std::string& path) override;
  void BeginProfileList(const std::string& path) override;
  void BeginProfile(const std::string& path) override;
  void ProfileInfo(const nlohmann::json& j, const std::string& path) override;
  void Record(RecordKind kind, const nlohmann::json& j, const std::string& path) override;
  void TypedCheck(const CheckRecord& check, const std::string& path) override;
  void EndProfile() override;
  void Problem(const std::string& path, const std::string& message) override;

  // True while nothing read so far is wrong: every record handed over up to
  // now may be applied. Problems only the whole file reveals (counts, missing
  // version, references never resolved) show up in Finish().
  bool Clean() const { return problems_.empty() && overflow_ == 0 && version_.ok(); }

  // After the whole file was read: the summary, or kUnsupportedVersion, or
  // kInvalidBackup with every problem in the details.
  Result<BackupSummary> Finish();

 private:
  struct ProfileDigest {
    std::string path;
    bool has_info = false;
    bool reported_order = false;
    std::set<std::string> titles;
    std::set<std::string> measurable;  // titles of measurable tasks (an amount needs one)
    std::map<int64_t, std::string> ids;
    std::set<std::string> uuids;  // 1.3: a task's uuid is unique within its profile
  };
  struct Deferred {
    size_t profile;
    std::string path;
    CheckRecord check;
  };

  // The profile the next record belongs to; reports a record before its profile's object once.
  ProfileDigest& Current(const std::string& path);
  // A check whose values passed their rules: counted, its task resolved (or deferred), forwarded.
  void AcceptCheck(ProfileDigest& d, const CheckRecord& c, const std::string& path);
  static bool Resolves(const ProfileDigest& d, const CheckRecord& c);
  // An amount on a check of a yes/no task. REQUIRES: Resolves(d, c).
  void CheckAmount(const ProfileDigest& d, const CheckRecord& c, const std::string& path);
  void CheckCounts();
  void CheckHeaderText(const std::string& key, const nlohmann::json& value, const std::string& path);
  bool Parsed(bool ok);
  void Add(const std::string& path, const std::string& message);
  ValidRecordSink* Forward() const { return sink_ && Clean() ? sink_ : nullptr; }

  ValidRecordSink* sink_;
  std::string latest_date_;
  nlohmann::json header_ = nlohmann::json::object();
  std::string scope_;               // when the header's scope is valid
  bool has_profile_list_ = false;   // a "profiles" array, even an empty one
  Status version_;
  std::vector<ProfileDigest> digests_;
  std::vector<Deferred> deferred_;  // checks whose task had not come yet (at most kMaxTasks)
  size_t deferred_overflow_ = 0;
  std::set<std::string> names_;
  Problems problems_;
  Problems local_;  // one record's problems, before the cap
  size_t overflow_ = 0;
  size_t problem_text_ = 0;  // bytes of path and message in problems_
  BackupSummary summary_;
};

}  // namespace streakbox
