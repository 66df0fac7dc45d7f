// streakbox: the command-line tool over the Streakbox core, for backup files
// and database files outside the browser. Run as tools/streakbox.
//
//   streakbox validate FILE
//   streakbox inspect FILE
//   streakbox export --db DB [--profile NAME] [-o FILE]
//   streakbox import --db DB [--mode replace|merge] [--profile NAME] [--tasks-only] [--dry-run] FILE
//   streakbox db-export --db DB -o FILE     a consistent copy of the database file
//   streakbox db-inspect FILE               checks a database file; prints what it holds
//   streakbox db-restore --db DB FILE       replaces DB's content with FILE's (checked first)
//   streakbox encrypt IN OUT       (IN: backup JSON; OUT: a .ttbak)
//   streakbox decrypt IN OUT       (IN: a .ttbak; OUT: the backup JSON)
//
// FILE may be backup JSON or an encrypted .ttbak (recognised by content).
// The password comes from --password-file FILE (its first line) or the
// STREAKBOX_PASSWORD environment variable, never from the command line, where
// other users of the machine could read it in the process list.
//
// Exit status: 0 success, 1 the operation failed (an invalid backup, a missing
// profile, ...), 2 usage error. DB is an SQLite file with the app's schema
// (the same file the browser keeps in OPFS); a missing DB is created.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "streakbox/app.h"
#include "streakbox/backup_crypto.h"
#include "streakbox/backup_export.h"
#include "streakbox/backup_import.h"
#include "streakbox/database_image.h"

