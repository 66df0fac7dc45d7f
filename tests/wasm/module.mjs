// Loads the Node flavour of the wasm module (build/wasm/node) over a real
// folder through NodeFiles, the same VFS code path the browser uses.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { NodeFiles } = require('./node_files.cjs');
const BUILD = resolve(new URL('../../build/wasm/node', import.meta.url).pathname);
const createStreakbox = require(join(BUILD, 'streakbox.js'));
const wasmBinary = readFileSync(join(BUILD, 'streakbox.wasm'));

export const DB = 'streakbox.db';
export const FILE_NAMES = [DB, `${DB}-wal`, `${DB}-journal`];

/** Module.streakboxSource over bytes in memory (the worker's BlobSource contract). */
export class BytesSource {
  constructor(bytes) { this.bytes = bytes; this.pos = 0; }
  size() { return this.bytes.length; }
  rewind() { this.pos = 0; }
  read(view) {
    const n = Math.min(view.length, this.bytes.length - this.pos);
    view.set(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return n;
  }
}

/** A temp folder for one test's database files. */
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-wasm-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Opens the database in `dir`. `now` (ms, or a function returning ms) sets the module's clock.
 * Returns {module, sb, files, call(method, ...args) -> value (throws {code, message}), close()}.
 */
export async function openDb(dir, { now } = {}) {
  const files = new NodeFiles(dir, FILE_NAMES);
  const module = await createStreakbox({
    wasmBinary,
    streakboxFiles: files,
    streakboxNow: now === undefined ? undefined : typeof now === 'function' ? now : () => now,
  });
  const sb = new module.Streakbox();
  const opened = JSON.parse(sb.open(DB));
  if (!opened.ok) throw Object.assign(new Error(opened.error.message), opened.error);
  const call = (method, ...args) => {
    const r = JSON.parse(sb.call(method, JSON.stringify(args)));
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
  const close = () => {
    sb.close();
    sb.delete();
    files.close();
  };
  return { module, sb, files, call, close };
}
