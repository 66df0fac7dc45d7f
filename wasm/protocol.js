// The worker protocol: the messages between the page (www/api.js) and the
// database worker (wasm/worker.js), their fields, and the one coded error
// class of Streakbox's JS. Both sides import this module (tools/build copies
// wasm/*.js next to www/'s files, so './protocol.js' resolves on both).
//
// Every page -> worker message carries `type` and a numeric `id`, and gets
// exactly one RESULT reply with that id ({type, id, ok, value} or {type, id,
// ok: false, error: {code, message, errors}}), even when its handler throws.
// PROGRESS messages may come before it; STATE and BACKUPS messages are not
// replies.

/** Page -> worker message types, with the fields each carries besides type and id. */
export const Request = Object.freeze({
  CALL: 'call',                      // method, args: a core call (docs/API.md); args is an array
  EXPORT: 'export',                  // profileId (null: all), password?, useStoredPassword?
  EXPORT_CSV: 'exportCsv',           // options: exportCsv's {kind, profileId?} (profileId null: all)
  IMPORT: 'import',                  // blob, options, validateOnly
  DECRYPT: 'decrypt',                // blob, password
  BACKUP_PASSWORD: 'backupPassword', // op: 'isSet' | 'set' | 'remove', password?
  BACKUPS: 'backups',                // op (wasm/backup_runner.js), args: an array
  TAKEOVER: 'takeover',              // (none): take the database over from another tab
  SET_CLOCK: 'setClock',             // ms: tests freeze the clock (null: real time)
  EXEC: 'exec',                      // sql: benchmarks
  IO_STATS: 'ioStats',               // (none): benchmarks
  BENCH_TTBAK: 'benchTtbak',         // mib, runs: benchmarks
});

export const REQUEST_FIELDS = Object.freeze({
  [Request.CALL]: ['method', 'args'],
  [Request.EXPORT]: ['profileId', 'password', 'useStoredPassword'],
  [Request.EXPORT_CSV]: ['options'],
  [Request.IMPORT]: ['blob', 'options', 'validateOnly'],
  [Request.DECRYPT]: ['blob', 'password'],
  [Request.BACKUP_PASSWORD]: ['op', 'password'],
  [Request.BACKUPS]: ['op', 'args'],
  [Request.TAKEOVER]: [],
  [Request.SET_CLOCK]: ['ms'],
  [Request.EXEC]: ['sql'],
  [Request.IO_STATS]: [],
  [Request.BENCH_TTBAK]: ['mib', 'runs'],
});

/** Worker -> page message types. */
export const Reply = Object.freeze({
  RESULT: 'result',     // id, ok, value | error: the one answer to request `id`
  PROGRESS: 'progress', // id, fraction: during export and import
  STATE: 'state',       // state: 'opening' | 'ready' | 'elsewhere' | 'taken' | 'failed', message?
  BACKUPS: 'backups',   // event: 'history' | 'schedule' | 'restored'; the page redraws what shows them
});

/** The one coded error of Streakbox's JS: `code` is stable (docs/API.md, "Errors"). */
export class StreakboxError extends Error {
  constructor(code, message, errors = []) {
    super(message);
    this.name = 'StreakboxError';
    this.code = code;
    this.errors = errors;
  }
}

/**
 * A request message: {type, id, ...fields}. Throws StreakboxError
 * ('invalid_argument') for an unknown type or a field the type does not carry.
 */
export function request(type, id, fields = {}) {
  const allowed = REQUEST_FIELDS[type];
  if (!allowed) throw new StreakboxError('invalid_argument', `unknown message type ${type}`);
  for (const k of Object.keys(fields)) {
    if (!allowed.includes(k)) throw new StreakboxError('invalid_argument', `a ${type} message has no field ${k}`);
  }
  return { type, id, ...fields };
}

/** The {code, message, errors} of anything thrown (a storage error without a code: io_error). */
export function errorOf(e) {
  return {
    code: (e && typeof e.code === 'string' && e.code) || 'io_error',
    message: (e && e.message) || String(e),
    errors: (e && Array.isArray(e.errors)) ? e.errors : [],
  };
}

/** The RESULT reply for request `id` from an envelope {ok, value} / {ok: false, error}. */
export function result(id, envelope) {
  return envelope.ok
    ? { type: Reply.RESULT, id, ok: true, value: envelope.value }
    : { type: Reply.RESULT, id, ok: false, error: { errors: [], ...envelope.error } };
}

/** An envelope's value, or throws its error as a StreakboxError. */
export function unwrap(envelope) {
  if (envelope.ok) return envelope.value;
  const { code, message, errors } = envelope.error;
  throw new StreakboxError(code, message, errors || []);
}
