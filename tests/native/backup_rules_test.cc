// The rules an import shares with the API, and the bounds on what any file
// can cost (docs/FORMAT.md, "Limits", "Future dates", "Names and titles").
// Each case here was a bug: the test failed before its fix.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "../../core/src/unicode_nfc.h"
#include "streakbox/backup_export.h"
#include "streakbox/backup_import.h"
#include "backup_files.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

const std::string kNfc = "Caf\xC3\xA9";   // é precomposed
const std::string kNfd = "Cafe\xCC\x81";  // e + COMBINING ACUTE ACCENT

class BackupRulesTest : public DbTest {
 protected:
  // Imports `data` (a dry run unless told) with the test clock, 2026-03-10T12:00Z.
  Result<ImportReport> Import(const std::string& data, bool dry_run = false) {
    ImportOptions o;
    o.dry_run = dry_run;
    return ImportText(db(), clock_, data, o);
  }
  Status Check(const std::string& data) { return Import(data, /*dry_run=*/true).status(); }
  // One profile "A" holding `tasks`, `checks` and `statuses` (JSON array bodies).
  static std::string OneProfile(const std::string& tasks, const std::string& checks = "",
                                const std::string& statuses = "") {
    return R"({"version":"1.1","profiles":[{"profile":{"name":"A"},"tasks":[)" + tasks +
           R"(],"task_checks":[)" + checks + R"(],"daily_status":[)" + statuses + "]}]}";
  }
  static std::map<std::string, std::string> ByPath(const Status& s) {
    std::map<std::string, std::string> m;
    for (const auto& d : s.details()) m[d.path] = d.message;
    return m;
  }
  static size_t TextSize(const Status& s) {
    size_t n = s.message().size();
    for (const auto& d : s.details()) n += d.path.size() + d.message.size();
    return n;
  }
};

// Before: "scope": 5 threw nlohmann::type_error out of the validator (the CLI
// aborted). Every header field of every wrong type is a problem at its path.
TEST_F(BackupRulesTest, HeaderFieldsOfEveryWrongTypeAreProblemsAtTheirPath) {
  const std::string profiles = R"("profiles":[{"profile":{"name":"A"}}])";
  const char* wrong[] = {"5", "1.5", "true", "null", "[]", "{}", "\"x\"", "[1,[2]]", "{\"a\":{}}"};
  for (const char* field : {"scope", "version", "format", "app_version", "instance_id", "exported_at",
                            "export_date", "counts", "settings"}) {
    for (const char* value : wrong) {
      std::string file = std::string("{") + (std::string(field) == "version" ? "" : R"("version":"1.1",)") + "\"" +
                         field + "\":" + value + "," + profiles + "}";
      Status s;
      EXPECT_NO_THROW(s = Check(file)) << file;
      if (s.ok()) continue;  // e.g. null where a field is optional, {} for settings
      EXPECT_TRUE(s.code() == Code::kInvalidBackup || s.code() == Code::kUnsupportedVersion) << file << ": " << s.ToString();
    }
  }
  Status scope = Check(R"({"version":"1.1","scope":5,)" + profiles + "}");
  ASSERT_EQ(scope.code(), Code::kInvalidBackup);
  EXPECT_EQ(scope.details()[0].path, "$.scope");
  Status counts = Check(R"({"version":"1.1","counts":{"tasks":"x"},)" + profiles + "}");
  ASSERT_EQ(counts.code(), Code::kInvalidBackup);
  EXPECT_EQ(counts.details()[0].path, "$.counts.tasks");
  Status profiles_number = Check(R"({"version":"1.1","profiles":5})");
  ASSERT_EQ(profiles_number.code(), Code::kInvalidBackup);
  EXPECT_EQ(profiles_number.details()[0].path, "$.profiles");
}

// Before: a number as version got "this backup comes from a newer Streakbox (format 5)".
TEST_F(BackupRulesTest, ANonStringVersionIsNamed) {
  Status s = Check(R"({"version":5,"profiles":[{"profile":{"name":"A"}}]})");
  ASSERT_EQ(s.code(), Code::kInvalidBackup);
  EXPECT_EQ(s.details()[0].path, "$.version");
  EXPECT_EQ(s.details()[0].message, "must be a string like \"1.1\", not a number");
}

// Before: 9223372036854775808 (INT64_MAX + 1) was stored wrapped to INT64_MIN.
TEST_F(BackupRulesTest, IntegersBeyondInt64AreRefused) {
  Status s = Check(OneProfile(R"({"title":"Run","id":9223372036854775808,"sort_order":18446744073709551615})"));
  ASSERT_EQ(s.code(), Code::kInvalidBackup);
  auto found = ByPath(s);
  EXPECT_TRUE(found.count("$.profiles[0].tasks[0].id")) << s.message();
  EXPECT_TRUE(found.count("$.profiles[0].tasks[0].sort_order")) << s.message();
  EXPECT_TRUE(Check(OneProfile(R"({"title":"Run","sort_order":9223372036854775807})")).ok());
}

