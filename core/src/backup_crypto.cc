#include "streakbox/backup_crypto.h"

#include <string_view>

namespace streakbox {

Result<BackupInput> OpenBackupInput(ByteSource& raw, const std::optional<std::string>& password) {
  SB_RETURN_IF_ERROR(raw.Rewind());
  char head[ttbak::kPrefixSize];
  size_t got = 0;
  while (got < sizeof head) {
    SB_ASSIGN_OR_RETURN(size_t k, raw.Read(head + got, sizeof head - got));
    if (k == 0) break;
    got += k;
  }
  SB_RETURN_IF_ERROR(raw.Rewind());
  BackupInput in;
  if (SniffTtbak(head, std::min(got, sizeof ttbak::kMagic)) == TtbakSniff::kOther) {
    // Backup JSON is an object: after an optional UTF-8 BOM and white space,
    // '{'. An empty or cut file is left to the JSON reader (malformed).
    // SQLite's magic is 16 bytes; `head` holds a .ttbak prefix (12), enough to tell.
    if (got == sizeof head && std::string_view("SQLite format 3").substr(0, sizeof head) == std::string_view(head, got)) {
      in.source = &raw;  // a Loop Habit Tracker file (or another SQLite file): ReadAnyBackup judges it
      return in;
    }
    size_t i = got >= 3 && std::string(head, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < got && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) ++i;
    if (i < got && head[i] != '{') return Status(Code::kNotABackup, "this file is not a Streakbox backup");
    in.source = &raw;
    return in;
  }
  // A .ttbak, or a damaged one: the header is read (and judged) before the
  // password is asked for, so damage never reads as a missing password.
  SB_ASSIGN_OR_RETURN(TtbakHeader header, ReadTtbakHeader(raw));
  if (!password || password->empty())
    return Status(Code::kPasswordRequired, "this backup is encrypted: enter its password");
  SB_ASSIGN_OR_RETURN(in.decrypting, DecryptingSource::Open(raw, *password));
  in.source = in.decrypting.get();
  in.encrypted = true;
  return in;
}

Result<ExportResult> ExportBackupFile(Database& db, const Clock& clock, const ExportOptions& options,
                                     const std::optional<std::string>& password, ByteSink& out,
                                     const EncryptOptions& encrypt) {
  if (!password) return ExportBackup(db, clock, options, out);
  SB_ASSIGN_OR_RETURN(std::unique_ptr<EncryptingSink> sink, EncryptingSink::Open(out, *password, encrypt));
  SB_ASSIGN_OR_RETURN(ExportResult r, ExportBackup(db, clock, options, *sink));  // closes sink, then out
  const std::string json_ext = ".json";
  if (r.filename.size() > json_ext.size() &&
      r.filename.compare(r.filename.size() - json_ext.size(), json_ext.size(), json_ext) == 0)
    r.filename.replace(r.filename.size() - json_ext.size(), json_ext.size(), ".ttbak");
  return r;
}

}  // namespace streakbox
