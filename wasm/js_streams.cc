#include "js_streams.h"

#include <emscripten.h>

EM_JS(int, sb_js_source_read, (char* buf, int n), {
  try {
    return Module.streakboxSource.read(HEAPU8.subarray(buf, buf + n));
  } catch (e) {
    return -1;
  }
});
EM_JS(void, sb_js_source_rewind, (), { Module.streakboxSource.rewind(); });
EM_JS(double, sb_js_source_size, (), { return Module.streakboxSource.size(); });
EM_JS(int, sb_js_sink_write, (const char* buf, int n), {
  try {
    Module.streakboxSink(HEAPU8.slice(buf, buf + n));
    return 0;
  } catch (e) {
    return -1;
  }
});
EM_JS(void, sb_js_progress, (double f), {
  if (Module.streakboxProgress) Module.streakboxProgress(f);
});

namespace streakbox {

Result<size_t> JsSource::Read(char* buf, size_t n) {
  int got = sb_js_source_read(buf, static_cast<int>(n));
  if (got < 0) return Status(Code::kIo, "the file could not be read (was it moved or deleted?)");
  return static_cast<size_t>(got);
}

Status JsSource::Rewind() {
  sb_js_source_rewind();
  return Status::Ok();
}

int64_t JsSource::Size() const { return static_cast<int64_t>(sb_js_source_size()); }

Status JsSink::Write(const char* data, size_t n) {
  return sb_js_sink_write(data, static_cast<int>(n)) == 0 ? Status::Ok()
                                                          : Status(Code::kIo, "the export could not be collected");
}

void ReportProgress(double fraction) { sb_js_progress(fraction); }

}  // namespace streakbox
