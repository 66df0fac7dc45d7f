// streakbox: the command-line tool over the Streakbox core, for backup files
// and database files outside the browser. Run as tools/streakbox. It reaches
// the core only through the call surface (App::Call, the same method table
// and argument rules the browser uses): each command builds a method name,
// its argument JSON and the files as CallIo, then prints the result.
//
//   streakbox validate FILE
//   streakbox inspect FILE
//   streakbox export --db DB [--profile NAME] [-o FILE]
//   streakbox export --db DB --csv [--days] [--profile NAME] [-o FILE]   a spreadsheet file (CSV)
//   streakbox import --db DB [--mode replace|merge] [--profile NAME] [--profile-name NAME] [--tasks-only] [--dry-run] FILE
//   streakbox db-export --db DB -o FILE     a consistent copy of the database file
//   streakbox db-inspect FILE               checks a database file; prints what it holds
//   streakbox db-restore --db DB FILE       replaces DB's content with FILE's (checked first)
//   streakbox encrypt IN OUT       (IN: backup JSON; OUT: a .ttbak)
//   streakbox decrypt IN OUT       (IN: a .ttbak; OUT: the backup JSON)
//
// FILE may be backup JSON, an encrypted .ttbak or a Loop Habit Tracker backup
// (its .db file), recognised by content. A Loop file goes into the existing
// profile --profile names, else into the profile --profile-name names (created
// when absent; default "Loop").
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

