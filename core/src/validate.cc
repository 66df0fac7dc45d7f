#include "validate.h"

#include <cctype>

namespace streakbox {

std::string Trim(const std::string& s) {
  const char* ws = " \t\r\n\v\f";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

namespace {
bool ValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}
}  // namespace

Status CheckName(const std::string& what, const std::string& t, size_t max_len) {
  if (t.empty()) return Status::InvalidArgument(what + " must not be empty");
  if (!ValidUtf8(t)) return Status::InvalidArgument(what + " is not valid UTF-8 text");
  for (unsigned char c : t)
    if (c < 0x20 || c == 0x7f) return Status::InvalidArgument(what + " must not contain control characters");
  if (Utf8Length(t) > max_len)
    return Status::InvalidArgument(what + " is longer than " + std::to_string(max_len) + " characters");
  return Status::Ok();
}

Status CheckColor(const std::string& c) {
  bool ok = c.size() == 7 && c[0] == '#';
  for (size_t i = 1; ok && i < c.size(); ++i) ok = std::isxdigit(static_cast<unsigned char>(c[i])) != 0;
  return ok ? Status::Ok()
            : Status::InvalidArgument("color '" + c + "' is not a colour in the form #rrggbb");
}

}  // namespace streakbox
