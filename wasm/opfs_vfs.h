// The "opfs" SQLite VFS: files live in the browser's Origin Private File
// System and are read and written through FileSystemSyncAccessHandle objects
// that the worker opens before SQLite starts (wasm/opfs_files.js). No
// SharedArrayBuffer and no Atomics: every call is synchronous in the worker.
//
// Contracts (docs/ARCHITECTURE.md, "Storage"):
// - Only names the JS file table pre-opened can be opened; temp files live in memory.
// - Locking is a no-op: one tab owns the database through a Web Lock, and the
//   connection runs in EXCLUSIVE locking mode.
// - Writes are coalesced: contiguous xWrite calls are buffered (up to
//   kMaxPendingBytes) and reach OPFS as one call before any read of the same
//   range, xSync, xTruncate or xClose. A sync access handle call has a large
//   fixed cost, so fewer, larger calls are the main performance lever.
// - Reads go through a 256 KiB window per file: a miss reads the aligned
//   window in one call; writes patch the window, truncation drops it. The
//   worker owns the files exclusively, so the window can never go stale.
#pragma once

// Registers the VFS as "opfs" and makes it the default. Idempotent.
// Returns an SQLite result code.
extern "C" int streakbox_register_opfs_vfs();

namespace streakbox {
// Counters for benchmarks: calls that crossed into JS.
struct OpfsIoStats {
  unsigned long long reads = 0, writes = 0, syncs = 0, bytes_written = 0;
};
const OpfsIoStats& opfs_io_stats();
}  // namespace streakbox
