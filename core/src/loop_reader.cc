// ReadLoopBackup: Loop Habit Tracker's tables walked into a BackupVisitor
// (streakbox/loop_import.h; the mapping, field by field: docs/FORMAT.md,
// "Loop Habit Tracker import").
#include <charconv>
#include <map>
#include <set>
#include <unordered_map>

#include "backup_records.h"
#include "database_image_internal.h"
#include "streakbox/backup_format.h"
#include "streakbox/database_image.h"
#include "streakbox/dates.h"
#include "streakbox/loop_import.h"
#include "streakbox/schema.h"
#include "validate.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

constexpr int64_t kMsPerDay = 86400000;

Status Damaged(const std::string& why) {
  return Status(Code::kInvalidBackup, "this Loop Habit Tracker backup is damaged (" + CellExcerpt(why, 200) + ")");
}

// The columns a schema version has (docs/FORMAT.md, "Loop's tables by version").
struct LoopColumns {
  explicit LoopColumns(int v)
      : type(v >= 16), target(v >= 18), question(v >= 23), uuid(v >= 24), value(v >= 16), notes(v >= 25) {}
  bool type, target, question, uuid;  // Habits
  bool value, notes;                  // Repetitions
};

// One cell read with its storage class, so a value of the wrong kind is a
// problem at its column, never a silent conversion. Made before the value is
// read (reading may convert it).
struct Cell {
  Cell(const Statement& s, int c) : st(s), col(c), type(s.Type(c)) {}
  const Statement& st;
  int col;
  ColumnType type;
  std::string Kind() const { return ColumnTypeName(type); }
  bool Null() const { return type == ColumnType::kNull; }
  bool Integer() const { return type == ColumnType::kInteger; }
  bool Real() const { return type == ColumnType::kReal || Integer(); }
  bool Text() const { return type == ColumnType::kText; }
};

// A Repetitions row's value in a path: the integer, or "?" for any other cell.
void AppendCell(std::string* path, const Cell& c, int64_t value) {
  if (!c.Integer()) {
    *path += '?';
    return;
  }
  char digits[24];
  path->append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

// `text` cut to at most `max` code points (on a UTF-8 boundary); `cut` says whether it was.
std::string CutUtf8(const std::string& text, size_t max, bool* cut) {
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (points++ == max) {
      *cut = true;
      return Trim(text.substr(0, i));
    }
  }
  return text;
}

// A note as Loop may hold it (Android text: CR LF, stray control characters)
// in the form NormalizeNote accepts: CR LF and lone CR become LF, other control
// characters but tab are dropped, then trimmed and cut to kMaxNoteLength.
std::string LoopNote(const std::string& raw, bool* cut) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == '\r') {
      out += '\n';
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    } else if (c >= 0x20 || c == '\n' || c == '\t') {
      out += static_cast<char>(c);
    }
  }
  return CutUtf8(Trim(out), kMaxNoteLength, cut);
}

struct Habit {
  int64_t id = 0;
  std::string name, title, path;
  bool measurable = false;
  Schedule schedule;
  std::optional<Measure> measure;
  json report;  // this habit's entry in source.habits
  int64_t entries = 0, skips = 0, amounts = 0, notes = 0, implicit = 0, not_done = 0, unknown = 0, notes_cut = 0;
};

class LoopReader {
 public:
  LoopReader(Database& db, BackupVisitor& v, int version, json* source)
      : db_(db), v_(v), version_(version), cols_(version), source_(source) {}

