// Task identity (schema 4, backup format 1.3): every task has a uuid, made at
// creation, carried by backups, and matched first on import, so that a newer
// backup of the same tasks merges into them even after a rename
// (docs/FORMAT.md, "Import").
#include <fstream>
#include <iterator>
#include <set>

#include <nlohmann/json.hpp>

#include "streakbox/backup_format.h"
#include "streakbox/database_image.h"
#include "streakbox/schema.h"
#include "../support/db_images.h"
#include "backup_files.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;
using Mode = ImportOptions::Mode;

constexpr const char* kU = "0123456789abcdef0123456789abcdef";
constexpr const char* kV = "fedcba9876543210fedcba9876543210";
constexpr const char* kW = "00000000000000000000000000000abc";

bool IsStoredUuid(const std::string& s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// A task of a file: a title and, unless empty, a uuid.
json FileTask(const std::string& title, const std::string& uuid = "") {
  json t = {{"title", title}};
  if (!uuid.empty()) t["uuid"] = uuid;
  return t;
}

json Check(const std::string& title, const std::string& date) { return {{"task_title", title}, {"date", date}}; }

// A one-profile 1.3 file of profile Mom.
// (Vectors, not json: a braced list of one json would be that json, not an array.)
std::string File(const std::vector<json>& tasks, const std::vector<json>& checks = {}) {
  json profile = {{"profile", {{"name", "Mom"}}}, {"tasks", json(tasks)}, {"task_checks", json(checks)}};
  return json{{"version", "1.3"}, {"scope", "profile"}, {"profiles", json::array({profile})}}.dump();
}

class TaskIdentityTest : public DbTest {
 protected:
  Result<ImportReport> Import(const std::string& data, Mode mode) {
    ImportOptions o;
    o.mode = mode;
    return ImportText(db(), clock_, data, o);
  }
  void MustImport(const std::string& data, Mode mode) {
    auto r = Import(data, mode);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  // "title=uuid" of Mom's tasks, by title.
  std::vector<std::string> Tasks() {
    std::vector<std::string> out;
    auto st = db().Prepare("SELECT title || '=' || uuid FROM tasks ORDER BY title").value();
    while (st.Step().value()) out.push_back(st.Text(0));
    return out;
  }
  std::string UuidOf(const std::string& title) {
    auto st = db().Prepare("SELECT uuid FROM tasks WHERE title = ?").value();
    st.Bind(1, title);
    return st.Step().value() ? st.Text(0) : "none";
  }
  // The dates of `title`'s entries.
  std::vector<std::string> Dates(const std::string& title) {
    std::vector<std::string> out;
    auto st = db().Prepare("SELECT c.date FROM task_checks c JOIN tasks t ON t.id = c.task_id WHERE t.title = ? "
                           "ORDER BY c.date").value();
    st.Bind(1, title);
    while (st.Step().value()) out.push_back(st.Text(0));
    return out;
  }
  std::string Content() {
    json j = json::parse(ExportText(db(), clock_));
    j.erase("exported_at");
    return j.dump();
  }
  // The first problem of a refused file, "path: message".
  std::string Problem(const std::string& data) {
    StringSource src(data);
    auto r = ValidateBackup(src, clock_);
    if (r.ok()) return "valid";
    if (r.status().details().empty()) return r.status().message();
    return r.status().details()[0].path + ": " + r.status().details()[0].message;
  }
};

TEST_F(TaskIdentityTest, CreateTaskGivesEveryTaskAFreshUuid) {
  const int64_t p = tracker().CreateProfile("Mom", "#112233").value();
  const int64_t a = tracker().CreateTask(p, TaskFields{"Run"}).value();
  const int64_t b = tracker().CreateTask(p, TaskFields{"Read"}).value();
  const std::string ua = tracker().GetTask(a).value().uuid, ub = tracker().GetTask(b).value().uuid;
  EXPECT_TRUE(IsStoredUuid(ua)) << ua;
  EXPECT_TRUE(IsStoredUuid(ub)) << ub;
  EXPECT_NE(ua, ub);
  EXPECT_EQ(tracker().ListTasks(p).value()[0].uuid, ua);
  // The call surface shows it.
  auto listed = json::parse(app_->Call("listTasks", "[" + std::to_string(p) + "]", {}));
  EXPECT_EQ(listed["value"][0]["uuid"], ua) << listed.dump();
}

TEST_F(TaskIdentityTest, AnUpperCaseUuidIsStoredInLowerCase) {
  MustImport(File({FileTask("Run", "0123456789ABCDEF0123456789abcDEF")}), Mode::kReplace);
  EXPECT_EQ(UuidOf("Run"), kU);
}

TEST_F(TaskIdentityTest, ABadUuidIsAProblemAtItsPath) {
  const std::vector<std::pair<json, std::string>> bad = {
      {"0123456789abcdef0123456789abcde", "'0123456789abcdef0123456789abcde' is not a task uuid: 32 hex characters (0-9, a-f)"},
      {"0123456789abcdef0123456789abcdeg", "'0123456789abcdef0123456789abcdeg' is not a task uuid: 32 hex characters (0-9, a-f)"},
      {"01234567-89ab-cdef-0123-456789abcdef", "'01234567-89ab-cdef-0123-456789abcdef' is not a task uuid: 32 hex characters (0-9, a-f)"},
      {"", "'' is not a task uuid: 32 hex characters (0-9, a-f)"},
      {42, "must be a string of 32 hex characters, not number"},
      {json::array(), "must be a string of 32 hex characters, not array"},
  };
  for (const auto& [value, message] : bad) {
    SCOPED_TRACE(value.dump());
    std::vector<json> tasks = {FileTask("A", kU), FileTask("B", kV), FileTask("C")};
    tasks[2]["uuid"] = value;
    EXPECT_EQ(Problem(File(tasks)), "$.profiles[0].tasks[2].uuid: " + message);
  }
  EXPECT_EQ(Problem(File({FileTask("A", kU), FileTask("B"), json{{"title", "C"}, {"uuid", nullptr}}})), "valid")
      << "null is no uuid, as absent";
}

TEST_F(TaskIdentityTest, TwoTasksOfAProfileCannotShareAUuid) {
  EXPECT_EQ(Problem(File({FileTask("A", kU), FileTask("B", "0123456789ABCDEF0123456789ABCDEF")})),
            std::string("$.profiles[0].tasks[1].uuid: another task of this profile also has uuid ") + kU);
  // Two profiles may: a profile is a person, and each may have copied the same task.
  json two = {{"version", "1.3"}, {"scope", "all"}, {"profiles", json::array({
      {{"profile", {{"name", "Mom"}}}, {"tasks", json::array({FileTask("A", kU)})}},
      {{"profile", {{"name", "Dad"}}}, {"tasks", json::array({FileTask("A", kU)})}}})}};
  EXPECT_EQ(Problem(two.dump()), "valid");
  MustImport(two.dump(), Mode::kReplace);
  EXPECT_EQ(Tasks(), (std::vector<std::string>{std::string("A=") + kU, std::string("A=") + kU}));
}

TEST_F(TaskIdentityTest, ExportWritesVersion13WithEveryTasksUuid) {
  const int64_t p = tracker().CreateProfile("Mom", "#112233").value();
  const int64_t a = tracker().CreateTask(p, TaskFields{"Run"}).value();
  tracker().CreateTask(p, TaskFields{"Read"}).value();
  const json file = json::parse(ExportText(db(), clock_));
  EXPECT_EQ(file["version"], "1.3");
  EXPECT_EQ(std::string(kBackupFormatVersion), "1.3");
  const json& tasks = file["profiles"][0]["tasks"];
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0]["uuid"], tracker().GetTask(a).value().uuid);
  EXPECT_TRUE(IsStoredUuid(tasks[1]["uuid"].get<std::string>()));
  // Restored elsewhere, the tasks keep them; exported again, the file is the same.
  auto other = App::Open(":memory:", clock_).value();
  const std::string text = file.dump();
  StringSource src(text);
  auto restored = ImportBackup(other->db(), clock_, src, {});
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  json again = json::parse(ExportText(other->db(), clock_));
  EXPECT_EQ(again["profiles"], file["profiles"]);
}

