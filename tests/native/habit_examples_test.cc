// The worked examples of docs/ARCHITECTURE.md ("Habits: schedules, entries,
// completion and streaks") as a table, run through the call surface on a
// real database: tasks created with their schedules, entries recorded day by
// day on the clock of that day, then the streaks read back on "today".
#include <nlohmann/json.hpp>

#include "streakbox/habit_rules.h"
#include "test_db.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

struct ExampleTask {
  const char* title;
  const char* schedule;  // JSON
  const char* measure;   // JSON, or "" for yes/no
  bool required;
};

// One entry: `what` is "done", "skip", "off" (a day off; task ignored) or an amount.
struct ExampleEntry {
  int task;
  const char* date;
  const char* what;
};

struct Example {
  const char* name;
  const char* today;
  std::vector<ExampleTask> tasks;
  std::vector<ExampleEntry> entries;
  int64_t day_current, day_best;    // getStreak
  int64_t task_current, task_best;  // getTaskStreaks of task 0
  const char* counted_in;           // of task 0
  double progress_done;             // of task 0's current period (periodic tasks), else -1
};

const char* kMwf = R"({"type":"weekdays","weekdays":[1,3,5]})";
const char* kDaily = R"({"type":"daily"})";
const char* kThreeAWeek = R"({"type":"per_week","times":3})";

const Example kExamples[] = {
    {"Mon/Wed/Fri habit, the only required task",
     "2026-03-15",
     {{"Gym", kMwf, "", true}},
     {{0, "2026-03-09", "done"}, {0, "2026-03-11", "done"}, {0, "2026-03-13", "done"}},
     3, 3, 3, 3, "days", -1},
    {"Mon/Wed/Fri habit with Wednesday missed",
     "2026-03-15",
     {{"Gym", kMwf, "", true}},
     {{0, "2026-03-09", "done"}, {0, "2026-03-13", "done"}},
     1, 1, 1, 1, "days", -1},
    {"3x/week habit across a week boundary",
     "2026-03-18",
     {{"Swim", kThreeAWeek, "", true}},
     {{0, "2026-03-05", "done"}, {0, "2026-03-06", "done"}, {0, "2026-03-07", "done"},
      {0, "2026-03-09", "done"}, {0, "2026-03-11", "done"}, {0, "2026-03-15", "done"},
      {0, "2026-03-17", "done"}},
     0, 0, 2, 2, "weeks", 1},
    {"3x/week habit, a week with two only",
     "2026-03-18",
     {{"Swim", kThreeAWeek, "", true}},
     {{0, "2026-03-05", "done"}, {0, "2026-03-06", "done"}, {0, "2026-03-07", "done"},
      {0, "2026-03-09", "done"}, {0, "2026-03-15", "done"}},
     0, 0, 0, 1, "weeks", 0},
    {"a daily habit with a skipped day",
     "2026-03-15",
     {{"Run", kDaily, "", true}},
     {{0, "2026-03-12", "done"}, {0, "2026-03-13", "skip"}, {0, "2026-03-14", "done"}, {0, "2026-03-15", "done"}},
     3, 3, 3, 3, "days", -1},
    {"a holiday",
     "2026-03-15",
     {{"Run", kDaily, "", true}},
     {{0, "2026-03-09", "done"}, {0, "2026-03-10", "done"}, {0, "2026-03-11", "done"},
      {0, "2026-03-12", "off"}, {0, "2026-03-13", "off"}, {0, "2026-03-14", "off"}, {0, "2026-03-15", "done"}},
     4, 4, 4, 4, "days", -1},
    {"a measurable at-most habit",
     "2026-03-15",
     {{"Coffee", kDaily, R"({"unit":"coffees","target":2,"direction":"at_most"})", true}},
     {{0, "2026-03-13", "1"}, {0, "2026-03-14", "3"}, {0, "2026-03-15", "2"}},
     1, 1, 1, 1, "days", -1},
    {"a measurable at-least habit with decimals",
     "2026-03-15",
     {{"Water", kDaily, R"({"unit":"glasses","target":8,"direction":"at_least"})", true}},
     {{0, "2026-03-13", "8"}, {0, "2026-03-14", "6.5"}, {0, "2026-03-15", "8.5"}},
     1, 1, 1, 1, "days", -1},
    {"only optional tasks",
     "2026-03-15",
     {{"Read", kDaily, "", false}},
     {{0, "2026-03-14", "done"}, {0, "2026-03-15", "done"}},
     2, 2, 2, 2, "days", -1},
    {"a weekly habit does not decide the day; a daily one does",
     "2026-03-15",
     {{"Swim", kThreeAWeek, "", true}, {"Run", kDaily, "", true}},
     {{1, "2026-03-13", "done"}, {1, "2026-03-14", "done"}, {1, "2026-03-15", "done"}, {0, "2026-03-14", "done"}},
     3, 3, 0, 0, "weeks", 1},
    {"10 km per week, a measurable periodic habit",
     "2026-03-15",
     {{"Running", R"({"type":"per_week","times":1})", R"({"unit":"km","target":10})", true}},
     {{0, "2026-03-03", "5"}, {0, "2026-03-05", "5.5"}, {0, "2026-03-10", "4"}, {0, "2026-03-12", "3"}},
     0, 0, 1, 1, "weeks", 7},
};

