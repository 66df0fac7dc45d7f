// The file methods of the call surface (docs/API.md "Backups", "Database
// file"): backup files in and out, plain or encrypted, the database file, and
// the secret.* settings. Every byte comes from io.source and goes to io.sink,
// which the caller passes explicitly (wasm/bindings.cc: the worker's Blob and
// chunk collector; the CLI: files and stdout), so the same handler serves JS
// and the command line.
#include <algorithm>

#include "app_args.h"
#include "streakbox/backup_crypto.h"
#include "streakbox/backup_export.h"
#include "streakbox/backup_format.h"
#include "streakbox/backup_import.h"
#include "streakbox/csv_export.h"
#include "streakbox/database_image.h"

namespace streakbox {
namespace {

Result<ByteSource*> SourceOf(const CallIo& io, const char* method) {
  if (!io.source) return Status::InvalidArgument(std::string(method) + " needs a file to read");
  return io.source;
}
Result<ByteSink*> SinkOf(const CallIo& io, const char* method) {
  if (!io.sink) return Status::InvalidArgument(std::string(method) + " needs a place to write its file");
  return io.sink;
}

json Counts(const ExportResult& r) {
  return {{"profiles", r.profiles}, {"tasks", r.tasks}, {"task_checks", r.task_checks},
          {"daily_status", r.daily_status}, {"days_off", r.days_off}};
}

constexpr const char* kDatabaseTooLarge = "this file is too large to be a Streakbox database";

bool IsSecret(const std::string& key) { return key.rfind(kSecretSettingPrefix, 0) == 0; }
Result<std::string> SecretKey(const Args& a) {
  SB_ASSIGN_OR_RETURN(std::string key, a.Str(0, "key"));
  if (!IsSecret(key)) return Status::InvalidArgument("only settings named secret.* are reachable here");
  return key;
}

// A backup input opened for reading: JSON as it is, a .ttbak decrypted with
// `password`. The value adds {encrypted, container?} to a method's result.
struct OpenedBackup {
  BackupInput input;
  json Describe(json value) const {
    value["encrypted"] = input.encrypted;
    if (input.encrypted) {
      const TtbakHeader& h = input.decrypting->header();
      value["container"] = {{"version", ttbak::kVersion}, {"kdf", "argon2id"}, {"opslimit", h.kdf.opslimit},
                            {"memlimit_kib", h.kdf.memlimit_kib}, {"chunk_size", h.chunk_size()}};
    }
    return value;
  }
};
Result<OpenedBackup> OpenBackup(const CallIo& io, const char* method, const std::optional<std::string>& password) {
  SB_ASSIGN_OR_RETURN(ByteSource* source, SourceOf(io, method));
  OpenedBackup b;
  SB_ASSIGN_OR_RETURN(b.input, OpenBackupInput(*source, password));  // the slow key derivation, for a .ttbak
  return b;
}

// importBackup's options: {mode, profileId, profileName, dryRun, tasksOnly, verify, takeBackupSettings, password}.
struct ImportArgs {
  ImportOptions options;
  std::optional<std::string> password;
};
Result<ImportArgs> ReadImportOptions(const json& o) {
  Fields f(o, "options");
  ImportArgs r;
  std::optional<std::string> mode;
  std::optional<bool> dry_run, tasks_only, verify, take_backup_settings;
  SB_RETURN_IF_ERROR(f.OneOf("mode", {"replace", "merge"}, &mode));
  SB_RETURN_IF_ERROR(f.Id("profileId", &r.options.profile_id));
  SB_RETURN_IF_ERROR(f.Bool("dryRun", &dry_run));
  SB_RETURN_IF_ERROR(f.Bool("tasksOnly", &tasks_only));
  SB_RETURN_IF_ERROR(f.Bool("verify", &verify));
  SB_RETURN_IF_ERROR(f.Bool("takeBackupSettings", &take_backup_settings));
  SB_RETURN_IF_ERROR(f.NonEmptyStr("password", &r.password));
  std::optional<std::string> profile_name;  // a Loop Habit Tracker file's profile (ImportOptions::profile_name)
  SB_RETURN_IF_ERROR(f.NonEmptyStr("profileName", &profile_name));
  SB_RETURN_IF_ERROR(f.Done());
  if (profile_name) r.options.profile_name = *profile_name;
  if (mode == std::string("merge")) r.options.mode = ImportOptions::Mode::kMerge;
  r.options.dry_run = dry_run.value_or(false);
  r.options.tasks_only = tasks_only.value_or(false);
  r.options.verify = verify.value_or(false);
  // Else this database keeps its own backup schedule (docs/FORMAT.md, "Import").
  r.options.take_backup_settings = take_backup_settings.value_or(false);
  return r;
}

// An options object whose only field is the password (required or not).
Result<std::optional<std::string>> ReadPasswordOnly(const Args& a, bool required) {
  SB_ASSIGN_OR_RETURN(json o, required ? a.Object(0, "options") : a.OptionalObject(0, "options"));
  Fields f(o, "options");
  std::optional<std::string> password;
  SB_RETURN_IF_ERROR(f.NonEmptyStr("password", &password));
  SB_RETURN_IF_ERROR(f.Done());
  if (required && !password) return Status::InvalidArgument("options.password must be a non-empty string");
  return password;
}

}  // namespace

std::vector<Method> FileMethods() {
  return {
      // [options?: {profileId?, password?}] -> {filename, counts, encrypted}; the file goes to io.sink.
      {"exportBackup", 1, [](App& app, const Args& a, const CallIo& io) -> Result<json> {
         SB_ASSIGN_OR_RETURN(json o, a.OptionalObject(0, "options"));
         Fields f(o, "options");
         ExportOptions options;
         std::optional<std::string> password;
         SB_RETURN_IF_ERROR(f.Id("profileId", &options.profile_id));
         SB_RETURN_IF_ERROR(f.NonEmptyStr("password", &password));
         SB_RETURN_IF_ERROR(f.Done());
         SB_ASSIGN_OR_RETURN(ByteSink* sink, SinkOf(io, "exportBackup"));
         SB_ASSIGN_OR_RETURN(ExportResult r, ExportBackupFile(app.db(), app.clock(), options, password, *sink));
         return json{{"filename", r.filename}, {"counts", Counts(r)}, {"encrypted", password.has_value()}};
       }},
      // [options: {kind: 'entries'|'days', profileId?}] -> {filename, kind, profiles, rows}; the CSV goes to io.sink.
      {"exportCsv", 1, [](App& app, const Args& a, const CallIo& io) -> Result<json> {
         SB_ASSIGN_OR_RETURN(json o, a.Object(0, "options"));
         Fields f(o, "options");
         CsvOptions options;
         std::optional<std::string> kind;
         SB_RETURN_IF_ERROR(f.OneOf("kind", {"entries", "days"}, &kind));
         SB_RETURN_IF_ERROR(f.Id("profileId", &options.profile_id));
         SB_RETURN_IF_ERROR(f.Done());
         if (!kind) return Status::InvalidArgument("options.kind must be 'entries' or 'days'");
         options.kind = *kind == "days" ? CsvKind::kDays : CsvKind::kEntries;
         SB_ASSIGN_OR_RETURN(ByteSink* sink, SinkOf(io, "exportCsv"));
         SB_ASSIGN_OR_RETURN(CsvResult r, ExportCsv(app.db(), app.tracker(), app.clock(), options, *sink));
         return json{{"filename", r.filename}, {"kind", *kind}, {"profiles", r.profiles}, {"rows", r.rows}};
       }},
      // [options?: {password?}] -> {header, counts, profile_names, encrypted, container?}; changes nothing.
      {"validateBackup", 1, [](App&, const Args& a, const CallIo& io) -> Result<json> {
         SB_ASSIGN_OR_RETURN(std::optional<std::string> password, ReadPasswordOnly(a, false));
         SB_ASSIGN_OR_RETURN(OpenedBackup b, OpenBackup(io, "validateBackup", password));
         SB_ASSIGN_OR_RETURN(BackupSummary s, ValidateBackup(*b.input.source, io.progress));
         return b.Describe(ToJson(s));
       }},
      // [options?: {mode, profileId, profileName, dryRun, tasksOnly, verify, takeBackupSettings, password}] -> the import report.
      {"importBackup", 1, [](App& app, const Args& a, const CallIo& io) -> Result<json> {
         SB_ASSIGN_OR_RETURN(json o, a.OptionalObject(0, "options"));
         SB_ASSIGN_OR_RETURN(ImportArgs args, ReadImportOptions(o));
         args.options.progress = io.progress;
         SB_ASSIGN_OR_RETURN(OpenedBackup b, OpenBackup(io, "importBackup", args.password));
         SB_ASSIGN_OR_RETURN(ImportReport r, ImportBackup(app.db(), app.clock(), *b.input.source, args.options));
         return b.Describe(ToJson(r));
       }},
      // [options: {password}]: io.source (plain backup JSON, validated first) sealed into a .ttbak on io.sink.
      {"encryptBackup", 1, [](App&, const Args& a, const CallIo& io) -> Result<json> {
         SB_ASSIGN_OR_RETURN(std::optional<std::string> password, ReadPasswordOnly(a, true));
         SB_ASSIGN_OR_RETURN(ByteSource* source, SourceOf(io, "encryptBackup"));
         SB_ASSIGN_OR_RETURN(ByteSink* sink, SinkOf(io, "encryptBackup"));
         auto in = OpenBackupInput(*source, std::nullopt);
         if (!in.ok() && in.status().code() == Code::kPasswordRequired)
           return Status::InvalidArgument("this file is encrypted already");
         if (!in.ok()) return in.status();
         SB_RETURN_IF_ERROR(ValidateBackup(*source, io.progress).status());
         SB_RETURN_IF_ERROR(EncryptStream(*source, *sink, *password));
         return json(nullptr);
       }},
      // [options: {password}]: the .ttbak on io.source decrypted to io.sink. The sink's
      // bytes are the backup only when the call succeeds (the final chunk verified).
      {"decryptBackup", 1, [](App&, const Args& a, const CallIo& io) -> Result<json> {
         // No password: the header is still read, and an intact file says password_required.
         SB_ASSIGN_OR_RETURN(std::optional<std::string> password, ReadPasswordOnly(a, false));
         SB_ASSIGN_OR_RETURN(ByteSource* source, SourceOf(io, "decryptBackup"));
         SB_ASSIGN_OR_RETURN(ByteSink* sink, SinkOf(io, "decryptBackup"));
         SB_RETURN_IF_ERROR(DecryptStream(*source, *sink, password.value_or("")));
         return json(nullptr);
       }},
      // [] -> {filename, info}: a consistent copy of the database file on io.sink.
      {"exportDatabase", 0, [](App& app, const Args&, const CallIo& io) -> Result<json> {
         SB_ASSIGN_OR_RETURN(ByteSink* sink, SinkOf(io, "exportDatabase"));
         SB_ASSIGN_OR_RETURN(std::string bytes, SnapshotDatabase(app.db()));
         SB_ASSIGN_OR_RETURN(DatabaseImageInfo info, InspectDatabaseImage(bytes, app.clock()));
         SB_RETURN_IF_ERROR(sink->Write(bytes));
         SB_RETURN_IF_ERROR(sink->Close());
         return json{{"filename", "streakbox-" + app.clock().TodayLocal() + ".db"}, {"info", ToJson(info)}};
       }},
      // [] -> {schema_version, instance_id, size, stored_password, counts} of the database file on io.source.
      {"inspectDatabase", 0, [](App& app, const Args&, const CallIo& io) -> Result<json> {
         SB_ASSIGN_OR_RETURN(ByteSource* source, SourceOf(io, "inspectDatabase"));
         SB_ASSIGN_OR_RETURN(std::string bytes, ReadAllBytes(*source, kMaxDatabaseImageBytes, kDatabaseTooLarge));
         SB_ASSIGN_OR_RETURN(DatabaseImageInfo info, InspectDatabaseImage(bytes, app.clock()));
         return ToJson(info);
       }},
      // [] -> as inspectDatabase, after replacing this database's content with the file's.
      {"importDatabase", 0, [](App& app, const Args&, const CallIo& io) -> Result<json> {
         SB_ASSIGN_OR_RETURN(ByteSource* source, SourceOf(io, "importDatabase"));
         SB_ASSIGN_OR_RETURN(std::string bytes, ReadAllBytes(*source, kMaxDatabaseImageBytes, kDatabaseTooLarge));
         SB_ASSIGN_OR_RETURN(DatabaseImageInfo info, RestoreDatabaseImage(app.db(), app.clock(), bytes));
         return ToJson(info);
       }},
      // Settings under the 'secret.' prefix, which no backup carries (the stored backup password).
      {"getSecret", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(std::string key, SecretKey(a));
         SB_ASSIGN_OR_RETURN(std::optional<std::string> v, app.tracker().GetSetting(key));
         return v ? json(*v) : json(nullptr);
       }},
      {"setSecret", 2, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(std::string key, SecretKey(a));
         SB_ASSIGN_OR_RETURN(std::string value, a.Str(1, "value"));
         SB_RETURN_IF_ERROR(app.tracker().SetSetting(key, value));
         return json(nullptr);
       }},
      {"deleteSecret", 1, [](App& app, const Args& a, const CallIo&) -> Result<json> {
         SB_ASSIGN_OR_RETURN(std::string key, SecretKey(a));
         SB_RETURN_IF_ERROR(app.tracker().DeleteSetting(key));
         return json(nullptr);
       }},
  };
}

}  // namespace streakbox
