// Byte streams for backups: the importer reads a ByteSource in chunks (it may
// read it more than once, after Rewind) and the exporter writes to a ByteSink,
// so neither holds a whole backup in memory. Natively they wrap files; in the
// browser, a File or Blob read through FileReaderSync in the worker.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "streakbox/status.h"

namespace streakbox {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into buf; 0 at the end.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // Starts again from the first byte.
  virtual Status Rewind() = 0;
  // Total size in bytes when known (for progress), else -1.
  virtual int64_t Size() const { return -1; }
};

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status Write(const char* data, size_t n) = 0;
  Status Write(const std::string& s) { return Write(s.data(), s.size()); }
  virtual Status Close() { return Status::Ok(); }
};

// An in-memory source over a string the caller keeps alive.
class StringSource : public ByteSource {
 public:
  explicit StringSource(const std::string& data) : data_(data) {}
  Result<size_t> Read(char* buf, size_t n) override;
  Status Rewind() override {
    pos_ = 0;
    return Status::Ok();
  }
  int64_t Size() const override { return static_cast<int64_t>(data_.size()); }

 private:
  const std::string& data_;
  size_t pos_ = 0;
};

// The whole of `source` from its first byte, refused (kInvalidBackup with the
// message `too_large`) past `limit` bytes without reading further.
Result<std::string> ReadAllBytes(ByteSource& source, int64_t limit, const char* too_large);

class StringSink : public ByteSink {
 public:
  Status Write(const char* data, size_t n) override {
    out_.append(data, n);
    return Status::Ok();
  }
  using ByteSink::Write;
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

// A file opened for reading; Open reports a missing or unreadable file.
class FileSource : public ByteSource {
 public:
  static Result<std::unique_ptr<FileSource>> Open(const std::string& path);
  ~FileSource() override;
  Result<size_t> Read(char* buf, size_t n) override;
  Status Rewind() override;
  int64_t Size() const override { return size_; }

 private:
  FileSource(std::FILE* f, int64_t size) : f_(f), size_(size) {}
  std::FILE* f_;
  int64_t size_;
};

// Writes to `path`.tmp and renames it to `path` on a successful Close(), so a
// partial file never takes the name of a backup.
class FileSink : public ByteSink {
 public:
  static Result<std::unique_ptr<FileSink>> Open(const std::string& path);
  ~FileSink() override;  // removes the temporary file unless closed
  Status Write(const char* data, size_t n) override;
  using ByteSink::Write;
  Status Close() override;

 private:
  FileSink(std::FILE* f, std::string path) : f_(f), path_(std::move(path)) {}
  std::FILE* f_;
  std::string path_;
};

}  // namespace streakbox