// The rename a second import must survive: Loop's and Streakbox's own files
// name a task by its uuid.
TEST_F(TaskIdentityTest, MergeMatchesARenamedTaskByItsUuidAndKeepsItsTitle) {
  MustImport(File({FileTask("Run", kU)}, {Check("Run", "2026-03-01")}), Mode::kReplace);
  const std::string renamed = File({FileTask("Jog", kU)}, {Check("Jog", "2026-03-01"), Check("Jog", "2026-03-02")});
  auto r = Import(renamed, Mode::kMerge);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().profiles[0].tasks.added, 0);
  EXPECT_EQ(r.value().profiles[0].tasks.skipped, 1);
  EXPECT_EQ(r.value().profiles[0].task_checks.added, 1);
  EXPECT_EQ(r.value().profiles[0].task_checks.skipped, 1);
  EXPECT_EQ(Tasks(), std::vector<std::string>{std::string("Run=") + kU}) << "one task, its own title";
  EXPECT_EQ(Dates("Run"), (std::vector<std::string>{"2026-03-01", "2026-03-02"}));
  const std::string once = Content();
  ASSERT_TRUE(Import(renamed, Mode::kMerge).ok());
  EXPECT_EQ(Content(), once) << "merging the same file again changes nothing";
}

// Replace writes the profile's tasks anew: the file's title is taken, and a
// task that held it before is one the file no longer has, so it goes.
TEST_F(TaskIdentityTest, ReplaceMatchesByUuidAndTakesTheFilesTitle) {
  MustImport(File({FileTask("Run", kU), FileTask("Jog", kV)}), Mode::kReplace);
  auto r = Import(File({FileTask("Jog", kU)}, {Check("Jog", "2026-03-03")}), Mode::kReplace);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Tasks(), std::vector<std::string>{std::string("Jog=") + kU});
  EXPECT_EQ(r.value().profiles[0].tasks.replaced, 1) << "the task with its uuid";
  EXPECT_EQ(r.value().profiles[0].tasks.deleted, 1) << "the old 'Jog', which the file does not hold";
  EXPECT_EQ(r.value().profiles[0].tasks.added, 0);
  EXPECT_EQ(Dates("Jog"), std::vector<std::string>{"2026-03-03"});
  // By uuid, not by title: 'Swim' is the old 'Jog' renamed.
  r = Import(File({FileTask("Swim", kU)}), Mode::kReplace);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Tasks(), std::vector<std::string>{std::string("Swim=") + kU});
  EXPECT_EQ(r.value().profiles[0].tasks.replaced, 1);
  EXPECT_EQ(r.value().profiles[0].tasks.added, 0);
  EXPECT_EQ(r.value().profiles[0].tasks.deleted, 0);
}

