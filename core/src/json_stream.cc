#include "json_stream.h"

#include "unicode_nfc.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace streakbox {
namespace {

constexpr size_t kBufferSize = 64 << 10;

class Parser {
 public:
  Parser(ByteSource& source, JsonHandler& handler, const std::function<void(int64_t)>& progress)
      : src_(source), h_(handler), progress_(progress), buf_(kBufferSize) {}

  Status Run() {
    SkipBom();
    State next = State::kValue;
    while (status_.ok()) {
      switch (next) {
        case State::kValue: next = Value(); break;
        case State::kKey: next = Key(); break;
        case State::kAfterValue:
          if (stack_.empty()) return End();
          next = AfterValue();
          break;
      }
    }
    return status_;
  }

 private:
  // What the parser expects next.
  enum class State { kValue, kKey, kAfterValue };

  // --- input ---------------------------------------------------------------
  // True when at least one byte is buffered; false at the end or on a failure.
  bool Fill() {
    if (pos_ < end_) return true;
    if (!status_.ok() || eof_) return false;
    Result<size_t> n = src_.Read(buf_.data(), buf_.size());
    if (!n.ok()) {
      status_ = n.status();
      return false;
    }
    base_ += static_cast<int64_t>(end_);
    pos_ = 0;
    end_ = n.value();
    if (end_ == 0) {
      eof_ = true;
      return false;
    }
    if (progress_) progress_(base_ + static_cast<int64_t>(end_));
    return true;
  }
  int Peek() { return Fill() ? static_cast<unsigned char>(buf_[pos_]) : -1; }
  int Take() { return Fill() ? static_cast<unsigned char>(buf_[pos_++]) : -1; }

  void SkipBom() {
    if (Peek() != 0xEF) return;
    ++pos_;
    if (Take() != 0xBB || Take() != 0xBF) Fail("the file starts with a broken byte order mark");
  }

