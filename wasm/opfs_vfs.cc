#include "opfs_vfs.h"

#include <emscripten.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <vector>

// --- The JS side: Module.streakboxFiles (wasm/opfs_files.js) ---------------
// Offsets and sizes cross as doubles (exact up to 2^53): 64-bit integers would
// arrive as two halves under WASM_BIGINT=0. Negative results are errors:
// -1 I/O error, -2 quota exceeded.

EM_JS(int, sb_js_lookup, (const char* name), {
  const files = Module.streakboxFiles;
  return files ? files.lookup(UTF8ToString(name)) : -1;
});
EM_JS(int, sb_js_read, (int id, unsigned char* buf, int len, double off), {
  return Module.streakboxFiles.read(id, HEAPU8.subarray(buf, buf + len), off);
});
EM_JS(int, sb_js_write, (int id, const unsigned char* buf, int len, double off), {
  return Module.streakboxFiles.write(id, HEAPU8.subarray(buf, buf + len), off);
});
EM_JS(double, sb_js_size, (int id), { return Module.streakboxFiles.size(id); });
EM_JS(int, sb_js_truncate, (int id, double size), { return Module.streakboxFiles.truncate(id, size); });
EM_JS(int, sb_js_flush, (int id), { return Module.streakboxFiles.flush(id); });
EM_JS(void, sb_js_random, (unsigned char* buf, int len), {
  crypto.getRandomValues(HEAPU8.subarray(buf, buf + len));
});
EM_JS(double, sb_js_now_ms, (), { return Date.now(); });

