// CSV export (docs/FORMAT.md, "CSV export"): the exact bytes of both files
// for a fixture of every kind of entry and day, RFC 4180 quoting, formula
// defusing, plain numbers, one profile or all, streaming in chunks, and the
// exportCsv call's strict arguments.
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "streakbox/csv_export.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

TEST(CsvFieldTest, QuotesOnlyWhatRfc4180Requires) {
  EXPECT_EQ(CsvField("plain text"), "plain text");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvField("Zoë ☕"), "Zoë ☕");
}

TEST(CsvFieldTest, FormulaLikeTextIsDefused) {
  EXPECT_EQ(CsvTextField("=1+1"), "'=1+1");
  EXPECT_EQ(CsvTextField("+33 6 12"), "'+33 6 12");
  EXPECT_EQ(CsvTextField("-2 kg"), "'-2 kg");
  EXPECT_EQ(CsvTextField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvTextField("\tx"), "'\tx");
  EXPECT_EQ(CsvTextField("\rx"), "\"'\rx\"");
  EXPECT_EQ(CsvTextField("=HYPERLINK(\"http://x\",\"a,b\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"");
  EXPECT_EQ(CsvTextField("a=1"), "a=1");  // only the first character matters
  EXPECT_EQ(CsvTextField("'quoted"), "'quoted");
  EXPECT_EQ(CsvTextField(""), "");
}

TEST(CsvNumberTest, PlainShortestDecimal) {
  EXPECT_EQ(CsvNumber(6.5), "6.5");
  EXPECT_EQ(CsvNumber(8), "8");
  EXPECT_EQ(CsvNumber(0), "0");
  EXPECT_EQ(CsvNumber(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(CsvNumber(0.00001), "0.00001");
  EXPECT_EQ(CsvNumber(1.5e-7), "0.00000015");
  EXPECT_EQ(CsvNumber(1e9), "1000000000");
  EXPECT_EQ(CsvNumber(123456789.125), "123456789.125");
  EXPECT_EQ(CsvNumber(1e21), "1000000000000000000000");
  EXPECT_EQ(CsvNumber(std::nan("")), "");
  EXPECT_EQ(CsvNumber(HUGE_VAL), "");
}

class CsvExportTest : public DbTest {
 protected:
  // Zoë: Water (measurable, 8 glasses), "Run, outside" and "@home stretch"
  // (yes/no), a day off; Anna: Read (daily) and Gym (once a week), a day all
  // skipped and a complete day. Today is Tuesday 2026-03-10.
  void SetUp() override {
    DbTest::SetUp();
    zoe_ = tracker().CreateProfile("Zoë", "#112233").value();
    anna_ = tracker().CreateProfile("Anna", "#445566").value();
    TaskFields water{"Water"};
    water.measure = Measure{"glasses", 8, false};
    const int64_t w = tracker().CreateTask(zoe_, water).value();
    const int64_t run = tracker().CreateTask(zoe_, TaskFields{"Run, outside"}).value();
    const int64_t home = tracker().CreateTask(zoe_, TaskFields{"@home stretch"}).value();
    Entry(zoe_, w, "2026-03-09", {{}, {}, std::optional<double>(6.5), std::string("said \"ok\", then left")});
    Entry(zoe_, w, "2026-03-10", {{}, {}, std::optional<double>(8), {}});
    Entry(zoe_, run, "2026-03-09", {true, {}, {}, std::string("line1\nline2")});
    Entry(zoe_, run, "2026-03-10", {{}, true, {}, {}});
    Entry(zoe_, home, "2026-03-08", {true, {}, {}, std::string("=1+1")});
    ASSERT_TRUE(tracker().SetDayOff(zoe_, "2026-03-07", std::string("Holiday")).ok());

    const int64_t read = tracker().CreateTask(anna_, TaskFields{"Read"}).value();
    TaskFields gym{"Gym"};
    gym.schedule = Schedule{ScheduleType::kPerWeek, kAllWeekdays, 1, 1};
    const int64_t g = tracker().CreateTask(anna_, gym).value();
    Entry(anna_, read, "2026-03-09", {{}, true, {}, {}});
    Entry(anna_, read, "2026-03-10", {true, {}, {}, {}});
    Entry(anna_, g, "2026-03-10", {true, {}, {}, {}});
  }
  void Entry(int64_t profile, int64_t task, const std::string& date, const EntryPatch& p) {
    Status s = tracker().SetEntry(profile, task, date, p);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  Result<CsvResult> Export(CsvKind kind, std::optional<int64_t> profile, StringSink& sink) {
    return ExportCsv(db(), tracker(), clock_, CsvOptions{kind, profile}, sink);
  }
  int64_t zoe_ = 0, anna_ = 0;
};

constexpr const char* kBom = "\xEF\xBB\xBF";

TEST_F(CsvExportTest, EntriesOfOneProfile) {
  StringSink sink;
  auto r = Export(CsvKind::kEntries, zoe_, sink);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().filename, "streakbox-entries-Zoë-2026-03-10.csv");
  EXPECT_EQ(r.value().rows, 5);
  EXPECT_EQ(sink.str(), std::string(kBom) +
                            "date,profile,task,state,amount,unit,note\r\n"
                            "2026-03-09,Zoë,Water,not done,6.5,glasses,\"said \"\"ok\"\", then left\"\r\n"
                            "2026-03-10,Zoë,Water,done,8,glasses,\r\n"
                            "2026-03-09,Zoë,\"Run, outside\",done,,,\"line1\nline2\"\r\n"
                            "2026-03-10,Zoë,\"Run, outside\",skipped,,,\r\n"
                            "2026-03-08,Zoë,'@home stretch,done,,,'=1+1\r\n");
}

TEST_F(CsvExportTest, DaysOfEveryProfileFollowGetDay) {
  StringSink sink;
  auto r = Export(CsvKind::kDays, std::nullopt, sink);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().filename, "streakbox-days-2026-03-10.csv");
  EXPECT_EQ(r.value().profiles, 2);
  EXPECT_EQ(r.value().rows, 6);
  // Anna's 03-09: Read skipped (paused); Gym, once a week, was due and not done.
  // Anna's 03-10: Gym done meets its week, so it is no longer "due", but done counts.
  EXPECT_EQ(sink.str(), std::string(kBom) +
                            "date,profile,complete,tasks_done,tasks_due,note\r\n"
                            "2026-03-09,Anna,paused,0,2,\r\n"
                            "2026-03-10,Anna,yes,2,2,\r\n"
                            "2026-03-07,Zoë,day off,0,3,Holiday\r\n"
                            "2026-03-08,Zoë,no,1,3,\r\n"
                            "2026-03-09,Zoë,no,1,3,\r\n"
                            "2026-03-10,Zoë,no,1,3,\r\n");
  // The verdicts are getDay's.
  EXPECT_EQ(tracker().GetDay(anna_, "2026-03-10").value().state, DayState::kComplete);
  EXPECT_EQ(tracker().GetDay(anna_, "2026-03-09").value().paused_by, "skipped");
}

TEST_F(CsvExportTest, EntriesOfEveryProfileByName) {
  StringSink sink;
  auto r = Export(CsvKind::kEntries, std::nullopt, sink);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().filename, "streakbox-entries-2026-03-10.csv");
  EXPECT_EQ(r.value().rows, 8);
  const std::string& s = sink.str();
  EXPECT_LT(s.find("2026-03-10,Anna,Gym,done"), s.find("2026-03-09,Zoë,Water"));
}

TEST_F(CsvExportTest, AProfileWithNothingGivesTheHeaderOnly) {
  const int64_t empty = tracker().CreateProfile("-dash", "#000000").value();
  StringSink sink;
  auto r = Export(CsvKind::kDays, empty, sink);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().rows, 0);
  EXPECT_EQ(r.value().filename, "streakbox-days-dash-2026-03-10.csv");
  EXPECT_EQ(sink.str(), std::string(kBom) + "date,profile,complete,tasks_done,tasks_due,note\r\n");
}

// Records each write's size and whether the sink was closed.
class ChunkSink : public ByteSink {
 public:
  Status Write(const char* data, size_t n) override {
    sizes.push_back(n);
    total += n;
    (void)data;
    return Status::Ok();
  }
  using ByteSink::Write;
  Status Close() override {
    closed = true;
    return Status::Ok();
  }
  std::vector<size_t> sizes;
  size_t total = 0;
  bool closed = false;
};

TEST_F(CsvExportTest, UnknownProfileWritesNothing) {
  ChunkSink sink;
  auto r = ExportCsv(db(), tracker(), clock_, CsvOptions{CsvKind::kEntries, 999}, sink);
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(sink.total, 0u);
  EXPECT_FALSE(sink.closed);
}

TEST_F(CsvExportTest, LargeExportsAreWrittenInBoundedChunks) {
  // 4000 days of one task, each with a 200-character note: about 900 KiB of CSV.
  ASSERT_TRUE(db().Exec("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 3999) "
                        "INSERT INTO task_checks (task_id, date, checked, note) "
                        "SELECT (SELECT id FROM tasks WHERE title = 'Read'), date('2010-01-01', '+' || i || ' days'), 1, "
                        "printf('%.200c', 'x') FROM n").ok());
  ChunkSink sink;
  auto r = ExportCsv(db(), tracker(), clock_, CsvOptions{CsvKind::kEntries, anna_}, sink);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().rows, 4003);  // with the fixture's three
  EXPECT_GT(sink.total, size_t{850} << 10);
  EXPECT_GE(sink.sizes.size(), 4u);
  EXPECT_LE(*std::max_element(sink.sizes.begin(), sink.sizes.end()), (size_t{256} << 10) + 4096);
  EXPECT_TRUE(sink.closed);
}

