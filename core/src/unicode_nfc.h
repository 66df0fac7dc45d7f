// Unicode Normalization Form C (UAX #15) for names, titles and passwords
// (internal). The tables come from the Unicode Character Database at build
// time (tools/gen-unicode-nfc.mjs, Debian's unicode-data pinned in
// emsdk.lock); Hangul syllables are composed and decomposed algorithmically.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace streakbox {

// The NFC form of `utf8`. REQUIRES: `utf8` is valid UTF-8 (IsValidUtf8);
// bytes that are not are passed through unchanged, never read past the end.
// Text of code points below U+0300 only is returned as it is, without a copy
// through the tables.
std::string ToNfc(std::string_view utf8);

// True when `text` is well-formed UTF-8 (Unicode table 3-7: no overlong
// forms, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// For a lead byte: how many continuation bytes follow it (0 for ASCII, -1 for a
// byte that cannot start a sequence) and the range [*lo, *hi] its first
// continuation byte must fall in (table 3-7); the others are 0x80..0xBF.
int Utf8Continuations(unsigned char lead, unsigned* lo, unsigned* hi);

// Appends the UTF-8 form of code point `cp`. REQUIRES: cp <= 0x10FFFF.
void AppendUtf8(uint32_t cp, std::string* out);

}  // namespace streakbox
