#include "unicode_nfc.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

#include "unicode_nfc_tables.h"  // generated into the build tree

namespace streakbox {
namespace {

using namespace nfc_tables;

// Hangul syllables (Unicode 3.12).
constexpr uint32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr uint32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount,
                   kSCount = kLCount * kNCount;

int Ccc(uint32_t cp) {
  if (cp < 0x300) return 0;
  const uint32_t* end = std::end(kCcc);
  const uint32_t* it = std::lower_bound(std::begin(kCcc), end, cp << 8);
  return it != end && (*it >> 8) == cp ? static_cast<int>(*it & 0xFF) : 0;
}

void Decompose(uint32_t cp, std::vector<uint32_t>* out) {
  if (cp >= kSBase && cp < kSBase + kSCount) {
    const uint32_t s = cp - kSBase;
    out->push_back(kLBase + s / kNCount);
    out->push_back(kVBase + (s % kNCount) / kTCount);
    if (s % kTCount) out->push_back(kTBase + s % kTCount);
    return;
  }
  const uint32_t* end = std::end(kDecompCp);
  const uint32_t* it = std::lower_bound(std::begin(kDecompCp), end, cp);
  if (it == end || *it != cp) return out->push_back(cp);
  const size_t i = static_cast<size_t>(it - std::begin(kDecompCp));
  out->insert(out->end(), kDecompPool + kDecompStart[i], kDecompPool + kDecompStart[i + 1]);
}

// The primary composite of a pair, or 0.
uint32_t Compose(uint32_t a, uint32_t b) {
  if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount)
    return kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
  if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase && b < kTBase + kTCount)
    return a + (b - kTBase);
  const uint64_t key = static_cast<uint64_t>(a) << 21 | b;
  const uint64_t* end = std::end(kCompKey);
  const uint64_t* it = std::lower_bound(std::begin(kCompKey), end, key);
  return it != end && *it == key ? kCompValue[it - std::begin(kCompKey)] : 0;
}

// The length of the UTF-8 sequence its lead byte starts (1 for a stray byte).
size_t SequenceLength(unsigned char lead) {
  return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
}

std::vector<uint32_t> Decode(std::string_view s) {
  std::vector<uint32_t> cps;
  cps.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t n = SequenceLength(lead);
    if (i + n > s.size()) n = 1;
    uint32_t cp = n == 1 ? lead : lead & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    cps.push_back(cp);
    i += n;
  }
  return cps;
}

// Below U+0300 every code point is its own NFC form and a starter.
bool AllBelowCombiningMarks(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0xCC) return false;  // U+0300 is 0xCC 0x80
  return true;
}

}  // namespace

std::string ToNfc(std::string_view utf8) {
  if (AllBelowCombiningMarks(utf8)) return std::string(utf8);
  // 1. Full canonical decomposition.
  std::vector<uint32_t> d;
  d.reserve(utf8.size());
  for (uint32_t cp : Decode(utf8)) Decompose(cp, &d);
  // 2. Canonical ordering: a stable sort of each run of non-starters by class.
  for (size_t i = 0; i < d.size();) {
    if (Ccc(d[i]) == 0) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < d.size() && Ccc(d[j]) != 0) ++j;
    std::stable_sort(d.begin() + static_cast<std::ptrdiff_t>(i), d.begin() + static_cast<std::ptrdiff_t>(j),
                     [](uint32_t a, uint32_t b) { return Ccc(a) < Ccc(b); });
    i = j;
  }
  // 3. Canonical composition: each character joins the last starter unless
  // blocked (a character between them of class 0 or >= its own class).
  std::vector<uint32_t> c;
  c.reserve(d.size());
  size_t starter = SIZE_MAX;
  int last_ccc = -1;
  for (uint32_t cp : d) {
    const int cc = Ccc(cp);
    if (starter != SIZE_MAX) {
      const bool blocked = c.size() - 1 != starter && (last_ccc == 0 || last_ccc >= cc);
      if (!blocked) {
        if (uint32_t composite = Compose(c[starter], cp)) {
          c[starter] = composite;
          continue;
        }
      }
    }
    if (cc == 0) starter = c.size();
    last_ccc = cc;
    c.push_back(cp);
  }
  std::string out;
  out.reserve(utf8.size());
  for (uint32_t cp : c) AppendUtf8(cp, &out);
  return out;
}

int Utf8Continuations(unsigned char lead, unsigned* lo, unsigned* hi) {
  *lo = 0x80;
  *hi = 0xBF;
  if (lead < 0x80) return 0;
  if (lead >= 0xC2 && lead <= 0xDF) return 1;
  if (lead == 0xE0) return *lo = 0xA0, 2;
  if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) return 2;
  if (lead == 0xED) return *hi = 0x9F, 2;
  if (lead == 0xF0) return *lo = 0x90, 3;
  if (lead >= 0xF1 && lead <= 0xF3) return 3;
  if (lead == 0xF4) return *hi = 0x8F, 3;
  return -1;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned lo, hi;
    const int more = Utf8Continuations(static_cast<unsigned char>(s[i]), &lo, &hi);
    if (more < 0 || s.size() - i <= static_cast<size_t>(more)) return false;  // not a lead byte, or truncated
    for (int k = 1; k <= more; ++k) {
      const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return false;
    }
    i += static_cast<size_t>(more) + 1;
  }
  return true;
}

}  // namespace streakbox
