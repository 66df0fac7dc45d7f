// Golden backup files: one file of every backup format version and shape ever
// written (tests/data/backups/golden/NAME.json), each with the results it
// gave when it was frozen (NAME.expect.json beside it): validate's summary,
// the reports of Replace into an empty database, Merge into an empty
// database and Merge of the same file again, and the canonical dump of the
// database after each (golden_dump.h), all under one fixed clock.
//
// Expectations are written once and then only compared, never regenerated to
// make a test pass: STREAKBOX_WRITE_GOLDEN=1 writes the expectation of a file
// that has none and leaves every existing one alone. A file without an
// expectation fails, so a new file cannot be forgotten.
//
// Compatibility: a report or summary may gain fields in later versions; a
// field the expectation does not have must then hold a zero-like value (0,
// false, "", null, or an object/array of those), which is what a file that
// cannot carry it gives. The dump of a file lists only the fields of its
// version, and NewFieldsHoldDefaults checks the rest.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "streakbox/app.h"
#include "streakbox/backup_import.h"
#include "backup_files.h"
#include "golden_dump.h"

namespace streakbox {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

const fs::path kGoldenDir = fs::path(STREAKBOX_TEST_DATA) / "backups" / "golden";
constexpr const char* kExpectSuffix = ".expect.json";

// 2026-12-01T12:00:00Z: after every date in the golden files.
FixedClock GoldenClock() { return FixedClock(1796126400, "2026-12-01"); }

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Every backup in the folder (not the expectations), sorted.
std::vector<std::string> GoldenFiles() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kGoldenDir)) {
    const std::string name = e.path().filename().string();
    if (EndsWith(name, ".json") && !EndsWith(name, kExpectSuffix)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ExpectName(const std::string& file) { return file.substr(0, file.size() - 5) + kExpectSuffix; }

json StatusJson(const Status& s) {
  json details = json::array();
  for (const auto& d : s.details()) details.push_back({{"path", d.path}, {"message", d.message}});
  return {{"error", code_name(s.code())}, {"message", s.message()}, {"details", details}};
}

// The file's content level: "1.1" for every version before 1.2 (their dump
// has the same fields), else the version itself.
std::string DumpLevel(const std::string& data) {
  const std::string v = json::parse(data).value("version", "");
  return (v == "1.0" || v == "1.1") ? "1.1" : v;
}

json Dump(Database& db, const std::string& level) {
  if (level == "1.3") return DumpContentV13(db);
  if (level == "1.2") return DumpContentV12(db);
  EXPECT_EQ(level, "1.1") << "no dump for content level " << level;
  return DumpContentV11(db);
}

// Views derived from the database around an import, not from the file's
// format: a report profile's `net` (the changes as the user sees them,
// backup_net_test.cc) and a summary's `profiles_held` (added in issue 13).
// The frozen results describe what a file imports; these are left out.
json WithoutViews(json j) {
  if (j.contains("profiles_held")) j.erase("profiles_held");
  if (j.contains("profiles") && j["profiles"].is_array())
    for (json& p : j["profiles"])
      if (p.is_object()) p.erase("net");
  return j;
}

// Imports `data` with `mode` into `app`; the report, or the failure.
json Import(App& app, const Clock& clock, const std::string& data, ImportOptions::Mode mode) {
  ImportOptions o;
  o.mode = mode;
  auto r = ImportText(app.db(), clock, data, o);
  return r.ok() ? WithoutViews(ToJson(r.value())) : StatusJson(r.status());
}

std::unique_ptr<App> EmptyApp(const Clock& clock) {
  auto r = App::Open(":memory:", clock);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : nullptr;
}

// Everything the current code gives for one golden file.
json Results(const std::string& data) {
  FixedClock clock = GoldenClock();
  const std::string level = DumpLevel(data);
  json out;
  StringSource src(data);
  auto summary = ValidateBackup(src, clock);
  out["validate"] = summary.ok() ? WithoutViews(ToJson(summary.value())) : StatusJson(summary.status());

  auto replaced = EmptyApp(clock);
  out["replace"] = Import(*replaced, clock, data, ImportOptions::Mode::kReplace);
  out["replace_dump"] = Dump(replaced->db(), level);
  if (level == "1.1") {
    EXPECT_EQ(NewFieldsHoldDefaults(replaced->db()), "") << "after Replace";
  }
  if (level == "1.1" || level == "1.2") {
    EXPECT_EQ(TasksHaveFreshUuids(replaced->db()), "") << "after Replace";
  }

  auto merged = EmptyApp(clock);
  out["merge"] = Import(*merged, clock, data, ImportOptions::Mode::kMerge);
  out["merge_dump"] = Dump(merged->db(), level);
  out["merge_again"] = Import(*merged, clock, data, ImportOptions::Mode::kMerge);
  EXPECT_EQ(Dump(merged->db(), level), out["merge_dump"]) << "merging the same file again changed the database";
  if (level == "1.1") {
    EXPECT_EQ(NewFieldsHoldDefaults(merged->db()), "") << "after Merge";
  }
  if (level == "1.1" || level == "1.2") {
    EXPECT_EQ(TasksHaveFreshUuids(merged->db()), "") << "after Merge";
  }
  return out;
}

bool ZeroLike(const json& v) {
  if (v.is_null()) return true;
  if (v.is_boolean()) return !v.get<bool>();
  if (v.is_number()) return v == 0;
  if (v.is_string()) return v.get<std::string>().empty();
  for (const auto& e : v) {
    if (!ZeroLike(e)) return false;
  }
  return true;  // an object or array of zero-like values, or an empty one
}

// Compares `actual` with `expected`; problems are appended to `out` with
// their path. Objects: every expected key must compare; a key only in
// `actual` must be zero-like (a field added after the expectation was frozen).
void Compare(const json& expected, const json& actual, const std::string& path, std::string& out) {
  if (expected.is_object() && actual.is_object()) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) out += path + "." + it.key() + ": missing\n";
      else Compare(it.value(), actual[it.key()], path + "." + it.key(), out);
    }
    for (auto it = actual.begin(); it != actual.end(); ++it) {
      if (!expected.contains(it.key()) && !ZeroLike(it.value()))
        out += path + "." + it.key() + ": new field with a value that is not its default: " + it.value().dump() + "\n";
    }
    return;
  }
  if (expected.is_array() && actual.is_array() && expected.size() == actual.size()) {
    for (size_t i = 0; i < expected.size(); ++i) Compare(expected[i], actual[i], path + "[" + std::to_string(i) + "]", out);
    return;
  }
  if (expected != actual) out += path + ": expected " + expected.dump() + ", got " + actual.dump() + "\n";
}

