#include "js_streams.h"

#include <emscripten.h>

EM_JS(int, sb_js_source_read, (char* buf, int n), {
  try {
    return Module.streakboxSource.read(HEAPU8.subarray(buf, buf + n));
  } catch (e) {
    return -1;
  }
});
// No JS exception may unwind through wasm frames (C++ destructors would not
// run): every call into JS catches and reports failure by value.
EM_JS(int, sb_js_source_rewind, (), {
  try {
    Module.streakboxSource.rewind();
    return 0;
  } catch (e) {
    return -1;
  }
});
EM_JS(double, sb_js_source_size, (), {
  try {
    return Module.streakboxSource.size();
  } catch (e) {
    return -1;
  }
});
EM_JS(int, sb_js_has_source, (), { return Module.streakboxSource ? 1 : 0; });
EM_JS(int, sb_js_has_sink, (), { return Module.streakboxSink ? 1 : 0; });
EM_JS(int, sb_js_has_progress, (), { return Module.streakboxProgress ? 1 : 0; });
EM_JS(int, sb_js_sink_write, (const char* buf, int n), {
  try {
    Module.streakboxSink(HEAPU8.slice(buf, buf + n));
    return 0;
  } catch (e) {
    return -1;
  }
});
EM_JS(void, sb_js_progress, (double f), {
  try {
    if (Module.streakboxProgress) Module.streakboxProgress(f);
  } catch (e) {
    /* progress is advisory */
  }
});

namespace streakbox {

Result<size_t> JsSource::Read(char* buf, size_t n) {
  int got = sb_js_source_read(buf, static_cast<int>(n));
  if (got < 0) return Status(Code::kIo, "the file could not be read (was it moved or deleted?)");
  return static_cast<size_t>(got);
}

Status JsSource::Rewind() {
  if (sb_js_source_rewind() != 0) return Status(Code::kIo, "the file could not be read again (was it moved or deleted?)");
  return Status::Ok();
}

int64_t JsSource::Size() const { return static_cast<int64_t>(sb_js_source_size()); }

Status JsSink::Write(const char* data, size_t n) {
  return sb_js_sink_write(data, static_cast<int>(n)) == 0 ? Status::Ok()
                                                          : Status(Code::kIo, "the export could not be collected");
}

void ReportProgress(double fraction) { sb_js_progress(fraction); }

CallIo JsCallIo(JsSource& source, JsSink& sink) {
  CallIo io;
  if (sb_js_has_source()) io.source = &source;
  if (sb_js_has_sink()) io.sink = &sink;
  if (sb_js_has_progress()) io.progress = ReportProgress;
  return io;
}

}  // namespace streakbox
