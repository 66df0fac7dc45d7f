#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "streakbox/backup_export.h"
#include "streakbox/backup_format.h"
#include "streakbox/backup_import.h"
#include "backup_files.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(STREAKBOX_TEST_DATA) + "/backups/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A source that fails after `limit` bytes on its `fail_on_pass`-th read-through.
// A source whose reads fail once `limit` bytes have been read.
class FailingSource : public ByteSource {
 public:
  FailingSource(const std::string& data, size_t limit) : inner_(data), limit_(limit) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ >= limit_) return Status(Code::kIo, "injected read failure");
    auto r = inner_.Read(buf, std::min<size_t>(n, 4096));
    if (r.ok()) pos_ += r.value();
    return r;
  }
  Status Rewind() override {
    pos_ = 0;
    return inner_.Rewind();
  }
  int64_t Size() const override { return inner_.Size(); }

 private:
  StringSource inner_;
  size_t limit_, pos_ = 0;
};

class BackupTest : public DbTest {
 protected:
  int64_t Profile(const std::string& name) { return tracker().CreateProfile(name, "#123456").value(); }
  int64_t Task(int64_t p, const std::string& title, bool required = true) {
    return tracker().CreateTask(p, TaskFields{title, "about " + title, required, true, false}).value();
  }
  void SeedFamily() {
    int64_t mom = Profile("Mom"), kid = Profile("Kid");
    int64_t run = Task(mom, "Morning run"), read = Task(mom, "Read \"quotes\" & ünïcode", false);
    int64_t hw = Task(kid, "Homework");
    for (const char* d : {"2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"}) {
      ASSERT_TRUE(tracker().SetCheck(mom, run, d, true).ok());
      ASSERT_TRUE(tracker().SetCheck(kid, hw, d, true).ok());
    }
    ASSERT_TRUE(tracker().SetCheck(mom, read, "2026-03-09", true).ok());
    ASSERT_TRUE(tracker().SetSetting("theme", "dark").ok());
    ASSERT_TRUE(tracker().SetSetting("secret.backup_password", "hunter2").ok());
  }
  std::string Export(std::optional<int64_t> profile = std::nullopt) { return ExportText(db(), clock_, profile); }
  Result<ImportReport> Import(const std::string& data, ImportOptions o = {}) { return ImportText(db(), clock_, data, o); }
  Status Invalid(const std::string& data) {
    StringSource src(data);
    return ValidateBackup(src).status();
  }
  // Everything the user entered, as JSON, ids aside.
  json Content() {
    json j = json::parse(Export());
    j.erase("exported_at");
    j.erase("instance_id");
    return j;
  }
};

TEST_F(BackupTest, ExportKeepsEveryFieldAndCountsAndNoSecrets) {
  SeedFamily();
  json j = json::parse(Export());
  EXPECT_EQ(j["format"], "streakbox-backup");
  EXPECT_EQ(j["version"], "1.3");
  EXPECT_EQ(j["scope"], "all");
  EXPECT_EQ(j["counts"], json({{"profiles", 2}, {"tasks", 3}, {"task_checks", 9}, {"daily_status", 8}, {"days_off", 0}}));
  EXPECT_EQ(j["settings"], json({{"theme", "dark"}}));
  const json& mom = j["profiles"][1];
  EXPECT_EQ(mom["profile"]["name"], "Mom");
  EXPECT_EQ(mom["tasks"][1]["title"], "Read \"quotes\" & ünïcode");
  EXPECT_EQ(mom["tasks"][1]["description"], "about Read \"quotes\" & ünïcode");
  EXPECT_EQ(mom["tasks"][1]["required"], false);
  EXPECT_EQ(mom["task_checks"].size(), 5u);
  EXPECT_EQ(mom["daily_status"].size(), 4u);
  EXPECT_EQ(j["instance_id"].get<std::string>().size(), 32u);
}

TEST_F(BackupTest, FileNameCarriesDateAndProfile) {
  EXPECT_EQ(BackupFileName("2026-03-10", std::nullopt), "streakbox-backup-2026-03-10.json");
  EXPECT_EQ(BackupFileName("2026-03-10", std::string("Mom")), "streakbox-backup-Mom-2026-03-10.json");
  EXPECT_EQ(BackupFileName("2026-03-10", std::string("Big kid / Zoë")), "streakbox-backup-Big-kid-Zoë-2026-03-10.json");
  SeedFamily();
  StringSink sink;
  auto r = ExportBackup(db(), clock_, ExportOptions{1}, sink);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().filename, "streakbox-backup-Mom-2026-03-10.json");
  EXPECT_EQ(json::parse(sink.str())["scope"], "profile");
}