class HabitExamples : public DbTest {
 protected:
  json Value(const std::string& method, const json& args) {
    json r = json::parse(app_->Call(method, args.dump()));
    EXPECT_TRUE(r["ok"].get<bool>()) << method << " " << args.dump() << " -> " << r.dump();
    return r["value"];
  }
  // Sets the clock to noon UTC of `date`.
  void At(const std::string& date) { clock_.Set(ParseDate(date).value() * 86400 + 43200, date); }
};

TEST_F(HabitExamples, WorkedExamplesOfTheArchitectureDoc) {
  for (const Example& ex : kExamples) {
    SCOPED_TRACE(ex.name);
    At("2026-03-01");
    const int64_t p = Value("createProfile", {{{"name", ex.name}}}).get<int64_t>();
    std::vector<int64_t> ids;
    for (const ExampleTask& t : ex.tasks) {
      json task = {{"title", t.title}, {"required", t.required}, {"schedule", json::parse(t.schedule)}};
      if (*t.measure) task["measure"] = json::parse(t.measure);
      ids.push_back(Value("createTask", {p, task}).get<int64_t>());
    }
    for (const ExampleEntry& e : ex.entries) {
      At(e.date);  // each entry is made on its own day, as a person would
      const std::string what = e.what;
      if (what == "off") Value("setDayOff", {p, e.date, true});
      else if (what == "done") Value("setCheck", {p, ids[e.task], e.date, true});
      else if (what == "skip") Value("setCheck", {p, ids[e.task], e.date, {{"skipped", true}}});
      else Value("setCheck", {p, ids[e.task], e.date, {{"amount", std::stod(what)}}});
    }
    At(ex.today);
    json day = Value("getStreak", {p});
    EXPECT_EQ(day["current"], ex.day_current);
    EXPECT_EQ(day["best"], ex.day_best);
    json task = Value("getTaskStreaks", {p})[0];
    EXPECT_EQ(task["current"], ex.task_current);
    EXPECT_EQ(task["best"], ex.task_best);
    EXPECT_EQ(task["counted_in"], ex.counted_in);
    if (ex.progress_done >= 0) EXPECT_DOUBLE_EQ(task["period"]["done"].get<double>(), ex.progress_done);
    else EXPECT_TRUE(task["period"].is_null());
  }
}

class HabitCalls : public HabitExamples {};

