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
//
// Replacing it never loses the old one: set() encrypts the new password under
// a fresh key kept under a new name, and only the write of the new ciphertext
// (which names its key) switches over; a failure before that leaves the old
// password and key as they were. Old keys are deleted after the switch.
const IDB_NAME = 'streakbox-keys';
const STORE = 'keys';
const LEGACY_KEY_ID = 'backup-password';  // the one key of 'v1' ciphertexts
const KEY_PREFIX = 'backup-password-';    // 'v2' keys: KEY_PREFIX + 16 hex digits
export const SETTING = 'secret.backup_password';
// 'v2.<key id>.<base64 iv>.<base64 ciphertext>' (written); 'v1.<base64 iv>.<base64 ciphertext>' (read).
const FORMAT = 'v2';
// The longest password stored, in bytes of UTF-8 (docs/ARCHITECTURE.md, "Threat model").
export const MAX_PASSWORD_BYTES = 1024;
const AAD = new TextEncoder().encode('streakbox stored backup password v1');

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Runs fn(objectStore) in one IndexedDB transaction of `mode`; resolves with fn's result once it completes. */
async function withKeys(mode, fn) {
  const open = indexedDB.open(IDB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await request(open);
  try {
    const tx = db.transaction(STORE, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error('the key store transaction was aborted'));
    });
    const result = await fn(tx.objectStore(STORE));
    await done;
    return result;
  } finally {
    db.close();
  }
}

const loadKey = (id) => withKeys('readonly', async (keys) => (await request(keys.get(id))) || null);

/** Deletes every stored key but `keep` (null: all of them). */
const deleteKeysBut = (keep) => withKeys('readwrite', async (keys) => {
  for (const id of await request(keys.getAllKeys())) if (id !== keep) keys.delete(id);
});

function invalid(message) {
  return Object.assign(new Error(message), { code: 'invalid_argument' });
}

const b64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const unb64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** {keyId, iv, ct} of a stored value, or null when it is in no known format. */
function parse(stored) {
  const parts = stored.split('.');
  if (parts[0] === 'v2' && parts.length === 4) return { keyId: parts[1], iv: parts[2], ct: parts[3] };
  if (parts[0] === 'v1' && parts.length === 3) return { keyId: LEGACY_KEY_ID, iv: parts[1], ct: parts[2] };
  return null;
}

/**
 * secrets: {get(name) -> string|null, set(name, value), remove(name)} over the
 * database's secret.* settings (the worker passes the bindings).
 */
export class StoredPassword {
  constructor(secrets) {
    this.secrets = secrets;
  }

  /**
   * Stores `password` (a non-empty string of at most MAX_PASSWORD_BYTES bytes
   * of UTF-8), replacing any stored one, under a fresh key. Throws
   * invalid_argument for a bad password; on any failure the previously stored
   * password still works.
   */
  async set(password) {
    if (typeof password !== 'string' || password === '') throw invalid('a backup password must be a non-empty string');
    const plain = new TextEncoder().encode(password);
    if (plain.length > MAX_PASSWORD_BYTES) {
      throw invalid(`a backup password can be at most ${MAX_PASSWORD_BYTES} bytes (UTF-8); this one is ${plain.length}`);
    }
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: AAD }, key, plain));
    const keyId = KEY_PREFIX + hex(crypto.getRandomValues(new Uint8Array(8)));
    await withKeys('readwrite', (keys) => request(keys.put(key, keyId)));
    try {
      this.secrets.set(SETTING, `${FORMAT}.${keyId}.${b64(iv)}.${b64(ct)}`);  // the switch
    } catch (e) {
      await withKeys('readwrite', (keys) => request(keys.delete(keyId))).catch(() => {});  // the old one stays
      throw e;
    }
    await deleteKeysBut(keyId).catch(() => {});  // old keys; a leftover is harmless and goes next time
  }

  /** The password, or null when none is stored or it can no longer be opened (the key was cleared). */
  async get() {
    const stored = this.secrets.get(SETTING);
    const parsed = stored ? parse(stored) : null;
    if (!parsed) return null;
    const key = await loadKey(parsed.keyId);
    if (!key) return null;
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(parsed.iv), additionalData: AAD }, key, unb64(parsed.ct));
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
    await deleteKeysBut(null);
  }
}
