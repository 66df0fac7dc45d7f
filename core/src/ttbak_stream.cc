// The .ttbak payload: secretstream chunks, encrypted as they fill and
// decrypted as they are read (docs/FORMAT.md, "Payload").
#include <sodium.h>

#include <cstring>

#include "ttbak_internal.h"

namespace streakbox {

using namespace ttbak;

namespace {

Status Damaged(uint64_t chunk, const std::string& what) {
  return Status(Code::kDamaged, "this encrypted backup is damaged (" + what + " at chunk " + std::to_string(chunk) +
                                    "); use another copy of it");
}
Status Truncated() {
  return Status(Code::kDamaged, "this encrypted backup is incomplete (the file was cut short); use another copy of it");
}

}  // namespace

struct DecryptingSource::State {
  crypto_secretstream_xchacha20poly1305_state st;
  ~State() { sodium_memzero(&st, sizeof st); }
};
struct EncryptingSink::State {
  crypto_secretstream_xchacha20poly1305_state st;
  ~State() { sodium_memzero(&st, sizeof st); }
};

// --- decryption -------------------------------------------------------------

Result<std::unique_ptr<DecryptingSource>> DecryptingSource::Open(ByteSource& in, const std::string& password) {
  SB_RETURN_IF_ERROR(in.Rewind());
  SB_ASSIGN_OR_RETURN(TtbakHeader h, ReadTtbakHeader(in));
  SB_ASSIGN_OR_RETURN(std::unique_ptr<TtbakKeys> keys, UnlockTtbak(h, password));
  std::unique_ptr<DecryptingSource> s(new DecryptingSource(in, std::move(h), std::move(keys)));
  SB_RETURN_IF_ERROR(s->Rewind());
  return s;
}

Result<std::unique_ptr<DecryptingSource>> DecryptingSource::OpenWithKeys(ByteSource& in,
                                                                         std::unique_ptr<TtbakKeys> keys) {
  SB_RETURN_IF_ERROR(in.Rewind());
  SB_ASSIGN_OR_RETURN(TtbakHeader h, ReadTtbakHeader(in));
  SB_RETURN_IF_ERROR(CheckTtbakKeys(h, *keys));
  std::unique_ptr<DecryptingSource> s(new DecryptingSource(in, std::move(h), std::move(keys)));
  SB_RETURN_IF_ERROR(s->Rewind());
  return s;
}

DecryptingSource::DecryptingSource(ByteSource& in, TtbakHeader header, std::unique_ptr<TtbakKeys> keys)
    : in_(in), header_(std::move(header)), keys_(std::move(keys)), state_(new State),
      cipher_(header_.chunk_size() + kChunkOverhead), plain_(header_.chunk_size()) {}

DecryptingSource::~DecryptingSource() { sodium_memzero(plain_.data(), plain_.size()); }

Status DecryptingSource::Rewind() {
  SB_RETURN_IF_ERROR(in_.Rewind());
  std::string again(header_.bytes.size(), '\0');
  SB_ASSIGN_OR_RETURN(size_t got, ReadFull(in_, reinterpret_cast<unsigned char*>(&again[0]), again.size()));
  if (got != again.size() || again != header_.bytes)
    return Status(Code::kDamaged, "the encrypted backup changed while it was being read");
  crypto_secretstream_xchacha20poly1305_init_pull(
      &state_->st, reinterpret_cast<const unsigned char*>(&header_.bytes[kOffStreamHeader]), keys_->stream.data());
  plain_pos_ = plain_len_ = 0;
  chunk_index_ = 0;
  final_ = false;
  return Status::Ok();
}

// Reads and authenticates the next chunk. The rules of docs/FORMAT.md:
// a full-size chunk is a message or the final chunk; a shorter one must be
// final; the final chunk is the last bytes of the file and is empty only when
// it is the only chunk.
Status DecryptingSource::NextChunk() {
  SB_ASSIGN_OR_RETURN(size_t n, ReadFull(in_, cipher_.data(), cipher_.size()));
  if (n < kChunkOverhead) return Truncated();
  unsigned long long plain_len = 0;
  unsigned char tag = 0;
  if (crypto_secretstream_xchacha20poly1305_pull(&state_->st, plain_.data(), &plain_len, &tag, cipher_.data(), n,
                                                 nullptr, 0) != 0)
    return Damaged(chunk_index_, "authentication failed");
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
    if (n < cipher_.size()) return Truncated();
  } else if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    if (plain_len == 0 && chunk_index_ > 0) return Damaged(chunk_index_, "an empty final chunk");
    unsigned char extra;
    SB_ASSIGN_OR_RETURN(size_t more, in_.Read(reinterpret_cast<char*>(&extra), 1));
    if (more != 0) return Damaged(chunk_index_, "data after the final chunk");
    final_ = true;
  } else {
    return Damaged(chunk_index_, "an unknown chunk tag");
  }
  ++chunk_index_;
  plain_pos_ = 0;
  plain_len_ = static_cast<size_t>(plain_len);
  return Status::Ok();
}

