#include "streakbox/byte_io.h"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace streakbox {

Result<size_t> StringSource::Read(char* buf, size_t n) {
  size_t k = std::min(n, data_.size() - pos_);
  std::memcpy(buf, data_.data() + pos_, k);
  pos_ += k;
  return k;
}

Result<std::string> ReadAllBytes(ByteSource& source, int64_t limit, const char* too_large) {
  SB_RETURN_IF_ERROR(source.Rewind());
  if (source.Size() > limit) return Status(Code::kInvalidBackup, too_large);
  std::string bytes;
  if (source.Size() > 0) bytes.reserve(static_cast<size_t>(source.Size()));
  char buf[1 << 16];
  for (;;) {
    SB_ASSIGN_OR_RETURN(size_t n, source.Read(buf, sizeof buf));
    if (n == 0) return bytes;
    if (static_cast<int64_t>(bytes.size() + n) > limit) return Status(Code::kInvalidBackup, too_large);
    bytes.append(buf, n);
  }
}

Result<std::unique_ptr<FileSource>> FileSource::Open(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status(Code::kNotFound, "cannot open " + path + ": " + std::strerror(errno));
  std::fseek(f, 0, SEEK_END);
  int64_t size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  return std::unique_ptr<FileSource>(new FileSource(f, size));
}

FileSource::~FileSource() { std::fclose(f_); }

Result<size_t> FileSource::Read(char* buf, size_t n) {
  size_t k = std::fread(buf, 1, n, f_);
  if (k < n && std::ferror(f_)) return Status(Code::kIo, std::string("read failed: ") + std::strerror(errno));
  return k;
}

Status FileSource::Rewind() {
  return std::fseek(f_, 0, SEEK_SET) == 0 ? Status::Ok() : Status(Code::kIo, "cannot rewind the file");
}

Result<std::unique_ptr<FileSink>> FileSink::Open(const std::string& path) {
  std::FILE* f = std::fopen((path + ".tmp").c_str(), "wb");
  if (!f) return Status(Code::kIo, "cannot write " + path + ".tmp: " + std::strerror(errno));
  return std::unique_ptr<FileSink>(new FileSink(f, path));
}

FileSink::~FileSink() {
  if (f_) {
    std::fclose(f_);
    std::remove((path_ + ".tmp").c_str());
  }
}

Status FileSink::Write(const char* data, size_t n) {
  if (std::fwrite(data, 1, n, f_) != n)
    return Status(errno == ENOSPC ? Code::kStorageFull : Code::kIo,
                  "cannot write " + path_ + ".tmp: " + std::strerror(errno));
  return Status::Ok();
}

Status FileSink::Close() {
  std::FILE* f = f_;
  f_ = nullptr;
  bool ok = std::fflush(f) == 0 && fsync(fileno(f)) == 0;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok || std::rename((path_ + ".tmp").c_str(), path_.c_str()) != 0) {
    std::remove((path_ + ".tmp").c_str());
    return Status(Code::kIo, "cannot finish " + path_ + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace streakbox
