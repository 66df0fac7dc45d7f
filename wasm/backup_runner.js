// Scheduled backups, the backup history's files, and full restores, in the
// worker (docs/ARCHITECTURE.md, "Scheduled backups"). The core decides (when a
// run is due, what retention removes) and records (the history); this file
// does the I/O in between: producing bytes, writing and deleting files,
// restoring with a safety snapshot first.
//
// Everything it needs comes in `deps`, so the same code runs in the worker
// (wasm/worker.js) and under Node with the wasm module and a fake folder
// (tests/wasm/backup_runner.test.mjs):
//   call(method, ...args)      a core call; returns the value or throws {code, message}
//   exportJson()               {filename, bytes, counts}: a backup of everything
//   exportDatabase()           {filename, bytes, info}: the database file
//   validateBackup(blob, opts) {header, counts, profile_names}
//   importBackup(blob, opts)   the import report
//   inspectDatabase(blob)      {schema_version, instance_id, size, counts}
//   importDatabase(blob)       the same, after replacing the database
//   storedPasswordSet()        whether a stored backup password opens here (optional: false)
//   storeFor(location)         a BackupStore for 'opfs' or 'folder…'; throws
//                              permission_needed / folder_missing
//   recordOffsite(how)         records that a backup left the browser (wasm/offsite.js;
//                              optional): called with 'folder' after a good write to a disk folder
//   nowMs()                    the clock (the worker's, which tests can set)
//   notify(event)              tells the page something changed
import { sha256Hex } from './backup_store.js';
import { StreakboxError } from './protocol.js';

const SQLITE_MAGIC = 'SQLite format 3\0';
const TTBAK_MAGIC = 'SBXTTBAK';  // a .ttbak's first bytes (docs/FORMAT.md, core/include/streakbox/ttbak_format.h)
// The timer re-checks at least this often, so a sleeping machine or a changed
// time zone cannot push a run far past its slot.
const MAX_TIMER_MS = 60 * 60 * 1000;

/** True when `blob` starts with the bytes of `magic` (an ASCII string). */
async function startsWith(blob, magic) {
  const head = new Uint8Array(await blob.slice(0, magic.length).arrayBuffer());
  return String.fromCharCode(...head) === magic;
}

export class BackupRunner {
  constructor(deps) {
    this.deps = deps;
    this.timer = null;
    this.waiting = null;     // {code, message} while a scheduled run waits (e.g. for permission)
    this.queue = Promise.resolve();
  }

  // One backup operation at a time: a restore never interleaves with a run.
  serial(fn) {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }

  /**
   * Where backup bytes are produced for runNow and the schedule: all profiles
   * as JSON, or with `encrypt` a .ttbak sealed with the stored backup password
   * (docs/FORMAT.md). With `encrypt` and no stored password the run fails with
   * 'no_backup_password' and says what to do.
   */
  async produceBackup({ encrypt }) {
    let r;
    try {
      r = await this.deps.exportJson({ encrypt });
    } catch (e) {
      if (e.code !== 'password_required') throw e;
      throw new StreakboxError('no_backup_password',
        'Scheduled backups are set to be encrypted, but no backup password is stored. Set one in Settings → Backups, or turn off “Encrypt scheduled backups”.');
    }
    return { bytes: r.bytes, counts: r.counts, extension: encrypt ? 'ttbak' : 'json', encrypted: !!encrypt };
  }

  /**
   * Options that unlock `blob` for validation or import: the password given,
   * else for a .ttbak the stored backup password (history's encrypted
   * backups were sealed with it).
   */
  async unlock(blob, password) {
    if (password) return { password };
    return (await startsWith(blob, TTBAK_MAGIC)) ? { useStoredPassword: true } : {};
  }

  /** The database file as backup bytes (safety snapshots before a database-level restore). */
  async produceDatabase() {
    const r = await this.deps.exportDatabase();
    return { bytes: r.bytes, counts: r.info.counts, extension: 'db', encrypted: false };
  }

  fileName(kind, id, extension) {
    const stamp = new Date(this.deps.nowMs()).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
    return `streakbox-${kind}-${stamp}-${id}.${extension}`;
  }

