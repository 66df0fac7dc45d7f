// Backups as files, plain or encrypted: the seam between the JSON backup
// layers (backup_import.h, backup_export.h) and the .ttbak container
// (ttbak.h). Import recognises a .ttbak by its content, never its name, and
// reads it through a decrypting source, so an encrypted backup goes through
// exactly the same validation, preview and atomic apply as JSON.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "streakbox/backup_export.h"
#include "streakbox/ttbak.h"

namespace streakbox {

// What the importer reads: `source` is the raw input for backup JSON, or the
// decrypting view over it for a .ttbak (then `encrypted` is true).
struct BackupInput {
  ByteSource* source = nullptr;
  bool encrypted = false;
  std::unique_ptr<DecryptingSource> decrypting;
};

// Looks at the first bytes of `raw`. A .ttbak is unlocked with `password`
// (kPasswordRequired without one; kWrongPassword, kDamaged,
// kUnsupportedVersion, kKdfOutOfBounds); a file that starts like JSON passes
// through; anything else is kNotABackup. REQUIRES: `raw` outlives the result.
Result<BackupInput> OpenBackupInput(ByteSource& raw, const std::optional<std::string>& password);

// ExportBackup, encrypted into a .ttbak when `password` is set (the file name
// then ends in .ttbak). Closes `out` only when the backup is complete.
Result<ExportResult> ExportBackupFile(Database& db, const Clock& clock, const ExportOptions& options,
                                     const std::optional<std::string>& password, ByteSink& out,
                                     const EncryptOptions& encrypt = {});

}  // namespace streakbox
