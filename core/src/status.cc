#include "streakbox/status.h"

namespace streakbox {

const char* code_name(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kInvalidDate: return "invalid_date";
    case Code::kNotFound: return "not_found";
    case Code::kAlreadyExists: return "already_exists";
    case Code::kStorageFull: return "storage_full";
    case Code::kLocked: return "locked";
    case Code::kCorrupt: return "corrupt";
    case Code::kIo: return "io_error";
    case Code::kInternal: return "internal";
    case Code::kMalformed: return "malformed";
    case Code::kUnsupportedVersion: return "unsupported_version";
    case Code::kInvalidBackup: return "invalid";
    case Code::kPasswordRequired: return "password_required";
    case Code::kWrongPassword: return "wrong_password";
    case Code::kDamaged: return "damaged";
    case Code::kNotABackup: return "not_a_backup";
    case Code::kKdfOutOfBounds: return "kdf_out_of_bounds";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(code_name(code_)) + ": " + message_;
}

}  // namespace streakbox
