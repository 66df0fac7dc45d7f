// A file table for the "opfs" VFS under Node, over real files with fs's
// synchronous calls: the same contract as wasm/opfs_files.js (never throws;
// -1 I/O error, -2 no space), so the bindings tests exercise the real VFS.
const fs = require('node:fs');
const path = require('node:path');

class NodeFiles {
  constructor(dir, names) {
    fs.mkdirSync(dir, { recursive: true });
    this.names = names;
    this.fds = names.map((n) => fs.openSync(path.join(dir, n), fs.constants.O_RDWR | fs.constants.O_CREAT));
    this.calls = { read: 0, write: 0, flush: 0 };
    this.failWrites = false; // tests: simulate a full disk
  }
  lookup(name) { return this.names.indexOf(name); }
  read(id, bytes, offset) {
    this.calls.read++;
    try { return fs.readSync(this.fds[id], bytes, 0, bytes.length, offset); } catch { return -1; }
  }
  write(id, bytes, offset) {
    this.calls.write++;
    if (this.failWrites) return -2;
    try { return fs.writeSync(this.fds[id], bytes, 0, bytes.length, offset) === bytes.length ? 0 : -2; } catch (e) { return e.code === 'ENOSPC' ? -2 : -1; }
  }
  size(id) { try { return fs.fstatSync(this.fds[id]).size; } catch { return -1; } }
  truncate(id, size) { try { fs.ftruncateSync(this.fds[id], size); return 0; } catch { return -1; } }
  flush(id) { this.calls.flush++; try { fs.fsyncSync(this.fds[id]); return 0; } catch { return -1; } }
  close() { for (const fd of this.fds) fs.closeSync(fd); this.fds = []; }
}

module.exports = { NodeFiles };
