// Input checks shared by the tracker's writers (internal header).
#pragma once

#include <string>

#include "streakbox/status.h"

namespace streakbox {

// Strips ASCII whitespace from both ends.
std::string Trim(const std::string& s);

// Counts UTF-8 code points (continuation bytes are not counted).
size_t Utf8Length(const std::string& s);

// `what` trimmed must be 1..max_len characters of valid UTF-8 without control characters.
Status CheckName(const std::string& what, const std::string& trimmed, size_t max_len);

// '#rrggbb', hex digits in either case.
Status CheckColor(const std::string& color);

}  // namespace streakbox
