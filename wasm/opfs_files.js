// The file table behind the "opfs" SQLite VFS (wasm/opfs_vfs.cc), installed
// as Module.streakboxFiles. It holds one FileSystemSyncAccessHandle per file,
// opened up front (handles can only be created asynchronously, and the VFS is
// synchronous). Every method is synchronous and never throws: errors come
// back as -1 (I/O error) or -2 (quota exceeded), which the VFS maps to
// SQLite codes. Offsets arrive as doubles.

export class OpfsFiles {
  /** @param {string[]} names @param {FileSystemSyncAccessHandle[]} handles */
  constructor(names, handles) {
    this.names = names;
    this.handles = handles;
  }

  /**
   * Opens (creating when missing) a sync access handle for each name in `dir`.
   * Rejects with the browser's error (NoModificationAllowedError when another
   * tab holds a handle); on failure, handles opened so far are closed again.
   */
  static async open(dir, names) {
    const handles = [];
    try {
      for (const name of names) {
        const file = await dir.getFileHandle(name, { create: true });
        handles.push(await file.createSyncAccessHandle());
      }
    } catch (e) {
      for (const h of handles) h.close();
      throw e;
    }
    return new OpfsFiles(names, handles);
  }

  lookup(name) {
    return this.names.indexOf(name);
  }

  read(id, bytes, offset) {
    try {
      return this.handles[id].read(bytes, { at: offset });
    } catch {
      return -1;
    }
  }

  write(id, bytes, offset) {
    try {
      return this.handles[id].write(bytes, { at: offset }) === bytes.length ? 0 : -2;
    } catch (e) {
      return e && e.name === 'QuotaExceededError' ? -2 : -1;
    }
  }

  size(id) {
    try {
      return this.handles[id].getSize();
    } catch {
      return -1;
    }
  }

  truncate(id, size) {
    try {
      this.handles[id].truncate(size);
      return 0;
    } catch (e) {
      return e && e.name === 'QuotaExceededError' ? -2 : -1;
    }
  }

  flush(id) {
    try {
      this.handles[id].flush();
      return 0;
    } catch {
      return -1;
    }
  }

  close() {
    for (const h of this.handles) {
      try {
        h.close();
      } catch {
        /* already closed */
      }
    }
    this.handles = [];
    this.names = [];
  }
}
