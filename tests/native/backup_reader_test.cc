// ReadBackup hands each record to the visitor as a value holding exactly the
// record's known fields: the reader reuses one object from record to record
// (backup_reader.cc, Open and Prune), and nothing of one record may show in
// the next.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "streakbox/backup_reader.h"
#include "streakbox/byte_io.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

// Records every call as one line: "record PATH VALUE", "problem PATH", ...
class Recorder : public BackupVisitor {
 public:
  void Field(const std::string& key, const json& value, const std::string& path) override {
    lines.push_back("field " + key + " " + path + " " + value.dump());
  }
  void BeginProfile(const std::string& path) override { lines.push_back("begin " + path); }
  void ProfileInfo(const json& profile, const std::string& path) override {
    lines.push_back("profile " + path + " " + profile.dump());
  }
  void Record(RecordKind, const json& record, const std::string& path) override {
    lines.push_back("record " + path + " " + record.dump());
  }
  void EndProfile() override { lines.push_back("end"); }
  void Problem(const std::string& path, const std::string&) override { lines.push_back("problem " + path); }
  std::vector<std::string> lines;
};

std::vector<std::string> Read(const std::string& text) {
  StringSource source(text);
  Recorder r;
  EXPECT_TRUE(ReadBackup(source, r).ok());
  return r.lines;
}

TEST(BackupReaderTest, EachRecordHoldsOnlyItsOwnFields) {
  const auto lines = Read(R"({"version":"1.2","profiles":[{"profile":{"name":"A"},"task_checks":[)"
                          R"({"task_title":"Run","date":"2026-01-01","note":"long enough to leave the small-string buffer","amount":2.5},)"
                          R"({"task_title":"Run","date":"2026-01-02"},)"
                          R"({"date":"2026-01-03","date":"2026-01-04","checked":true},)"
                          R"({"note":7,"unknown":{"deep":[1,2]},"task_title":"Read"},)"
                          R"({}],"days_off":[{"date":"2026-01-05","note":"Holiday"}]}]})");
  const std::vector<std::string> want = {
      R"(field version $.version "1.2")",
      "begin $.profiles[0]",
      R"(profile $.profiles[0].profile {"name":"A"})",
      R"(record $.profiles[0].task_checks[0] {"amount":2.5,"date":"2026-01-01","note":"long enough to leave the small-string buffer","task_title":"Run"})",
      R"(record $.profiles[0].task_checks[1] {"date":"2026-01-02","task_title":"Run"})",
      R"(record $.profiles[0].task_checks[2] {"checked":true,"date":"2026-01-04"})",
      R"(record $.profiles[0].task_checks[3] {"note":7,"task_title":"Read"})",
      R"(record $.profiles[0].task_checks[4] {})",
      R"(record $.profiles[0].days_off[0] {"date":"2026-01-05","note":"Holiday"})",
      "end",
  };
  EXPECT_EQ(lines, want);
}

TEST(BackupReaderTest, ATaskAfterAnotherKeepsNoneOfItsSchedule) {
  const auto lines = Read(R"({"version":"1.2","profiles":[{"profile":{"name":"A"},"tasks":[)"
                          R"({"title":"Gym","schedule":{"type":"weekdays","weekdays":[1,3]}},)"
                          R"({"title":"Read","schedule":{"type":"daily"}},)"
                          R"({"title":"Walk"}]}]})");
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[3], R"(record $.profiles[0].tasks[0] {"schedule":{"type":"weekdays","weekdays":[1,3]},"title":"Gym"})");
  EXPECT_EQ(lines[4], R"(record $.profiles[0].tasks[1] {"schedule":{"type":"daily"},"title":"Read"})");
  EXPECT_EQ(lines[5], R"(record $.profiles[0].tasks[2] {"title":"Walk"})");
}

}  // namespace
}  // namespace streakbox