namespace streakbox {
namespace {

using json = nlohmann::json;

constexpr const char* kUsage =
    "usage:\n"
    "  streakbox validate [--password-file F] FILE\n"
    "  streakbox inspect [--password-file F] FILE\n"
    "  streakbox export --db DB [--profile NAME] [--encrypt --password-file F] [-o FILE]\n"
    "  streakbox export --db DB --csv [--days] [--profile NAME] [-o FILE]\n"
    "  streakbox import --db DB [--mode replace|merge] [--profile NAME] [--profile-name NAME]\n"
    "                   [--tasks-only] [--dry-run] [--password-file F] FILE\n"
    "  streakbox encrypt [--password-file F] IN OUT\n"
    "  streakbox decrypt [--password-file F] IN OUT\n"
    "  streakbox db-export --db DB -o FILE\n"
    "  streakbox db-inspect FILE\n"
    "  streakbox db-restore --db DB FILE\n"
    "FILE may be backup JSON, an encrypted .ttbak or a Loop Habit Tracker backup (.db): a Loop\n"
    "file goes into --profile NAME, else into --profile-name NAME (created if absent; default Loop).\n"
    "Passwords come from --password-file F\n"
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

int Fail(const Status& s) {  // a failure before any call (a file that cannot be opened)
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

// The outcome of one call through the call surface (App::Call): the value,
// or the error's stable code, message and details, as the browser sees them.
struct Outcome {
  bool ok = false;
  json value;
  std::string code, message;
  json errors = json::array();
};

Outcome CallApp(App& app, const std::string& method, const json& args, const CallIo& io = {}) {
  json env = json::parse(app.Call(method, args.dump(), io));
  Outcome o;
  o.ok = env["ok"].get<bool>();
  if (o.ok) {
    o.value = env["value"];
  } else {
    o.code = env["error"]["code"].get<std::string>();
    o.message = env["error"]["message"].get<std::string>();
    o.errors = env["error"]["errors"];
  }
  return o;
}

// A failed call: its message and each detail on stderr; exit status 1.
int Fail(const Outcome& o) {
  std::cerr << "streakbox: " << o.message << "\n";
  for (const auto& d : o.errors)
    std::cerr << "  " << d["path"].get<std::string>() << ": " << d["message"].get<std::string>() << "\n";
  return 1;
}

constexpr const char* kEncryptedNeedsPassword =
    "this backup is encrypted: give its password with --password-file FILE or the STREAKBOX_PASSWORD "
    "environment variable";

// The CLI's words for a missing password (the core's speak of the UI).
Outcome Explained(Outcome o) {
  if (!o.ok && o.code == "password_required") o.message = kEncryptedNeedsPassword;
  return o;
}

// DB, or for commands that need no database of their own, an empty one in memory.
Result<std::unique_ptr<App>> OpenDb(const std::string& path, const Clock& clock) {
  return App::Open(path, clock);
}
Result<std::unique_ptr<App>> Scratch(const Clock& clock) { return App::Open(":memory:", clock); }

Result<int64_t> ProfileByName(App& app, const std::string& name) {
  Outcome o = CallApp(app, "listProfiles", json::array());
  if (!o.ok) return Status::Internal(o.message);
  for (const auto& p : o.value)
    if (p["name"] == name) return p["id"].get<int64_t>();
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

// {password} when one is given, else {}.
Result<json> PasswordOptions(const Args& a) {
  SB_ASSIGN_OR_RETURN(std::optional<std::string> pw, Password(a));
  json o = json::object();
  if (pw) o["password"] = *pw;
  return o;
}

// validateBackup on FILE with the password given, if any.
Result<Outcome> ValidateFile(const Args& a, const Clock& clock) {
  SB_ASSIGN_OR_RETURN(json options, PasswordOptions(a));
  SB_ASSIGN_OR_RETURN(auto file, FileSource::Open(a.positional[0]));
  SB_ASSIGN_OR_RETURN(auto app, Scratch(clock));
  CallIo io;
  io.source = file.get();
  return Explained(CallApp(*app, "validateBackup", json::array({options}), io));
}

// ", 3 days off, 2 skipped, 4 amounts, 1 note" for what a 1.2 file holds; "" when none.
std::string HabitCounts(const json& counts) {
  std::string out;
  const std::pair<const char*, const char*> kinds[] = {
      {"days_off", " days off"}, {"skips", " skipped"}, {"amounts", " amounts"}, {"notes", " notes"}};
  for (const auto& [key, label] : kinds) {
    const int64_t n = counts.value(key, int64_t{0});
    if (n > 0) out += ", " + std::to_string(n) + label;
  }
  return out;
}

int Validate(const Args& a, const Clock& clock) {
  if (a.positional.size() != 1) return Usage("validate takes one FILE");
  auto r = ValidateFile(a, clock);
  if (!r.ok()) {
    std::cout << "$: " << r.status().message() << "\n";
    return 1;
  }
  const Outcome& o = r.value();
  if (!o.ok) {
    for (const auto& d : o.errors) std::cout << d["path"].get<std::string>() << ": " << d["message"].get<std::string>() << "\n";
    if (o.errors.empty()) std::cout << "$: " << o.message << "\n";
    return 1;
  }
  const json& c = o.value["counts"];
  int64_t profiles = c["profiles"].get<int64_t>();
  std::cout << "valid: " << profiles << " profile" << (profiles == 1 ? "" : "s") << ", " << c["tasks"] << " tasks, "
            << c["task_checks"] << " checks, " << c["daily_status"] << " completed days" << HabitCounts(c)
            << (o.value["encrypted"].get<bool>() ? " (encrypted)" : "");
  if (o.value.contains("source"))
    std::cout << " (a Loop Habit Tracker backup, schema " << o.value["source"]["schema_version"] << ")";
  std::cout << "\n";
  return 0;
}

int Inspect(const Args& a, const Clock& clock) {
  if (a.positional.size() != 1) return Usage("inspect takes one FILE");
  auto r = ValidateFile(a, clock);
  if (!r.ok()) return Fail(r.status());
  if (!r.value().ok) return Fail(r.value());
  std::cout << r.value().value.dump(2) << "\n";
  return 0;
}

int Export(const Args& a, const Clock& clock) {
  if (!a.options.count("--db")) return Usage("export needs --db DB");
  if (!a.positional.empty()) return Usage("export takes no FILE; use -o FILE");
  auto app = OpenDb(a.options.at("--db"), clock);
  if (!app.ok()) return Fail(app.status());
  json options = json::object();
  if (a.options.count("--profile")) {
    auto id = ProfileByName(*app.value(), a.options.at("--profile"));
    if (!id.ok()) return Fail(id.status());
    options["profileId"] = id.value();
  }
  const bool csv = a.Has("--csv");
  if (a.Has("--days") && !csv) return Usage("--days goes with --csv");
  if (csv && a.Has("--encrypt")) return Usage("--csv files are not encrypted; leave out --encrypt");
  if (csv) options["kind"] = a.Has("--days") ? "days" : "entries";
  if (a.Has("--encrypt")) {
    auto pw = Password(a);
    if (!pw.ok()) return Fail(pw.status());
    if (!pw.value()) return Usage("--encrypt needs a password: --password-file FILE or STREAKBOX_PASSWORD");
    if (!a.options.count("-o")) return Usage("--encrypt writes a file: give -o FILE");
    options["password"] = *pw.value();
  }
  struct StdoutSink : ByteSink {
    Status Write(const char* d, size_t n) override {
      return std::fwrite(d, 1, n, stdout) == n ? Status::Ok() : Status(Code::kIo, "cannot write to stdout");
    }
    using ByteSink::Write;
  } out;
  std::unique_ptr<FileSink> file;
  if (a.options.count("-o")) {
    auto sink = FileSink::Open(a.options.at("-o"));
    if (!sink.ok()) return Fail(sink.status());
    file = std::move(sink).value();
  }
  CallIo io;
  io.sink = file ? static_cast<ByteSink*>(file.get()) : &out;
  Outcome o = CallApp(*app.value(), csv ? "exportCsv" : "exportBackup", json::array({options}), io);
  if (!o.ok) return Fail(o);
  if (csv) {
    std::cerr << "exported " << o.value["rows"] << " rows (" << o.value["kind"].get<std::string>() << ") of "
              << o.value["profiles"] << " profiles\n";
    return 0;
  }
  const json& c = o.value["counts"];
  std::cerr << "exported " << c["profiles"] << " profiles, " << c["tasks"] << " tasks, " << c["task_checks"]
            << " checks, " << c["daily_status"] << " completed days" << HabitCounts(c) << "\n";
  return 0;
}

int Import(const Args& a, const Clock& clock) {
  if (!a.options.count("--db")) return Usage("import needs --db DB");
  if (a.positional.size() != 1) return Usage("import takes one FILE");
  std::string mode = a.options.count("--mode") ? a.options.at("--mode") : "replace";
  if (mode != "merge" && mode != "replace") return Usage("--mode is replace or merge, not " + mode);
  auto options = PasswordOptions(a);
  if (!options.ok()) return Fail(options.status());
  json o = options.value();
  o["mode"] = mode;
  if (a.Has("--dry-run")) o["dryRun"] = true;
  if (a.Has("--tasks-only")) o["tasksOnly"] = true;
  if (a.options.count("--profile-name")) o["profileName"] = a.options.at("--profile-name");
  auto file = FileSource::Open(a.positional[0]);
  if (!file.ok()) return Fail(file.status());
  auto app = OpenDb(a.options.at("--db"), clock);
  if (!app.ok()) return Fail(app.status());
  if (a.options.count("--profile")) {
    auto id = ProfileByName(*app.value(), a.options.at("--profile"));
    if (!id.ok()) return Fail(id.status());
    o["profileId"] = id.value();
  }
  CallIo io;
  io.source = file.value().get();
  Outcome r = Explained(CallApp(*app.value(), "importBackup", json::array({o}), io));
  if (!r.ok) return Fail(r);
  r.value.erase("header");
  r.value.erase("encrypted");
  r.value.erase("container");
  std::cout << r.value.dump(2) << "\n";
  return 0;
}

int DbExport(const Args& a, const Clock& clock) {
  if (!a.options.count("--db") || !a.options.count("-o")) return Usage("db-export needs --db DB and -o FILE");
  auto app = OpenDb(a.options.at("--db"), clock);
  if (!app.ok()) return Fail(app.status());
  auto sink = FileSink::Open(a.options.at("-o"));
  if (!sink.ok()) return Fail(sink.status());
  CallIo io;
  io.sink = sink.value().get();
  Outcome o = CallApp(*app.value(), "exportDatabase", json::array(), io);
  return o.ok ? 0 : Fail(o);
}

int DbInspectOrRestore(const Args& a, const Clock& clock, bool restore) {
  if (a.positional.size() != 1) return Usage(std::string(restore ? "db-restore" : "db-inspect") + " takes one FILE");
  if (restore && !a.options.count("--db")) return Usage("db-restore needs --db DB");
  auto file = FileSource::Open(a.positional[0]);
  if (!file.ok()) return Fail(file.status());
  auto app = restore ? OpenDb(a.options.at("--db"), clock) : Scratch(clock);
  if (!app.ok()) return Fail(app.status());
  CallIo io;
  io.source = file.value().get();
  Outcome o = CallApp(*app.value(), restore ? "importDatabase" : "inspectDatabase", json::array(), io);
  if (!o.ok) return Fail(o);
  std::cout << o.value.dump(2) << "\n";
  return 0;
}

// encrypt IN OUT: IN must be a valid (plain) backup; OUT appears only when complete.
// decrypt IN OUT: OUT appears only once the whole file has been authenticated.
int Crypt(const Args& a, const Clock& clock, bool encrypt) {
  if (a.positional.size() != 2) return Usage(a.command + " takes IN and OUT");
  auto options = PasswordOptions(a);
  if (!options.ok()) return Fail(options.status());
  // encrypt needs a password to be given; decrypt reads the header first, so a
  // missing password is reported as password_required (exit 1), as import does.
  if (encrypt && !options.value().contains("password"))
    return Usage("encrypt needs a password: --password-file FILE or STREAKBOX_PASSWORD");
  auto src = FileSource::Open(a.positional[0]);
  if (!src.ok()) return Fail(src.status());
  auto app = Scratch(clock);
  if (!app.ok()) return Fail(app.status());
  auto sink = FileSink::Open(a.positional[1]);
  if (!sink.ok()) return Fail(sink.status());
  CallIo io;
  io.source = src.value().get();
  io.sink = sink.value().get();
  Outcome o = CallApp(*app.value(), encrypt ? "encryptBackup" : "decryptBackup", json::array({options.value()}), io);
  if (!o.ok && o.code == "invalid_argument" && encrypt) o.message = a.positional[0] + ": " + o.message;
  if (!o.ok) return Fail(Explained(o));
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
    return a.command == "validate" ? Validate(a, clock) : Inspect(a, clock);
  }
  if (a.command == "export") {
    if (!Parse(argc, argv, {"--db", "--profile", "-o", "--password-file"}, {"--encrypt", "--csv", "--days"}, &a, &error))
      return Usage(error);
    return Export(a, clock);
  }
  if (a.command == "import") {
    if (!Parse(argc, argv, {"--db", "--mode", "--profile", "--profile-name", "--password-file"}, {"--dry-run", "--tasks-only"}, &a,
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
    return Crypt(a, clock, a.command == "encrypt");
  }
  if (a.command == "-h" || a.command == "--help" || a.command == "help") {
    std::cout << kUsage;
    return 0;
  }
  return Usage("unknown command '" + a.command + "'");
}

}  // namespace
}  // namespace streakbox

// The last-resort guard: nothing unexpected ends the process with an uncaught
// exception (exit 134). App::Call already turns a core exception into
// "internal" after rolling back; this catches the CLI's own.
int main(int argc, char** argv) {
  try {
    return streakbox::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "streakbox: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "streakbox: internal error\n";
  }
  return 1;
}