TEST_F(BackupTest, RoundTripIntoAnEmptyInstanceIsExact) {
  SeedFamily();
  const json before = Content();
  const std::string file = Export();
  FixedClock clock(kTestNow + 3600, "2026-03-10");
  auto fresh = App::Open(":memory:", clock).value();
  StringSource src(file);
  auto report = ImportBackup(fresh->db(), clock, src, {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  StringSink again;
  ASSERT_TRUE(ExportBackup(fresh->db(), clock, {}, again).ok());
  json after = json::parse(again.str());
  after.erase("exported_at");
  after.erase("instance_id");
  EXPECT_EQ(after, before);
}

TEST_F(BackupTest, SeedDocumentationExampleImportsAsItIs) {
  auto r = Import(ReadData("seed-docs-example.json"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto tasks = tracker().ListTasks(1).value();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].description, "30 minute jog");
  Day d = tracker().GetDay(1, "2025-12-20").value();
  EXPECT_TRUE(d.tasks[0].entry.done);
  EXPECT_EQ(*d.completed_at, "2025-12-20T19:45:00Z");
  EXPECT_EQ(r.value().profiles[0].action, "created");
}

TEST_F(BackupTest, SeedServerSingleProfileShapeImports) {
  auto r = Import(ReadData("seed-server-profile.json"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ProfileReport& p = r.value().profiles[0];
  EXPECT_EQ(p.name, "Dad");
  EXPECT_EQ(p.tasks.added, 3);
  EXPECT_EQ(p.task_checks.added, 3);
  EXPECT_EQ(p.task_checks.skipped, 1);  // the unchecked row
  auto tasks = tracker().ListTasks(p.profile_id).value();
  EXPECT_FALSE(tasks[1].required);
  EXPECT_FALSE(tasks[2].active);
  EXPECT_EQ(tracker().GetProfile(p.profile_id).value().color, "#10b981");
  EXPECT_TRUE(tracker().GetDay(p.profile_id, "2025-12-21").value().completed_at.has_value());
}

TEST_F(BackupTest, SeedServerAllProfilesShapeImports) {
  auto r = Import(ReadData("seed-server-all.json"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto profiles = tracker().ListProfiles().value();
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(Count("task_checks"), 3);
  EXPECT_EQ(Count("daily_status"), 2);  // the Kid's day is not complete: one of two required tasks
}

TEST_F(BackupTest, MergingTheSameFileTwiceChangesNothingTheSecondTime) {
  SeedFamily();
  const std::string file = Export();
  auto first = Import(ReadData("seed-server-all.json"), {ImportOptions::Mode::kMerge});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const json after_first = Content();
  auto second = Import(ReadData("seed-server-all.json"), {ImportOptions::Mode::kMerge});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(Content(), after_first);
  for (const auto& p : second.value().profiles) {
    EXPECT_EQ(p.action, "merged");
    EXPECT_EQ(p.tasks.added + p.task_checks.added + p.daily_status.added, 0) << p.name;
  }
  // Mom existed: her tasks were merged by title, nothing of hers removed.
  auto mom = tracker().ListTasks(1).value();
  EXPECT_EQ(mom.size(), 2u);
  EXPECT_EQ(Count("profiles"), 2);
}

TEST_F(BackupTest, MergeNeverRemovesOrUncompletes) {
  SeedFamily();
  const int64_t before = Count("daily_status");
  auto r = Import(ReadData("seed-docs-example.json"), {ImportOptions::Mode::kMerge});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Count("daily_status"), before + 1);
  EXPECT_TRUE(tracker().GetDay(1, "2026-03-10").value().completed_at.has_value());
}

TEST_F(BackupTest, SharingBringsTasksWithoutHistory) {
  int64_t me = Profile("Me");
  ImportOptions o{ImportOptions::Mode::kMerge, me};
  o.tasks_only = true;
  auto r = Import(ReadData("seed-server-profile.json"), o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(tracker().ListTasks(me).value().size(), 3u);
  EXPECT_EQ(Count("task_checks"), 0);
  EXPECT_EQ(Count("daily_status"), 0);
  EXPECT_EQ(tracker().GetProfile(me).value().name, "Me");
}

TEST_F(BackupTest, ReplaceIntoOneProfileSwapsItsDataOnly) {
  SeedFamily();
  auto r = Import(ReadData("seed-server-profile.json"), {ImportOptions::Mode::kReplace, 1});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ProfileReport& p = r.value().profiles[0];
  EXPECT_EQ(p.action, "replaced");
  EXPECT_EQ(p.tasks.deleted, 2);
  EXPECT_EQ(p.task_checks.deleted, 5);
  EXPECT_EQ(tracker().GetProfile(1).value().name, "Mom");
  EXPECT_EQ(tracker().ListTasks(1).value()[0].title, "Stretch");
  EXPECT_EQ(tracker().ListTasks(2).value().size(), 1u);  // the Kid is untouched
}

TEST_F(BackupTest, ReplaceAllLeavesExactlyTheBackupsProfiles) {
  SeedFamily();
  Profile("Grandpa");
  auto r = Import(ReadData("seed-server-all.json"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto profiles = tracker().ListProfiles().value();
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(profiles[0].name, "Kid");
  EXPECT_EQ(profiles[1].name, "Mom");
  EXPECT_EQ(profiles[1].color, "#3b82f6");
  int deleted = 0;
  for (const auto& p : r.value().profiles) deleted += p.action == "deleted";
  EXPECT_EQ(deleted, 1);
  EXPECT_EQ(Count("tasks"), 3);
}

TEST_F(BackupTest, DryRunReportsAndChangesNothing) {
  SeedFamily();
  const json before = Content();
  ImportOptions o;
  o.dry_run = true;
  auto r = Import(ReadData("seed-server-all.json"), o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().dry_run);
  ASSERT_EQ(r.value().profiles.size(), 2u);
  EXPECT_EQ(r.value().profiles[0].action, "replaced");
  EXPECT_EQ(r.value().profiles[0].task_checks.deleted, 5);  // Mom's
  EXPECT_EQ(Content(), before);
}

TEST_F(BackupTest, AFailureMidImportLeavesTheDatabaseUnchanged) {
  SeedFamily();
  const json before = Content();
  std::string file = ReadData("seed-server-all.json");
  FailingSource src(file, file.size() / 2);  // half the records are applied by then
  auto r = ImportBackup(db(), clock_, src, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kIo);
  EXPECT_EQ(Content(), before);
}

// Validation and apply share one read: records before a bad one are applied
// inside the transaction, which the bad one (or a count checked only at the
// end) rolls back whole.
TEST_F(BackupTest, AProblemLateInTheFileRollsBackWhatWasAlreadyApplied) {
  SeedFamily();
  const json before = Content();
  const std::string good = R"({"profile":{"name":"Kid"},"tasks":[{"title":"Read"}],
      "task_checks":[{"task_title":"Read","date":"2025-12-20"}]})";
  Status late_record = Import(R"({"version":"1.1","profiles":[)" + good +
                              R"(,{"profile":{"name":"Dad"},"daily_status":[{"date":"2025-13-01"}]}]})").status();
  EXPECT_EQ(late_record.code(), Code::kInvalidBackup);
  EXPECT_EQ(late_record.details().at(0).path, "$.profiles[1].daily_status[0].date");
  EXPECT_EQ(Content(), before);
  Status late_count = Import(R"({"version":"1.1","counts":{"task_checks":2},"profiles":[)" + good + "]}").status();
  EXPECT_EQ(late_count.code(), Code::kInvalidBackup);
  EXPECT_EQ(late_count.details().at(0).path, "$.counts.task_checks");
  EXPECT_EQ(Content(), before);
}

TEST_F(BackupTest, MalformedJsonNamesLineAndColumn) {
  Status s = Invalid("{\n  \"version\": \"1.0\",\n  \"profiles\": [\n    {,}\n  ]\n}");
  EXPECT_EQ(s.code(), Code::kMalformed);
  EXPECT_NE(s.message().find("line 4"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("column"), std::string::npos) << s.message();
  EXPECT_EQ(Invalid("").code(), Code::kMalformed);
  EXPECT_EQ(Invalid("{\"version\":\"1.0\",\"profiles\":[").code(), Code::kMalformed);
}

TEST_F(BackupTest, VersionMissingUnsupportedOrNewer) {
  Status missing = Invalid(R"({"profiles":[{"profile":{"name":"A"}}]})");
  EXPECT_EQ(missing.code(), Code::kInvalidBackup);
  EXPECT_EQ(missing.details()[0].path, "$.version");
  Status newer = Invalid(R"({"version":"2.0","profiles":[]})");
  EXPECT_EQ(newer.code(), Code::kUnsupportedVersion);
  EXPECT_NE(newer.message().find("newer Streakbox"), std::string::npos);
  EXPECT_EQ(Invalid(R"({"version":"banana","profiles":[]})").code(), Code::kUnsupportedVersion);
  EXPECT_TRUE(Invalid(R"({"version":"1.7","profiles":[{"profile":{"name":"A"}}]})").ok());
}

// Every problem is reported, each at its JSON path.
TEST_F(BackupTest, ValidationReportsEveryProblemWithItsPath) {
  Status s = Invalid(R"({"version":"1.1","counts":{"tasks":5},"profiles":[
    {"profile":{"name":"","color":"blue"},
     "tasks":[{"title":"Run","required":"yes"},{"title":"Run"},{"description":"no title"}],
     "task_checks":[{"task_title":"Swim","date":"2025-12-20"},{"task_title":"Run","date":"2025-02-30"},{"date":"2025-12-20"}],
     "daily_status":[{"date":"tomorrow"}]},
    {"profile":{"name":"B"},"tasks":{}},
    7]})");
  ASSERT_EQ(s.code(), Code::kInvalidBackup);
  std::map<std::string, std::string> found;
  for (const auto& d : s.details()) found[d.path] = d.message;
  for (const char* path : {"$.profiles[0].profile.name", "$.profiles[0].profile.color",
                           "$.profiles[0].tasks[0].required", "$.profiles[0].tasks[1].title",
                           "$.profiles[0].tasks[2].title", "$.profiles[0].task_checks[0].task_title",
                           "$.profiles[0].task_checks[1].date", "$.profiles[0].task_checks[2].task_title",
                           "$.profiles[0].daily_status[0].date", "$.profiles[1].tasks", "$.profiles[2]",
                           "$.counts.tasks"})
    EXPECT_TRUE(found.count(path)) << "no problem reported at " << path << "\n" << s.message();
  EXPECT_NE(found["$.profiles[0].task_checks[0].task_title"].find("Swim"), std::string::npos);
  EXPECT_NE(found["$.counts.tasks"].find("says 5"), std::string::npos);
}

TEST_F(BackupTest, ChecksNamingATaskOfAnotherProfileAreRejected) {
  Status s = Invalid(R"({"version":"1.0","profiles":[
    {"profile":{"name":"A"},"tasks":[{"title":"Run"}]},
    {"profile":{"name":"B"},"tasks":[],"task_checks":[{"task_title":"Run","date":"2025-01-01"}]}]})");
  ASSERT_EQ(s.code(), Code::kInvalidBackup);
  EXPECT_EQ(s.details()[0].path, "$.profiles[1].task_checks[0].task_title");
}

TEST_F(BackupTest, ChecksBeforeTheirTasksStillResolve) {
  auto r = Import(R"({"version":"1.0","profiles":[{"profile":{"name":"A"},
    "task_checks":[{"task_title":"Run","date":"2025-01-01"}],"tasks":[{"title":"Run"}]}]})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Count("task_checks"), 1);
}