// Before: a 1 MB number was built and printed in full in the message, twice.
TEST_F(BackupRulesTest, AHugeNumberIsNeitherBuiltNorEchoed) {
  const std::string digits(1 << 20, '7');
  Status s = Check(OneProfile(R"({"title":"Run","sort_order":)" + digits + "}"));
  ASSERT_FALSE(s.ok());
  EXPECT_LT(TextSize(s), 2000u) << s.message().substr(0, 200);
}

// Before: 2000 checks with long bad dates gave megabytes of message text.
TEST_F(BackupRulesTest, ProblemTextIsBoundedAndQuotesAreExcerpts) {
  const std::string bad(60000, 'x');
  std::string checks;
  for (int i = 0; i < 2000; ++i) checks += std::string(i ? "," : "") + R"({"task_title":"Run","date":")" + bad + "\"}";
  Status s = Check(OneProfile(R"({"title":"Run"})", checks));
  ASSERT_EQ(s.code(), Code::kInvalidBackup);
  EXPECT_LT(TextSize(s), 64u << 10);
  const std::string& first = s.details()[0].message;
  EXPECT_LT(first.size(), 200u) << first.substr(0, 200);
  EXPECT_NE(first.find("\xE2\x80\xA6"), std::string::npos) << first;  // "…": cut
  EXPECT_NE(s.details().back().message.find("more problems"), std::string::npos);
}

// Before: unknown top-level fields were built whole and carried in the header.
TEST_F(BackupRulesTest, UnknownFieldsAreSkippedNotBuilt) {
  std::string junk = "[";
  for (int i = 0; i < 10000; ++i) junk += i ? ",{}" : "{}";
  junk += "]";
  auto r = Import(R"({"version":"1.1","x_junk":)" + junk + R"(,"profiles":[{"profile":{"name":"A","x":)" + junk +
                  R"(},"x":)" + junk + R"(,"tasks":[{"title":"Run","x_more":)" + junk + "}]}]}");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r.value().header.contains("x_junk"));
  EXPECT_EQ(Count("tasks"), 1);
}

// Before: checks dated 9999-12-31 were imported although setCheck refuses the future.
TEST_F(BackupRulesTest, FutureDatesAreRefusedByTheUtcPlus14Rule) {
  // The clock: 2026-03-10T12:00Z, so UTC+14 is at 2026-03-11T02:00.
  EXPECT_TRUE(Check(OneProfile(R"({"title":"Run"})", R"({"task_title":"Run","date":"2026-03-11"})",
                               R"({"date":"2026-03-11","completed_at":"2026-03-11T01:00:00+14:00"})")).ok());
  for (const char* date : {"2026-03-12", "9999-12-31"}) {
    Status s = Check(OneProfile(R"({"title":"Run"})", std::string(R"({"task_title":"Run","date":")") + date + "\"}",
                                std::string(R"({"date":")") + date + R"(","completed_at":null})"));
    ASSERT_EQ(s.code(), Code::kInvalidBackup) << date;
    auto found = ByPath(s);
    EXPECT_NE(found["$.profiles[0].task_checks[0].date"].find("future"), std::string::npos) << s.message();
    EXPECT_TRUE(found.count("$.profiles[0].daily_status[0].date")) << s.message();
  }
}

// Before: anything starting with a date passed as a time.
TEST_F(BackupRulesTest, TimesMustParse) {
  for (const char* t : {"2026-03-09", "2026-03-09T06:40", "2026-03-09T06:40:00", "2026-03-09T06:40:00Z",
                        "2026-03-09 06:40:00", "2026-03-09T06:40:00.123456+02:00", "2026-03-09T23:59:60-0530"})
    EXPECT_TRUE(Check(OneProfile(R"({"title":"Run"})", std::string(R"({"task_title":"Run","date":"2026-03-09","checked_at":")") + t + "\"}")).ok()) << t;
  for (const char* t : {"2026-03-09garbage", "2026-03-09T25:00:00Z", "2026-03-09T06:61", "2026-03-09T", "2026-03-09T06:40:00Zjunk",
                        "2026-03-09T06:40:00.Z", "2026-03-09T06:40:00+2"}) {
    Status s = Check(OneProfile(R"({"title":"Run","created_at":")" + std::string(t) + "\"}"));
    ASSERT_EQ(s.code(), Code::kInvalidBackup) << t;
    EXPECT_EQ(s.details()[0].path, "$.profiles[0].tasks[0].created_at") << t;
  }
}

