// Unicode Normalization Form C (UAX #15) for names, titles and passwords
// (internal). The tables come from the Unicode Character Database at build
// time (tools/gen-unicode-nfc.mjs, Debian's unicode-data pinned in
// emsdk.lock); Hangul syllables are composed and decomposed algorithmically.
#pragma once

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

}  // namespace streakbox
