// CSV export: one profile's (or every profile's) history as a spreadsheet
// file (docs/FORMAT.md, "CSV export"), written to a ByteSink row by row from
// one read snapshot, so memory does not grow with the data.
//
// Two kinds of file:
//   entries  one row per task and day with an entry (the entries a JSON
//            backup holds): date,profile,task,state,amount,unit,note
//   days     one row per profile and day with anything recorded (an entry, a
//            completion, a day off): date,profile,complete,tasks_done,tasks_due,note
//            — complete and the counts come from Tracker::GetDay, the habit
//            model's own verdict, never re-derived here.
//
// The bytes: UTF-8 with a byte order mark, a header row, RFC 4180 (CRLF after
// every row, a field holding a comma, a quote, CR or LF in double quotes with
// its quotes doubled), ISO dates (YYYY-MM-DD), amounts as plain numbers with
// '.' for the decimal point. A text cell that a spreadsheet would read as a
// formula (starting with = + - @, a tab or CR) gets a leading single quote.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "streakbox/byte_io.h"
#include "streakbox/database.h"
#include "streakbox/dates.h"
#include "streakbox/tracker.h"

namespace streakbox {

enum class CsvKind { kEntries, kDays };

struct CsvOptions {
  CsvKind kind = CsvKind::kEntries;
  std::optional<int64_t> profile_id;  // one profile; all profiles when empty
};

struct CsvResult {
  std::string filename;  // streakbox-entries[-<profile>]-YYYY-MM-DD.csv, or streakbox-days-…
  int64_t profiles = 0;
  int64_t rows = 0;      // data rows, the header row not counted
};

// Writes the CSV and closes the sink when it is complete. not_found for an
// unknown profile id (nothing written).
// REQUIRES: `tracker` works on `db`.
Result<CsvResult> ExportCsv(Database& db, Tracker& tracker, const Clock& clock, const CsvOptions& options,
                            ByteSink& sink);

// The pieces, for tests and for other writers of CSV:
// A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a
// comma, a quote, CR or LF; else as it is.
std::string CsvField(const std::string& value);
// A text cell made safe for spreadsheets (OWASP, "CSV Injection"): a value
// starting with '=', '+', '-', '@', a tab or CR gets a leading "'" so that it
// is read as text, never as a formula. Then quoted as CsvField does.
std::string CsvTextField(const std::string& value);
// A number as plain decimal text: the shortest digits that read back as the
// same double, '.' as the decimal point, no exponent, no trailing ".0"
// (6.5 -> "6.5", 8 -> "8", 0.00001 -> "0.00001"); "" for NaN or infinity.
std::string CsvNumber(double value);

}  // namespace streakbox
