// ToNfc against the Unicode Consortium's own conformance file, and the cases
// Streakbox cares about.
#include "../../core/src/unicode_nfc.h"

#include <cstdio>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace streakbox {
namespace {

std::string Utf8(uint32_t cp) {
  std::string s;
  AppendUtf8(cp, &s);
  return s;
}

// "0044 0307" -> its UTF-8.
std::string Field(const std::string& hexes) {
  std::istringstream in(hexes);
  std::string h, out;
  while (in >> h) out += Utf8(static_cast<uint32_t>(std::stoul(h, nullptr, 16)));
  return out;
}

// Every line of NormalizationTest.txt (decompressed from the .bz2 Debian ships):
// c2 == NFC(c1) == NFC(c2) == NFC(c3) and c4 == NFC(c4) == NFC(c5); and every
// code point Part 1 does not list is its own NFC form.
TEST(UnicodeNfc, PassesNormalizationTest) {
  const std::string cmd = "bzcat " STREAKBOX_UCD_DIR "/NormalizationTest.txt.bz2";
  std::unique_ptr<FILE, int (*)(FILE*)> f(popen(cmd.c_str(), "r"), pclose);
  ASSERT_TRUE(f) << cmd;
  std::set<uint32_t> part1;
  bool in_part1 = false;
  size_t lines = 0, failures = 0;
  char buf[4096];
  while (fgets(buf, sizeof buf, f.get())) {
    std::string line(buf);
    if (line.rfind("@Part", 0) == 0) {
      in_part1 = line.rfind("@Part1", 0) == 0;
      continue;
    }
    if (line.empty() || line[0] == '#' || line[0] == '\n') continue;
    std::vector<std::string> c;
    std::istringstream in(line);
    std::string col;
    for (int i = 0; i < 5 && std::getline(in, col, ';'); ++i) c.push_back(Field(col));
    ASSERT_EQ(c.size(), 5u) << line;
    ++lines;
    if (in_part1) part1.insert(static_cast<uint32_t>(std::stoul(line, nullptr, 16)));
    const bool ok = ToNfc(c[0]) == c[1] && ToNfc(c[1]) == c[1] && ToNfc(c[2]) == c[1] &&
                    ToNfc(c[3]) == c[3] && ToNfc(c[4]) == c[3];
    if (!ok && ++failures <= 10) ADD_FAILURE() << "NFC differs on: " << line;
  }
  EXPECT_GT(lines, 15000u) << "NormalizationTest.txt looks incomplete";
  EXPECT_EQ(failures, 0u);
  size_t identity_failures = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || part1.count(cp)) continue;
    const std::string s = Utf8(cp);
    if (ToNfc(s) != s && ++identity_failures <= 10) ADD_FAILURE() << "U+" << std::hex << cp << " is not its own NFC";
  }
  EXPECT_EQ(identity_failures, 0u);
}

TEST(UnicodeNfc, ComposesCafeAndHangul) {
  EXPECT_EQ(ToNfc("Cafe\xCC\x81"), "Caf\xC3\xA9");         // e + COMBINING ACUTE -> é
  EXPECT_EQ(ToNfc("Caf\xC3\xA9"), "Caf\xC3\xA9");          // already NFC
  EXPECT_EQ(ToNfc("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), "\xED\x95\x9C");  // ᄒ ᅡ ᆫ -> 한
  EXPECT_EQ(ToNfc("plain ascii"), "plain ascii");
}

TEST(UnicodeNfc, ValidUtf8) {
  EXPECT_TRUE(IsValidUtf8("Caf\xC3\xA9"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));           // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));       // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));   // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

}  // namespace
}  // namespace streakbox
