#include "streakbox/backup_reader.h"

#include "json_stream.h"

#include <vector>

namespace streakbox {
namespace {

using json = nlohmann::json;

enum class Role { kRoot, kProfiles, kProfile, kRecords, kOther };
enum class Target { kField, kProfileInfo, kRecord, kDiscard };

struct Frame {
  Role role;
  bool is_array;
  std::string path;
  std::string key;   // the current key, in an object
  size_t index = 0;  // the next index, in an array
  RecordKind kind = RecordKind::kTask;
};

bool RecordArrayKey(const std::string& key, RecordKind* kind) {
  if (key == "tasks") *kind = RecordKind::kTask;
  else if (key == "task_checks") *kind = RecordKind::kCheck;
  else if (key == "daily_status") *kind = RecordKind::kStatus;
  else return false;
  return true;
}

// Walks the token stream: containers on the way to the records are walked
// through, each record (and the profile object, and top-level fields) is built
// as a json value and handed to the visitor, anything else is skipped.
class Sax : public JsonHandler {
 public:
  explicit Sax(BackupVisitor& v) : v_(v) {}

  void Null() override { Scalar(json(nullptr)); }
  void Bool(bool b) override { Scalar(json(b)); }
  void Integer(int64_t n) override { Scalar(json(n)); }
  void Unsigned(uint64_t n) override { Scalar(json(n)); }
  void Double(double n) override { Scalar(json(n)); }
  void String(std::string& s) override {
    if (skip_ == 0) Scalar(json(s));
  }
  void StartObject() override { Open(false); }
  void StartArray() override { Open(true); }
  void Key(std::string& k) override {
    if (skip_ > 0) return;
    if (!build_.empty()) build_key_ = k;
    else frames_.back().key = k;
  }
  void EndObject() override { Close(); }
  void EndArray() override { Close(); }

 private:
  // Where a value that is starting now belongs, and its path.
  struct Place {
    Target target = Target::kDiscard;
    Role push = Role::kOther;  // for containers we walk into instead of building
    bool walk = false;
    std::string path;
    std::string key;
    RecordKind kind = RecordKind::kTask;
  };

  Place Locate(bool is_container, bool is_array) {
    Place p;
    if (frames_.empty()) {
      p.path = "$";
      if (is_container && !is_array) {
        p.walk = true;
        p.push = Role::kRoot;
      } else {
        v_.Problem("$", "a backup must be a JSON object");
      }
      return p;
    }
    Frame& f = frames_.back();
    p.path = f.is_array ? f.path + "[" + std::to_string(f.index++) + "]" : f.path + "." + f.key;
    p.key = f.key;
    switch (f.role) {
      case Role::kRoot:
        if (f.key == "profiles") {
          if (is_array) p.walk = true, p.push = Role::kProfiles;
          else v_.Problem(p.path, "must be an array of profiles");
          return p;
        }
        if (f.key == "profile" || RecordArrayKey(f.key, &p.kind)) {
          if (!single_) {
            single_ = true;
            v_.BeginProfile("$");
          }
          return InProfile(p, f.key, is_array);
        }
        p.target = Target::kField;
        return p;
      case Role::kProfiles:
        if (is_container && !is_array) {
          p.walk = true;
          p.push = Role::kProfile;
          v_.BeginProfile(p.path);
        } else {
          v_.Problem(p.path, "each profile must be a JSON object");
        }
        return p;
      case Role::kProfile:
        return InProfile(p, f.key, is_array);
      case Role::kRecords:
        p.target = Target::kRecord;
        p.kind = f.kind;
        return p;
      case Role::kOther:
        return p;
    }
    return p;
  }

  Place InProfile(Place p, const std::string& key, bool is_array) {
    if (key == "profile") {
      p.target = Target::kProfileInfo;
    } else if (RecordArrayKey(key, &p.kind)) {
      if (is_array) p.walk = true, p.push = Role::kRecords;
      else v_.Problem(p.path, "must be an array");
    }
    return p;  // other keys inside a profile are ignored (forward compatibility)
  }

  void Scalar(json value) {
    if (skip_ > 0) return;
    if (!build_.empty()) {
      Add(std::move(value));
      return;
    }
    Place p = Locate(false, false);
    Deliver(p, value);
  }

  void Open(bool is_array) {
    if (skip_ > 0) {
      ++skip_;
      return;
    }
    if (!build_.empty()) {
      json* child = Add(is_array ? json::array() : json::object());
      build_.push_back(child);
      return;
    }
    Place p = Locate(true, is_array);
    if (p.walk) {
      frames_.push_back(Frame{p.push, is_array, p.path, std::string(), 0, p.kind});
    } else if (p.target == Target::kDiscard) {
      skip_ = 1;
    } else {
      root_ = is_array ? json::array() : json::object();
      build_.push_back(&root_);
      place_ = p;
    }
  }

  void Close() {
    if (skip_ > 0) {
      --skip_;
      return;
    }
    if (!build_.empty()) {
      build_.pop_back();
      if (build_.empty()) Deliver(place_, root_);
      return;
    }
    Role role = frames_.back().role;
    frames_.pop_back();
    if (role == Role::kProfile) v_.EndProfile();
    if (role == Role::kRoot && single_) v_.EndProfile();
  }

  json* Add(json value) {
    json& top = *build_.back();
    if (top.is_array()) {
      top.push_back(std::move(value));
      return &top.back();
    }
    json& slot = top[build_key_];
    slot = std::move(value);
    return &slot;
  }

  void Deliver(const Place& p, const json& value) {
    switch (p.target) {
      case Target::kField: v_.Field(p.key, value, p.path); break;
      case Target::kProfileInfo: v_.ProfileInfo(value, p.path); break;
      case Target::kRecord: v_.Record(p.kind, value, p.path); break;
      case Target::kDiscard: break;
    }
  }

  BackupVisitor& v_;
  std::vector<Frame> frames_;
  bool single_ = false;  // the top-level single-profile layout has begun
  int skip_ = 0;
  json root_;
  std::vector<json*> build_;
  std::string build_key_;
  Place place_;
};

}  // namespace

Status ReadBackup(ByteSource& source, BackupVisitor& visitor,
                  const std::function<void(int64_t)>& progress) {
  SB_RETURN_IF_ERROR(source.Rewind());
  Sax sax(visitor);
  Status s = ParseJsonStream(source, sax, progress);
  if (s.code() != Code::kMalformed) return s;
  Status malformed(Code::kMalformed, "the file is not valid JSON: " + s.message());
  return malformed.WithDetails({{"$", s.message()}});
}

std::function<void(int64_t)> ByteFraction(int64_t size, const std::function<void(double)>& progress) {
  if (!progress || size <= 0) return nullptr;
  return [progress, size](int64_t n) { progress(static_cast<double>(n) / static_cast<double>(size)); };
}

}  // namespace streakbox
