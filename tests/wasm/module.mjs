// Loads the Node flavour of the wasm module (build/wasm/node) over a real
// folder through NodeFiles, the same VFS code path the browser uses.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { callModule } from '../../wasm/module_call.js';

const require = createRequire(import.meta.url);
const { NodeFiles } = require('./node_files.cjs');
const BUILD = resolve(new URL('../../build/wasm/node', import.meta.url).pathname);
const createStreakbox = require(join(BUILD, 'streakbox.js'));
const wasmBinary = readFileSync(join(BUILD, 'streakbox.wasm'));

export const DB = 'streakbox.db';
export const FILE_NAMES = [DB, `${DB}-wal`, `${DB}-journal`];

/** A temp folder for one test's database files. */
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'streakbox-wasm-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A ByteSource for Module.streakboxSource over bytes in memory (the worker's BlobSource contract). */
export function bytesSource(bytes) {
  let pos = 0;
  return {
    size: () => bytes.length,
    rewind: () => { pos = 0; },
    read(view) {
      const n = Math.min(view.length, bytes.length - pos);
      view.set(bytes.subarray(pos, pos + n));
      pos += n;
      return n;
    },
  };
}

/**
 * Opens the database in `dir`. `now` (ms, or a function returning ms) sets the module's clock;
 * `files` replaces the folder's file table (e.g. wasm/memory_files.js's MemoryFiles; `dir` is then unused).
 * Returns {module, sb, files, call(method, ...args) -> value (throws {code, message, errors}),
 * io(method, args, {input, collect, progress}) -> the envelope, with `bytes` when collect is set
 * (input: bytes for the call to read), close()}. Both go through wasm/module_call.js, as the worker does.
 */
export async function openDb(dir, { now, files = new NodeFiles(dir, FILE_NAMES) } = {}) {
  const module = await createStreakbox({
    wasmBinary,
    streakboxFiles: files,
    streakboxNow: now === undefined ? undefined : typeof now === 'function' ? now : () => now,
  });
  const sb = new module.Streakbox();
  const opened = JSON.parse(sb.open(DB));
  if (!opened.ok) throw Object.assign(new Error(opened.error.message), opened.error);
  const io = (method, args = [], { input = null, collect = false, progress = null } = {}) =>
    callModule(module, sb, method, args, { source: input ? bytesSource(input) : null, collect, progress });
  const call = (method, ...args) => {
    const r = io(method, args);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, errors: r.error.errors });
    return r.value;
  };
  const close = () => {
    sb.close();
    sb.delete();
    files.close();
  };
  return { module, sb, files, call, io, close };
}
