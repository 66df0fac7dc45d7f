// A check handed over in typed form (BackupVisitor::TypedCheck, as the Loop
// reader does) is validated by exactly the rules of the same check as JSON
// (Record(kCheck)): the validator's typed path and the JSON path must report
// the same problems, at the same paths, and accept the same checks.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../../core/src/backup_records.h"
#include "../../core/src/backup_validate.h"
#include "streakbox/habit_rules.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

constexpr int64_t kNow = 1773144000;  // 2026-03-10 12:00 UTC

// The problems a validator reports for a file of one profile with a yes/no
// task "Run" (id 1) and a measurable task "Water" (id 2), then `check`, given
// typed (the validator's own TypedCheck) or as JSON (the visitor's default,
// which hands the same fields to Record).
std::vector<std::string> Problems(const CheckRecord& check, bool typed) {
  BackupValidator v(kNow);
  v.Field("version", "1.3", "$.version");
  v.BeginProfile("$.profile");
  v.ProfileInfo({{"name", "Mom"}}, "$.profile.profile");
  v.Record(RecordKind::kTask, {{"id", 1}, {"title", "Run"}}, "$.profile.tasks[0]");
  v.Record(RecordKind::kTask, {{"id", 2}, {"title", "Water"}, {"measure", {{"unit", "glasses"}, {"target", 8}}}},
           "$.profile.tasks[1]");
  if (typed) v.TypedCheck(check, "$.profile.task_checks[0]");
  else v.BackupVisitor::TypedCheck(check, "$.profile.task_checks[0]");
  v.EndProfile();
  std::vector<std::string> out;
  Result<BackupSummary> r = v.Finish();
  if (r.ok()) {
    out.push_back("ok: " + std::to_string(r.value().task_checks) + " checks, " + std::to_string(r.value().amounts) +
                  " amounts, " + std::to_string(r.value().notes) + " notes");
  } else {
    for (const ErrorDetail& d : r.status().details()) out.push_back(d.path + " " + d.message);
  }
  return out;
}

CheckRecord Check(int64_t task, const std::string& date) {
  CheckRecord c;
  c.task_id = task;
  c.date = date;
  return c;
}

TEST(TypedCheckTest, TypedAndJsonChecksMeetTheSameRules) {
  std::vector<std::pair<std::string, CheckRecord>> cases;
  cases.push_back({"a plain done check", Check(1, "2026-03-01")});
  CheckRecord c = Check(2, "2026-03-01");
  c.amount = 3;
  cases.push_back({"an amount on the measurable task", c});
  c.amount = kMaxAmount * 2;
  cases.push_back({"an amount out of range", c});
  c = Check(1, "2026-03-01");
  c.amount = 2;
  cases.push_back({"an amount on the yes/no task", c});
  cases.push_back({"a day in the future", Check(1, "2026-04-20")});
  cases.push_back({"not a date", Check(1, "2026-02-30")});
  c = Check(1, "2026-03-01");
  c.skipped = true;
  cases.push_back({"done and skipped", c});
  c.checked = false;
  c.note = "  rain \u0065\u0301  ";
  cases.push_back({"a skip with a note to trim", c});
  c.note = std::string(kMaxNoteLength + 1, 'n');
  cases.push_back({"a note too long", c});
  cases.push_back({"a task that is not there", Check(9, "2026-03-01")});
  c = CheckRecord();
  c.date = "2026-03-01";
  cases.push_back({"no task named", c});
  for (const auto& [what, check] : cases) {
    SCOPED_TRACE(what);
    const std::vector<std::string> typed = Problems(check, true), as_json = Problems(check, false);
    EXPECT_FALSE(typed.empty());
    EXPECT_EQ(typed, as_json);
  }
  // The cases do reach the rules: the valid ones pass, the others do not.
  EXPECT_EQ(Problems(cases[0].second, true), std::vector<std::string>{"ok: 1 checks, 0 amounts, 0 notes"});
  EXPECT_EQ(Problems(cases[7].second, true), std::vector<std::string>{"ok: 1 checks, 0 amounts, 1 notes"});
  EXPECT_NE(Problems(cases[4].second, true)[0].find("$.profile.task_checks[0].date"), std::string::npos);
}

}  // namespace
}  // namespace streakbox