TEST_F(BackupTest, DuplicateProfileNamesAndNoProfilesAreInvalid) {
  Status dup = Invalid(R"({"version":"1.0","profiles":[{"profile":{"name":"A"}},{"profile":{"name":"A"}}]})");
  ASSERT_EQ(dup.code(), Code::kInvalidBackup);
  EXPECT_EQ(dup.details()[0].path, "$.profiles[1].profile.name");
  EXPECT_EQ(Invalid(R"({"version":"1.0"})").code(), Code::kInvalidBackup);
  EXPECT_EQ(Invalid(R"([1,2,3])").code(), Code::kInvalidBackup);
}

TEST_F(BackupTest, AnInvalidBackupChangesNothing) {
  SeedFamily();
  const json before = Content();
  auto r = Import(R"({"version":"1.0","profiles":[{"profile":{"name":"Mom"},"tasks":[{"title":""}]}]})");
  ASSERT_EQ(r.status().code(), Code::kInvalidBackup);
  EXPECT_EQ(Content(), before);
}

TEST_F(BackupTest, ProblemsAreCappedWithACountOfTheRest) {
  std::string checks;
  for (int i = 0; i < 500; ++i) checks += std::string(i ? "," : "") + R"({"task_title":"Run","date":"bad"})";
  Status s = Invalid(R"({"version":"1.0","profiles":[{"profile":{"name":"A"},"tasks":[{"title":"Run"}],"task_checks":[)" +
                     checks + "]}]}");
  ASSERT_EQ(s.code(), Code::kInvalidBackup);
  EXPECT_EQ(s.details().size(), kMaxReportedProblems + 1);
  EXPECT_NE(s.details().back().message.find("400 more"), std::string::npos) << s.details().back().message;
}

}  // namespace
}  // namespace streakbox
