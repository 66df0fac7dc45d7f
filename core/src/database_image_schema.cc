// CheckImageSchema: a database file's schema objects must be exactly the ones
// Streakbox's own migrations create for the file's version
// (database_image_internal.h).
#include <map>
#include <set>

#include "database_image_internal.h"
#include "streakbox/schema.h"

namespace streakbox {
namespace {

struct SchemaObject {
  std::string type, table, sql;  // sql is empty for SQLite's automatic indexes
};
using Objects = std::map<std::string, SchemaObject>;  // by name

// SQLite's own tables, which ANALYZE or AUTOINCREMENT may add; no Streakbox
// query depends on them.
const std::set<std::string> kSqliteTables = {"sqlite_stat1", "sqlite_stat4", "sqlite_sequence"};

Result<Objects> ReadObjects(Database& db) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema"));
  Objects out;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out[st.Text(1)] = {st.Text(0), st.Text(2), st.Text(3)};
  }
}

// name -> "type|notnull|default|pk|hidden" for each column of `table`.
Result<std::map<std::string, std::string>> Columns(Database& db, const std::string& table) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare(
      "SELECT name, type || '|' || \"notnull\" || '|' || coalesce(dflt_value, '') || '|' || pk || '|' || hidden "
      "FROM pragma_table_xinfo(?)"));
  st.Bind(1, table);
  std::map<std::string, std::string> out;
  for (;;) {
    SB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out[st.Text(0)] = st.Text(1);
  }
}

Status Refuse(const std::string& what) {
  return Status(Code::kInvalidBackup, "the file " + what + "; it was not restored");
}

// Names the first column of `name` that differs, else the definition as a whole.
Status DifferentTable(Database& img, Database& ref, const std::string& name) {
  SB_ASSIGN_OR_RETURN(auto theirs, Columns(img, name));
  SB_ASSIGN_OR_RETURN(auto ours, Columns(ref, name));
  const std::string table = "table '" + CellExcerpt(name) + "'";
  for (const auto& [column, decl] : theirs) {
    auto it = ours.find(column);
    if (it == ours.end())
      return Refuse("has a column '" + CellExcerpt(column) + "' in its " + table + ", which Streakbox does not create");
    if (it->second != decl)
      return Refuse("declares the column '" + column + "' of its " + table + " differently from Streakbox");
  }
  for (const auto& [column, decl] : ours)
    if (!theirs.count(column)) return Refuse("lacks the column '" + column + "' of its " + table);
  return Refuse("defines its " + table + " differently from Streakbox (its constraints differ)");
}

}  // namespace

Result<std::unique_ptr<Database>> ReferenceSchema(int version) {
  SB_ASSIGN_OR_RETURN(std::unique_ptr<Database> ref, Database::Open(":memory:"));
  SB_RETURN_IF_ERROR(Migrate(*ref, version));
  return ref;
}

Status CheckImageSchema(Database& img, Database& ref, int version) {
  SB_ASSIGN_OR_RETURN(Objects ours, ReadObjects(ref));
  auto theirs = ReadObjects(img);
  if (!theirs.ok())
    return Status(Code::kInvalidBackup, "this database file is damaged (its schema cannot be read: " +
                                            CellExcerpt(theirs.status().message(), 200) + "); it was not restored");
  for (const auto& [name, obj] : theirs.value()) {
    if (obj.type == "table" && kSqliteTables.count(name)) continue;
    auto it = ours.find(name);
    const std::string what = (obj.type == "index" ? "an " : "a ") + CellExcerpt(obj.type) + " '" + CellExcerpt(name) + "'";
    if (it == ours.end()) return Refuse("has " + what + ", which Streakbox does not create");
    if (it->second.type != obj.type)
      return Refuse("has " + what + " where Streakbox has " + (it->second.type == "index" ? "an " : "a ") + it->second.type);
    if (it->second.table != obj.table) return Refuse("has " + what + " on a table Streakbox does not put it on");
    if (it->second.sql != obj.sql)
      return obj.type == "table" ? DifferentTable(img, ref, name)
                                 : Refuse("defines its " + CellExcerpt(obj.type) + " '" + name + "' differently from Streakbox");
  }
  for (const auto& [name, obj] : ours)
    if (!theirs.value().count(name))
      return Refuse("has no " + obj.type + " '" + name + "', which Streakbox's schema version " +
                    std::to_string(version) + " has");
  return Status::Ok();
}

}  // namespace streakbox
