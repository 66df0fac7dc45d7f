// A backup location: a FileSystemDirectoryHandle, either Streakbox's own
// folder in OPFS ('streakbox-backups', every browser) or a folder on disk the
// user chose (File System Access API). Both go through the same code.
//
// Write order (a partial file never looks like a backup): write NAME.partial,
// flush and close it, rename it to NAME, read NAME back and compare size and
// SHA-256 with what was meant to be written. Only then does the caller record
// the backup as good. Names ending in .partial are never listed as backups.
import { plainStorageError } from './storage_errors.js';

export const PARTIAL = '.partial';
export const OPFS_DIR = 'streakbox-backups';

export class StoreError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Hex SHA-256 of bytes (Web Crypto: workers, pages and Node alike). */
export async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

// A failure as a StoreError with plain words (wasm/storage_errors.js).
function storeError(e, what) {
  if (e instanceof StoreError) return e;
  const plain = plainStorageError(e, what);
  return new StoreError(plain.code, plain.message);
}

async function writeBytes(fileHandle, bytes) {
  if (typeof fileHandle.createSyncAccessHandle === 'function') {
    // OPFS in a worker: the synchronous handle works in every browser.
    const h = await fileHandle.createSyncAccessHandle();
    try {
      h.truncate(0);
      let at = 0;
      while (at < bytes.length) at += h.write(bytes.subarray(at), { at });
      h.flush();
    } finally {
      h.close();
    }
    return;
  }
  const w = await fileHandle.createWritable();  // a folder on disk
  try {
    await w.write(bytes);
    await w.close();
  } catch (e) {
    await w.abort().catch(() => {});
    throw e;
  }
}

export class BackupStore {
  /** @param {FileSystemDirectoryHandle} dir @param {string} location 'opfs' or 'folder:<name>' */
  constructor(dir, location) {
    this.dir = dir;
    this.location = location;
  }

  static async opfs() {
    const root = await navigator.storage.getDirectory();
    return new BackupStore(await root.getDirectoryHandle(OPFS_DIR, { create: true }), 'opfs');
  }

  /** Writes `bytes` as `name` (see the write order above); resolves {size, sha256}. */
  async write(name, bytes) {
    const partial = name + PARTIAL;
    try {
      const want = await sha256Hex(bytes);
      const fh = await this.dir.getFileHandle(partial, { create: true });
      await writeBytes(fh, bytes);
      if (typeof fh.move === 'function') {
        await fh.move(name);
      } else {  // no rename here: write the final name, then drop the partial
        await writeBytes(await this.dir.getFileHandle(name, { create: true }), bytes);
        await this.dir.removeEntry(partial);
      }
      const back = new Uint8Array(await (await this.read(name)).arrayBuffer());
      const got = await sha256Hex(back);
      if (back.length !== bytes.length || got !== want) {
        throw new StoreError('io_error', `${name} reads back different from what was written`);
      }
      return { size: back.length, sha256: got };
    } catch (e) {
      await this.remove(partial).catch(() => {});
      throw storeError(e, `write ${name}`);
    }
  }

  /** The file `name` as a File (a Blob). */
  async read(name) {
    try {
      return await (await this.dir.getFileHandle(name)).getFile();
    } catch (e) {
      throw storeError(e, `read ${name}`);
    }
  }

  /** Removes `name`; a file that is already gone is not an error. */
  async remove(name) {
    try {
      await this.dir.removeEntry(name);
    } catch (e) {
      if (e && e.name === 'NotFoundError') return;
      throw storeError(e, `delete ${name}`);
    }
  }

  /** Deletes the .partial files a write cut short left behind. */
  async removePartials() {
    const partials = [];
    for await (const [name, h] of this.dir.entries()) {
      if (h.kind === 'file' && name.endsWith(PARTIAL)) partials.push(name);
    }
    for (const name of partials) await this.remove(name);
  }

  /** Complete backup files by name (never .partial ones). */
  async names() {
    const out = [];
    for await (const [name, h] of this.dir.entries()) {
      if (h.kind === 'file' && !name.endsWith(PARTIAL)) out.push(name);
    }
    return out.sort();
  }
}