  /**
   * Makes one backup into the configured location and records it in the
   * history. kind: 'manual' | 'scheduled' | 'safety'; format: 'json' | 'sqlite'.
   * The location is opened before anything is recorded: a location that needs
   * permission is not an attempt (the run waits); any later failure is
   * recorded as a failed entry and rethrown. A backup counts only when it
   * would restore: the written file is read back and must pass the validator
   * an import uses (readBack) before the entry is marked ok.
   */
  async makeBackup({ kind, format = 'json', frequency, encrypt = false }) {
    const { deps } = this;
    const settings = await deps.call('backupSettings');
    const store = await deps.storeFor(kind === 'safety' ? 'opfs' : settings.location);
    const id = await deps.call('backupBegin', { kind, format, location: store.location, frequency, encrypted: !!encrypt });
    try {
      const produced = format === 'sqlite' ? await this.produceDatabase() : await this.produceBackup({ encrypt });
      const filename = this.fileName(kind, id, produced.extension);
      const written = await store.write(filename, produced.bytes);
      await this.readBack(store, filename, format, produced.encrypted);
      const done = await deps.call('backupFinish', id, { ok: true, filename, ...written, counts: produced.counts });
      // A verified file in a folder on disk is a copy outside the browser. The
      // backup is good whether or not the record can be saved.
      if (store.location.startsWith('folder:') && deps.recordOffsite) await Promise.resolve().then(() => deps.recordOffsite('folder')).catch(() => {});
      await this.applyRetention(done.removals);
      return done.entry;
    } catch (e) {
      try {
        await deps.call('backupFinish', id, { ok: false, error: `${e.code || 'io_error'}: ${e.message}` });
      } catch {
        /* the original failure is the one to report */
      }
      throw e;
    } finally {
      deps.notify({ event: 'history' });
    }
  }

  /**
   * Reads `filename` back from `store` and checks it as an import would: a
   * JSON backup through the module's validator (a .ttbak decrypted with the
   * stored password it was sealed with), a database file through the
   * database check. Throws the validator's error, prefixed with what it means.
   */
  async readBack(store, filename, format, encrypted) {
    const file = await store.read(filename);
    try {
      if (format === 'sqlite') await this.deps.inspectDatabase(file);
      else await this.deps.validateBackup(file, encrypted ? { useStoredPassword: true } : {});
    } catch (e) {
      const first = e.errors && e.errors.length ? ` (${e.errors[0].path}: ${e.errors[0].message})` : '';
      throw Object.assign(new StreakboxError(e.code || 'invalid',
        `the backup was written but would not restore, so it does not count: ${e.message}${first}`), { wouldNotRestore: true });
    }
  }

  // Deletes what retention removes. The new backup is already recorded as
  // good: a file that cannot be deleted now stays listed, and the next
  // successful run's plan names it again.
  async applyRetention(removals) {
    for (const r of removals) {
      try {
        await this.removeEntry(r);
      } catch {
        /* retried after the next run */
      }
    }
  }

  async removeEntry(entry) {
    if (entry.filename) await (await this.deps.storeFor(entry.location)).remove(entry.filename);
    await this.deps.call('backupRemove', entry.id);
  }

  // --- The schedule --------------------------------------------------------

  /**
   * Once per open, before the first check: entries left running by a closed
   * tab are marked failed, and partial files left in Streakbox's folder are
   * deleted (they never were backups).
   */
  recover() {
    return this.serial(async () => {
      await this.deps.call('backupRecover');
      await (await this.deps.storeFor('opfs')).removePartials();
    });
  }

  /** Runs the scheduled backup if it is due, then arms the timer for the next one. */
  check() {
    return this.serial(async () => {
      clearTimeout(this.timer);
      this.timer = null;
      let decision = await this.deps.call('backupSchedule');
      if (decision.due) {
        const settings = await this.deps.call('backupSettings');
        try {
          await this.makeBackup({ kind: 'scheduled', frequency: settings.frequency, encrypt: settings.encrypt });
          this.waiting = null;
        } catch (e) {
          // Waiting for permission or a folder is not a failed run: nothing was recorded.
          this.waiting = e.code === 'permission_needed' || e.code === 'folder_missing'
            ? { code: e.code, message: e.message } : null;
        } finally {
          this.deps.notify({ event: 'schedule' });
        }
        decision = await this.deps.call('backupSchedule');
      } else {
        this.waiting = null;  // nothing is due (switched off, or a run happened): nothing waits
      }
      if (decision.next_due) {
        const wait = Date.parse(decision.next_due) - this.deps.nowMs();
        this.timer = setTimeout(() => this.check(), Math.min(Math.max(wait, 1000), MAX_TIMER_MS));
      }
      return this.status(decision);
    });
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  status(decision) {
    return { ...decision, waiting: this.waiting };
  }

  // --- History actions -----------------------------------------------------

  async entryFile(id) {
    const entry = await this.deps.call('backupGet', id);
    if (entry.status !== 'ok') throw new StreakboxError('not_found', 'this backup did not complete, so there is no file to use');
    const file = await (await this.deps.storeFor(entry.location)).read(entry.filename);
    return { entry, file };
  }

  /**
   * History entry `id`'s file, after checking it is the file that was saved
   * (size and SHA-256 as recorded); throws 'damaged' when it changed.
   */
  async checkedEntryFile(id) {
    const { entry, file } = await this.entryFile(id);
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length !== entry.size || (await sha256Hex(bytes)) !== entry.sha256) {
      throw new StreakboxError('damaged', `${entry.filename} has changed since it was saved (its size or checksum differs); it is not used. Use another backup.`);
    }
    return { entry, file };
  }