bool WriteGolden() {
  const char* v = std::getenv("STREAKBOX_WRITE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

TEST(GoldenFormatsTest, TheFolderHoldsEveryVersion) {
  const auto files = GoldenFiles();
  for (const char* prefix : {"1.0-", "1.1-", "1.2-", "1.3-"}) {
    EXPECT_TRUE(std::any_of(files.begin(), files.end(), [&](const std::string& f) { return f.rfind(prefix, 0) == 0; }))
        << "no golden file of version " << prefix;
  }
  // An expectation without its file is a file that went missing.
  for (const auto& e : fs::directory_iterator(kGoldenDir)) {
    const std::string name = e.path().filename().string();
    if (!EndsWith(name, kExpectSuffix)) continue;
    const std::string file = name.substr(0, name.size() - std::string(kExpectSuffix).size()) + ".json";
    EXPECT_TRUE(fs::exists(kGoldenDir / file)) << name << " has no " << file;
  }
}

TEST(GoldenFormatsTest, EveryFileGivesItsFrozenResults) {
  const auto files = GoldenFiles();
  ASSERT_FALSE(files.empty());
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    const std::string data = ReadFile(kGoldenDir / file);
    const json actual = Results(data);
    const fs::path expect_path = kGoldenDir / ExpectName(file);
    if (!fs::exists(expect_path)) {
      if (WriteGolden()) {
        json doc = {{"file", file}, {"results", actual}};
        std::ofstream(expect_path, std::ios::binary) << doc.dump(1) << "\n";
        std::cout << "wrote " << expect_path.string() << "\n";
      } else {
        ADD_FAILURE() << file << " has no expectation " << ExpectName(file)
                      << " (write it once from a build you trust: STREAKBOX_WRITE_GOLDEN=1)";
      }
      continue;
    }
    const json expected = json::parse(ReadFile(expect_path));
    EXPECT_EQ(expected.value("file", ""), file);
    std::string problems;
    Compare(expected.at("results"), actual, "", problems);
    EXPECT_EQ(problems, "") << "results of " << file << " differ from " << ExpectName(file);
  }
}

// The comparison itself: a changed value or a new non-default field fails.
TEST(GoldenFormatsTest, TheComparisonCatchesChangesAndNewValues) {
  std::string problems;
  Compare(json{{"a", 1}}, json{{"a", 1}, {"b", {{"added", 0}}}}, "", problems);
  EXPECT_EQ(problems, "");
  Compare(json{{"a", 1}}, json{{"a", 2}}, "", problems);
  EXPECT_NE(problems.find(".a: expected 1, got 2"), std::string::npos) << problems;
  problems.clear();
  Compare(json{{"a", 1}}, json{{"a", 1}, {"b", {{"added", 3}}}}, "", problems);
  EXPECT_NE(problems.find(".b: new field"), std::string::npos) << problems;
  problems.clear();
  Compare(json{{"a", json::array({1, 2})}}, json{{"a", json::array({1})}}, "", problems);
  EXPECT_NE(problems, "");
}

}  // namespace
}  // namespace streakbox
