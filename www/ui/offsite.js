// A copy outside the browser: the calm reminder on Today (one button that
// downloads a fresh backup), "Share a backup" where the browser can share
// files, and the part of Settings → Storage that explains why and sets the
// reminder. The record and the decision are the worker's (wasm/offsite.js,
// sb.backups.offsite); this file only shows them and records what the user did.
import { h, fill, uid, errorLine, showError, hideError, busy, download } from './dom.js';
import { dateTimeOf } from './dates.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const REMINDER_LABELS = { 1: '1 day', 3: '3 days', 7: '7 days', 14: '14 days', 30: '30 days', 0: 'Never remind me' };
const HOW_WORDS = { download: 'downloaded', folder: 'written to a folder on disk', share: 'shared' };

/**
 * Whether this browser can hand a file to the system's share sheet (Web
 * Share API with files: phones, some desktops). Feature detection only.
 */
export function canShareFiles() {
  try {
    return typeof navigator.share === 'function' && typeof navigator.canShare === 'function'
      && navigator.canShare({ files: [new File(['{}'], 'streakbox-backup.json', { type: 'application/json' })] });
  } catch {
    return false;
  }
}

/**
 * A fresh backup of everything: a .ttbak sealed with the stored backup
 * password when the user chose encrypted backups (Settings → Backups), else
 * JSON. Resolves {bytes, filename, type}. With encryption chosen and no
 * stored password it rejects with a message saying what to do.
 */
export async function freshBackup(sb) {
  const { encrypt } = await sb.backups.settings();
  let r;
  try {
    r = await sb.exportAll(encrypt ? { useStoredPassword: true } : {});
  } catch (e) {
    if (e.code !== 'password_required') throw e;
    throw new Error('Your backups are set to be encrypted, but no backup password is stored. Set one in Settings → Backups → Backup password, or turn off “Encrypt scheduled backups”.');
  }
  return { bytes: r.bytes, filename: r.filename, type: r.encrypted ? 'application/octet-stream' : 'application/json' };
}

/**
 * Downloads `bytes` and records that a backup left the browser. A record
 * that cannot be saved does not undo the download (the reminder may then
 * come back early, which is the safe side).
 */
export async function downloadAndRecord(sb, bytes, filename, type, { entryId } = {}) {
  download(bytes, filename, type);
  await sb.backups.offsite.record('download', entryId === undefined ? {} : { entryId }).catch(() => {});
}

function ago(st) {
  const days = Math.floor((Date.parse(st.now) - Date.parse(st.last_at)) / DAY_MS);
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

/** The reminder on Today, or null when none is due. */
export async function offsiteReminder(app) {
  const { sb } = app;
  let st;
  try {
    st = await sb.backups.offsite.status();
  } catch {
    return null;
  }
  if (!st.due) return null;
  const err = errorLine();
  const button = h('button', { type: 'button', class: 'button primary', id: 'offsite-download' }, 'Download a backup');
  button.onclick = () => busy(button, async () => {
    hideError(err);
    try {
      const f = await freshBackup(sb);
      await downloadAndRecord(sb, f.bytes, f.filename, f.type);
      await app.render();
    } catch (e) {
      showError(err, e);
    }
  });
  const title = uid('offsite');
  return h('section', { class: 'card reminder', id: 'offsite-reminder', 'aria-labelledby': title },
    h('h2', { id: title }, st.reason === 'never' ? 'Keep a copy outside this browser' : 'Time for a fresh copy'),
    h('p', {}, st.reason === 'never'
      ? 'Your streaks live only in this browser so far. A backup file saved on your device or in your cloud storage brings them back if the browser ever clears its storage.'
      : `Your last backup outside this browser was ${ago(st)}. A fresh one keeps your recent days safe if the browser clears its storage.`),
    sb.backups.canUseFolder()
      ? h('p', { class: 'muted' }, 'Best of all: let scheduled backups go to a folder on this computer (Settings → Backups). Each one counts.')
      : null,
    h('div', { class: 'button-row' }, button),
    err);
}

/**
 * "Share a backup" (only where the browser can share files): a fresh backup
 * to the system share sheet, recorded once the share succeeds. Cancelling
 * the sheet (AbortError) records nothing and shows nothing. `onDone` runs
 * after a recorded share. Returns null where sharing files is not possible.
 */
export function shareButton(app, { onDone } = {}) {
  if (!canShareFiles()) return null;
  const { sb } = app;
  const err = errorLine();
  const button = h('button', { type: 'button', class: 'button', id: 'offsite-share' }, 'Share a backup');
  button.onclick = () => busy(button, async () => {
    hideError(err);
    try {
      const f = await freshBackup(sb);
      await navigator.share({ files: [new File([f.bytes], f.filename, { type: f.type })], title: f.filename });
      await sb.backups.offsite.record('share');
      if (onDone) await onDone();
    } catch (e) {
      if (e.name !== 'AbortError') showError(err, e);
    }
  });
  return h('div', {}, button, err);
}

/**
 * Settings → Storage, the copy outside the browser: why it matters (two
 * sentences), when the last one was made, the reminder's interval, and
 * "Share a backup" where possible.
 */
export async function offsiteSection(app) {
  const { sb } = app;
  const wrap = h('div', { class: 'offsite', id: 'offsite' });
  async function draw(message = '') {
    const st = await sb.backups.offsite.status();
    const select = h('select', { id: 'offsite-reminder-days' },
      [1, 3, 7, 14, 30, 0].map((v) => h('option', { value: String(v), selected: v === st.reminder_days }, REMINDER_LABELS[v])));
    const err = errorLine();
    select.addEventListener('change', async () => {
      hideError(err);
      try {
        await sb.backups.offsite.configure({ reminder_days: Number(select.value) });
        await draw(Number(select.value) ? 'Saved.' : 'Saved: Today will not remind you.');
      } catch (e) {
        showError(err, e);
      }
    });
    const last = st.last_at
      ? `${dateTimeOf(st.last_at)} (${HOW_WORDS[st.how] || 'saved'})`
      : 'never';
    fill(wrap,
      h('h3', {}, 'A copy outside this browser'),
      h('p', { id: 'offsite-why' },
        'A browser can clear its storage (under storage pressure, when site data is cleared, or in Safari after a week without a visit), and Streakbox’s own backups go with it. ',
        'A backup file downloaded, shared or written to a folder on your disk is the copy that brings your data back.'),
      h('p', { id: 'offsite-last' }, h('strong', {}, 'Last copy outside this browser: '), last),
      sb.backups.canUseFolder()
        ? h('p', { class: 'muted' }, 'Recommended here: scheduled backups to a folder on this computer (Settings → Backups, “Where backups go”); each one counts as a copy.')
        : null,
      h('div', { class: 'field' }, h('label', { for: select.id }, 'Remind me on Today when the last copy is older than'), select),
      shareButton(app, { onDone: () => draw('Shared.') }),
      message ? h('p', { class: 'result', role: 'status' }, message) : null,
      err);
  }
  await draw();
  return wrap;
}