  /** What a backup (history id, or a File/Blob) holds, checked without applying: {format, header, counts}. */
  async inspect(blob, { password } = {}) {
    if (await startsWith(blob, SQLITE_MAGIC)) {
      const info = await this.deps.inspectDatabase(blob);
      return { format: 'sqlite', header: { schema_version: info.schema_version, instance_id: info.instance_id }, counts: info.counts, size: info.size };
    }
    const s = await this.deps.validateBackup(blob, await this.unlock(blob, password));
    return { format: 'json', header: s.header, counts: s.counts, profile_names: s.profile_names, size: blob.size };
  }

  /** Verifies history entry `id`: the file is there, unchanged (size, SHA-256), and valid. */
  verify(id, { password } = {}) {
    return this.serial(async () => {
      const { file } = await this.checkedEntryFile(id);
      return { id, checksum_ok: true, ...(await this.preview(file, { password })) };
    });
  }

  /** {filename, bytes} of history entry `id`, for a download. */
  download(id) {
    return this.serial(async () => {
      const { entry, file } = await this.entryFile(id);
      return { filename: entry.filename, bytes: new Uint8Array(await file.arrayBuffer()) };
    });
  }

  remove(id) {
    return this.serial(async () => {
      const entry = await this.deps.call('backupGet', id);
      await this.removeEntry(entry);
      this.deps.notify({ event: 'history' });
      return null;
    });
  }

  runNow() {
    return this.serial(() => this.makeBackup({ kind: 'manual' }));
  }

  // --- Destructive steps: a safety snapshot first, and what changes ------------

  /**
   * Runs `fn` (a destructive step: a Replace import, deleting a profile)
   * after saving a safety snapshot of everything into the history, one
   * backup operation at a time. Resolves {value: fn's result, safety_id}; the
   * snapshot restores what was there before (Undo). No snapshot, no step: a
   * snapshot that cannot be saved rejects and `fn` does not run. format:
   * 'json' (default) or 'sqlite'.
   */
  beforeDestructive(fn, { format = 'json' } = {}) {
    return this.serial(() => this.snapshotThen(fn, format));
  }

  // REQUIRES: called inside serial(). A JSON snapshot that would not restore
  // (the database holds rows the import rules refuse) falls back to a
  // snapshot of the database file, so such a database can still be repaired
  // by a restore; when neither can be saved, the step does not run.
  async snapshotThen(fn, format) {
    let safety;
    try {
      safety = await this.makeBackup({ kind: 'safety', format });
    } catch (e) {
      if (format !== 'json' || !e.wouldNotRestore) throw e;
      safety = await this.makeBackup({ kind: 'safety', format: 'sqlite' });
    }
    return { value: await fn(), safety_id: safety.id };
  }

  /** inspect() plus what a restore of the file changes beyond the data (changes()). */
  async preview(blob, { password } = {}) {
    const info = await this.inspect(blob, { password });
    return { ...info, changes: await this.changes(info) };
  }

