// Benchmark peer: the official SQLite wasm build (npm @sqlite.org/sqlite-wasm,
// pinned in package-lock.json) on its opfs-sahpool VFS, in a dedicated worker,
// answering the same {id, sql} messages as our worker's exec hook.
import sqlite3InitModule from './sqlite-wasm/index.mjs';

const ready = (async () => {
  const sqlite3 = await sqlite3InitModule({ print: () => {}, printErr: () => {} });
  const pool = await sqlite3.installOpfsSAHPoolVfs({ name: 'bench-sahpool', clearOnInit: true });
  return { sqlite3, db: new pool.OpfsSAHPoolDb('/bench.db') };
})();

self.onmessage = async ({ data }) => {
  try {
    const { db, sqlite3 } = await ready;
    if (data.sql === '__version__') {
      self.postMessage({ id: data.id, ok: true, value: sqlite3.version.libVersion });
      return;
    }
    db.exec(data.sql);
    self.postMessage({ id: data.id, ok: true, value: null });
  } catch (e) {
    self.postMessage({ id: data.id, ok: false, error: { code: 'peer', message: String(e.message || e) } });
  }
};