TEST_F(HabitCalls, GetDayTellsWhatIsDueAndEachEntrysState) {
  At("2026-03-11");  // a Wednesday
  const int64_t p = Value("createProfile", {{{"name", "Mom"}}}).get<int64_t>();
  const int64_t gym = Value("createTask", {p, {{"title", "Gym"}, {"schedule", json::parse(R"({"type":"weekdays","weekdays":[2,4]})")}}}).get<int64_t>();
  const int64_t swim = Value("createTask", {p, {{"title", "Swim"}, {"schedule", json::parse(kThreeAWeek)}}}).get<int64_t>();
  const int64_t water = Value("createTask", {p, {{"title", "Water"}, {"measure", {{"unit", "glasses"}, {"target", 8}}}}}).get<int64_t>();
  Value("setCheck", {p, water, "2026-03-11", {{"amount", 6.5}, {"note", "  hot day "}}});
  Value("setCheck", {p, swim, "2026-03-09", true});
  json day = Value("getDay", {p, "2026-03-11"});
  EXPECT_EQ(day["tasks"][0]["due"], false);  // Gym: Tuesdays and Thursdays
  EXPECT_EQ(day["tasks"][1]["due"], true);
  EXPECT_EQ(day["tasks"][1]["period"], json::parse(R"({"start":"2026-03-09","end":"2026-03-15","done":1.0,"target":3.0,"met":false})"));
  EXPECT_EQ(day["tasks"][2]["entry"], json::parse(R"({"done":false,"skipped":false,"amount":6.5,"note":"hot day"})"));
  EXPECT_EQ(day["state"], "open");
  Value("setCheck", {p, water, "2026-03-11", {{"amount", 8}}});
  day = Value("getDay", {p, "2026-03-11"});
  EXPECT_EQ(day["tasks"][2]["entry"]["done"], true);
  EXPECT_EQ(day["tasks"][2]["entry"]["note"], "hot day");  // the note stays
  EXPECT_EQ(day["state"], "complete");
  EXPECT_TRUE(day["completed_at"].is_string());
  // Skipping clears the amount; un-skipping leaves nothing, and the row goes.
  Value("setCheck", {p, water, "2026-03-11", {{"skipped", true}, {"note", ""}}});
  day = Value("getDay", {p, "2026-03-11"});
  EXPECT_EQ(day["tasks"][2]["entry"], json::parse(R"({"done":false,"skipped":true,"amount":null,"note":""})"));
  EXPECT_EQ(day["state"], "paused");
  EXPECT_EQ(day["paused_by"], "skipped");
  Value("setCheck", {p, water, "2026-03-11", {{"skipped", false}}});
  EXPECT_EQ(Count("task_checks"), 1);  // only Swim's
  (void)gym;
}

TEST_F(HabitCalls, DaysOffAndHistory) {
  At("2026-03-11");
  const int64_t p = Value("createProfile", {{{"name", "Mom"}}}).get<int64_t>();
  const int64_t run = Value("createTask", {p, {{"title", "Run"}}}).get<int64_t>();
  Value("setDayOff", {p, "2026-03-10", {{"note", "Ill"}}});
  Value("setDayOff", {p, "2026-08-01", {{"note", "Holiday"}}});  // planned ahead
  Value("setCheck", {p, run, "2026-03-09", {{"skipped", true}, {"note", "rain"}}});
  json day = Value("getDay", {p, "2026-03-10"});
  EXPECT_EQ(day["state"], "paused");
  EXPECT_EQ(day["paused_by"], "day_off");
  EXPECT_EQ(day["day_off"]["note"], "Ill");
  json h = Value("getHistory", {p, "2026-03-01", "2026-03-31"});
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0], json::parse(R"({"date":"2026-03-09","checked":0,"skipped":1,"complete":false,"day_off":null,"notes":[{"task_id":)" +
                              std::to_string(run) + R"(,"note":"rain"}]})"));
  EXPECT_EQ(h[1]["day_off"]["note"], "Ill");
  Value("setDayOff", {p, "2026-03-10", false});
  EXPECT_EQ(Value("getHistory", {p, "2026-03-10", "2026-03-10"}).size(), 0u);
  // A day off is never complete, as the importer also decides: marking it
  // re-evaluates the day, and taking the mark away brings the completion back.
  Value("setCheck", {p, run, "2026-03-11", true});
  EXPECT_EQ(Value("getDay", {p, "2026-03-11"})["state"], "complete");
  Value("setDayOff", {p, "2026-03-11", true});
  json off = Value("getDay", {p, "2026-03-11"});
  EXPECT_EQ(off["state"], "paused");
  EXPECT_TRUE(off["completed_at"].is_null());
  EXPECT_EQ(Count("daily_status"), 0);
  Value("setDayOff", {p, "2026-03-11", false});
  EXPECT_EQ(Value("getDay", {p, "2026-03-11"})["state"], "complete");
}