  Status Run(const std::string& profile_name, const std::set<std::string>& tables) {
    SB_RETURN_IF_ERROR(CheckColumns());
    SB_RETURN_IF_ERROR(ReadHabits());
    v_.Field("version", json(kBackupFormatVersion), "$.version");
    v_.Field("scope", json("profile"), "$.scope");
    v_.BeginProfile("$");
    json profile = {{"name", profile_name}};
    for (const Habit& h : habits_)  // the profile's colour: the first habit's that has one
      if (h.report["color"].is_string()) {
        profile["color"] = h.report["color"];
        break;
      }
    v_.ProfileInfo(profile, "$.profile");
    for (const Habit& h : habits_) EmitTask(h);
    SB_RETURN_IF_ERROR(ReadEntries());
    v_.EndProfile();
    SB_RETURN_IF_ERROR(LeftOut(tables));
    json habits = json::array();
    for (Habit& h : habits_) {
      json& r = h.report;
      r["entries"] = h.entries;
      r["skips"] = h.skips;
      r["amounts"] = h.amounts;
      r["notes"] = h.notes;
      r["not_imported"] = {{"implicit", h.implicit}, {"not_done", h.not_done}, {"unknown", h.unknown}};
      if (h.notes_cut > 0)
        r["adjusted"].push_back(std::to_string(h.notes_cut) + (h.notes_cut == 1 ? " note was" : " notes were") +
                                " cut to " + std::to_string(kMaxNoteLength) + " characters");
      habits.push_back(std::move(r));
    }
    (*source_)["habits"] = std::move(habits);
    (*source_)["dropped_rows"] = {{"no_habit_or_day", dropped_incomplete_}, {"unknown_habit", dropped_orphans_}};
    return Status::Ok();
  }

