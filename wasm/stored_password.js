// The stored backup password (Settings → Backups), kept encrypted at rest and
// never handed back to the page.
//
// The database holds only its ciphertext, in the setting 'secret.backup_password'
// (secret.* settings are never exported). The AES-GCM key that opens it is a
// non-extractable WebCrypto CryptoKey kept in IndexedDB ('streakbox-keys'):
// a copy of the database file alone does not reveal the password, and no
// script can read the key's bytes. Only the worker decrypts it, to encrypt a
// backup with it (exportProfile/exportAll with {useStoredPassword: true}, and
// the scheduled backups of issue 5).
const IDB_NAME = 'streakbox-keys';
const STORE = 'keys';
const KEY_ID = 'backup-password';
export const SETTING = 'secret.backup_password';
const FORMAT = 'v1';  // 'v1.<base64 iv>.<base64 ciphertext>'
const AAD = new TextEncoder().encode('streakbox stored backup password v1');

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function store(mode) {
  const open = indexedDB.open(IDB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await request(open);
  return { db, keys: db.transaction(STORE, mode).objectStore(STORE) };
}

async function loadKey() {
  const { db, keys } = await store('readonly');
  try {
    return (await request(keys.get(KEY_ID))) || null;
  } finally {
    db.close();
  }
}

async function newKey() {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const { db, keys } = await store('readwrite');
  try {
    await request(keys.put(key, KEY_ID));
  } finally {
    db.close();
  }
  return key;
}

const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
const unb64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * secrets: {get(name) -> string|null, set(name, value), remove(name)} over the
 * database's secret.* settings (the worker passes the bindings).
 */
export class StoredPassword {
  constructor(secrets) {
    this.secrets = secrets;
  }

  /** Stores `password` (a non-empty string), replacing any stored one; a fresh key each time. */
  async set(password) {
    if (typeof password !== 'string' || password === '') {
      throw Object.assign(new Error('a backup password must be a non-empty string'), { code: 'invalid_argument' });
    }
    const key = await newKey();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: AAD }, key,
      new TextEncoder().encode(password)));
    this.secrets.set(SETTING, `${FORMAT}.${b64(iv)}.${b64(ct)}`);
  }

  /** The password, or null when none is stored or it can no longer be opened (the key was cleared). */
  async get() {
    const stored = this.secrets.get(SETTING);
    if (!stored) return null;
    const [format, iv, ct] = stored.split('.');
    const key = await loadKey();
    if (format !== FORMAT || !key) return null;
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv), additionalData: AAD }, key, unb64(ct));
      return new TextDecoder().decode(plain);
    } catch {
      return null;
    }
  }

  async isSet() {
    return (await this.get()) !== null;
  }

  async remove() {
    this.secrets.remove(SETTING);
    const { db, keys } = await store('readwrite');
    try {
      await request(keys.delete(KEY_ID));
    } finally {
      db.close();
    }
  }
}
