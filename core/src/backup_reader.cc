#include "streakbox/backup_reader.h"

#include <istream>
#include <streambuf>
#include <vector>

namespace streakbox {
namespace {

using json = nlohmann::json;

// A std::streambuf over a ByteSource, read in 64 KiB chunks.
class SourceBuf : public std::streambuf {
 public:
  SourceBuf(ByteSource& src, const std::function<void(int64_t)>& progress)
      : src_(src), progress_(progress), buf_(64 << 10) {}
  Status status() const { return status_; }

 protected:
  int_type underflow() override {
    if (!status_.ok()) return traits_type::eof();
    Result<size_t> n = src_.Read(buf_.data(), buf_.size());
    if (!n.ok()) {
      status_ = n.status();
      return traits_type::eof();
    }
    if (n.value() == 0) return traits_type::eof();
    total_ += static_cast<int64_t>(n.value());
    if (progress_) progress_(total_);
    setg(buf_.data(), buf_.data(), buf_.data() + n.value());
    return traits_type::to_int_type(buf_[0]);
  }

 private:
  ByteSource& src_;
  const std::function<void(int64_t)>& progress_;
  std::vector<char> buf_;
  int64_t total_ = 0;
  Status status_;
};

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

class Sax {
 public:
  explicit Sax(BackupVisitor& v) : v_(v) {}
  std::string parse_error_message;

  bool null() { return Scalar(json(nullptr)); }
  bool boolean(bool b) { return Scalar(json(b)); }
  bool number_integer(json::number_integer_t n) { return Scalar(json(n)); }
  bool number_unsigned(json::number_unsigned_t n) { return Scalar(json(n)); }
  bool number_float(json::number_float_t n, const std::string&) { return Scalar(json(n)); }
  bool string(std::string& s) { return Scalar(json(std::move(s))); }
  bool binary(json::binary_t&) { return true; }

  bool start_object(std::size_t) { return Open(false); }
  bool start_array(std::size_t) { return Open(true); }
  bool key(std::string& k) {
    if (skip_ > 0) return true;
    if (!build_.empty()) {
      build_key_ = k;
      return true;
    }
    frames_.back().key = k;
    return true;
  }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    std::string what = ex.what();
    auto pos = what.find("] ");
    parse_error_message = pos == std::string::npos ? what : what.substr(pos + 2);
    return false;
  }

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

  bool Scalar(json value) {
    if (skip_ > 0) return true;
    if (!build_.empty()) {
      Add(std::move(value));
      return true;
    }
    Place p = Locate(false, false);
    Deliver(p, value);
    return true;
  }

  bool Open(bool is_array) {
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    if (!build_.empty()) {
      json* child = Add(is_array ? json::array() : json::object());
      build_.push_back(child);
      return true;
    }
    Place p = Locate(true, is_array);
    if (p.walk) {
      Frame f{p.push, is_array, p.path};
      f.kind = p.kind;
      frames_.push_back(f);
    } else if (p.target == Target::kDiscard) {
      skip_ = 1;
    } else {
      root_ = is_array ? json::array() : json::object();
      build_.push_back(&root_);
      place_ = p;
    }
    return true;
  }

  bool Close() {
    if (skip_ > 0) {
      --skip_;
      return true;
    }
    if (!build_.empty()) {
      build_.pop_back();
      if (build_.empty()) Deliver(place_, root_);
      return true;
    }
    Role role = frames_.back().role;
    frames_.pop_back();
    if (role == Role::kProfile) v_.EndProfile();
    if (role == Role::kRoot && single_) v_.EndProfile();
    return true;
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
  SourceBuf buf(source, progress);
  std::istream in(&buf);
  Sax sax(visitor);
  bool ok = json::sax_parse(in, &sax, json::input_format_t::json, /*strict=*/true);
  SB_RETURN_IF_ERROR(buf.status());
  if (!ok) {
    Status s(Code::kMalformed, "the file is not valid JSON: " + sax.parse_error_message);
    return s.WithDetails({{"$", sax.parse_error_message}});
  }
  return Status::Ok();
}

std::function<void(int64_t)> ByteFraction(int64_t size, const std::function<void(double)>& progress) {
  if (!progress || size <= 0) return nullptr;
  return [progress, size](int64_t n) { progress(static_cast<double>(n) / static_cast<double>(size)); };
}

}  // namespace streakbox
