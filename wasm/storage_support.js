// Can this browser keep Streakbox's database? The worker (wasm/worker.js)
// asks before opening. findStorage() looks (it touches the browser);
// storageSupport() decides from what it found (pure, tested under Node in
// tests/wasm/storage_support.test.mjs).
//
// Streakbox needs three things:
//   'opfs'               the Origin Private File System (navigator.storage.getDirectory)
//   'sync_access_handle' FileSystemFileHandle.createSyncAccessHandle in a worker, and
//                        working: WebKitGTK has the method but throws NotSupportedError
//   'web_locks'          navigator.locks, which keeps a second tab from opening the
//                        same files at once
// Where one is missing or refused, the worker opens an in-memory database instead.

// Error names that mean "this browser (window) will not do it", not "it failed this time".
const REFUSALS = new Set(['SecurityError', 'NotAllowedError', 'NotSupportedError', 'TypeError', 'InvalidAccessError']);

const WORDS = {
  opfs_missing: 'This browser has no place where websites can keep files.',
  opfs_refused: 'This browser window does not let websites keep files, as private windows do.',
  sync_access_handle: 'This browser cannot give Streakbox the kind of file access it needs to save.',
  web_locks: 'This browser cannot keep two tabs from changing the same data at once, so saving would not be safe.',
};

/**
 * What the browser offers, looked up in `scope` (the worker's global object):
 *   {locks: bool, getDirectory: 'ok' | 'missing' | <error name>,
 *    syncHandle: 'ok' | 'missing' | <error name> | null (not tried: no OPFS)}
 * The sync handle is tried for real on a throwaway file in the OPFS root,
 * which is removed again. Never rejects.
 */
export async function findStorage(scope = globalThis) {
  const nav = scope.navigator || {};
  const found = {
    locks: Boolean(nav.locks && typeof nav.locks.request === 'function'),
    getDirectory: 'missing',
    syncHandle: null,
  };
  if (!nav.storage || typeof nav.storage.getDirectory !== 'function') return found;
  let root;
  try {
    root = await nav.storage.getDirectory();
    found.getDirectory = 'ok';
  } catch (e) {
    found.getDirectory = nameOf(e);
    return found;
  }
  const FileHandle = scope.FileSystemFileHandle;
  if (!FileHandle || typeof FileHandle.prototype.createSyncAccessHandle !== 'function') {
    found.syncHandle = 'missing';
    return found;
  }
  // A name of its own, so that two tabs probing at once never meet.
  const probe = `.streakbox-probe-${Math.random().toString(36).slice(2)}`;
  try {
    const file = await root.getFileHandle(probe, { create: true });
    const handle = await file.createSyncAccessHandle();
    handle.close();
    found.syncHandle = 'ok';
  } catch (e) {
    found.syncHandle = nameOf(e);
  }
  await root.removeEntry(probe).catch(() => {});
  return found;
}

function nameOf(e) {
  return (e && typeof e.name === 'string' && e.name) || 'Error';
}

/**
 * The verdict on `found` (findStorage's result): {ok, missing, reason}.
 * `missing` lists what is missing or refused ('opfs', 'sync_access_handle',
 * 'web_locks'); `reason` says it in plain words for people ('' when ok).
 * A failure that is not a refusal (QuotaExceededError, an UnknownError) is
 * not a missing capability: it leaves ok true, and the real open reports it
 * with its own message.
 */
export function storageSupport(found) {
  const missing = [];
  const reasons = [];
  const refused = (result) => result === 'missing' || REFUSALS.has(result);
  if (refused(found.getDirectory)) {
    missing.push('opfs');
    reasons.push(found.getDirectory === 'missing' ? WORDS.opfs_missing : WORDS.opfs_refused);
  } else if (found.getDirectory === 'ok' && refused(found.syncHandle)) {
    missing.push('sync_access_handle');
    reasons.push(WORDS.sync_access_handle);
  }
  if (!found.locks) {
    missing.push('web_locks');
    reasons.push(WORDS.web_locks);
  }
  return { ok: missing.length === 0, missing, reason: reasons.join(' ') };
}