// Before: NFC "Café" and NFD "Café" became two tasks that look the same.
TEST_F(BackupRulesTest, TitlesAndNamesAreNfcOnImport) {
  Status dup = Check(OneProfile(R"({"title":")" + kNfc + R"("},{"title":")" + kNfd + "\"}"));
  ASSERT_EQ(dup.code(), Code::kInvalidBackup);
  EXPECT_EQ(dup.details()[0].path, "$.profiles[0].tasks[1].title");
  auto r = Import(R"({"version":"1.1","profiles":[{"profile":{"name":")" + kNfd + R"("},"tasks":[{"title":")" + kNfd +
                  R"("}],"task_checks":[{"task_title":")" + kNfc + R"(","date":"2026-03-09"}]}]})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto profiles = tracker().ListProfiles().value();
  ASSERT_EQ(profiles.size(), 1u);
  EXPECT_EQ(profiles[0].name, kNfc);
  EXPECT_EQ(tracker().ListTasks(profiles[0].id).value()[0].title, kNfc);
  EXPECT_EQ(Count("task_checks"), 1);
  // Merging the NFD spelling again finds the same profile and task.
  const std::string nfd_file = R"({"version":"1.1","profiles":[{"profile":{"name":")" + kNfd +
                               R"("},"tasks":[{"title":")" + kNfd + "\"}]}]}";
  StringSource src(nfd_file);  // reads the string in place
  ImportOptions merge;
  merge.mode = ImportOptions::Mode::kMerge;
  auto again = ImportBackup(db(), clock_, src, merge);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Count("tasks"), 1);
  EXPECT_EQ(Count("profiles"), 1);
}

// Before: a name of only a zero-width space was accepted.
TEST_F(BackupRulesTest, InvisibleNamesAndTitlesAreRefused) {
  for (const char* invisible : {"\xE2\x80\x8B", " \xE2\x81\xA0\xEF\xBB\xBF ", "\xE3\x85\xA4", "\xE2\xA0\x80", "\xC2\xA0"}) {
    Status name = Check(std::string(R"({"version":"1.1","profiles":[{"profile":{"name":")") + invisible + "\"}}]}");
    ASSERT_EQ(name.code(), Code::kInvalidBackup);
    EXPECT_EQ(name.details()[0].path, "$.profiles[0].profile.name");
    Status title = Check(OneProfile(std::string(R"({"title":")") + invisible + "\"}"));
    ASSERT_EQ(title.code(), Code::kInvalidBackup);
    EXPECT_EQ(title.details()[0].path, "$.profiles[0].tasks[0].title");
  }
}

// Before: the task " Run " was accepted (stored "Run") but a check naming " Run " was refused.
TEST_F(BackupRulesTest, ATaskTitleReferenceIsMatchedAsTheTitleIsStored) {
  auto r = Import(OneProfile(R"({"title":"  Run "},{"title":")" + kNfd + "\"}",
                             R"({"task_title":"  Run ","date":"2026-03-09"},{"task_title":" )" + kNfd + R"( ","date":"2026-03-09"})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Count("task_checks"), 2);
}

// Before: "holds no profiles" refused the export of an instance without profiles.
TEST_F(BackupRulesTest, AnEmptyInstancesExportImportsBack) {
  StringSink sink;
  ASSERT_TRUE(ExportBackup(db(), clock_, {}, sink).ok());
  auto r = Import(sink.str());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r.value().profiles.empty());
  EXPECT_EQ(Check(R"({"version":"1.1"})").code(), Code::kInvalidBackup);  // no profiles at all: still refused
}

// Before: a 60-character profile name of 4-byte characters made a 273-byte file name.
TEST_F(BackupRulesTest, DownloadNamesStayWithin255Bytes) {
  std::string emoji;
  for (int i = 0; i < 60; ++i) emoji += "\xF0\x9F\x98\x80";  // U+1F600
  for (const std::string& name : {emoji, std::string(300, 'a'), "a" + emoji}) {
    const std::string file = BackupFileName("2026-03-10", name);
    EXPECT_LE(file.size(), 255u);
    EXPECT_EQ(file.substr(file.size() - 16), "-2026-03-10.json");
    EXPECT_TRUE(IsValidUtf8(file)) << "cut inside a character";
  }
}