 private:
  // Every column the version has must be there; a file that lacks one was
  // edited or damaged (Loop's own migrations always add them).
  Status CheckColumns() {
    const std::pair<const char*, std::vector<std::string>> wanted[] = {
        {"Habits", HabitColumns()}, {"Repetitions", EntryColumns()}};
    for (const auto& [table, columns] : wanted) {
      SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare("SELECT name FROM pragma_table_info(?)"));
      st.Bind(1, std::string(table));
      std::set<std::string> have;
      for (;;) {
        SB_ASSIGN_OR_RETURN(bool row, st.Step());
        if (!row) break;
        have.insert(st.Text(0));
      }
      for (const std::string& c : columns)
        if (!have.count(c))
          return Status(Code::kInvalidBackup, "this Loop Habit Tracker backup (schema " + std::to_string(version_) +
                                                  ") has no column " + table + "." + c +
                                                  ", which Loop's files of that schema have; it may have been edited");
    }
    return Status::Ok();
  }

  std::vector<std::string> HabitColumns() const {
    std::vector<std::string> c = {"id", "name", "description", "freq_num", "freq_den", "archived", "position", "color",
                                  "reminder_hour"};
    if (cols_.type) c.push_back("type");
    if (cols_.target) c.insert(c.end(), {"target_type", "target_value", "unit"});
    if (cols_.question) c.push_back("question");
    if (cols_.uuid) c.push_back("uuid");
    return c;
  }
  std::vector<std::string> EntryColumns() const {
    std::vector<std::string> c = {"habit", "timestamp"};
    if (cols_.value) c.push_back("value");
    if (cols_.notes) c.push_back("notes");
    return c;
  }

  // "SELECT a, b ... FROM table": columns by name, never *.
  static std::string Select(const std::vector<std::string>& columns, const std::string& table) {
    std::string sql = "SELECT ";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", \"" : "\"") + columns[i] + "\"";
    return sql + " FROM \"" + table + "\"";
  }

  void Problem(const std::string& path, const std::string& column, const std::string& message) {
    v_.Problem(path + "." + column, message);
  }

  // An integer cell, or a problem (NULL gives `null_value` when set).
  std::optional<int64_t> Int(const Cell& c, const std::string& path, const std::string& column,
                             std::optional<int64_t> null_value = std::nullopt) {
    if (c.Null() && null_value) return null_value;
    if (!c.Integer()) {
      Problem(path, column, "must be a whole number, not " + std::string(c.Null() ? "empty (NULL)" : c.Kind()));
      return std::nullopt;
    }
    return c.st.Int(c.col);
  }
  // A text cell ("" for NULL), or a problem.
  std::string Text(const Cell& c, const std::string& path, const std::string& column) {
    if (c.Null()) return "";
    if (!c.Text()) {
      Problem(path, column, "must be text, not " + c.Kind());
      return "";
    }
    return c.st.Text(c.col);
  }

  Status ReadHabits() {
    const std::vector<std::string> columns = HabitColumns();
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(Select(columns, "Habits") + " ORDER BY position, id"));
    std::map<std::string, int> col;
    for (size_t i = 0; i < columns.size(); ++i) col[columns[i]] = static_cast<int>(i);
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      if (static_cast<int64_t>(habits_.size()) > kMaxTasks) break;  // the validator refuses the one too many
      auto cell = [&](const char* name) { return Cell{st, col.at(name)}; };
      Habit h;
      h.id = st.Int(col.at("id"));  // an INTEGER PRIMARY KEY
      h.path = "$.Habits[id=" + std::to_string(h.id) + "]";
      const std::string& p = h.path;
      h.name = Text(cell("name"), p, "name");
      json adjusted = json::array();
      // Description: from 23 the question and the description, each kept;
      // before, the question was the description.
      std::string description = Trim(Text(cell("description"), p, "description"));
      if (cols_.question) {
        const std::string question = Trim(Text(cell("question"), p, "question"));
        description = question.empty() ? description
                      : description.empty() ? question
                                            : question + "\n\n" + description;
      }
      bool cut = false;
      description = CutUtf8(description, kMaxDescriptionLength, &cut);
      if (cut) adjusted.push_back("the description was cut to " + std::to_string(kMaxDescriptionLength) + " characters");
      h.report["description"] = description;
      h.measurable = cols_.type && Int(cell("type"), p, "type", 0).value_or(0) == 1;
      if (cols_.type && cell("type").Integer() && st.Int(col.at("type")) != 0 && st.Int(col.at("type")) != 1)
        Problem(p, "type", "must be 0 (yes or no) or 1 (measurable), not " + std::to_string(st.Int(col.at("type"))));
      const auto num = Int(cell("freq_num"), p, "freq_num"), den = Int(cell("freq_den"), p, "freq_den");
      if (num && den) {
        Result<Schedule> s = LoopSchedule(*num, *den, h.measurable);
        if (s.ok()) h.schedule = s.value();
        else {
          const std::string& m = s.status().message();
          const size_t space = m.find(' ');
          Problem(p, m.substr(0, space), m.substr(space + 1));
        }
      }
      if (h.measurable) {
        Measure m;
        if (cols_.target) {
          m.at_most = Int(cell("target_type"), p, "target_type", 0).value_or(0) == 1;
          if (cell("target_value").Real()) m.target = st.Double(col.at("target_value"));
          else Problem(p, "target_value", "must be a number, not " + cell("target_value").Kind());
          std::string unit = Trim(Text(cell("unit"), p, "unit"));
          bool unit_cut = false;
          m.unit = CutUtf8(unit, kMaxUnitLength, &unit_cut);
          if (unit_cut) adjusted.push_back("the unit was cut to " + std::to_string(kMaxUnitLength) + " characters");
        } else {
          adjusted.push_back("the file (Loop schema " + std::to_string(version_) +
                             ") has no target for this measurable habit: the target is 1");
        }
        h.measure = m;
      }
      const bool archived = Int(cell("archived"), p, "archived", 0).value_or(0) != 0;
      h.report["archived"] = archived;
      Int(cell("position"), p, "position", 0);
      std::optional<std::string> color;
      if (cell("color").Integer()) color = LoopColor(st.Int(col.at("color")), version_);
      h.report["color"] = color ? json(*color) : json(nullptr);
      std::string uuid;
      if (cols_.uuid) uuid = Text(cell("uuid"), p, "uuid");
      h.report["reminder"] = !cell("reminder_hour").Null();
      h.report["id"] = h.id;
      h.report["name"] = h.name;
      h.report["adjusted"] = std::move(adjusted);
      h.report["uuid"] = uuid.empty() ? json(nullptr) : json(uuid);
      h.report["active"] = !archived;
      habits_.push_back(std::move(h));
    }
    NameHabits();
    return Status::Ok();
  }

  // Titles as stored (trimmed, NFC); a name that another habit before it also
  // has gets the first free " (2)", " (3)", ..., never the name of any habit
  // of the file. Deterministic, so a second import of the same file matches
  // by title.
  void NameHabits() {
    std::set<std::string> names, used;
    for (Habit& h : habits_) {
      auto r = NormalizeName("name", h.name, kMaxTaskTitleLength);
      if (!r.ok()) {
        bool cut = false;
        const std::string shorter = CutUtf8(Trim(h.name), kMaxTaskTitleLength, &cut);
        r = cut ? NormalizeName("name", shorter, kMaxTaskTitleLength) : r;
        if (r.ok()) h.report["adjusted"].push_back("the name was cut to " + std::to_string(kMaxTaskTitleLength) + " characters");
      }
      if (!r.ok()) {
        Problem(h.path, "name", r.status().message().substr(std::string("name ").size()));
        h.title = "Loop habit " + std::to_string(h.id);  // so its entries still resolve; the file is refused
      } else {
        h.title = r.value();
      }
      names.insert(h.title);
    }
    for (Habit& h : habits_) {
      std::string title = h.title;
      for (int k = 2; used.count(title); ++k) {
        bool cut = false;
        const std::string suffix = " (" + std::to_string(k) + ")";
        title = CutUtf8(h.title, kMaxTaskTitleLength - suffix.size(), &cut) + suffix;
        if (names.count(title)) title = h.title;  // another habit's own name: try the next number
      }
      h.report["renamed"] = title != h.title;
      h.title = title;
      h.report["title"] = title;
      used.insert(title);
    }
  }

  void EmitTask(const Habit& h) {
    json t = {{"id", h.id}, {"title", h.title}, {"description", h.report["description"]},
              {"active", h.report["active"]}, {"required", true}, {"sort_order", static_cast<int64_t>(index_of_.size())},
              {"schedule", ScheduleJson(h.schedule)}};
    if (h.measure) t["measure"] = MeasureJson(*h.measure);
    if (h.report["uuid"].is_string()) t["uuid"] = h.report["uuid"];
    index_of_[h.id] = index_of_.size();
    v_.Record(RecordKind::kTask, t, h.path);
  }

  Status ReadEntries() {
    const std::vector<std::string> columns = EntryColumns();
    SB_ASSIGN_OR_RETURN(Statement st, db_.Prepare(Select(columns, "Repetitions")));
    const int64_t first_day = ParseDate("1900-01-01").value(), last_day = ParseDate("9999-12-31").value();
    for (;;) {
      SB_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      const Cell habit{st, 0}, stamp{st, 1};
      if (habit.Null() || stamp.Null()) {  // as Loop's schema 22 drops them
        ++dropped_incomplete_;
        continue;
      }
      // "$.Repetitions[habit=H,timestamp=T]", in a buffer reused from row to row.
      std::string& path = entry_path_;
      path.assign("$.Repetitions[habit=");
      AppendCell(&path, habit, st.Int(0));
      path.append(",timestamp=");
      AppendCell(&path, stamp, st.Int(1));
      path += ']';
      const auto id = Int(habit, path, "habit");
      const auto ms = Int(stamp, path, "timestamp");
      if (!id || !ms) continue;
      auto it = index_of_.find(*id);
      if (it == index_of_.end()) {  // a row of a habit the file no longer has
        ++dropped_orphans_;
        continue;
      }
      Habit& h = habits_[it->second];
      const int64_t day = *ms >= 0 ? *ms / kMsPerDay : -((-*ms + kMsPerDay - 1) / kMsPerDay);
      if (day < first_day || day > last_day) {
        Problem(path, "timestamp", "is not a day from 1900 to 9999 (" + std::to_string(*ms) + " ms since 1970)");
        continue;
      }
      std::optional<int64_t> value = 2;  // before 16 every row is done
      if (cols_.value) value = Int(Cell{st, 2}, path, "value");
      if (!value) continue;
      std::string note;
      if (cols_.notes) {
        bool cut = false;
        note = LoopNote(Text(Cell{st, 3}, path, "notes"), &cut);
        h.notes_cut += cut;
      }
      // One typed record for every row, overwritten in place (its strings keep
      // their buffers): no JSON is made for an entry.
      CheckRecord& c = entry_;
      c.task_id = *id;
      c.date = FormatDate(day);
      c.checked = false;
      c.skipped = false;
      c.amount.reset();
      bool entry = !note.empty();
      if (h.measure) {
        if (*value >= 0) {
          const double amount = static_cast<double>(*value) / 1000;
          c.amount = amount;
          c.checked = amount <= kMaxAmount && EntryDone(h.schedule, *h.measure, amount);
          entry = true;
          ++h.amounts;
        } else {
          ++h.unknown;
        }
      } else if (*value == 2) {
        c.checked = true;
        entry = true;
      } else if (*value == 3) {
        c.skipped = true;
        entry = true;
        ++h.skips;
      } else if (*value == 1 || *value == 0 || *value == -1) {
        ++(*value == 1 ? h.implicit : *value == 0 ? h.not_done : h.unknown);
      } else {
        Problem(path, "value", "is " + std::to_string(*value) + ", which Loop does not write for a yes-or-no habit "
                               "(2 done, 3 skipped, 1 done by frequency, 0 not done, -1 unknown)");
        continue;
      }
      if (!entry) continue;  // not a user's entry: counted above, not imported
      c.note = std::move(note);
      h.notes += !c.note.empty();
      ++h.entries;
      v_.TypedCheck(c, path);
    }
    return Status::Ok();
  }

  // Per habit, what the file holds for it that Streakbox does not keep.
  Status LeftOut(const std::set<std::string>& tables) {
    std::map<int64_t, std::set<std::string>> left;
    for (const Habit& h : habits_) {
      if (h.report["reminder"] == true) left[h.id].insert("reminder");
      if (h.report["color"].is_string()) left[h.id].insert("colour");
    }
    const std::pair<const char*, const char*> derived[] = {{"Checkmarks", "checkmarks"}, {"Score", "scores"}, {"Streak", "streaks"}};
    for (const auto& [table, what] : derived) {
      if (!tables.count(table)) continue;
      auto st = db_.Prepare(std::string("SELECT DISTINCT habit FROM \"") + table + "\"");
      if (!st.ok()) continue;  // a table of another shape: nothing of it is read
      for (;;) {
        SB_ASSIGN_OR_RETURN(bool row, st.value().Step());
        if (!row) break;
        left[st.value().Int(0)].insert(what);
      }
    }
    for (Habit& h : habits_) {
      json list = json::array();
      for (const std::string& w : left[h.id]) list.push_back(w);
      h.report["left_out"] = std::move(list);
    }
    return Status::Ok();
  }

  Database& db_;
  BackupVisitor& v_;
  int version_;
  LoopColumns cols_;
  json* source_;
  std::vector<Habit> habits_;
  std::unordered_map<int64_t, size_t> index_of_;  // Loop's habit id -> its place in habits_
  int64_t dropped_incomplete_ = 0, dropped_orphans_ = 0;
  CheckRecord entry_;       // ReadEntries' record, reused row to row
  std::string entry_path_;  // and its path
};

