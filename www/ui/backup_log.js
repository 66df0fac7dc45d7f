// Settings → Backups, continued: the history list with Download / Verify /
// Restore / Delete, restoring from a file or a database file (always after a
// confirmation that shows what the file holds), and the "what gets backed up"
// table (the same as docs/ARCHITECTURE.md, "What gets backed up").
import { h, errorLine, showError, hideError, busy, showDialog, dialogFrame, confirmDialog } from './dom.js';
import { downloadAndRecord } from './offsite.js';
import { askPassword } from './passwords.js';
import { offerUndo } from './undo.js';
import { dateTimeOf } from './dates.js';

/**
 * The latest outcome to show in the Backups card. A restore redraws the whole
 * view (possibly twice: once for the page's own reload, once for the worker's
 * 'restored' event), so the note outlives a single card; it is shown by every
 * card drawn within a short while and replaced by the next outcome.
 */
export const note = { text: '', at: 0 };
export function setNote(text) {
  note.text = text;
  note.at = Date.now();
}
export const currentNote = () => (Date.now() - note.at < 15000 ? note.text : '');

const KINDS = { manual: 'Manual', scheduled: 'Scheduled', safety: 'Safety snapshot' };
const STATUS = { ok: 'Saved', failed: 'Failed', running: 'Running' };
// Where a copy exists outside the browser (backups.list()'s `outside`).
const OUTSIDE = { folder: 'Also outside the browser: on your disk', downloaded: 'Also outside the browser: downloaded' };

export function sizeText(n) {
  if (n == null) return '—';
  if (n < 1024) return `${n} bytes`;
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const countsText = (c) => (c
  ? `${plural(c.profiles, 'profile')}, ${plural(c.tasks, 'task')}, ${plural(c.task_checks, 'check')}, ${plural(c.daily_status, 'completed day')}`
  : '—');
const when = (iso) => dateTimeOf(iso, '—');

const SCHEDULE_WORDS = {
  enabled: (v) => (v ? 'on' : 'off'),
  frequency: (v) => v,
  retention_count: (v) => `keep ${v}`,
  encrypt: (v) => (v ? 'encrypted' : 'not encrypted'),
};
const scheduleText = (s) => (s ? Object.keys(SCHEDULE_WORDS).filter((k) => k in s).map((k) => SCHEDULE_WORDS[k](s[k])).join(', ') : '');

/**
 * What a restore changes beyond the data, as sentences (changes() in
 * wasm/backup_runner.js). `done`: after the restore (the summary), else before.
 */
export function changeLines(info, done = false) {
  const c = info.changes;
  if (!c) return [];
  const out = [];
  const hd = info.header || {};
  if (hd.scope === 'profile') {
    out.push(`This is a backup of one profile: only that profile is replaced; your other profiles ${done ? 'were' : 'are'} not touched.`);
  }
  const bs = c.backup_settings;
  if (bs.differ === true) {
    const how = bs.applied === 'taken' ? (done ? 'The file’s schedule was taken.' : '') : (done ? 'This browser’s schedule was kept.' : '');
    out.push(`The file’s backup settings (${scheduleText(bs.file)}) differ from this browser’s (${scheduleText(bs.here)}). ${how}`.trim());
  } else if (bs.differ === null && !done) {
    out.push(`A database file carries its own backup settings; this browser’s (${scheduleText(bs.here)}) are kept unless you take the file’s.`);
  }
  if (c.other_instance) out.push(`This backup comes from another Streakbox installation (instance ${hd.instance_id}).`);
  if (c.stored_password === 'none' && (c.other_instance || (bs.file && bs.file.encrypt))) {
    out.push('A backup password stored where this file came from cannot come along. To encrypt backups here, set one in Settings → Backups → Backup password.');
  } else if (c.stored_password === 'lost') {
    out.push(`This browser’s stored backup password ${done ? 'did' : 'does'} not come through this restore: set it again in Settings → Backups → Backup password.`);
  }
  return out;
}

/**
 * Shows what a backup holds and what else a restore changes, and asks to
 * restore it. `info` is an inspect()/verify() result: {format, header,
 * counts, changes}. Resolves null when cancelled, else {takeBackupSettings}.
 */
async function confirmRestore(info, name) {
  const hd = info.header || {};
  const rows = info.format === 'sqlite'
    ? [['Kind', 'Database file'], ['Schema version', hd.schema_version], ['Instance', hd.instance_id]]
    : [['Created', when(hd.exported_at || hd.export_date)], ['App version', hd.app_version || 'unknown'], ['Instance', hd.instance_id || 'unknown']];
  rows.push(['Holds', countsText(info.counts)]);
  const lines = changeLines(info);
  const bs = info.changes && info.changes.backup_settings;
  const choose = bs && bs.differ !== false;  // the file's schedule differs, or may (a database file)
  const keep = h('input', { type: 'radio', name: 'restore-settings', value: 'keep', id: 'restore-settings-keep', checked: true });
  const take = h('input', { type: 'radio', name: 'restore-settings', value: 'take', id: 'restore-settings-take' });
  const dialog = dialogFrame(`Restore ${name}?`, [
    h('dl', { class: 'info', id: 'restore-header' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v ?? '—'))])),
    h('p', {}, hd.scope === 'profile'
      ? 'The profile in this backup is replaced by it. A safety snapshot of your current data is saved to the backup history first, and you can undo right after.'
      : 'Everything in Streakbox now is replaced by this backup. A safety snapshot of your current data is saved to the backup history first, and you can undo right after.'),
    lines.length ? h('ul', { class: 'changes', id: 'restore-changes' }, lines.map((l) => h('li', {}, l))) : null,
    choose ? h('fieldset', { class: 'modes', id: 'restore-settings' }, h('legend', {}, 'Backup settings'),
      h('label', { class: 'radio' }, keep, h('span', {}, 'Keep this browser’s schedule')),
      h('label', { class: 'radio' }, take, h('span', {}, 'Take the file’s schedule'))) : null,
  ], [
    h('button', { class: 'button', value: 'cancel', autofocus: true }, 'Cancel'),
    h('button', { class: 'button danger', value: 'confirm', 'data-confirm': true }, hd.scope === 'profile' ? 'Replace this profile' : 'Replace everything'),
  ]);
  if ((await showDialog(dialog)) !== 'confirm') return null;
  return { takeBackupSettings: choose && take.checked };
}