TEST_F(CsvExportTest, CallSurface) {
  StringSink sink;
  CallIo io;
  io.sink = &sink;
  json ok = json::parse(app_->Call("exportCsv", json::array({{{"kind", "days"}, {"profileId", anna_}}}).dump(), io));
  ASSERT_TRUE(ok["ok"].get<bool>()) << ok.dump();
  EXPECT_EQ(ok["value"], (json{{"filename", "streakbox-days-Anna-2026-03-10.csv"}, {"kind", "days"}, {"profiles", 1}, {"rows", 2}}));
  EXPECT_EQ(sink.str().substr(3, 4), "date");

  const std::pair<std::string, std::string> refused[] = {
      {"[]", "options must be an object"},
      {"[{}]", "options.kind must be 'entries' or 'days'"},
      {R"([{"kind": "rows"}])", "options.kind must be 'entries' or 'days'"},
      {R"([{"kind": "days", "profileId": "1"}])", "options.profileId must be a positive integer id"},
      {R"([{"kind": "days", "format": "xlsx"}])", "options has no field 'format'"},
  };
  for (const auto& [args, message] : refused) {
    StringSink none;
    CallIo o;
    o.sink = &none;
    json e = json::parse(app_->Call("exportCsv", args, o));
    EXPECT_FALSE(e["ok"].get<bool>()) << args;
    EXPECT_EQ(e["error"]["code"], "invalid_argument") << args;
    EXPECT_EQ(e["error"]["message"], message) << args;
    EXPECT_EQ(none.str(), "") << args;
  }
  json nosink = json::parse(app_->Call("exportCsv", R"([{"kind": "entries"}])"));
  EXPECT_EQ(nosink["error"]["message"], "exportCsv needs a place to write its file");
  json missing = json::parse(app_->Call("exportCsv", R"([{"kind": "entries", "profileId": 999}])", io));
  EXPECT_EQ(missing["error"]["code"], "not_found");
}

}  // namespace
}  // namespace streakbox
