#include "streakbox/backup_reader.h"

#include "backup_records.h"
#include "json_stream.h"
#include "validate.h"

#include <charconv>
#include <optional>
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
  else if (key == "days_off") *kind = RecordKind::kDayOff;
  else return false;
  return true;
}

// Walks the token stream: containers on the way to the records are walked
// through, each record (and the profile object, and known top-level fields) is
// built as a json value and handed to the visitor, anything else is skipped
// without being built (the parser keeps no text of it). A built value holds
// only its known fields, one level deep (a container inside it is built empty,
// so its type still shows; a task's schedule and measure are built whole, to
// kMaxNestedDepth, for the habit rules' readers), and at most
// kMaxBuiltValueBytes of text: memory is bounded whatever the file holds.
class Sax : public JsonHandler {
 public:
  explicit Sax(BackupVisitor& v) : v_(v) {}

  void Null() override { Scalar([](json& v) { v = nullptr; }); }
  void Bool(bool b) override { Scalar([b](json& v) { v = b; }); }
  void Integer(int64_t n) override { Scalar([n](json& v) { v = n; }); }
  void Unsigned(uint64_t n) override { Scalar([n](json& v) { v = n; }); }
  void Double(double n) override { Scalar([n](json& v) { v = n; }); }
  void String(std::string& s) override {
    if (Skipping()) return Scalar([](json&) {});
    Spend(s.size());
    // A copy (the parser's buffer keeps its capacity), into the string the
    // slot already holds when it does (a reused record's, see Open).
    Scalar([&s](json& v) {
      if (v.is_string()) v.get_ref<std::string&>().assign(s);
      else v = s;
    });
  }
  void StartObject() override { Open(false); }
  void StartArray() override { Open(true); }
  void Key(std::string& k) override {
    if (skip_ > 0) return;
    if (!build_.empty()) {
      // Inside a nested value (a schedule) every key is kept: its reader refuses unknown ones.
      skip_next_ = (build_.size() == 1 && build_shape_ && !IsKnownField(*build_shape_, k)) || over_budget_;
      if (!skip_next_) Spend(k.size());
      build_key_ = k;
    } else {
      Frame& f = frames_.back();
      f.key = k;
      skip_next_ = !Wanted(f);
    }
    Sync();
  }
  void EndObject() override { Close(); }
  void EndArray() override { Close(); }

 private:
  // Tells the parser whether what comes next is skipped (JsonHandler::Skipping).
  void Sync() { skipping_ = skip_ > 0 || skip_next_; }

  // Where a value that is starting now belongs, and its path.
  struct Place {
    Target target = Target::kDiscard;
    Role push = Role::kOther;  // for containers we walk into instead of building
    bool walk = false;
    std::string path;
    std::string key;
    RecordKind kind = RecordKind::kTask;
  };

  // Whether the value under the frame's current key is read at all.
  static bool Wanted(const Frame& f) {
    RecordKind kind;
    switch (f.role) {
      case Role::kRoot:
        return f.key == "profiles" || f.key == "profile" || RecordArrayKey(f.key, &kind) ||
               IsKnownField(Shape::kHeader, f.key);
      case Role::kProfile: return f.key == "profile" || RecordArrayKey(f.key, &kind);
      case Role::kOther: return false;
      default: return true;
    }
  }

  // The fields a built value may hold: by its place; all for the settings.
  static std::optional<Shape> ShapeOf(const Place& p) {
    switch (p.target) {
      case Target::kProfileInfo: return Shape::kProfile;
      case Target::kRecord:
        switch (p.kind) {
          case RecordKind::kTask: return Shape::kTask;
          case RecordKind::kCheck: return Shape::kCheck;
          case RecordKind::kStatus: return Shape::kStatus;
          case RecordKind::kDayOff: return Shape::kDayOff;
        }
        return std::nullopt;
      case Target::kField:
        if (p.key == "counts") return Shape::kCounts;
        return std::nullopt;  // the settings: any key
      default: return std::nullopt;
    }
  }