/** inspect → confirm → restore, with a progress bar; the summary becomes the note, with an Undo offer. */
async function restoreFlow(app, source, name, { bar, err, database = false }) {
  const { sb } = app;
  hideError(err);
  bar.hidden = false;
  try {
    if (database && (await source.slice(0, 16).text()) !== 'SQLite format 3\0') {
      throw new Error('this file is not an SQLite database. To restore a backup file, use “Restore from a file”');
    }
    // A .ttbak opens with the stored backup password; otherwise (or when it
    // was sealed with another one) the user is asked, with retries.
    const look = (options) => (typeof source === 'number' ? sb.backups.verify(source, options) : sb.backups.inspect(source, options));
    let info;
    let password;
    try {
      info = await look({});
    } catch (e) {
      if (e.code !== 'password_required' && e.code !== 'wrong_password') throw e;
      bar.hidden = true;
      const unlocked = await askPassword(name, async (pw) => ({ pw, info: await look({ password: pw }) }));
      if (!unlocked) return;
      ({ pw: password, info } = unlocked);
    }
    bar.hidden = true;
    const choice = await confirmRestore(info, name);
    if (!choice) return;
    bar.hidden = false;
    const r = database ? await sb.importDatabase(source, choice) : await sb.backups.restore(source, { password, ...choice });
    const summary = [`Restored ${name}: ${countsText(r.counts)}. Integrity check: ${r.integrity || 'ok'}.`, ...changeLines(r, true)].join(' ');
    setNote(`${summary} A safety snapshot of what was there before is in the history.`);
    await app.reloadProfiles();
    offerUndo(app, { message: summary, safetyId: r.safety_id });
  } catch (e) {
    showError(err, e.code === 'invalid' || e.code === 'malformed' || e.code === 'unsupported_version' || e.code === 'damaged'
      ? `${name} cannot be restored: ${e.message}. Nothing was changed.` : e);
  } finally {
    bar.hidden = true;
  }
}

