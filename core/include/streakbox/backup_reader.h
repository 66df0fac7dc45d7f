// BackupReader: a streaming (SAX) reader of backup JSON that hands each record
// to a visitor as soon as it is complete, so memory stays flat however large
// the file. It understands both layouts of docs/FORMAT.md:
//   - "profiles": [{profile, tasks, task_checks, daily_status, days_off}, ...]  (ours, the seed's docs, the seed app's "all")
//   - top-level profile, tasks, task_checks, daily_status                 (the seed app's single-profile export)
// and reports each record with its JSON path ("$.profiles[0].tasks[2]").
// It checks shape only (what is an object, what is an array); the meaning of
// each field is the importer's business. Work and memory are bounded whatever
// the file holds: unknown fields are skipped without being built, a record
// holds only its known fields, one level deep (a task's `schedule` and
// `measure` three: their own fields and the weekday list), at most 1 MiB of
// text, and at most 1000 profiles are read (docs/FORMAT.md, "Limits").
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "streakbox/byte_io.h"
#include "streakbox/status.h"

namespace streakbox {

enum class RecordKind { kTask, kCheck, kStatus, kDayOff };

struct CheckRecord;  // core/src/backup_records.h

class BackupVisitor {
 public:
  virtual ~BackupVisitor() = default;
  // A top-level field other than the profile data (version, counts, settings, ...).
  virtual void Field(const std::string& key, const nlohmann::json& value, const std::string& path) = 0;
  // The "profiles" array starts (`path` names it); it may hold no profile at all.
  virtual void BeginProfileList(const std::string& /*path*/) {}
  virtual void BeginProfile(const std::string& path) = 0;
  // The profile's own object ({name, color, ...}); `path` names it.
  virtual void ProfileInfo(const nlohmann::json& profile, const std::string& path) = 0;
  virtual void Record(RecordKind kind, const nlohmann::json& record, const std::string& path) = 0;
  // A check that a reader of another format (the Loop reader) built in typed
  // form: means exactly Record(kCheck) of the same fields as JSON, which is
  // what the default does; a visitor may take it without the JSON.
  virtual void TypedCheck(const CheckRecord& check, const std::string& path);
  virtual void EndProfile() = 0;
  // Something in the wrong place: a container of the wrong type, an unknown key.
  virtual void Problem(const std::string& path, const std::string& message) = 0;
};

// Reads the whole source once, calling the visitor. Returns kMalformed (with
// line and column) when the bytes are not JSON; every other problem goes to
// visitor.Problem(). `progress(bytes_read)` is called now and then when set.
Status ReadBackup(ByteSource& source, BackupVisitor& visitor,
                  const std::function<void(int64_t)>& progress = nullptr);

// Turns a 0..1 progress callback into ReadBackup's bytes-read callback for a
// source of `size` bytes. Empty when `progress` is empty or the size unknown.
std::function<void(int64_t)> ByteFraction(int64_t size, const std::function<void(double)>& progress);

}  // namespace streakbox