Result<int64_t> IntQuery(Database& db, const std::string& sql) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(sql));
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

// What the file is, before any row is read: its tables and other objects,
// then Loop's schema version and SQLite's integrity check.
Result<int> Recognise(Database& db, std::set<std::string>* tables, json* ignored) {
  auto schema = db.Prepare("SELECT type, name FROM sqlite_schema");
  if (!schema.ok()) return Damaged(schema.status().message());
  std::set<std::string> views;
  for (;;) {
    auto row = schema.value().Step();
    if (!row.ok()) return Damaged(row.status().message());
    if (!row.value()) break;
    const std::string type = schema.value().Text(0), name = schema.value().Text(1);
    if (type == "table") tables->insert(name);
    else if (type == "view") views.insert(name);
    if ((type == "trigger" || type == "view") && ignored->size() < 20)
      ignored->push_back(type + " '" + CellExcerpt(name) + "'");
  }
  auto app_id = IntQuery(db, "PRAGMA application_id");
  if (!app_id.ok()) return Damaged(app_id.status().message());
  if (app_id.value() == kApplicationId || (tables->count("profiles") && tables->count("tasks")))
    return Status(Code::kInvalidBackup,
                  "this is a Streakbox database file, not a backup to import: restore it in Settings, "
                  "Restore a database file");
  for (const char* t : {"Habits", "Repetitions"})
    if (!tables->count(t))
      return Status(Code::kInvalidBackup,
                    std::string("this SQLite file is not a Loop Habit Tracker backup (it has no '") + t + "' table" +
                        (views.count(t) ? ", only a view of that name, which is never read" : "") + ")");
  auto version = IntQuery(db, "PRAGMA user_version");
  if (!version.ok()) return Damaged(version.status().message());
  const int64_t v = version.value();
  if (v > kLoopMaxSchema)
    return Status(Code::kUnsupportedVersion, "this file comes from a newer Loop Habit Tracker (schema " +
                                                 std::to_string(v) + "); Streakbox reads up to " +
                                                 std::to_string(kLoopMaxSchema));
  if (v < kLoopMinSchema)
    return Status(Code::kInvalidBackup, "this Loop Habit Tracker backup is of schema " + std::to_string(v) +
                                            ", older than Streakbox reads (" + std::to_string(kLoopMinSchema) + " to " +
                                            std::to_string(kLoopMaxSchema) +
                                            "): open it in a current Loop and export a new backup");
  auto check = db.Prepare("PRAGMA quick_check(1)");
  if (!check.ok()) return Damaged(check.status().message());
  auto row = check.value().Step();
  if (!row.ok()) return Damaged(row.status().message());
  if (!row.value() || check.value().Text(0) != "ok") return Damaged(row.value() ? check.value().Text(0) : "no answer");
  return static_cast<int>(v);
}

}  // namespace