namespace streakbox {
namespace {

constexpr size_t kMaxPendingBytes = 4 << 20;
// Reads that miss the window fetch this much in one call (aligned down), so
// sequential reads (a cold scan, a WAL checkpoint) cost one call per window.
constexpr sqlite3_int64 kReadWindowBytes = 256 << 10;
constexpr int kSectorSize = 4096;

OpfsIoStats g_stats;

struct OpfsFile {
  sqlite3_file base;  // must be first
  int js_id;                       // >= 0: an OPFS file; -1: in memory
  sqlite3_int64 size;              // logical size, including pending bytes
  std::vector<unsigned char>* mem;  // contents of an in-memory file
  std::vector<unsigned char>* pending;  // buffered contiguous write
  sqlite3_int64 pending_off;
  std::vector<unsigned char>* window;  // bytes [window_off, +size) as in the file
  sqlite3_int64 window_off;
};

// Keeps the read window equal to the file: bytes written over it are copied in.
void PatchWindow(OpfsFile* f, const unsigned char* src, sqlite3_int64 off, sqlite3_int64 len) {
  auto& w = *f->window;
  const sqlite3_int64 lo = std::max(off, f->window_off);
  const sqlite3_int64 hi = std::min(off + len, f->window_off + static_cast<sqlite3_int64>(w.size()));
  if (lo < hi) std::memcpy(w.data() + (lo - f->window_off), src + (lo - off), static_cast<size_t>(hi - lo));
}

int JsError(int rc, int fallback) { return rc == -2 ? SQLITE_FULL : fallback; }

// Writes the buffered run, if any, to OPFS.
int FlushPending(OpfsFile* f) {
  if (f->pending->empty()) return SQLITE_OK;
  ++g_stats.writes;
  g_stats.bytes_written += f->pending->size();
  int rc = sb_js_write(f->js_id, f->pending->data(), static_cast<int>(f->pending->size()),
                       static_cast<double>(f->pending_off));
  f->pending->clear();
  return rc < 0 ? JsError(rc, SQLITE_IOERR_WRITE) : SQLITE_OK;
}

int Close(sqlite3_file* file) {
  auto* f = reinterpret_cast<OpfsFile*>(file);
  int rc = f->js_id >= 0 ? FlushPending(f) : SQLITE_OK;
  delete f->mem;
  delete f->pending;
  delete f->window;
  f->mem = nullptr;
  f->pending = nullptr;
  f->window = nullptr;
  return rc;
}

int Read(sqlite3_file* file, void* out, int amt, sqlite3_int64 off) {
  auto* f = reinterpret_cast<OpfsFile*>(file);
  auto* dst = static_cast<unsigned char*>(out);
  int got = 0;
  if (f->js_id < 0) {
    const auto size = static_cast<sqlite3_int64>(f->mem->size());
    if (off < size) {
      got = static_cast<int>(std::min<sqlite3_int64>(amt, size - off));
      std::memcpy(dst, f->mem->data() + off, static_cast<size_t>(got));
    }
  } else {
    auto& w = *f->window;
    const sqlite3_int64 wend = f->window_off + static_cast<sqlite3_int64>(w.size());
    if (off < f->window_off || off + amt > wend) {
      // Miss: fetch the aligned window holding `off` (or more, for a large read).
      const sqlite3_int64 start = off / kReadWindowBytes * kReadWindowBytes;
      const sqlite3_int64 want = std::max<sqlite3_int64>(kReadWindowBytes, off + amt - start);
      // Buffered bytes inside the window must reach the file before it is read.
      const sqlite3_int64 pend_end = f->pending_off + static_cast<sqlite3_int64>(f->pending->size());
      if (!f->pending->empty() && start < pend_end && start + want > f->pending_off) {
        int rc = FlushPending(f);
        if (rc != SQLITE_OK) return rc;
      }
      const sqlite3_int64 len = std::max<sqlite3_int64>(0, std::min(want, f->size - start));
      w.resize(static_cast<size_t>(len));
      f->window_off = start;
      ++g_stats.reads;
      int n = len > 0 ? sb_js_read(f->js_id, w.data(), static_cast<int>(len), static_cast<double>(start)) : 0;
      if (n < 0) {
        w.clear();
        return SQLITE_IOERR_READ;
      }
      w.resize(static_cast<size_t>(n));
    }
    const sqlite3_int64 avail = f->window_off + static_cast<sqlite3_int64>(w.size()) - off;
    got = static_cast<int>(std::max<sqlite3_int64>(0, std::min<sqlite3_int64>(amt, avail)));
    if (got > 0) std::memcpy(dst, w.data() + (off - f->window_off), static_cast<size_t>(got));
  }
  if (got < amt) {
    std::memset(dst + got, 0, static_cast<size_t>(amt - got));
    return SQLITE_IOERR_SHORT_READ;
  }
  return SQLITE_OK;
}

int Write(sqlite3_file* file, const void* in, int amt, sqlite3_int64 off) {
  auto* f = reinterpret_cast<OpfsFile*>(file);
  const auto* src = static_cast<const unsigned char*>(in);
  const sqlite3_int64 end = off + amt;
  if (f->js_id < 0) {
    if (static_cast<sqlite3_int64>(f->mem->size()) < end) f->mem->resize(static_cast<size_t>(end));
    std::memcpy(f->mem->data() + off, src, static_cast<size_t>(amt));
  } else {
    PatchWindow(f, src, off, amt);
    auto& p = *f->pending;
    const sqlite3_int64 pend_end = f->pending_off + static_cast<sqlite3_int64>(p.size());
    if (!p.empty() && off >= f->pending_off && end <= pend_end) {
      std::memcpy(p.data() + (off - f->pending_off), src, static_cast<size_t>(amt));  // overwrite
    } else if (!p.empty() && off == pend_end && p.size() + static_cast<size_t>(amt) <= kMaxPendingBytes) {
      p.insert(p.end(), src, src + amt);  // extend the run
    } else {
      int rc = FlushPending(f);
      if (rc != SQLITE_OK) return rc;
      f->pending_off = off;
      p.assign(src, src + amt);
    }
  }
  f->size = std::max(f->size, end);
  return SQLITE_OK;
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  auto* f = reinterpret_cast<OpfsFile*>(file);
  if (f->js_id < 0) {
    if (static_cast<sqlite3_int64>(f->mem->size()) > size) f->mem->resize(static_cast<size_t>(size));
  } else {
    int rc = FlushPending(f);
    if (rc != SQLITE_OK) return rc;
    rc = sb_js_truncate(f->js_id, static_cast<double>(size));
    f->window->clear();
    if (rc < 0) return JsError(rc, SQLITE_IOERR_TRUNCATE);
  }
  f->size = std::min(f->size, size);
  return SQLITE_OK;
}

int Sync(sqlite3_file* file, int) {
  auto* f = reinterpret_cast<OpfsFile*>(file);
  if (f->js_id < 0) return SQLITE_OK;
  int rc = FlushPending(f);
  if (rc != SQLITE_OK) return rc;
  ++g_stats.syncs;
  rc = sb_js_flush(f->js_id);
  return rc < 0 ? JsError(rc, SQLITE_IOERR_FSYNC) : SQLITE_OK;
}

int FileSize(sqlite3_file* file, sqlite3_int64* out) {
  *out = reinterpret_cast<OpfsFile*>(file)->size;
  return SQLITE_OK;
}

// One owner per database (a Web Lock in the page): SQLite's locks have nothing to guard.
int Lock(sqlite3_file*, int) { return SQLITE_OK; }
int Unlock(sqlite3_file*, int) { return SQLITE_OK; }
int CheckReservedLock(sqlite3_file*, int* out) {
  *out = 0;
  return SQLITE_OK;
}
int FileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int SectorSize(sqlite3_file*) { return kSectorSize; }
int DeviceCharacteristics(sqlite3_file*) {
  return SQLITE_IOCAP_UNDELETABLE_WHEN_OPEN | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

const sqlite3_io_methods kIoMethods = {
    1, Close, Read, Write, Truncate, Sync, FileSize, Lock, Unlock, CheckReservedLock,
    FileControl, SectorSize, DeviceCharacteristics,
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* f = reinterpret_cast<OpfsFile*>(file);
  f->base.pMethods = nullptr;
  const bool temp = name == nullptr || (flags & SQLITE_OPEN_DELETEONCLOSE) ||
                    (flags & (SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TEMP_JOURNAL | SQLITE_OPEN_TRANSIENT_DB));
  f->js_id = temp ? -1 : sb_js_lookup(name);
  if (!temp && f->js_id < 0) return SQLITE_CANTOPEN;
  f->mem = temp ? new std::vector<unsigned char>() : nullptr;
  f->pending = new std::vector<unsigned char>();
  f->pending_off = 0;
  f->window = new std::vector<unsigned char>();
  f->window_off = 0;
  f->size = 0;
  if (!temp) {
    double size = sb_js_size(f->js_id);
    if (size < 0) {
      delete f->pending;
      delete f->window;
      return SQLITE_CANTOPEN;
    }
    f->size = static_cast<sqlite3_int64>(size);
  }
  if (out_flags) *out_flags = flags;
  f->base.pMethods = &kIoMethods;
  return SQLITE_OK;
}

// Pre-opened files cannot be removed while the worker holds their handles;
// deleting one empties it, and an empty file counts as absent.
int Delete(sqlite3_vfs*, const char* name, int) {
  int id = sb_js_lookup(name);
  if (id < 0) return SQLITE_OK;
  return sb_js_truncate(id, 0) < 0 ? SQLITE_IOERR_DELETE : SQLITE_OK;
}

int Access(sqlite3_vfs*, const char* name, int, int* out) {
  int id = sb_js_lookup(name);
  *out = id >= 0 && sb_js_size(id) > 0;
  return SQLITE_OK;
}

int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  sqlite3_snprintf(n, out, "%s", name);
  return SQLITE_OK;
}

int Randomness(sqlite3_vfs*, int n, char* out) {
  sb_js_random(reinterpret_cast<unsigned char*>(out), n);
  return n;
}

int Sleep(sqlite3_vfs*, int micros) { return micros; }

int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  *out = static_cast<sqlite3_int64>(sb_js_now_ms()) + 210866760000000LL;  // Julian day ms
  return SQLITE_OK;
}

int CurrentTime(sqlite3_vfs* vfs, double* out) {
  sqlite3_int64 ms;
  CurrentTimeInt64(vfs, &ms);
  *out = static_cast<double>(ms) / 86400000.0;
  return SQLITE_OK;
}

int GetLastError(sqlite3_vfs*, int, char*) { return 0; }

sqlite3_vfs g_vfs = {
    2, sizeof(OpfsFile), 512, nullptr, "opfs", nullptr,
    Open, Delete, Access, FullPathname,
    nullptr, nullptr, nullptr, nullptr,  // no dynamic loading
    Randomness, Sleep, CurrentTime, GetLastError, CurrentTimeInt64,
};

}  // namespace

const OpfsIoStats& opfs_io_stats() { return g_stats; }

}  // namespace streakbox

extern "C" int streakbox_register_opfs_vfs() {
  return sqlite3_vfs_register(&streakbox::g_vfs, /*makeDflt=*/1);
}

// Built with SQLITE_OS_OTHER: SQLite calls these instead of registering the unix VFS.
extern "C" int sqlite3_os_init() { return streakbox_register_opfs_vfs(); }
extern "C" int sqlite3_os_end() { return SQLITE_OK; }
