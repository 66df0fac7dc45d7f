// Input checks shared by the tracker's writers and the backup importer
// (internal header). One rule for a name or a title, wherever it comes from:
// the API, a JSON backup or a restored database (docs/FORMAT.md, "Limits").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "streakbox/status.h"

namespace streakbox {

// Lengths in characters (code points) of the stored, NFC form.
constexpr size_t kMaxProfileNameLength = 60;
constexpr size_t kMaxTaskTitleLength = 200;
constexpr size_t kMaxDescriptionLength = 2000;
// Dates are exactly 10 characters; times at most this many
// ('YYYY-MM-DDTHH:MM:SS.fffffffff+HH:MM').
constexpr size_t kMaxTimeLength = 35;
// An instance (and so a backup) holds at most this many tasks, so that
// checking a file's titles and references costs bounded memory.
constexpr int64_t kMaxTasks = 20000;
// Messages quote a value from the input up to this many characters, then "…".
constexpr size_t kMaxExcerptLength = 40;

// Strips ASCII whitespace from both ends.
std::string Trim(const std::string& s);

// Counts UTF-8 code points (continuation bytes are not counted).
size_t Utf8Length(std::string_view s);

// A name or title as it is stored and matched: trimmed, NFC. Refuses
// (kInvalidArgument, the message starting with `what`) text that is empty
// after trimming, not valid UTF-8, holds control characters, is longer than
// `max_len` characters in NFC, or is invisible (only whitespace and format
// characters, see IsInvisible).
Result<std::string> NormalizeName(const std::string& what, const std::string& raw, size_t max_len);

// The form a reference to a title is matched in (a check's task_title):
// trimmed and NFC; text that is not valid UTF-8 is returned trimmed.
std::string NormalizeReference(const std::string& raw);

// True for code points that show nothing: Unicode White_Space, the default
// ignorables U+00AD, U+034F, U+061C, U+115F, U+1160, U+17B4, U+17B5,
// U+180B..U+180F, U+200B..U+200F, U+202A..U+202E, U+2060..U+206F, U+3164,
// U+FE00..U+FE0F, U+FEFF, U+FFA0, U+1BCA0..U+1BCA3, U+1D173..U+1D17A,
// U+E0000..U+E0FFF, and the blank U+2800 (docs/FORMAT.md lists them).
bool IsInvisible(uint32_t cp);

// `text` cut to kMaxExcerptLength characters (on a UTF-8 boundary) with "…"
// appended when it was longer; for quoting input in messages.
std::string Excerpt(std::string_view text);

// 'YYYY-MM-DD', optionally followed by 'T' (or 't' or a space) and
// 'HH:MM[:SS[.fraction]]' and an optional 'Z' or '±HH:MM' / '±HHMM' / '±HH':
// real date, hours 00-23, minutes 00-59, seconds 00-60, at most kMaxTimeLength.
bool IsIsoTime(std::string_view text);

// '#rrggbb', hex digits in either case.
Status CheckColor(const std::string& color);

// A task's uuid (schema 4, backup format 1.3): 32 hex characters. Returns it
// in lower case, the stored form, or "" when `text` is not 32 hex characters
// (either case). kTaskUuidLength and kNewTaskUuidSql are the stored form's
// length and the SQL expression that makes a fresh random one (16 bytes from
// SQLite's randomness, in lower-case hex).
constexpr size_t kTaskUuidLength = 32;
constexpr const char* kNewTaskUuidSql = "lower(hex(randomblob(16)))";
std::string NormalizeTaskUuid(std::string_view text);

}  // namespace streakbox
