// ByteSource and ByteSink over the worker's JS objects, for backups.
//   Module.streakboxSource: {size(), rewind(), read(Uint8Array view) -> bytes read}
//     (wasm/blob_source.js: a Blob read with FileReaderSync, chunk by chunk)
//   Module.streakboxSink(Uint8Array chunk): takes a copy of each chunk
//   Module.streakboxProgress(fraction): progress of a long operation, 0..1
#pragma once

#include "streakbox/app.h"
#include "streakbox/byte_io.h"

namespace streakbox {

class JsSource : public ByteSource {
 public:
  Result<size_t> Read(char* buf, size_t n) override;
  Status Rewind() override;
  int64_t Size() const override;
};

class JsSink : public ByteSink {
 public:
  Status Write(const char* data, size_t n) override;
  using ByteSink::Write;
};

void ReportProgress(double fraction);

// The CallIo of one call: `source` when Module.streakboxSource is set, `sink`
// when Module.streakboxSink is, and progress when Module.streakboxProgress is.
CallIo JsCallIo(JsSource& source, JsSink& sink);

}  // namespace streakbox