  /**
   * What restoring a file described by `info` (an inspect() result) changes
   * besides profiles, tasks and history:
   *   backup_settings: {differ, fields, here, file, applied}: the file's
   *     schedule (enabled, frequency, retention_count, encrypt) against this
   *     browser's; `differ` is null when the file cannot tell (a database
   *     file); `applied` 'kept' (default) or 'taken' (takeBackupSettings);
   *   other_instance: the file was written by another Streakbox installation;
   *   stored_password: 'kept' (this browser's stays), 'lost' (a database file
   *     from elsewhere replaces it), or 'none' (none is stored here; one stored
   *     where the file came from never travels: set one).
   */
  async changes(info, { takeBackupSettings = false } = {}) {
    const here = await this.deps.call('backupSettings');
    const { instance_id: ours } = await this.deps.call('info');
    const theirs = info.header && info.header.instance_id;
    const otherInstance = !!theirs && theirs !== ours;
    const file = info.format === 'json' ? scheduleOf(info.header && info.header.settings) : null;
    const fields = file ? SCHEDULE_FIELDS.filter((k) => k in file && file[k] !== here[k]) : [];
    const passwordHere = this.deps.storedPasswordSet ? await this.deps.storedPasswordSet() : false;
    return {
      backup_settings: {
        differ: info.format === 'json' ? fields.length > 0 : null,
        fields,
        here: pick(here, SCHEDULE_FIELDS),
        file,
        applied: takeBackupSettings ? 'taken' : 'kept',
      },
      other_instance: otherInstance,
      stored_password: !passwordHere ? 'none' : info.format === 'sqlite' && otherInstance ? 'lost' : 'kept',
    };
  }

  /**
   * A full restore from history entry `id` or a File/Blob: check it (a
   * history file must still match its checksum, else 'damaged'), save a
   * safety snapshot of the current data into the history, replace everything
   * (one transaction, integrity_check and a count comparison before commit),
   * and report. Any failure before the replacement's commit changes nothing.
   * This browser's backup schedule is kept unless `takeBackupSettings`.
   * `expect`: 'sqlite' for importDatabase (refuses anything else).
   * Resolves {format, header, counts, safety_id, integrity, changes}.
   */
  restore(source, { password, expect, takeBackupSettings = false } = {}) {
    return this.serial(async () => {
      const blob = typeof source === 'number' ? (await this.checkedEntryFile(source)).file : source;
      if (expect === 'sqlite' && !(await startsWith(blob, SQLITE_MAGIC))) {
        throw new StreakboxError('malformed', 'this file is not an SQLite database; to restore a JSON backup use Restore');
      }
      const before = await this.inspect(blob, { password });
      const changes = await this.changes(before, { takeBackupSettings });
      const schedule = changes.backup_settings.here;
      const { safety_id } = await this.snapshotThen(async () => {
        if (before.format === 'sqlite') await this.deps.importDatabase(blob);
        else await this.deps.importBackup(blob, { mode: 'replace', verify: true, takeBackupSettings, ...(await this.unlock(blob, password)) });
      }, before.format);
      if (before.format === 'sqlite') await this.afterDatabaseRestore(changes, schedule, takeBackupSettings);
      const integrity = await this.deps.call('integrityCheck');
      this.deps.notify({ event: 'restored' });
      return { format: before.format, header: before.header, counts: before.counts, safety_id, integrity: integrity.join('; '), changes };
    });
  }

  // A database file brings its own settings table: keep this browser's
  // schedule unless asked (a second step after the restore's commit), and
  // find out what the file's schedule and the stored password turned out to be.
  async afterDatabaseRestore(changes, schedule, takeBackupSettings) {
    const restored = pick(await this.deps.call('backupSettings'), SCHEDULE_FIELDS);
    const fields = SCHEDULE_FIELDS.filter((k) => restored[k] !== schedule[k]);
    Object.assign(changes.backup_settings, { differ: fields.length > 0, fields, file: restored });
    if (!takeBackupSettings && fields.length) await this.deps.call('configureBackups', schedule);
    if (changes.stored_password !== 'none' && this.deps.storedPasswordSet) {
      changes.stored_password = (await this.deps.storedPasswordSet()) ? 'kept' : 'lost';
    }
  }
}

// The backup schedule's settings as backups.settings() names them.
const SCHEDULE_FIELDS = ['enabled', 'frequency', 'retention_count', 'encrypt'];
const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/** The schedule a backup's `settings` object carries (its backup.* keys), or null when it has none. */
function scheduleOf(settings) {
  if (!settings || typeof settings !== 'object') return null;
  const out = {};
  const bool = (v) => v === 'true';
  if ('backup.enabled' in settings) out.enabled = bool(settings['backup.enabled']);
  if ('backup.frequency' in settings) out.frequency = settings['backup.frequency'];
  if ('backup.retention_count' in settings) out.retention_count = Number(settings['backup.retention_count']);
  if ('backup.encrypt' in settings) out.encrypt = bool(settings['backup.encrypt']);
  return Object.keys(out).length ? out : null;
}