  void SkipSpace() {
    for (;;) {
      if (!Fill()) return;
      const char c = buf_[pos_];
      if (c == '\n') {
        ++line_;
        line_start_ = base_ + static_cast<int64_t>(pos_) + 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++pos_;
    }
  }

  // --- errors --------------------------------------------------------------
  // Records a syntax error at the current position (the first one wins) and
  // returns false, so callers can `return Fail(...)`.
  bool Fail(const std::string& what) { return Stop(Code::kMalformed, "parse error at ", what); }
  // A well-formed token past a limit: not malformed JSON, but more than any
  // backup holds (kInvalidBackup).
  bool TooLong(const std::string& what) { return Stop(Code::kInvalidBackup, "", what); }
  bool Stop(Code code, const char* prefix, const std::string& what) {
    if (status_.ok()) {
      const int64_t column = base_ + static_cast<int64_t>(pos_) - line_start_ + 1;
      status_ = Status(code, prefix + std::string("line ") + std::to_string(line_) + ", column " +
                                 std::to_string(column) + ": " + what);
    }
    return false;
  }
  static std::string Describe(int c) {
    if (c == -1) return "end of file";
    if (c >= 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", c);
    return std::string("byte ") + hex;
  }

  // --- structure -------------------------------------------------------------
  // After the top-level value: only whitespace may follow.
  Status End() {
    SkipSpace();
    const int c = Peek();
    if (c != -1) Fail("unexpected " + Describe(c) + " after the end of the JSON value");
    return status_;
  }

  // After a value inside a container: a comma or the container's end.
  State AfterValue() {
    SkipSpace();
    const int c = Peek();
    const bool in_object = stack_.back();
    if (c == ',') {
      ++pos_;
      return in_object ? State::kKey : State::kValue;
    }
    if (c != (in_object ? '}' : ']')) {
      Fail("unexpected " + Describe(c) + "; expected ',' or '" + (in_object ? "}" : "]") + "'");
      return State::kAfterValue;
    }
    ++pos_;
    stack_.pop_back();
    if (in_object) h_.EndObject();
    else h_.EndArray();
    return State::kAfterValue;
  }

  // Parses the value that starts here, or opens its container.
  State Value() {
    SkipSpace();
    const int c = Peek();
    switch (c) {
      case '{':
      case '[': {
        ++pos_;
        if (stack_.size() >= static_cast<size_t>(kMaxJsonDepth)) {
          Fail("nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
          return State::kAfterValue;
        }
        const bool object = c == '{';
        stack_.push_back(object);
        if (object) h_.StartObject();
        else h_.StartArray();
        SkipSpace();
        if (Peek() == (object ? '}' : ']')) {
          ++pos_;
          stack_.pop_back();
          if (object) h_.EndObject();
          else h_.EndArray();
          return State::kAfterValue;
        }
        return object ? State::kKey : State::kValue;
      }
      case '"':
        ++pos_;
        if (String()) h_.String(text_);
        return State::kAfterValue;
      case 't':
        if (Literal("true")) h_.Bool(true);
        return State::kAfterValue;
      case 'f':
        if (Literal("false")) h_.Bool(false);
        return State::kAfterValue;
      case 'n':
        if (Literal("null")) h_.Null();
        return State::kAfterValue;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) Number();
        else Fail("unexpected " + Describe(c) + "; expected a value");
        return State::kAfterValue;
    }
  }

  State Key() {
    SkipSpace();
    const int c = Peek();
    if (c != '"') {
      Fail("unexpected " + Describe(c) + "; expected a string (an object's key)");
      return State::kAfterValue;
    }
    ++pos_;
    if (!String()) return State::kAfterValue;
    SkipSpace();
    const int colon = Peek();
    if (colon != ':') {
      Fail("unexpected " + Describe(colon) + "; expected ':' after an object's key");
      return State::kAfterValue;
    }
    ++pos_;
    h_.Key(text_);
    return State::kValue;
  }

  bool Literal(const char* word) {
    for (const char* p = word; *p; ++p)
      if (Take() != static_cast<unsigned char>(*p)) return Fail(std::string("invalid literal; expected '") + word + "'");
    return true;
  }

  // After the opening quote: reads the string into text_, up to and past the
  // closing quote. False (with status_ set) when it is not a valid string or
  // one longer than kMaxJsonStringBytes that the handler keeps. While the
  // handler skips, text_ is emptied as it goes (it only checks the string).
  bool String() {
    text_.clear();
    const bool keep = !h_.Skipping();
    for (;;) {
      if (!Fill()) return Fail("unexpected end of file inside a string");
      const size_t start = pos_;
      while (pos_ < end_) {
        const auto c = static_cast<unsigned char>(buf_[pos_]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++pos_;
      }
      if (keep) text_.append(buf_.data() + start, pos_ - start);
      else text_.clear();
      if (text_.size() > kMaxJsonStringBytes)
        return TooLong("a string longer than " + std::to_string(kMaxJsonStringBytes) +
                       " bytes; no value in a backup is that long");
      if (pos_ == end_) continue;
      const auto c = static_cast<unsigned char>(buf_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        ++pos_;
        if (!Escape()) return false;
      } else if (c < 0x20) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%04X", c);
        return Fail(std::string("a control character (U+") + hex + ") inside a string must be written as \\u" + hex);
      } else if (!Utf8()) {
        return false;
      }
    }
  }

  bool Escape() {
    const int e = Take();
    switch (e) {
      case '"': text_ += '"'; return true;
      case '\\': text_ += '\\'; return true;
      case '/': text_ += '/'; return true;
      case 'b': text_ += '\b'; return true;
      case 'f': text_ += '\f'; return true;
      case 'n': text_ += '\n'; return true;
      case 'r': text_ += '\r'; return true;
      case 't': text_ += '\t'; return true;
      case 'u': break;
      default: return Fail("invalid escape " + Describe(e) + " in a string");
    }
    int32_t cp = Hex4();
    if (cp < 0) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return Fail("a \\u escape holds a lone low surrogate");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (Take() != '\\' || Take() != 'u')
        return Fail("a \\u escape holds a high surrogate without its low surrogate");
      const int32_t low = Hex4();
      if (low < 0) return false;
      if (low < 0xDC00 || low > 0xDFFF)
        return Fail("a \\u escape holds a high surrogate without its low surrogate");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(cp);
    return true;
  }

  int32_t Hex4() {
    int32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const int c = Take();
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        Fail("\\u must be followed by four hex digits");
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  void AppendUtf8(int32_t cp) { streakbox::AppendUtf8(static_cast<uint32_t>(cp), &text_); }

  // One multi-byte UTF-8 sequence, checked as Unicode's table 3-7 says (no
  // overlong forms, no surrogates, nothing above U+10FFFF), copied to text_.
  bool Utf8() {
    const int lead = Take();
    unsigned lo, hi;
    const int more = Utf8Continuations(static_cast<unsigned char>(lead), &lo, &hi);
    if (more <= 0) return Fail("a string holds a byte that is not UTF-8 (" + Describe(lead) + ")");
    text_ += static_cast<char>(lead);
    for (int i = 0; i < more; ++i) {
      const int c = Take();
      if (c < static_cast<int>(i == 0 ? lo : 0x80) || c > static_cast<int>(i == 0 ? hi : 0xBF))
        return Fail("a string holds a broken UTF-8 sequence");
      text_ += static_cast<char>(c);
    }
    return true;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  // Only the first kMaxJsonNumberLength + 1 characters are kept: a longer
  // number is refused (or, while the handler skips, passed as 0) unbuilt.
  void Number() {
    number_.clear();
    const bool keep = !h_.Skipping();
    size_t length = 0;
    bool integral = true;
    auto put = [&](int c) {
      if (++length <= kMaxJsonNumberLength + 1) number_ += static_cast<char>(c);
    };
    auto digits = [&]() {
      size_t n = 0;
      for (int c = Peek(); c >= '0' && c <= '9'; c = Peek(), ++n) put(Take());
      return n;
    };
    if (Peek() == '-') put(Take());
    const int first = Peek();
    if (first == '0') put(Take());
    else if (digits() == 0) return (void)Fail("unexpected " + Describe(first) + " in a number; expected a digit");
    if (Peek() == '.') {
      integral = false;
      put(Take());
      if (digits() == 0) return (void)Fail("unexpected " + Describe(Peek()) + " in a number; expected a digit after '.'");
    }
    if (Peek() == 'e' || Peek() == 'E') {
      integral = false;
      put(Take());
      if (Peek() == '+' || Peek() == '-') put(Take());
      if (digits() == 0) return (void)Fail("unexpected " + Describe(Peek()) + " in a number; expected a digit in the exponent");
    }
    if (!keep) return h_.Integer(0);
    if (length > kMaxJsonNumberLength)
      return (void)TooLong("a number of " + std::to_string(length) + " characters (more than " +
                           std::to_string(kMaxJsonNumberLength) + "); no number in a backup is that long");
    if (integral && EmitInteger()) return;
    const double d = std::strtod(number_.c_str(), nullptr);
    if (!std::isfinite(d)) return (void)Fail("the number " + number_ + " is too large");
    h_.Double(d);
  }

  // number_ is an integer: int64 or uint64 when it fits; false when it does not.
  bool EmitInteger() {
    const bool negative = number_[0] == '-';
    uint64_t v = 0;
    for (size_t i = negative ? 1 : 0; i < number_.size(); ++i) {
      const uint64_t d = static_cast<uint64_t>(number_[i] - '0');
      if (v > (UINT64_MAX - d) / 10) return false;
      v = v * 10 + d;
    }
    if (negative) {
      if (v > static_cast<uint64_t>(INT64_MAX) + 1) return false;
      h_.Integer(v == static_cast<uint64_t>(INT64_MAX) + 1 ? INT64_MIN : -static_cast<int64_t>(v));
    } else if (v <= static_cast<uint64_t>(INT64_MAX)) {
      h_.Integer(static_cast<int64_t>(v));
    } else {
      h_.Unsigned(v);
    }
    return true;
  }

  ByteSource& src_;
  JsonHandler& h_;
  const std::function<void(int64_t)>& progress_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  int64_t base_ = 0;        // the source offset of buf_[0]
  bool eof_ = false;
  int64_t line_ = 1;
  int64_t line_start_ = 0;  // the source offset where the current line starts
  std::vector<bool> stack_;  // open containers: true for an object
  std::string text_;         // the current string or key
  std::string number_;       // the current number's text
  Status status_;
};

}  // namespace

Status ParseJsonStream(ByteSource& source, JsonHandler& handler, const std::function<void(int64_t)>& progress) {
  return Parser(source, handler, progress).Run();
}

}  // namespace streakbox