Result<size_t> DecryptingSource::Read(char* buf, size_t n) {
  size_t out = 0;
  while (out < n) {
    if (plain_pos_ == plain_len_) {
      if (final_) break;
      SB_RETURN_IF_ERROR(NextChunk());
      continue;
    }
    size_t k = std::min(n - out, plain_len_ - plain_pos_);
    std::memcpy(buf + out, plain_.data() + plain_pos_, k);
    plain_pos_ += k;
    out += k;
  }
  return out;
}

int64_t DecryptingSource::Size() const {
  const int64_t total = in_.Size();
  if (total < 0) return -1;
  const int64_t body = std::max<int64_t>(0, total - static_cast<int64_t>(header_.bytes.size()));
  const int64_t per = static_cast<int64_t>(cipher_.size());
  return body - (body + per - 1) / per * static_cast<int64_t>(kChunkOverhead);
}

// --- encryption -------------------------------------------------------------

Result<std::unique_ptr<EncryptingSink>> EncryptingSink::Open(ByteSink& out, const std::string& password,
                                                             const EncryptOptions& options) {
  if (password.empty()) return Status::InvalidArgument("a backup password cannot be empty");
  if (!KdfInBounds(options.kdf)) return Status::InvalidArgument("key-derivation settings outside the accepted bounds");
  if (options.chunk_log2 < kMinChunkLog2 || options.chunk_log2 > kMaxChunkLog2)
    return Status::InvalidArgument("chunk size outside the accepted bounds");
  SB_RETURN_IF_ERROR(InitSodium());
  unsigned char salt[kSaltSize];
  randombytes_buf(salt, sizeof salt);
  TtbakKeys keys;
  SB_RETURN_IF_ERROR(DeriveKeys(PasswordBytes(password), salt, options.kdf, &keys));
  std::unique_ptr<EncryptingSink> s(new EncryptingSink(out, size_t{1} << options.chunk_log2));
  unsigned char stream_header[kStreamHeaderSize];
  crypto_secretstream_xchacha20poly1305_init_push(&s->state_->st, stream_header, keys.stream.data());
  SB_RETURN_IF_ERROR(out.Write(BuildHeader(options, salt, stream_header, keys)));
  return s;
}

EncryptingSink::EncryptingSink(ByteSink& out, size_t chunk_size)
    : out_(out), state_(new State), plain_(chunk_size), cipher_(chunk_size + kChunkOverhead) {}

EncryptingSink::~EncryptingSink() { sodium_memzero(plain_.data(), plain_.size()); }

Status EncryptingSink::Push(bool final) {
  unsigned long long len = 0;
  crypto_secretstream_xchacha20poly1305_push(
      &state_->st, cipher_.data(), &len, plain_.data(), plain_len_, nullptr, 0,
      final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  plain_len_ = 0;  // the buffer is wiped once, when the sink is destroyed
  return out_.Write(reinterpret_cast<const char*>(cipher_.data()), static_cast<size_t>(len));
}

// A full chunk is held back until more data comes, so the final chunk is
// never empty unless the whole payload is.
Status EncryptingSink::Write(const char* data, size_t n) {
  if (closed_) return Status::Internal("write after close");
  while (n > 0) {
    if (plain_len_ == plain_.size()) SB_RETURN_IF_ERROR(Push(false));
    size_t k = std::min(n, plain_.size() - plain_len_);
    std::memcpy(plain_.data() + plain_len_, data, k);
    plain_len_ += k;
    data += k;
    n -= k;
  }
  return Status::Ok();
}

Status EncryptingSink::Close() {
  if (closed_) return Status::Internal("closed twice");
  closed_ = true;
  SB_RETURN_IF_ERROR(Push(true));
  return out_.Close();
}

// --- whole streams ----------------------------------------------------------

Status EncryptStream(ByteSource& in, ByteSink& out, const std::string& password, const EncryptOptions& options) {
  SB_RETURN_IF_ERROR(in.Rewind());
  SB_ASSIGN_OR_RETURN(std::unique_ptr<EncryptingSink> sink, EncryptingSink::Open(out, password, options));
  std::vector<char> buf(64 << 10);
  for (;;) {
    SB_ASSIGN_OR_RETURN(size_t n, in.Read(buf.data(), buf.size()));
    if (n == 0) break;
    SB_RETURN_IF_ERROR(sink->Write(buf.data(), n));
  }
  return sink->Close();
}

Status DecryptStream(ByteSource& in, ByteSink& out, const std::string& password) {
  SB_ASSIGN_OR_RETURN(std::unique_ptr<DecryptingSource> src, DecryptingSource::Open(in, password));
  std::vector<char> buf(64 << 10);
  for (;;) {
    SB_ASSIGN_OR_RETURN(size_t n, src->Read(buf.data(), buf.size()));
    if (n == 0) break;
    SB_RETURN_IF_ERROR(out.Write(buf.data(), n));
  }
  return out.Close();
}

}  // namespace streakbox