export function historySection(app, list, redraw) {
  const { sb } = app;
  const err = errorLine();
  const bar = h('progress', { hidden: true, 'aria-label': 'Working' });
  const result = h('p', { class: 'result', role: 'status', id: 'history-result' });
  const action = (label, fn, extra = {}) => {
    const b = h('button', { type: 'button', class: 'button small', ...extra }, label);
    b.onclick = () => busy(b, async () => {
      hideError(err);
      try {
        await fn();
      } catch (e) {
        showError(err, e);
      }
    });
    return b;
  };
  const rows = list.map((e) => h('tr', { 'data-id': e.id, 'data-kind': e.kind, 'data-status': e.status },
    h('td', {}, when(e.created_at)),
    h('td', {}, KINDS[e.kind] + (e.frequency ? ` (${e.frequency})` : '')),
    h('td', {}, e.format === 'sqlite' ? 'Database' : 'Backup file'),
    h('td', {}, sizeText(e.size)),
    h('td', {}, e.encrypted ? 'Yes' : 'No'),
    h('td', { class: e.status === 'failed' ? 'error' : '' }, STATUS[e.status] + (e.error ? `: ${e.error}` : '')),
    h('td', {}, e.location !== 'opfs' ? e.location.replace(/^folder:/, 'Folder ')
      : sb.state.storage === 'memory' ? 'This tab only' : 'This browser',
      e.outside ? h('div', { class: 'outside', 'data-outside': e.outside }, OUTSIDE[e.outside]) : null),
    h('td', {}, countsText(e.counts), e.sha256 ? h('div', { class: 'muted mono', title: e.sha256 }, `SHA-256 ${e.sha256.slice(0, 12)}…`) : null,
      h('div', { class: 'muted' }, e.retention.keep ? '' : `Will be removed: ${e.retention.reason}`)),
    h('td', {}, h('div', { class: 'actions' }, e.status === 'ok' ? [
      action('Download', async () => {
        const f = await sb.backups.download(e.id);
        await downloadAndRecord(sb, f.bytes, f.filename, 'application/octet-stream', { entryId: e.id });
        await redraw(`Downloaded ${f.filename}.`);
      }),
      action('Verify', async () => {
        const v = await sb.backups.verify(e.id);
        result.textContent = `${e.filename} is good: checksum matches; ${countsText(v.counts)}.`;
      }),
      action('Restore', () => restoreFlow(app, e.id, e.filename, { bar, err })),
    ] : null,
    action('Delete', async () => {
      if (await confirmDialog({ title: 'Delete this backup?', message: `${e.filename || 'This entry'} is deleted for good.`, confirmLabel: 'Delete' })) {
        await sb.backups.remove(e.id);
        await redraw('Deleted.');
      }
    }, { class: 'button small danger-quiet' })))));
  return h('div', { class: 'backup-history' },
    h('h3', {}, 'Backup history'),
    list.length
      ? h('div', { class: 'table-wrap' }, h('table', { id: 'backup-history' },
        h('thead', {}, h('tr', {}, ['Date', 'Kind', 'Type', 'Size', 'Encrypted', 'Status', 'Where', 'Contents'].map((t) => h('th', { scope: 'col' }, t)),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
        h('tbody', {}, rows)))
      : h('p', { class: 'muted', id: 'backup-history-empty' }, 'No backups yet.'),
    bar, result, err);
}

export function restoreSection(app) {
  const { sb } = app;
  const err = errorLine();
  const bar = h('progress', { hidden: true, 'aria-label': 'Working' });
  const fileInput = (id, accept, database) => {
    const input = h('input', { type: 'file', id, accept, hidden: true });
    input.addEventListener('change', async () => {
      const f = input.files[0];
      if (f) await restoreFlow(app, f, f.name, { bar, err, database });
      input.value = '';
    });
    return input;
  };
  const restoreFile = fileInput('restore-file', '.json,.ttbak,.db,.sqlite,application/json', false);
  const restoreDb = fileInput('restore-db', '.db,.sqlite,.sqlite3,application/vnd.sqlite3', true);
  // Real buttons (focusable, Enter and Space work) that open the hidden file inputs.
  const opener = (input, label) => h('button', { type: 'button', class: 'button', onclick: () => input.click() }, label);
  const dl = h('button', { type: 'button', class: 'button', id: 'download-db' }, 'Download the database file');
  dl.onclick = () => busy(dl, async () => {
    hideError(err);
    try {
      const r = await sb.exportDatabase();
      await downloadAndRecord(sb, r.bytes, r.filename, 'application/vnd.sqlite3');
    } catch (e) {
      showError(err, e);
    }
  });
  return h('div', { class: 'backup-restore' },
    h('h3', {}, 'Restore'),
    h('p', { class: 'muted' }, 'Restoring replaces everything, after a safety snapshot. The database file is the SQLite file itself: tools/streakbox opens it too.'),
    h('div', { class: 'button-row' },
      restoreFile, opener(restoreFile, 'Restore from a file…'),
      dl,
      restoreDb, opener(restoreDb, 'Restore a database file…')),
    bar, err);
}

const BACKED_UP = [
  ['Profiles, tasks, checks and completed days', 'Yes', 'Everything, with its dates'],
  ['App settings (including these backup settings)', 'Yes', ''],
  ['Secrets (such as the backup password)', 'Only encrypted', 'Never written in plain text'],
  ['Where backups go and the chosen folder', 'No', 'Belongs to this browser'],
  ['When a backup last left this browser, and the reminder', 'No', 'Belongs to this browser'],
  ['Backup history', 'No', 'Stays here; a restore keeps it'],
  ['Transient state (open tab, last schedule check)', 'No', 'Not persisted'],
];

export function whatIsBackedUp() {
  return h('details', { class: 'backed-up' },
    h('summary', {}, 'What gets backed up'),
    h('table', { id: 'backed-up' },
      h('thead', {}, h('tr', {}, ['Item', 'Backed up?', 'Notes'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, BACKED_UP.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))));
}
