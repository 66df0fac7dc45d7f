// ParseJsonStream against nlohmann::json::parse: the same documents accepted,
// with the same values, and the same ones refused — whole, byte by byte across
// buffer boundaries, and under thousands of deterministic mutations.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "../support/json_dom.h"
#include "streakbox/byte_io.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

// A source that hands out one byte per read, so every token straddles reads.
class OneByteSource : public ByteSource {
 public:
  explicit OneByteSource(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ >= data_.size() || n == 0) return size_t{0};
    *buf = data_[pos_++];
    return size_t{1};
  }
  Status Rewind() override {
    pos_ = 0;
    return Status::Ok();
  }
  int64_t Size() const override { return static_cast<int64_t>(data_.size()); }

 private:
  std::string data_;
  size_t pos_ = 0;
};

struct Parsed {
  Status status;
  json value;
};

template <typename Source>
Parsed Ours(const std::string& text) {
  Source src(text);
  JsonDomBuilder dom;
  Status s = ParseJsonStream(src, dom);
  return {s, s.ok() ? dom.root : json()};
}

// Both parsers agree on `text`: same verdict, same value; byte by byte too.
void ExpectAgree(const std::string& text) {
  const json theirs = json::parse(text, nullptr, /*allow_exceptions=*/false);
  for (const Parsed& ours : {Ours<StringSource>(text), Ours<OneByteSource>(text)}) {
    if (theirs.is_discarded()) {
      EXPECT_FALSE(ours.status.ok()) << "accepted what nlohmann refuses: " << text;
      if (!ours.status.ok()) EXPECT_EQ(ours.status.code(), Code::kMalformed) << text;
    } else {
      ASSERT_TRUE(ours.status.ok()) << ours.status.ToString() << " for: " << text;
      EXPECT_EQ(ours.value, theirs) << text;
      EXPECT_EQ(ours.value.dump(), theirs.dump()) << "types differ for: " << text;
    }
  }
}

const char* const kSamples[] = {
    R"({"version":"1.1","profiles":[{"profile":{"name":"Mom","color":"#e11d48"},"tasks":[{"title":"Run","required":true,"sort_order":0}],"task_checks":[{"task_title":"Run","date":"2025-12-20","checked_at":null}]}]})",
    "  [1, -1, 0, -0, 1.5, -2.25e3, 1E+2, 1e-2, 9223372036854775807, -9223372036854775808, 9223372036854775808,"
    " 18446744073709551615, 18446744073709551616, -9223372036854775809, 123456789012345678901234567890]\n",
    R"(["\"\\\/\b\f\n\r\t", "\u0041\u00e9\u20AC\ud83d\ude00", "\u0000", "héllo wörld ✓ 😀"])",
    "{\"a\":{\"b\":{\"c\":[[],[{}],{\"d\":[true,false,null]}]}},\"a\":2}",
    "\xEF\xBB\xBF{\"bom\":true}", "\"just a string\"", "42", "true", "null", " \t\r\n{} \t\r\n",
    // refused
    "", " ", "{", "[", "]", "{]", "[}", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{a:1}", "{'a':1}", "[1,]", "{\"a\":1,}",
    "[01]", "[1.]", "[.5]", "[1e]", "[1e+]", "[-]", "[+1]", "[0x10]", "[1e400]", "[-1e400]", "[NaN]", "[Infinity]",
    "[tru]", "[nul]", "[falsey]", "[True]", "\"unterminated", "\"tab\there\"", "\"nl\nhere\"", "\"\\x\"", "\"\\u12\"",
    "\"\\uD800\"", "\"\\uDC00\"", "\"\\uD800\\u0041\"", "\"\\uD800x\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xF5\x80\x80\x80\"",
    "\"\xE2\x82\"", "\"\x80\"", "\"\xF4\x90\x80\x80\"", "{} {}", "[1] x", "\xEF\xBB{}", "\xEF\xBB\xBF", "[1 2]", "{\"a\":1 \"b\":2}",
};

TEST(JsonStreamTest, AgreesWithNlohmannOnSamples) {
  for (const char* s : kSamples) ExpectAgree(s);
}

TEST(JsonStreamTest, AgreesWithNlohmannUnderMutation) {
  std::mt19937 rng(20261122);
  const std::string alphabet = "{}[],:\"\\ 0123456789-+.eEtrufalsn\x80\xC3\xA9\n";
  for (const char* sample : kSamples) {
    const std::string base = sample;
    if (base.empty()) continue;
    for (int i = 0; i < 300; ++i) {
      std::string m = base;
      const size_t at = rng() % m.size();
      switch (rng() % 3) {
        case 0: m.erase(at, 1); break;
        case 1: m.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
        default: m[at] = alphabet[rng() % alphabet.size()]; break;
      }
      ExpectAgree(m);
    }
  }
}

