#include "streakbox/app.h"

#include <sqlite3.h>

#include "streakbox/schema.h"

namespace streakbox {

Result<std::unique_ptr<App>> App::Open(const std::string& path, const Clock& clock,
                                       const OpenOptions& options) {
  SB_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(path, options.vfs));
  if (options.exclusive) {
    // Order matters: EXCLUSIVE before the first WAL access means SQLite keeps
    // the WAL index in heap memory and never needs shared memory from the VFS.
    SB_RETURN_IF_ERROR(db->Exec("PRAGMA locking_mode = EXCLUSIVE"));
  }
  SB_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                              "PRAGMA cache_size = -16384;"));
  SB_RETURN_IF_ERROR(ConfigureConnection(*db));
  SB_RETURN_IF_ERROR(Migrate(*db));
  return std::unique_ptr<App>(new App(std::move(db), clock));
}

}  // namespace streakbox
