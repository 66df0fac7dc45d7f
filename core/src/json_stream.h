// A strict, streaming JSON parser (RFC 8259) over a ByteSource (internal).
//
// Written for backup files, which can be hundreds of megabytes: one pass over
// a 64 KiB buffer, no allocation per token (every string goes through one
// reused buffer), one handler call per token, an explicit stack instead of
// recursion. It replaced nlohmann's SAX parser over a std::istream, which spent
// about half of a large import's time lexing (docs/PERFORMANCE.md).
//
// It accepts exactly what nlohmann::json::parse accepts (tests/native/
// json_stream_test.cc and the fuzzer compare the two): one value, whitespace
// around it, strings of valid UTF-8 with escapes (surrogate pairs joined, lone
// surrogates refused), integers that fit int64 or uint64 (larger ones and any
// with a fraction or exponent arrive as doubles) -- within the limits below,
// which no backup comes near and which keep the work on any input bounded.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "streakbox/byte_io.h"
#include "streakbox/status.h"

namespace streakbox {

// Receives the tokens in document order. A key arrives before its value.
// Strings are passed in a buffer the parser reuses: take them (std::move) or
// copy them before returning.
class JsonHandler {
 public:
  virtual ~JsonHandler() = default;
  virtual void Null() = 0;
  virtual void Bool(bool value) = 0;
  virtual void Integer(int64_t value) = 0;
  virtual void Unsigned(uint64_t value) = 0;  // only above INT64_MAX
  virtual void Double(double value) = 0;
  virtual void String(std::string& value) = 0;
  virtual void Key(std::string& key) = 0;
  virtual void StartObject() = 0;
  virtual void EndObject() = 0;
  virtual void StartArray() = 0;
  virtual void EndArray() = 0;
  // While true (read before each string, key and number), the parser checks
  // the token but keeps none of its text and no limit on its length applies:
  // strings and keys arrive empty, numbers as Integer(0). For skipping values
  // the handler does not need (unknown fields) at no cost in memory. A plain
  // flag, not a virtual call: the parser reads it for every token.
  bool Skipping() const { return skipping_; }

 protected:
  bool skipping_ = false;  // handlers that skip set it
};

// Nesting deeper than this is refused as malformed (no backup comes close).
constexpr int kMaxJsonDepth = 512;
// A string or key that is kept may hold at most this many bytes (decoded), a
// number at most this many characters; longer ones stop the parse with
// kInvalidBackup ("line L, column C: a string longer than ..."), their text
// neither built further nor echoed.
constexpr size_t kMaxJsonStringBytes = 64 << 10;
constexpr size_t kMaxJsonNumberLength = 64;

// Reads `source` from where it stands to its end as one JSON value. Returns
// kMalformed with "parse error at line L, column C: <what>" (both 1-based) when
// the bytes are not JSON, or the source's own failure. `progress(bytes_read)`
// is called after each read when set. The handler may have seen tokens before
// an error. A token past the limits above gives kInvalidBackup instead.
Status ParseJsonStream(ByteSource& source, JsonHandler& handler,
                       const std::function<void(int64_t)>& progress = nullptr);

}  // namespace streakbox