// Before: nothing bounded how many profiles, tasks or waiting references a file
// could make the validator hold.
TEST_F(BackupRulesTest, ProfilesTasksAndWaitingChecksAreCapped) {
  std::string profiles;
  for (int i = 0; i <= 1000; ++i) profiles += (i ? ",{\"profile\":{\"name\":\"P" : "{\"profile\":{\"name\":\"P") + std::to_string(i) + "\"}}";
  Status many = Check(R"({"version":"1.1","profiles":[)" + profiles + "]}");
  ASSERT_EQ(many.code(), Code::kInvalidBackup);
  EXPECT_EQ(many.details()[0].path, "$.profiles[1000]") << many.message();

  auto tasks = [](int n) {
    std::string t;
    for (int i = 0; i < n; ++i) t += (i ? ",{\"title\":\"T" : "{\"title\":\"T") + std::to_string(i) + "\"}";
    return t;
  };
  Status too_many = Check(OneProfile(tasks(20001)));
  ASSERT_EQ(too_many.code(), Code::kInvalidBackup);
  EXPECT_EQ(too_many.details()[0].path, "$.profiles[0].tasks[20000]");
  auto r = Import(OneProfile(tasks(20000)));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // The API holds the same line.
  const int64_t profile = tracker().ListProfiles().value()[0].id;
  EXPECT_EQ(tracker().CreateTask(profile, TaskFields{"One more", "", true, true, false}).status().code(),
            Code::kInvalidArgument);
  // A merge that would pass the cap changes nothing.
  const std::string one_more = R"({"version":"1.1","profiles":[{"profile":{"name":"B"},"tasks":[{"title":"X"}]}]})";
  StringSource src(one_more);
  ImportOptions merge;
  merge.mode = ImportOptions::Mode::kMerge;
  EXPECT_EQ(ImportBackup(db(), clock_, src, merge).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Count("tasks"), 20000);
  EXPECT_EQ(Count("profiles"), 1);

  std::string waiting;
  for (int i = 0; i <= 20000; ++i) waiting += std::string(i ? "," : "") + R"({"task_title":"Later","date":"2026-03-09"})";
  Status early = Check(R"({"version":"1.1","profiles":[{"profile":{"name":"A"},"task_checks":[)" + waiting +
                       R"(],"tasks":[{"title":"Later"}]}]})");
  ASSERT_EQ(early.code(), Code::kInvalidBackup);
  EXPECT_EQ(early.details()[0].path, "$.profiles[0].task_checks[20000]");
}

// Before: a record or the settings could hold any number of members.
TEST_F(BackupRulesTest, ARecordOrTheSettingsHoldAtMostOneMiB) {
  std::string settings;
  for (int i = 0; i < 40; ++i) settings += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":\"" + std::string(30000, 'v') + "\"";
  Status big = Check(R"({"version":"1.1","settings":{)" + settings + R"(},"profiles":[]})");
  ASSERT_EQ(big.code(), Code::kInvalidBackup);
  EXPECT_EQ(big.details()[0].path, "$.settings");
  std::string members;
  for (int i = 0; i < 200000; ++i) members += i ? ",{}" : "{}";
  Status wide = Check(OneProfile("[" + members + "]"));
  ASSERT_EQ(wide.code(), Code::kInvalidBackup);
  EXPECT_EQ(wide.details()[0].path, "$.profiles[0].tasks[0]");
}

// The fuzz seeds with header fields of every wrong type: each one validates to
// a verdict (never an exception, never "malformed"), and a wrong type is named.
TEST_F(BackupRulesTest, EveryWrongTypeSeedGetsAVerdict) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(STREAKBOX_TEST_DATA) + "/backups/wrong-types")) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Status s;
    EXPECT_NO_THROW(s = Check(data)) << entry.path();
    EXPECT_NE(s.code(), Code::kMalformed) << entry.path();
    const std::string name = entry.path().filename().string();
    if (name.find("-number.") != std::string::npos) EXPECT_FALSE(s.ok()) << name;
    ++files;
  }
  EXPECT_GT(files, 80u);
}

// The importer keeps one completed day per date (memory bounded by the
// calendar, not by the file): the first one in the file wins, the rest count
// as skipped, as when each was inserted in turn.
TEST_F(BackupRulesTest, RepeatedCompletedDaysKeepTheFirst) {
  auto r = Import(OneProfile(R"({"title":"Run"})", R"({"task_title":"Run","date":"2026-03-09"})",
                             R"({"date":"2026-03-09","completed_at":"2026-03-09T06:00:00Z"},)"
                             R"({"date":"2026-03-09","completed_at":"2026-03-09T09:00:00Z"})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().profiles[0].daily_status.added, 1);
  EXPECT_EQ(r.value().profiles[0].daily_status.skipped, 1);
  auto day = tracker().GetDay(r.value().profiles[0].profile_id, "2026-03-09").value();
  EXPECT_EQ(day.completed_at, std::optional<std::string>("2026-03-09T06:00:00Z"));
}

}  // namespace
}  // namespace streakbox