Status ReadLoopBackup(const std::string& bytes, BackupVisitor& visitor, const std::string& profile_name,
                      json* source) {
  SB_ASSIGN_OR_RETURN(std::string name, NormalizeName("options.profileName", profile_name, kMaxProfileNameLength));
  if (static_cast<int64_t>(bytes.size()) > kMaxDatabaseImageBytes)
    return Status(Code::kInvalidBackup, "this file is too large to be a Loop Habit Tracker backup");
  SB_ASSIGN_OR_RETURN(std::unique_ptr<ImageReader> reader,
                      ImageReader::Open(bytes, DefaultImageStepBudget(static_cast<int64_t>(bytes.size()))));
  std::set<std::string> tables;
  json ignored = json::array();
  auto version = Recognise(reader->db(), &tables, &ignored);
  SB_RETURN_IF_ERROR(reader->Explain(version.status()));
  *source = {{"app", "loop"}, {"schema_version", version.value()}, {"ignored_objects", ignored}};
  LoopReader loop(reader->db(), visitor, version.value(), source);
  Status s = reader->Explain(loop.Run(name, tables));
  if (!s.ok() && s.code() == Code::kCorrupt) return Damaged(s.message());
  return s;
}

Status ReadAnyBackup(ByteSource& input, BackupVisitor& visitor, const std::string& loop_profile_name,
                     const std::function<void(double)>& progress, json* source) {
  SB_RETURN_IF_ERROR(input.Rewind());
  char head[16];
  size_t got = 0;
  while (got < sizeof head) {
    SB_ASSIGN_OR_RETURN(size_t k, input.Read(head + got, sizeof head - got));
    if (k == 0) break;
    got += k;
  }
  SB_RETURN_IF_ERROR(input.Rewind());
  if (!IsSqliteHeader(std::string_view(head, got)))
    return ReadBackup(input, visitor, ByteFraction(input.Size(), progress));
  SB_ASSIGN_OR_RETURN(std::string bytes, ReadAllBytes(input, kMaxDatabaseImageBytes,
                                                      "this file is too large to be a Loop Habit Tracker backup"));
  if (progress) progress(0.5);
  SB_RETURN_IF_ERROR(ReadLoopBackup(bytes, visitor, loop_profile_name, source));
  if (progress) progress(1);
  return Status::Ok();
}

}  // namespace streakbox