namespace streakbox {
namespace {

using json = nlohmann::json;

constexpr const char* kUsage =
    "usage:\n"
    "  streakbox validate [--password-file F] FILE\n"
    "  streakbox inspect [--password-file F] FILE\n"
    "  streakbox export --db DB [--profile NAME] [--encrypt --password-file F] [-o FILE]\n"
    "  streakbox import --db DB [--mode replace|merge] [--profile NAME] [--tasks-only] [--dry-run]\n"
    "                   [--password-file F] FILE\n"
    "  streakbox encrypt [--password-file F] IN OUT\n"
    "  streakbox decrypt [--password-file F] IN OUT\n"
    "  streakbox db-export --db DB -o FILE\n"
    "  streakbox db-inspect FILE\n"
    "  streakbox db-restore --db DB FILE\n"
    "FILE may be backup JSON or an encrypted .ttbak. Passwords come from --password-file F\n"
    "(its first line) or the STREAKBOX_PASSWORD environment variable, never the command line.\n";

struct Args {
  std::string command;
  std::map<std::string, std::string> options;  // --name value
  std::vector<std::string> flags;               // --name
  std::vector<std::string> positional;
  bool Has(const std::string& flag) const {
    for (const auto& f : flags) if (f == flag) return true;
    return false;
  }
};

int Usage(const std::string& problem) {
  std::cerr << "streakbox: " << problem << "\n" << kUsage;
  return 2;
}

int Fail(const Status& s) {
  std::cerr << "streakbox: " << s.message() << "\n";
  for (const auto& d : s.details()) std::cerr << "  " << d.path << ": " << d.message << "\n";
  return 1;
}

// Parses argv against the options (taking a value) and flags each command allows.
bool Parse(int argc, char** argv, const std::vector<std::string>& with_value,
           const std::vector<std::string>& flags, Args* out, std::string* error) {
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--password" || a.rfind("--password=", 0) == 0)
      return *error = "passwords are never taken on the command line (other users could see them in the process "
                      "list); use --password-file FILE or the STREAKBOX_PASSWORD environment variable",
             false;
    if (a.size() > 1 && a[0] == '-') {
      bool takes = false, known = false;
      for (const auto& o : with_value) takes = takes || o == a;
      for (const auto& f : flags) known = known || f == a;
      if (takes) {
        if (i + 1 >= argc) return *error = a + " needs a value", false;
        out->options[a] = argv[++i];
      } else if (known) {
        out->flags.push_back(a);
      } else {
        return *error = "unknown option " + a, false;
      }
    } else {
      out->positional.push_back(a);
    }
  }
  return true;
}

Result<std::unique_ptr<App>> OpenDb(const std::string& path, const Clock& clock) {
  return App::Open(path, clock);
}

Result<int64_t> ProfileByName(App& app, const std::string& name) {
  SB_ASSIGN_OR_RETURN(auto profiles, app.tracker().ListProfiles());
  for (const auto& p : profiles)
    if (p.name == name) return p.id;
  return Status::NotFound("no profile named '" + name + "'");
}

// The password from --password-file (its first line, without the line end)
// or STREAKBOX_PASSWORD; none when neither is given.
Result<std::optional<std::string>> Password(const Args& a) {
  if (a.options.count("--password-file")) {
    const std::string path = a.options.at("--password-file");
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return Status(Code::kNotFound, "cannot read the password file " + path);
    std::string pw;
    for (int c; (c = std::fgetc(f)) != EOF && c != '\n';) pw.push_back(static_cast<char>(c));
    std::fclose(f);
    if (!pw.empty() && pw.back() == '\r') pw.pop_back();
    if (pw.empty()) return Status::InvalidArgument("the password file " + path + " holds no password");
    return std::optional<std::string>(pw);
  }
  const char* env = std::getenv("STREAKBOX_PASSWORD");
  if (env && *env) return std::optional<std::string>(env);
  return std::optional<std::string>();
}

// A backup file opened for the importer: JSON as it is, a .ttbak decrypted.
struct Input {
  std::unique_ptr<FileSource> file;
  BackupInput backup;
};
Result<Input> OpenInput(const Args& a, const std::string& path) {
  Input in;
  SB_ASSIGN_OR_RETURN(in.file, FileSource::Open(path));
  SB_ASSIGN_OR_RETURN(std::optional<std::string> pw, Password(a));
  auto r = OpenBackupInput(*in.file, pw);
  if (!r.ok() && r.status().code() == Code::kPasswordRequired)
    return Status(Code::kPasswordRequired, "this backup is encrypted: give its password with --password-file FILE "
                                           "or the STREAKBOX_PASSWORD environment variable");
  if (!r.ok()) return r.status();
  in.backup = std::move(r).value();
  return in;
}

int Validate(const Args& a) {
  if (a.positional.size() != 1) return Usage("validate takes one FILE");
  auto in = OpenInput(a, a.positional[0]);
  if (!in.ok()) {
    std::cout << "$: " << in.status().message() << "\n";
    return 1;
  }
  auto r = ValidateBackup(*in.value().backup.source);
  if (!r.ok()) {
    for (const auto& d : r.status().details()) std::cout << d.path << ": " << d.message << "\n";
    if (r.status().details().empty()) std::cout << "$: " << r.status().message() << "\n";
    return 1;
  }
  const BackupSummary& s = r.value();
  std::cout << "valid: " << s.profiles << " profile" << (s.profiles == 1 ? "" : "s") << ", " << s.tasks
            << " tasks, " << s.task_checks << " checks, " << s.daily_status << " completed days"
            << (in.value().backup.encrypted ? " (encrypted)" : "") << "\n";
  return 0;
}

int Inspect(const Args& a) {
  if (a.positional.size() != 1) return Usage("inspect takes one FILE");
  auto in = OpenInput(a, a.positional[0]);
  if (!in.ok()) return Fail(in.status());
  const BackupInput& b = in.value().backup;
  auto r = ValidateBackup(*b.source);
  if (!r.ok()) return Fail(r.status());
  json out = ToJson(r.value());
  out["encrypted"] = b.encrypted;
  if (b.encrypted) {
    const TtbakHeader& h = b.decrypting->header();
    out["container"] = {{"version", ttbak::kVersion}, {"kdf", "argon2id"}, {"opslimit", h.kdf.opslimit},
                        {"memlimit_kib", h.kdf.memlimit_kib}, {"chunk_size", h.chunk_size()}};
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

int Export(const Args& a, const Clock& clock) {
  if (!a.options.count("--db")) return Usage("export needs --db DB");
  if (!a.positional.empty()) return Usage("export takes no FILE; use -o FILE");
  auto app = OpenDb(a.options.at("--db"), clock);
  if (!app.ok()) return Fail(app.status());
  ExportOptions o;
  if (a.options.count("--profile")) {
    auto id = ProfileByName(*app.value(), a.options.at("--profile"));
    if (!id.ok()) return Fail(id.status());
    o.profile_id = id.value();
  }
  std::optional<std::string> password;
  if (a.Has("--encrypt")) {
    auto pw = Password(a);
    if (!pw.ok()) return Fail(pw.status());
    if (!pw.value()) return Usage("--encrypt needs a password: --password-file FILE or STREAKBOX_PASSWORD");
    if (!a.options.count("-o")) return Usage("--encrypt writes a file: give -o FILE");
    password = pw.value();
  }
  Result<ExportResult> r = Status::Internal("not run");
  if (a.options.count("-o")) {
    auto sink = FileSink::Open(a.options.at("-o"));
    if (!sink.ok()) return Fail(sink.status());
    r = ExportBackupFile(app.value()->db(), clock, o, password, *sink.value());
  } else {
    struct StdoutSink : ByteSink {
      Status Write(const char* d, size_t n) override {
        return std::fwrite(d, 1, n, stdout) == n ? Status::Ok() : Status(Code::kIo, "cannot write to stdout");
      }
    } out;
    r = ExportBackup(app.value()->db(), clock, o, out);
  }
  if (!r.ok()) return Fail(r.status());
  std::cerr << "exported " << r.value().profiles << " profiles, " << r.value().tasks << " tasks, "
            << r.value().task_checks << " checks, " << r.value().daily_status << " completed days\n";
  return 0;
}

int Import(const Args& a, const Clock& clock) {
  if (!a.options.count("--db")) return Usage("import needs --db DB");
  if (a.positional.size() != 1) return Usage("import takes one FILE");
  ImportOptions o;
  std::string mode = a.options.count("--mode") ? a.options.at("--mode") : "replace";
  if (mode == "merge") o.mode = ImportOptions::Mode::kMerge;
  else if (mode != "replace") return Usage("--mode is replace or merge, not " + mode);
  o.dry_run = a.Has("--dry-run");
  o.tasks_only = a.Has("--tasks-only");
  auto in = OpenInput(a, a.positional[0]);
  if (!in.ok()) return Fail(in.status());
  auto app = OpenDb(a.options.at("--db"), clock);
  if (!app.ok()) return Fail(app.status());
  if (a.options.count("--profile")) {
    auto id = ProfileByName(*app.value(), a.options.at("--profile"));
    if (!id.ok()) return Fail(id.status());
    o.profile_id = id.value();
  }
  auto r = ImportBackup(app.value()->db(), clock, *in.value().backup.source, o);
  if (!r.ok()) return Fail(r.status());
  json report = ToJson(r.value());
  report.erase("header");
  std::cout << report.dump(2) << "\n";
  return 0;
}

Result<std::string> ReadAll(const std::string& path) {
  SB_ASSIGN_OR_RETURN(auto src, FileSource::Open(path));
  std::string out;
  char buf[1 << 16];
  for (;;) {
    SB_ASSIGN_OR_RETURN(size_t n, src->Read(buf, sizeof buf));
    if (n == 0) return out;
    out.append(buf, n);
  }
}

int DbExport(const Args& a, const Clock& clock) {
  if (!a.options.count("--db") || !a.options.count("-o")) return Usage("db-export needs --db DB and -o FILE");
  auto app = OpenDb(a.options.at("--db"), clock);
  if (!app.ok()) return Fail(app.status());
  auto bytes = SnapshotDatabase(app.value()->db());
  if (!bytes.ok()) return Fail(bytes.status());
  auto sink = FileSink::Open(a.options.at("-o"));
  if (!sink.ok()) return Fail(sink.status());
  Status s = sink.value()->Write(bytes.value());
  if (s.ok()) s = sink.value()->Close();
  return s.ok() ? 0 : Fail(s);
}

int DbInspectOrRestore(const Args& a, const Clock& clock, bool restore) {
  if (a.positional.size() != 1) return Usage(std::string(restore ? "db-restore" : "db-inspect") + " takes one FILE");
  if (restore && !a.options.count("--db")) return Usage("db-restore needs --db DB");
  auto bytes = ReadAll(a.positional[0]);
  if (!bytes.ok()) return Fail(bytes.status());
  Result<DatabaseImageInfo> info = Status::Internal("not run");
  if (restore) {
    auto app = OpenDb(a.options.at("--db"), clock);
    if (!app.ok()) return Fail(app.status());
    info = RestoreDatabaseImage(app.value()->db(), clock, bytes.value());
  } else {
    info = InspectDatabaseImage(bytes.value(), clock);
  }
  if (!info.ok()) return Fail(info.status());
  std::cout << ToJson(info.value()).dump(2) << "\n";
  return 0;
}

// encrypt IN OUT: IN must be a valid (plain) backup; OUT appears only when complete.
// decrypt IN OUT: OUT appears only once the whole file has been authenticated.
int Crypt(const Args& a, bool encrypt) {
  if (a.positional.size() != 2) return Usage(a.command + " takes IN and OUT");
  auto pw = Password(a);
  if (!pw.ok()) return Fail(pw.status());
  if (!pw.value()) return Usage(a.command + " needs a password: --password-file FILE or STREAKBOX_PASSWORD");
  auto src = FileSource::Open(a.positional[0]);
  if (!src.ok()) return Fail(src.status());
  if (encrypt) {
    auto in = OpenBackupInput(*src.value(), std::nullopt);
    if (!in.ok() && in.status().code() == Code::kPasswordRequired)
      return Fail(Status::InvalidArgument(a.positional[0] + " is encrypted already"));
    if (!in.ok()) return Fail(in.status());
    auto valid = ValidateBackup(*src.value());
    if (!valid.ok()) return Fail(valid.status());
  }
  auto sink = FileSink::Open(a.positional[1]);
  if (!sink.ok()) return Fail(sink.status());
  Status s = encrypt ? EncryptStream(*src.value(), *sink.value(), *pw.value())
                     : DecryptStream(*src.value(), *sink.value(), *pw.value());
  if (!s.ok()) return Fail(s);
  std::cerr << (encrypt ? "encrypted " : "decrypted ") << a.positional[0] << " into " << a.positional[1] << "\n";
  return 0;
}

int Main(int argc, char** argv) {
  if (argc < 2) return Usage("no command");
  Args a;
  a.command = argv[1];
  std::string error;
  SystemClock clock;
  if (a.command == "validate" || a.command == "inspect") {
    if (!Parse(argc, argv, {"--password-file"}, {}, &a, &error)) return Usage(error);
    return a.command == "validate" ? Validate(a) : Inspect(a);
  }
  if (a.command == "export") {
    if (!Parse(argc, argv, {"--db", "--profile", "-o", "--password-file"}, {"--encrypt"}, &a, &error))
      return Usage(error);
    return Export(a, clock);
  }
  if (a.command == "import") {
    if (!Parse(argc, argv, {"--db", "--mode", "--profile", "--password-file"}, {"--dry-run", "--tasks-only"}, &a,
               &error))
      return Usage(error);
    return Import(a, clock);
  }
  if (a.command == "db-export" || a.command == "db-inspect" || a.command == "db-restore") {
    if (!Parse(argc, argv, {"--db", "-o"}, {}, &a, &error)) return Usage(error);
    return a.command == "db-export" ? DbExport(a, clock) : DbInspectOrRestore(a, clock, a.command == "db-restore");
  }
  if (a.command == "encrypt" || a.command == "decrypt") {
    if (!Parse(argc, argv, {"--password-file"}, {}, &a, &error)) return Usage(error);
    return Crypt(a, a.command == "encrypt");
  }
  if (a.command == "-h" || a.command == "--help" || a.command == "help") {
    std::cout << kUsage;
    return 0;
  }
  return Usage("unknown command '" + a.command + "'");
}

}  // namespace
}  // namespace streakbox

int main(int argc, char** argv) { return streakbox::Main(argc, argv); }
