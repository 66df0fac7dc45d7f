// Plain words for the browser's storage errors (DOMException names), in one
// place: the worker's open (wasm/worker.js) and the backup locations
// (wasm/backup_store.js) use it, so no message ever shows a numeric
// DOMException code ("18: …") or a browser's internal wording alone.
import { StreakboxError } from './protocol.js';

// name -> [Streakbox error code (docs/API.md), plain words, whether reloading can help].
const PLAIN = {
  QuotaExceededError: ['storage_full', 'the browser has no room left for Streakbox. Free some space on this device and try again', true],
  NoModificationAllowedError: ['locked', 'another tab still has Streakbox’s files open. Close that tab and try again', true],
  NotAllowedError: ['permission_needed', 'the browser did not give permission', false],
  SecurityError: ['io_error', 'the browser does not let Streakbox keep files here', false],
  NotSupportedError: ['io_error', 'this browser cannot give Streakbox the file access it needs', false],
  NotFoundError: ['not_found', 'the file is missing', false],
  NotReadableError: ['io_error', 'the browser could not read the file', true],
  InvalidStateError: ['io_error', 'the file changed while Streakbox was using it', true],
  InvalidModificationError: ['io_error', 'the browser refused to change the file', false],
  TypeMismatchError: ['io_error', 'something else has the file’s name', false],
  AbortError: ['io_error', 'the browser stopped the operation', true],
};
const UNKNOWN = ['io_error', 'the browser could not read or write Streakbox’s files', true];

/**
 * The StreakboxError for a storage failure `e` (a DOMException, an error with
 * a Streakbox code, or anything thrown). `what` ("open the database", "write
 * X") starts the message: "Could not open the database: the browser has no
 * room left…". An error that already carries a Streakbox code keeps it and
 * its message. `reloadHelps` on the result says whether reloading the page
 * can help (the failed screen offers Reload only then).
 */
export function plainStorageError(e, what) {
  if (e instanceof StreakboxError || (e && typeof e.code === 'string' && e.code)) {
    const kept = new StreakboxError(e.code, e.message, e.errors || []);
    kept.reloadHelps = e.code !== 'corrupt' && e.code !== 'invalid';
    return kept;
  }
  const [code, text, reloadHelps] = (e && Object.hasOwn(PLAIN, e.name) && PLAIN[e.name]) || UNKNOWN;
  const err = new StreakboxError(code, what ? `could not ${what}: ${text}` : text);
  err.reloadHelps = reloadHelps;
  return err;
}