  // Counts text and members going into the value being built; past the
  // budget the rest of it is skipped and the problem reported once.
  void Spend(size_t bytes) {
    if (build_.empty() || over_budget_) return;
    built_bytes_ += bytes;
    if (built_bytes_ > kMaxBuiltValueBytes) OverBudget();
  }
  void OverBudget() {
    over_budget_ = true;
    v_.Problem(place_.path, "holds more than " + std::to_string(kMaxBuiltValueBytes >> 20) +
                                " MiB; no record or settings object of a backup is that large");
  }

  // Where the value starting now belongs, into place_ (whose strings keep
  // their capacity from one record to the next).
  void Locate(bool is_container, bool is_array) {
    Place& p = place_;
    p.target = Target::kDiscard;
    p.push = Role::kOther;
    p.walk = false;
    p.kind = RecordKind::kTask;
    if (frames_.empty()) {
      p.path = "$";
      if (is_container && !is_array) {
        p.walk = true;
        p.push = Role::kRoot;
      } else {
        v_.Problem("$", "a backup must be a JSON object");
      }
      return;
    }
    Frame& f = frames_.back();
    p.path.assign(f.path);
    if (f.is_array) {
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, f.index++).ptr;
      p.path += '[';
      p.path.append(digits, end);
      p.path += ']';
    } else {
      p.path += '.';
      p.path += Excerpt(f.key);
    }
    p.key.assign(f.key);
    switch (f.role) {
      case Role::kRoot:
        if (f.key == "profiles") {
          if (is_array) p.walk = true, p.push = Role::kProfiles, v_.BeginProfileList(p.path);
          else v_.Problem(p.path, "must be an array of profiles, not " + std::string(is_container ? "an object" : "a single value"));
          return;
        }
        if (f.key == "profile" || RecordArrayKey(f.key, &p.kind)) {
          if (!single_) {
            single_ = true;
            v_.BeginProfile("$");
          }
          return InProfile(f.key, is_array);
        }
        p.target = Target::kField;
        return;
      case Role::kProfiles:
        if (++profiles_ > kMaxBackupProfiles) {
          if (profiles_ == kMaxBackupProfiles + 1)
            v_.Problem(p.path, "is one profile too many: a backup holds at most " +
                                   std::to_string(kMaxBackupProfiles) + " profiles");
          return;  // skipped
        }
        if (is_container && !is_array) {
          p.walk = true;
          p.push = Role::kProfile;
          v_.BeginProfile(p.path);
        } else {
          v_.Problem(p.path, "each profile must be a JSON object");
        }
        return;
      case Role::kProfile:
        return InProfile(f.key, is_array);
      case Role::kRecords:
        p.target = Target::kRecord;
        p.kind = f.kind;
        return;
      case Role::kOther:
        return;
    }
    return;
  }

  void InProfile(const std::string& key, bool is_array) {
    Place& p = place_;
    if (key == "profile") {
      p.target = Target::kProfileInfo;
    } else if (RecordArrayKey(key, &p.kind)) {
      if (is_array) p.walk = true, p.push = Role::kRecords;
      else v_.Problem(p.path, "must be an array");
    }
    // other keys inside a profile are ignored (forward compatibility)
  }

  // A scalar token: `set(slot)` stores it in the value being built, or in a
  // value of its own that is handed over at once.
  template <typename Set>
  void Scalar(Set&& set) {
    if (skip_ > 0) return;
    if (skip_next_) {
      skip_next_ = false;
      return Sync();
    }
    if (!build_.empty()) {
      Spend(sizeof(json));
      if (!over_budget_) set(*Slot());
      return;
    }
    json value;
    set(value);
    Locate(false, false);
    Deliver(place_, value);
  }

  void Open(bool is_array) {
    if (skip_ > 0 || skip_next_) {
      skip_next_ = false;
      ++skip_;
      return Sync();
    }
    if (!build_.empty()) {
      Spend(sizeof(json));
      json* slot = over_budget_ ? nullptr : Slot();
      if (slot) *slot = is_array ? json::array() : json::object();
      if (slot && Nests()) {  // a task's schedule or measure, and the weekday list inside
        build_.push_back(slot);
        return;
      }
      // Any other container inside a built value: built empty (its type is
      // what the parsers check), its contents skipped.
      skip_ = 1;
      return Sync();
    }
    Locate(true, is_array);
    const Place& p = place_;
    if (p.walk) {
      frames_.push_back(Frame{p.push, is_array, p.path, std::string(), 0, p.kind});
    } else if (p.target == Target::kDiscard) {
      skip_ = 1;
      Sync();
    } else {
      // A record object reuses the previous record's: its values are
      // overwritten in place and the keys this one does not set are removed
      // when it closes (Prune), so a record like the one before it costs no
      // allocation. Anything else is built afresh.
      const bool record = p.target == Target::kRecord && !is_array;
      if (!record || !root_is_record_) root_ = is_array ? json::array() : json::object();
      root_is_record_ = record;
      keys_set_ = 0;
      build_.push_back(&root_);
      build_shape_ = ShapeOf(p);
      built_bytes_ = 0;
      over_budget_ = false;
    }
  }

  void Close() {
    if (skip_ > 0) {
      --skip_;
      return Sync();
    }
    if (!build_.empty()) {
      build_.pop_back();
      if (build_.empty()) {
        Prune();
        Deliver(place_, root_);
      }
      return;
    }
    Role role = frames_.back().role;
    frames_.pop_back();
    if (role == Role::kProfile) v_.EndProfile();
    if (role == Role::kRoot && single_) v_.EndProfile();
  }

  // Whether the container opening now inside the built value is built with
  // its contents: a task's `schedule` or `measure`, and containers inside
  // those, to kMaxNestedDepth levels below the record.
  bool Nests() const {
    if (build_.size() >= kMaxNestedDepth) return false;
    if (build_.size() > 1) return true;
    return build_shape_ == Shape::kTask && (build_key_ == "schedule" || build_key_ == "measure");
  }
  static constexpr size_t kMaxNestedDepth = 3;

  // Where the next value of the built value goes: appended to an array, or
  // under the current key of an object (in a reused record, the slot the
  // previous record left, its key then noted as set).
  json* Slot() {
    json& top = *build_.back();
    if (top.is_array()) {
      top.push_back(nullptr);
      return &top.back();
    }
    if (root_is_record_ && build_.size() == 1) NoteSet(build_key_);
    return &top[build_key_];
  }

  // The keys a reused record set: at most one per known field of its shape
  // (a repeated key is noted once), so these scans stay short.
  void NoteSet(const std::string& key) {
    if (IsSet(key)) return;
    if (keys_set_ == set_keys_.size()) set_keys_.push_back(key);
    else set_keys_[keys_set_].assign(key);
    ++keys_set_;
  }
  bool IsSet(const std::string& key) const {
    for (size_t i = 0; i < keys_set_; ++i)
      if (set_keys_[i] == key) return true;
    return false;
  }
  // Removes from a reused record the keys that only the records before it set.
  void Prune() {
    if (!root_is_record_ || keys_set_ == root_.size()) return;  // every key there was set by this one
    for (auto it = root_.begin(); it != root_.end();) {
      if (IsSet(it.key())) ++it;
      else it = root_.erase(it);
    }
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
  int64_t profiles_ = 0;  // entries seen in "profiles"
  int skip_ = 0;          // the depth inside a skipped container
  bool skip_next_ = false;  // the next value (after an unwanted key) is skipped
  json root_;             // the value being built
  bool root_is_record_ = false;  // root_ is a record's object, reused by the next record
  std::vector<std::string> set_keys_;  // the first keys_set_ are the keys the record being built set
  size_t keys_set_ = 0;
  std::vector<json*> build_;  // its open containers (only ever root_ itself)
  std::optional<Shape> build_shape_;  // the fields it may hold (none: any)
  size_t built_bytes_ = 0;
  bool over_budget_ = false;
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

void BackupVisitor::TypedCheck(const CheckRecord& c, const std::string& path) {
  nlohmann::json j = {{"date", c.date}, {"checked", c.checked}, {"skipped", c.skipped}, {"note", c.note}};
  if (c.task_id) j["task_id"] = *c.task_id;
  if (c.task_title) j["task_title"] = *c.task_title;
  if (c.checked_at) j["checked_at"] = *c.checked_at;
  if (c.amount) j["amount"] = *c.amount;
  Record(RecordKind::kCheck, j, path);
}

}  // namespace streakbox
