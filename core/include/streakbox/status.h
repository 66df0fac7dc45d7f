// Status and Result<T>: the one error type of the Streakbox core.
//
// Every fallible core call returns a Status or a Result<T>; nothing in core/
// throws across its public API. A Status carries a stable machine-readable
// code (see code_name(); these strings are the `code` of the JS Error, so they
// never change once shipped) and a message a person can act on.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace streakbox {

enum class Code {
  kOk,
  kInvalidArgument,  // bad input: empty name, bad colour, malformed value
  kInvalidDate,      // a date that is not a real 'YYYY-MM-DD'
  kNotFound,         // an id that names nothing
  kAlreadyExists,    // a unique name or title taken
  kStorageFull,      // the disk or quota is full
  kLocked,           // the database is owned by another tab or process
  kCorrupt,          // the database file is damaged
  kIo,               // any other storage failure
  kInternal,         // a bug: an invariant broke
  kMalformed,        // a backup that is not well-formed JSON (or not a backup at all)
  kUnsupportedVersion,  // a backup whose format version this build cannot read
  kInvalidBackup,    // a well-formed backup whose content breaks the format's rules
  // Encrypted backups (.ttbak, docs/FORMAT.md). Each is its own kind, so a
  // wrong password never reads as damage nor damage as a wrong password.
  kPasswordRequired,  // an encrypted backup and no password given
  kWrongPassword,     // the header is intact but the password does not unlock it
  kDamaged,           // a damaged, truncated or tampered encrypted backup
  kNotABackup,        // neither backup JSON nor a .ttbak
  kKdfOutOfBounds,    // key-derivation settings outside the accepted bounds
};

// One problem inside a larger input: where (a JSON path such as
// "$.profiles[0].tasks[3].title") and what is wrong there.
struct ErrorDetail {
  std::string path;
  std::string message;
};

// The stable string for a code, e.g. "not_found".
const char* code_name(Code code);

class Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status InvalidDate(std::string m) { return {Code::kInvalidDate, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {Code::kAlreadyExists, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

  // The individual problems behind a failure (validation reports them all).
  const std::vector<ErrorDetail>& details() const { return details_; }
  Status& WithDetails(std::vector<ErrorDetail> details) {
    details_ = std::move(details);
    return *this;
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::vector<ErrorDetail> details_;
};

// A value or a non-OK Status. REQUIRES: value() only when ok().
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}   // NOLINT: must not be OK

  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  // A reference into this Result (an OK Status when it holds a value), so
  // `for (auto& d : r.status().details())` never iterates a dead temporary.
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace streakbox

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define SB_RETURN_IF_ERROR(expr)                 \
  do {                                           \
    ::streakbox::Status sb_status_ = (expr);     \
    if (!sb_status_.ok()) return sb_status_;     \
  } while (0)

#define SB_CONCAT_INNER(a, b) a##b
#define SB_CONCAT(a, b) SB_CONCAT_INNER(a, b)
// Declares `lhs` from a Result-returning `expr`, or returns its Status.
#define SB_ASSIGN_OR_RETURN(lhs, expr) \
  SB_ASSIGN_OR_RETURN_IMPL(SB_CONCAT(sb_result_, __LINE__), lhs, expr)
#define SB_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
