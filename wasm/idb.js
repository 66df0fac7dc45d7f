// The one IndexedDB value Streakbox keeps: the handle of the backup folder the
// user chose (a FileSystemDirectoryHandle can only be stored there). Used by
// the page (which picks the folder) and by the worker (which writes to it).
const DB = 'streakbox';
const STORE = 'handles';
export const FOLDER_KEY = 'backupFolder';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run(mode, fn) {
  return open().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(req.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  }));
}

export const idbGet = (key) => run('readonly', (s) => s.get(key));
export const idbPut = (key, value) => run('readwrite', (s) => s.put(value, key));
export const idbDelete = (key) => run('readwrite', (s) => s.delete(key));