TEST_F(TaskIdentityTest, ATaskMatchedByTitleKeepsItsUuidInMerge) {
  MustImport(File({FileTask("Run", kU)}), Mode::kReplace);
  ASSERT_TRUE(Import(File({FileTask("Run", kW)}, {Check("Run", "2026-03-04")}), Mode::kMerge).ok());
  EXPECT_EQ(Tasks(), std::vector<std::string>{std::string("Run=") + kU});
  EXPECT_EQ(Dates("Run"), std::vector<std::string>{"2026-03-04"});
  ASSERT_TRUE(Import(File({FileTask("Run")}), Mode::kMerge).ok()) << "a file before 1.3";
  EXPECT_EQ(Tasks(), std::vector<std::string>{std::string("Run=") + kU});
}

// Replace restores the file as it is, its uuids too; a file without them
// (before 1.3) leaves each task the identity it had under its title.
TEST_F(TaskIdentityTest, ReplaceTakesTheFilesUuidElseKeepsTheOneOfTheSameTitle) {
  MustImport(File({FileTask("Run", kU), FileTask("Read", kV)}), Mode::kReplace);
  MustImport(File({FileTask("Run"), FileTask("New")}), Mode::kReplace);
  EXPECT_EQ(UuidOf("Run"), kU);
  EXPECT_TRUE(IsStoredUuid(UuidOf("New")));
  EXPECT_EQ(UuidOf("Read"), "none");
  MustImport(File({FileTask("Run", kW)}), Mode::kReplace);
  EXPECT_EQ(Tasks(), std::vector<std::string>{std::string("Run=") + kW});
}

TEST_F(TaskIdentityTest, ANewTaskTakesTheFilesUuidOrAFreshOne) {
  MustImport(File({FileTask("Run", kU)}), Mode::kReplace);
  auto r = Import(File({FileTask("Swim", kW), FileTask("Walk")}), Mode::kMerge);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().profiles[0].tasks.added, 2);
  EXPECT_EQ(UuidOf("Swim"), kW);
  EXPECT_TRUE(IsStoredUuid(UuidOf("Walk")));
  EXPECT_NE(UuidOf("Walk"), UuidOf("Run"));
}

// A task of the profile stands for one task of the file at most: here the
// file's 'Run' takes it by title, so the file's 'Walk', which claims its uuid,
// is a new task and gets a uuid of its own.
TEST_F(TaskIdentityTest, AStoredTaskIsMatchedByOneTaskOfTheFileAtMost) {
  MustImport(File({FileTask("Run", kU)}), Mode::kReplace);
  auto r = Import(File({FileTask("Run", kW), FileTask("Walk", kU)}, {Check("Walk", "2026-03-05")}), Mode::kMerge);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().profiles[0].tasks.skipped, 1);
  EXPECT_EQ(r.value().profiles[0].tasks.added, 1);
  EXPECT_EQ(UuidOf("Run"), kU);
  EXPECT_TRUE(IsStoredUuid(UuidOf("Walk")));
  EXPECT_NE(UuidOf("Walk"), kU);
  EXPECT_EQ(Dates("Walk"), std::vector<std::string>{"2026-03-05"});
  EXPECT_TRUE(Dates("Run").empty());
}

