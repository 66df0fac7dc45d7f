// VerifyRestored: the last check of a full restore, before it commits.
#include "streakbox/backup_import.h"
#include "streakbox/database_image.h"

namespace streakbox {

Status VerifyRestored(Database& db, const nlohmann::json& header) {
  SB_ASSIGN_OR_RETURN(Statement st, db.Prepare("PRAGMA integrity_check"));
  SB_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || st.Text(0) != "ok")
    return Status(Code::kCorrupt, "the database failed its integrity check after the restore: " + (row ? st.Text(0) : ""));
  auto counts = header.find("counts");
  if (counts == header.end() || !counts->is_object()) return Status::Ok();
  SB_ASSIGN_OR_RETURN(nlohmann::json actual, CountRecords(db));
  std::vector<ErrorDetail> problems;
  for (auto it = actual.begin(); it != actual.end(); ++it) {
    auto want = counts->find(it.key());
    if (want != counts->end() && want->is_number_integer() && *want != *it)
      problems.push_back({"$.counts." + it.key(), "the file says " + want->dump() + ", the restore gave " + it->dump()});
  }
  if (problems.empty()) return Status::Ok();
  Status s(Code::kInvalidBackup, "the restored data does not match the counts in the backup's header; nothing was changed");
  return s.WithDetails(std::move(problems));
}

}  // namespace streakbox