// nlohmann takes a NUL byte for the end of the input and ignores the rest;
// RFC 8259 has no such rule, and a backup with bytes after its end is damaged.
TEST(JsonStreamTest, RefusesBytesAfterANul) {
  const std::string text("{\"a\":1}\0garbage", 15);
  EXPECT_FALSE(json::parse(text, nullptr, false).is_discarded()) << "nlohmann's quirk changed; drop this test";
  EXPECT_EQ(Ours<StringSource>(text).status.code(), Code::kMalformed);
}

TEST(JsonStreamTest, ErrorsNameLineAndColumn) {
  const std::string text = "{\n  \"a\": 1,\n  \"b\": tru\n}";
  StringSource src(text);  // StringSource reads `text` in place
  JsonDomBuilder dom;
  Status s = ParseJsonStream(src, dom);
  EXPECT_EQ(s.code(), Code::kMalformed);
  EXPECT_NE(s.message().find("line 3, column"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("invalid literal"), std::string::npos) << s.message();
}

TEST(JsonStreamTest, RefusesNestingBeyondTheLimit) {
  JsonDomBuilder dom;
  const std::string at_limit = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  const std::string beyond = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  StringSource ok(at_limit);
  EXPECT_TRUE(ParseJsonStream(ok, dom).ok());
  StringSource deep(beyond);
  Status s = ParseJsonStream(deep, dom);
  EXPECT_EQ(s.code(), Code::kMalformed);
  EXPECT_NE(s.message().find("nesting deeper"), std::string::npos) << s.message();
}

TEST(JsonStreamTest, ReportsBytesReadAsItGoes) {
  const std::string big = "[" + std::string(200000, ' ') + "1]";
  StringSource src(big);
  JsonDomBuilder dom;
  std::vector<int64_t> seen;
  ASSERT_TRUE(ParseJsonStream(src, dom, [&](int64_t n) { seen.push_back(n); }).ok());
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen.back(), static_cast<int64_t>(big.size()));
}

// Before: a 1 MB number was built whole and echoed in full ("the number 777…
// is too large"); a string had no bound at all.
TEST(JsonStreamTest, RefusesOverlongTokensWithoutEchoingThem) {
  for (const std::string& text : {"[" + std::string(1 << 20, '7') + "]", "[1." + std::string(1 << 20, '5') + "]",
                                  "[\"" + std::string(1 << 20, 's') + "\"]", "{\"" + std::string(1 << 20, 'k') + "\":1}"}) {
    StringSource src(text);
    JsonDomBuilder dom;
    Status s = ParseJsonStream(src, dom);
    EXPECT_EQ(s.code(), Code::kInvalidBackup) << s.message().substr(0, 100);
    EXPECT_LT(s.message().size(), 200u) << s.message().substr(0, 100);
  }
  const std::string longest_number = "[" + std::string(64, '1') + "]";  // 64 characters: still read
  StringSource ok(longest_number);
  JsonDomBuilder dom;
  EXPECT_TRUE(ParseJsonStream(ok, dom).ok());
}

// A handler that skips everything: tokens are checked, their text not kept, no
// length limit applies (a skipped value costs no memory).
class SkipAll : public JsonDomBuilder {
 public:
  SkipAll() { skipping_ = true; }
  void String(std::string& v) override { longest = std::max(longest, v.size()); }
  void Key(std::string& k) override { longest = std::max(longest, k.size()); }
  size_t longest = 0;
};

TEST(JsonStreamTest, SkippedTokensAreCheckedButNotKept) {
  const std::string text = "{\"" + std::string(1 << 20, 'k') + "\":[\"" + std::string(1 << 20, 's') + "\\u00e9\", " +
                           std::string(1 << 20, '9') + "]}";
  StringSource src(text);
  SkipAll skip;
  EXPECT_TRUE(ParseJsonStream(src, skip).ok());
  EXPECT_LT(skip.longest, 64u << 10);
  const std::string broken = "[\"" + std::string(1 << 20, 's') + "\xC0\"]";  // still checked
  StringSource bad(broken);
  EXPECT_EQ(ParseJsonStream(bad, skip).code(), Code::kMalformed);
}

}  // namespace
}  // namespace streakbox