// Merge keeps a renamed task's own title, so a new task of the file with that
// title has nowhere to go: the import is refused, naming both, and nothing changes.
TEST_F(TaskIdentityTest, MergeRefusesANewTaskWhoseTitleARenamedTaskKeeps) {
  MustImport(File({FileTask("Run", kU)}, {Check("Run", "2026-03-01")}), Mode::kReplace);
  const std::string before = Content();
  auto r = Import(File({FileTask("Jog", kU), FileTask("Run", kW)}), Mode::kMerge);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(r.status().message(),
            "profile 'Mom': the file's task 'Run' is new here, but this profile's task 'Run' is the file's task 'Jog' "
            "(the same uuid; Merge keeps this profile's titles). Rename one of them and import again");
  EXPECT_EQ(Content(), before);
  // Replace takes the file's titles: the same file goes in.
  MustImport(File({FileTask("Jog", kU), FileTask("Run", kW)}), Mode::kReplace);
  EXPECT_EQ(Tasks(), (std::vector<std::string>{std::string("Jog=") + kU, std::string("Run=") + kW}));
}

// Database files: an older schema's tasks get uuids on the way in; a schema-4
// file keeps its own, which must be in the stored form.
TEST_F(TaskIdentityTest, ADatabaseFileRestoreKeepsOrGivesUuids) {
  for (int version = 1; version <= 3; ++version) {
    SCOPED_TRACE(version);
    auto r = RestoreDatabaseImage(db(), clock_, MakeImage(version).value());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(IsStoredUuid(UuidOf("Walk"))) << UuidOf("Walk");
    EXPECT_NE(UuidOf("Walk"), UuidOf("Read"));
  }
  auto r = RestoreDatabaseImage(db(), clock_, MakeImage(kSchemaVersion).value());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(UuidOf("Walk"), "00000000000000000000000000000007");
  EXPECT_EQ(UuidOf("Read"), "00000000000000000000000000000008");
  const std::string before = Content();
  for (const std::string& uuid : {std::string("ABCDEF0123456789ABCDEF0123456789"), std::string(""),
                                  std::string("0123"), std::string(32, 'z')}) {
    SCOPED_TRACE(uuid);
    auto bad = RestoreDatabaseImage(db(), clock_,
                                    MakeImage(kSchemaVersion, "UPDATE tasks SET uuid = '" + uuid + "' WHERE id = 8").value());
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), Code::kInvalidBackup);
    EXPECT_NE(bad.status().message().find("tasks row id 8: uuid is '" + uuid + "', not 32 lowercase hex characters"),
              std::string::npos)
        << bad.status().message();
    EXPECT_EQ(Content(), before);
  }
}

// tests/data/db/v3.sqlite, made by the schema-3 build from v3-source.json:
// restored, it holds what that file imports to, each task with a uuid of its own.
TEST(TaskIdentityFileTest, RestoresARealVersion3FileGivingEachTaskAUuid) {
  FixedClock clock(1796126400, "2026-12-01");  // after every date of the file
  std::ifstream in(STREAKBOX_TEST_DATA "/db/v3.sqlite", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto restored = App::Open(":memory:", clock).value();
  auto info = RestoreDatabaseImage(restored->db(), clock, bytes);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info.value().schema_version, 3);
  auto imported = App::Open(":memory:", clock).value();
  std::ifstream src_in(STREAKBOX_TEST_DATA "/db/v3-source.json", std::ios::binary);
  const std::string source((std::istreambuf_iterator<char>(src_in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(ImportText(imported->db(), clock, source).ok());
  std::set<std::string> uuids;
  size_t tasks = 0;
  auto content = [&](Database& db, bool keep_uuids) {
    json j = json::parse(ExportText(db, clock));
    j.erase("exported_at");
    j.erase("instance_id");
    for (json& p : j["profiles"])
      for (json& t : p["tasks"]) {
        if (keep_uuids) {
          ++tasks;
          uuids.insert(t["uuid"].get<std::string>());
          EXPECT_TRUE(IsStoredUuid(t["uuid"].get<std::string>())) << t.dump();
        }
        t.erase("uuid");
      }
    return j;
  };
  EXPECT_EQ(content(restored->db(), true), content(imported->db(), false));
  EXPECT_EQ(tasks, 9u);
  EXPECT_EQ(uuids.size(), tasks);
}

}  // namespace
}  // namespace streakbox
