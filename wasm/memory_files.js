// The file table of the "opfs" VFS (wasm/opfs_vfs.cc) held in memory: the
// same contract as wasm/opfs_files.js (synchronous, never throws, -1 I/O
// error), so an in-memory database runs the very code an OPFS one does.
// The worker uses it where the browser gives no usable OPFS
// (wasm/storage_support.js); its bytes die with the worker, that is, when
// the tab closes or reloads.

export class MemoryFiles {
  /** @param {string[]} names every file SQLite may ask for, each empty */
  constructor(names) {
    this.names = names.slice();
    this.data = names.map(() => new Uint8Array(0));  // each file's buffer; its length is the capacity
    this.sizes = names.map(() => 0);
  }

  lookup(name) {
    return this.names.indexOf(name);
  }

  read(id, bytes, offset) {
    if (!(id >= 0 && id < this.names.length)) return -1;
    const n = Math.max(0, Math.min(bytes.length, this.sizes[id] - offset));
    if (n > 0) bytes.set(this.data[id].subarray(offset, offset + n));
    return n;
  }

  write(id, bytes, offset) {
    if (!(id >= 0 && id < this.names.length)) return -1;
    const end = offset + bytes.length;
    this.reserve(id, end);
    if (offset > this.sizes[id]) this.data[id].fill(0, this.sizes[id], offset);  // a gap reads as zeros
    this.data[id].set(bytes, offset);
    if (end > this.sizes[id]) this.sizes[id] = end;
    return 0;
  }

  size(id) {
    return id >= 0 && id < this.names.length ? this.sizes[id] : -1;
  }

  truncate(id, size) {
    if (!(id >= 0 && id < this.names.length)) return -1;
    if (size > this.sizes[id]) {
      this.reserve(id, size);
      this.data[id].fill(0, this.sizes[id], size);
    }
    this.sizes[id] = size;
    return 0;
  }

  flush(id) {
    return id >= 0 && id < this.names.length ? 0 : -1;
  }

  close() {
    this.names = [];
    this.data = [];
    this.sizes = [];
  }

  // Grows file `id`'s buffer to hold at least `end` bytes (doubling, so appends stay linear).
  reserve(id, end) {
    const old = this.data[id];
    if (end <= old.length) return;
    const grown = new Uint8Array(Math.max(end, old.length * 2, 64 * 1024));
    grown.set(old.subarray(0, this.sizes[id]));
    this.data[id] = grown;
  }
}
