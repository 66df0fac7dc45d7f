#include "validate.h"

#include <cctype>

#include "streakbox/dates.h"
#include "unicode_nfc.h"

namespace streakbox {

std::string Trim(const std::string& s) {
  const char* ws = " \t\r\n\v\f";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

namespace {

// The code points of valid UTF-8, one at a time.
template <typename F>
void ForEachCodePoint(std::string_view s, F&& f) {
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    uint32_t cp = n == 1 ? lead : lead & (0x7F >> n);
    for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    f(cp);
    i += n;
  }
}

bool Between(uint32_t cp, uint32_t a, uint32_t b) { return cp >= a && cp <= b; }

bool TwoDigits(std::string_view t, size_t at, int max, int* out = nullptr) {
  if (at + 2 > t.size() || !std::isdigit(static_cast<unsigned char>(t[at])) ||
      !std::isdigit(static_cast<unsigned char>(t[at + 1])))
    return false;
  const int v = (t[at] - '0') * 10 + (t[at + 1] - '0');
  if (out) *out = v;
  return v <= max;
}

}  // namespace

bool IsInvisible(uint32_t cp) {
  // White_Space (PropList.txt).
  if (Between(cp, 0x09, 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
      Between(cp, 0x2000, 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000)
    return true;
  // Format characters and fillers that render as nothing, and the blank braille pattern.
  return cp == 0xAD || cp == 0x34F || cp == 0x61C || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 ||
         cp == 0x17B5 || Between(cp, 0x180B, 0x180F) || Between(cp, 0x200B, 0x200F) ||
         Between(cp, 0x202A, 0x202E) || Between(cp, 0x2060, 0x206F) || cp == 0x2800 || cp == 0x3164 ||
         Between(cp, 0xFE00, 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0 || Between(cp, 0x1BCA0, 0x1BCA3) ||
         Between(cp, 0x1D173, 0x1D17A) || Between(cp, 0xE0000, 0xE0FFF);
}

Result<std::string> NormalizeName(const std::string& what, const std::string& raw, size_t max_len) {
  const std::string trimmed = Trim(raw);
  if (trimmed.empty()) return Status::InvalidArgument(what + " must not be empty");
  if (!IsValidUtf8(trimmed)) return Status::InvalidArgument(what + " is not valid UTF-8 text");
  for (unsigned char c : trimmed)
    if (c < 0x20 || c == 0x7f) return Status::InvalidArgument(what + " must not contain control characters");
  // A cheap bound before normalizing: composition joins at most four code
  // points into one (Greek such as U+1F82), so longer input cannot fit.
  if (Utf8Length(trimmed) > 4 * max_len)
    return Status::InvalidArgument(what + " is longer than " + std::to_string(max_len) + " characters");
  std::string nfc = ToNfc(trimmed);
  if (Utf8Length(nfc) > max_len)
    return Status::InvalidArgument(what + " is longer than " + std::to_string(max_len) + " characters");
  bool visible = false;
  ForEachCodePoint(nfc, [&](uint32_t cp) { visible = visible || !IsInvisible(cp); });
  if (!visible) return Status::InvalidArgument(what + " must show something: it holds only invisible characters");
  return nfc;
}

std::string NormalizeReference(const std::string& raw) {
  // The common case, on the import's hot path (every check): nothing to do.
  auto space = [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  bool plain = !raw.empty() && !space(raw.front()) && !space(raw.back());
  for (size_t i = 0; plain && i < raw.size(); ++i) plain = static_cast<unsigned char>(raw[i]) < 0xCC;
  if (plain) return raw;
  std::string trimmed = Trim(raw);
  return IsValidUtf8(trimmed) ? ToNfc(trimmed) : trimmed;
}

std::string Excerpt(std::string_view text) {
  size_t chars = 0, i = 0;
  while (i < text.size()) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == kMaxExcerptLength) break;
    ++i;
  }
  if (i == text.size()) return std::string(text);
  return std::string(text.substr(0, i)) + "\xE2\x80\xA6";  // …
}

bool IsIsoTime(std::string_view t) {
  if (t.size() > kMaxTimeLength || t.size() < 10 || !IsValidDate(t.substr(0, 10))) return false;
  if (t.size() == 10) return true;
  if (t[10] != 'T' && t[10] != 't' && t[10] != ' ') return false;
  if (!TwoDigits(t, 11, 23) || t.size() < 16 || t[13] != ':' || !TwoDigits(t, 14, 59)) return false;
  size_t i = 16;
  if (i < t.size() && t[i] == ':') {
    if (!TwoDigits(t, i + 1, 60)) return false;
    i += 3;
    if (i < t.size() && t[i] == '.') {
      size_t digits = 0;
      while (++i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++digits;
      if (digits == 0 || digits > 9) return false;
    }
  }
  if (i == t.size()) return true;
  if ((t[i] == 'Z' || t[i] == 'z') && i + 1 == t.size()) return true;
  if (t[i] != '+' && t[i] != '-') return false;
  if (!TwoDigits(t, i + 1, 23)) return false;
  i += 3;
  if (i == t.size()) return true;
  if (t[i] == ':') ++i;
  return TwoDigits(t, i, 59) && i + 2 == t.size();
}

Status CheckColor(const std::string& c) {
  bool ok = c.size() == 7 && c[0] == '#';
  for (size_t i = 1; ok && i < c.size(); ++i) ok = std::isxdigit(static_cast<unsigned char>(c[i])) != 0;
  return ok ? Status::Ok()
            : Status::InvalidArgument("color '" + Excerpt(c) + "' is not a colour in the form #rrggbb");
}

std::string NormalizeTaskUuid(std::string_view text) {
  if (text.size() != kTaskUuidLength) return "";
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
    else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return "";
  }
  return out;
}

}  // namespace streakbox
