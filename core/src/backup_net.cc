// The net changes of an import in one profile (backup_net.h): the profile's
// rows copied to TEMP tables before, compared with the rows after.
#include "backup_net.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace streakbox {
namespace {

using json = nlohmann::json;

// A task's key (its uuid), its fields as one comparable text, and its order.
std::string TasksSelect(int64_t p) {
  return "SELECT coalesce(uuid, 'title:' || title) AS k, title, "
         "quote(title) || ',' || quote(description) || ',' || quote(is_active) || ',' || quote(is_required) || ',' || "
         "quote(schedule_type) || ',' || quote(schedule_weekdays) || ',' || quote(schedule_times) || ',' || "
         "quote(schedule_days) || ',' || quote(measure_unit) || ',' || quote(measure_target) || ',' || "
         "quote(measure_direction) AS fp, sort_order FROM main.tasks WHERE profile_id = " + std::to_string(p);
}

// Each entry by its task's key and date, its content as one comparable text.
std::string ChecksSelect(int64_t p) {
  return "SELECT coalesce(t.uuid, 'title:' || t.title) AS k, c.date AS date, "
         "quote(c.checked) || ',' || quote(c.checked_at) || ',' || quote(c.skipped) || ',' || quote(c.amount) || ',' || "
         "quote(c.note) AS fp FROM main.task_checks c JOIN main.tasks t ON t.id = c.task_id WHERE t.profile_id = " +
         std::to_string(p);
}

std::string DaysSelect(int64_t p) {
  const std::string id = std::to_string(p);
  return "SELECT 'done' AS kind, date FROM main.daily_status WHERE profile_id = " + id +
         " UNION ALL SELECT 'off', date FROM main.days_off WHERE profile_id = " + id;
}

// Copies the profile's rows into temp tables net_<side>_tasks, _checks, _days.
Status Copy(Database& db, int64_t p, const std::string& side) {
  const std::string t = "temp.net_" + side;
  return db.Exec("DROP TABLE IF EXISTS " + t + "_tasks; DROP TABLE IF EXISTS " + t + "_checks; DROP TABLE IF EXISTS " +
                 t + "_days;"
                 "CREATE TABLE " + t + "_tasks AS " + TasksSelect(p) + ";"
                 "CREATE TABLE " + t + "_checks AS " + ChecksSelect(p) + ";"
                 "CREATE INDEX " + t + "_checks_key ON net_" + side + "_checks (k, date);"
                 "CREATE TABLE " + t + "_days AS " + DaysSelect(p) + ";"
                 "CREATE INDEX " + t + "_days_key ON net_" + side + "_days (kind, date);");
}

struct TaskNet {
  std::string title;
  std::string before_fp, after_fp;
  bool before = false, after = false;
  int64_t sort = 0;
  int64_t checks_before = 0, checks_after = 0, added = 0, removed = 0, changed = 0;
};

// Runs `sql` (rows: key, count) and stores each count through `field`.
template <typename F>
Status PerTask(Database& db, const std::string& sql, std::map<std::string, TaskNet>* tasks, F field) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(sql));
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    field((*tasks)[st.Text(0)]) = st.Int(1);
  }
}

Result<int64_t> CountOf(Database& db, const std::string& sql) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(sql));
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

std::string OnlyIn(const std::string& a, const std::string& b) {  // a's entries with no entry of that key and date in b
  return "SELECT x.k, count(*) FROM temp.net_" + a + "_checks x WHERE NOT EXISTS (SELECT 1 FROM temp.net_" + b +
         "_checks y WHERE y.k = x.k AND y.date = x.date) GROUP BY x.k";
}

std::string DaysOnlyIn(const std::string& kind, const std::string& a, const std::string& b) {
  return "SELECT count(*) FROM temp.net_" + a + "_days x WHERE x.kind = '" + kind + "' AND NOT EXISTS (SELECT 1 FROM temp.net_" +
         b + "_days y WHERE y.kind = x.kind AND y.date = x.date)";
}

}  // namespace

Status NetSnapshot(Database& db, int64_t profile_id) { return Copy(db, profile_id, "before"); }

