// A folder held in memory: the part of the FileSystemDirectoryHandle API that
// wasm/backup_store.js uses (getFileHandle, removeEntry, entries; files with
// createWritable, getFile, move). Where the browser gives no usable OPFS the
// worker keeps "Streakbox's own folder" here, so safety snapshots, Undo and
// "Back up now" work for as long as the tab is open (and no longer). The
// backup runner's tests use it as their folder too.
//
// `files` maps each name to its bytes; `permission` is what queryPermission
// answers (always 'granted' in the worker; tests change it).

const notFound = (name) => new DOMException(`${name} is not in this folder`, 'NotFoundError');

export class MemoryDirectory {
  constructor(name = 'memory') {
    this.name = name;
    this.kind = 'directory';
    this.files = new Map();
    this.permission = 'granted';
  }

  async queryPermission() {
    return this.permission;
  }

  async getFileHandle(name, { create = false } = {}) {
    if (!this.files.has(name)) {
      if (!create) throw notFound(name);
      this.files.set(name, new Uint8Array(0));
    }
    const dir = this;
    let current = name;
    return {
      kind: 'file',
      get name() { return current; },
      // The file changes only on close(), as with a real writable stream.
      async createWritable() {
        const parts = [];
        return {
          async write(bytes) { parts.push(new Uint8Array(bytes)); },
          async close() { dir.files.set(current, new Uint8Array(await new Blob(parts).arrayBuffer())); },
          async abort() {},
        };
      },
      async getFile() {
        if (!dir.files.has(current)) throw notFound(current);
        return new Blob([dir.files.get(current)]);
      },
      async move(to) {
        if (!dir.files.has(current)) throw notFound(current);
        dir.files.set(to, dir.files.get(current));
        dir.files.delete(current);
        current = to;
      },
    };
  }

  async removeEntry(name) {
    if (!this.files.delete(name)) throw notFound(name);
  }

  async *entries() {
    for (const name of [...this.files.keys()]) yield [name, { kind: 'file', name }];
  }
}