TEST_F(HabitCalls, BadInputNamesTheFieldAndChangesNothing) {
  At("2026-03-11");
  const int64_t p = Value("createProfile", {{{"name", "Mom"}}}).get<int64_t>();
  const int64_t run = Value("createTask", {p, {{"title", "Run"}}}).get<int64_t>();
  const int64_t water = Value("createTask", {p, {{"title", "Water"}, {"measure", {{"unit", "glasses"}, {"target", 8}}}}}).get<int64_t>();
  struct Row {
    const char* method;
    json args;
    const char* message;
  } rows[] = {
      {"createTask", {p, {{"title", "Gym"}, {"schedule", {{"type", "per_week"}, {"times", 8}}}}},
       "task.schedule.times must be 1 to 7 for a weekly schedule"},
      {"createTask", {p, {{"title", "Gym"}, {"schedule", {{"type", "weekdays"}, {"weekdays", json::array()}}}}},
       "task.schedule.weekdays must list at least one weekday, 1 (Monday) to 7 (Sunday)"},
      {"createTask", {p, {{"title", "Gym"}, {"measure", {{"target", 0}}}}},
       "task.measure.target must be above 0 for an 'at least' target"},
      {"updateTask", {run, {{"schedule", {{"type", "per_month"}, {"times", 0}}}}},
       "patch.schedule.times must be 1 to 31 for a monthly schedule"},
      {"setCheck", {p, water, "2026-03-11", {{"amount", "six"}}}, "entry.amount must be a number from 0 to 1000000000"},
      {"setCheck", {p, run, "2026-03-11", {{"amount", 3}}}, "entry.amount is for measurable tasks; task 'Run' is yes/no"},
      {"setCheck", {p, water, "2026-03-11", true}, "task 'Water' is measured in glasses: record an amount (entry.amount), not done"},
      {"setCheck", {p, run, "2026-03-11", {{"done", true}, {"skipped", true}}}, "entry.done and entry.skipped cannot both be true"},
      {"setCheck", {p, run, "2026-03-11", {{"note", std::string(501, 'n')}}}, "entry.note is longer than 500 characters"},
      {"setCheck", {p, run, "2026-03-11", {{"mood", 3}}}, "entry has no field 'mood'"},
      {"setCheck", {p, run, "2026-03-11", "yes"}, "entry must be true, false or an object {done, skipped, amount, note}"},
      {"setDayOff", {p, "2028-01-01", true}, "'2028-01-01' is more than 366 days ahead; days off can be planned up to a year ahead"},
      {"setDayOff", {p, "2026-03-11", {{"note", 5}}}, "dayOff.note must be a string"},
  };
  const int64_t tasks = Count("tasks");
  for (const Row& r : rows) {
    json res = json::parse(app_->Call(r.method, r.args.dump()));
    ASSERT_FALSE(res["ok"].get<bool>()) << r.method << " " << r.args.dump();
    EXPECT_EQ(res["error"]["message"], r.message) << r.args.dump();
  }
  EXPECT_EQ(Count("tasks"), tasks);
  EXPECT_EQ(Count("task_checks"), 0);
  EXPECT_EQ(Count("days_off"), 0);
  json t = Value("listTasks", {p})[0];
  EXPECT_EQ(t["schedule"], json::parse(kDaily));
}

TEST_F(HabitCalls, ChangingTheTargetReevaluatesTheEntries) {
  At("2026-03-11");
  const int64_t p = Value("createProfile", {{{"name", "Mom"}}}).get<int64_t>();
  const int64_t water = Value("createTask", {p, {{"title", "Water"}, {"measure", {{"unit", "glasses"}, {"target", 8}}}}}).get<int64_t>();
  Value("setCheck", {p, water, "2026-03-11", {{"amount", 6}}});
  EXPECT_EQ(Value("getDay", {p, "2026-03-11"})["tasks"][0]["checked"], false);
  Value("updateTask", {water, {{"measure", {{"unit", "glasses"}, {"target", 6}}}}});
  EXPECT_EQ(Value("getDay", {p, "2026-03-11"})["tasks"][0]["checked"], true);
  Value("updateTask", {water, {{"measure", nullptr}}});  // yes/no again: the amount is kept
  json t = Value("getDay", {p, "2026-03-11"})["tasks"][0];
  EXPECT_TRUE(t["measure"].is_null());
  EXPECT_EQ(t["entry"]["amount"], 6.0);
  EXPECT_EQ(t["checked"], true);
}

}  // namespace
}  // namespace streakbox