Result<json> NetDiff(Database& db, int64_t profile_id) {
  SB_RETURN_IF_ERROR(Copy(db, profile_id, "after"));
  std::map<std::string, TaskNet> tasks;
  for (const char* side : {"before", "after"}) {
    const bool after = std::string(side) == "after";
    SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(std::string("SELECT k, title, fp, sort_order FROM temp.net_") + side + "_tasks"));
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      TaskNet& t = tasks[st.Text(0)];
      if (after || !t.after) {
        t.title = st.Text(1);
        t.sort = st.Int(3);
      }
      (after ? t.after : t.before) = true;
      (after ? t.after_fp : t.before_fp) = st.Text(2);
    }
  }
  SB_RETURN_IF_ERROR(PerTask(db, "SELECT k, count(*) FROM temp.net_before_checks GROUP BY k", &tasks,
                             [](TaskNet& t) -> int64_t& { return t.checks_before; }));
  SB_RETURN_IF_ERROR(PerTask(db, "SELECT k, count(*) FROM temp.net_after_checks GROUP BY k", &tasks,
                             [](TaskNet& t) -> int64_t& { return t.checks_after; }));
  SB_RETURN_IF_ERROR(PerTask(db, OnlyIn("after", "before"), &tasks, [](TaskNet& t) -> int64_t& { return t.added; }));
  SB_RETURN_IF_ERROR(PerTask(db, OnlyIn("before", "after"), &tasks, [](TaskNet& t) -> int64_t& { return t.removed; }));
  SB_RETURN_IF_ERROR(PerTask(db,
      "SELECT x.k, count(*) FROM temp.net_after_checks x JOIN temp.net_before_checks y ON y.k = x.k AND y.date = x.date "
      "WHERE x.fp <> y.fp GROUP BY x.k", &tasks, [](TaskNet& t) -> int64_t& { return t.changed; }));

  json net = {{"checks_added", 0}, {"checks_removed", 0}, {"checks_changed", 0}};
  std::vector<const TaskNet*> order;
  for (const auto& [k, t] : tasks) order.push_back(&t);
  std::stable_sort(order.begin(), order.end(), [](const TaskNet* a, const TaskNet* b) {
    return a->sort != b->sort ? a->sort < b->sort : a->title < b->title;
  });
  json list = json::array();
  bool unchanged = true;
  for (const TaskNet* t : order) {
    const bool fields = t->before && t->after && t->before_fp != t->after_fp;
    const char* change = !t->before ? "added" : !t->after ? "removed"
                         : fields || t->added || t->removed || t->changed ? "changed" : "unchanged";
    if (std::string(change) != "unchanged") unchanged = false;
    list.push_back({{"title", t->title}, {"change", change}, {"checks", t->after ? t->checks_after : t->checks_before},
                    {"checks_added", t->added}, {"checks_removed", t->removed}, {"checks_changed", t->changed},
                    {"fields_changed", fields}});
    net["checks_added"] = net["checks_added"].get<int64_t>() + t->added;
    net["checks_removed"] = net["checks_removed"].get<int64_t>() + t->removed;
    net["checks_changed"] = net["checks_changed"].get<int64_t>() + t->changed;
  }
  net["tasks"] = std::move(list);
  for (const char* kind : {"done", "off"}) {
    const std::string name = std::string(kind) == "done" ? "completed_days" : "days_off";
    SB_ASSIGN_OR_RETURN(int64_t added, CountOf(db, DaysOnlyIn(kind, "after", "before")));
    SB_ASSIGN_OR_RETURN(int64_t removed, CountOf(db, DaysOnlyIn(kind, "before", "after")));
    net[name + "_added"] = added;
    net[name + "_removed"] = removed;
    if (added || removed) unchanged = false;
  }
  net["unchanged"] = unchanged;
  SB_RETURN_IF_ERROR(db.Exec(
      "DROP TABLE temp.net_before_tasks; DROP TABLE temp.net_before_checks; DROP TABLE temp.net_before_days;"
      "DROP TABLE temp.net_after_tasks; DROP TABLE temp.net_after_checks; DROP TABLE temp.net_after_days;"));
  return net;
}

}  // namespace streakbox
