// Settings → Backups: the scheduled-backup settings (with inline validation;
// "Encrypt scheduled backups" is refused in place while no backup password is
// stored, with a way to set one), where backups go, "Back up now", saving a
// backup file (backup_files.js), the log (backup_log.js) and the banner Today
// shows when a scheduled backup failed or waits for permission.
import { h, uid, errorLine, showError, hideError, fieldError, busy } from './dom.js';
import { historySection, whatIsBackedUp, setNote, currentNote } from './backup_log.js';
import { backupCard } from './backup_files.js';
import { setPasswordDialog } from './backup_password.js';
import { clockTime, dateTimeOf } from './dates.js';

const when = (iso) => dateTimeOf(iso);

const FREQUENCIES = { daily: `Daily, at ${clockTime(3)}`, weekly: `Weekly, Mondays at ${clockTime(3)}`, monthly: `Monthly, on the 1st at ${clockTime(3)}` };

/** One line about the schedule: next run, last success, and any failure or wait. */
export function scheduleText(st) {
  if (st.waiting) return st.waiting.message;
  if (!st.enabled) return 'Scheduled backups are off.';
  const parts = [`Next backup: ${when(st.next_due)}.`, `Last successful scheduled backup: ${when(st.last_success)}.`];
  if (st.last_failed) parts.push(`The last attempt (${when(st.last_attempt)}) failed: ${(st.last_error || "").replace(/^[a-z_]+: /, "")}`);
  return parts.join(' ');
}

/**
 * The banner on Today: shown while the latest scheduled backup failed (until
 * a later one succeeds) or a backup waits for permission; null otherwise.
 */
export async function backupBanner(app) {
  let st;
  try {
    st = await app.sb.backups.status();
  } catch {
    return null;
  }
  if (!st.waiting && !(st.enabled && st.last_failed)) return null;
  const actions = [];
  if (st.waiting && st.waiting.code === 'permission_needed') {
    const allow = h('button', { type: 'button', class: 'button primary', id: 'backup-allow' }, 'Allow');
    allow.onclick = () => busy(allow, async () => {
      await app.sb.backups.requestPermission().catch(() => false);
      app.render();
    });
    actions.push(allow);
  }
  actions.push(h('button', { type: 'button', class: 'button', onclick: () => app.go('settings') }, 'Backup settings'));
  return h('div', { class: 'card banner', id: 'backup-banner', role: 'alert' },
    h('p', {}, h('strong', {}, st.waiting ? 'A backup is waiting. ' : 'The last scheduled backup failed. '), scheduleText(st)),
    h('div', { class: 'button-row' }, actions));
}

function settingsForm(app, settings, folder, onSaved) {
  const { sb } = app;
  const enabled = h('input', { type: 'checkbox', id: uid('bk'), checked: settings.enabled });
  const frequency = h('select', { id: uid('bk') },
    Object.entries(FREQUENCIES).map(([v, label]) => h('option', { value: v, selected: v === settings.frequency }, label)));
  const retention = h('input', { type: 'number', id: uid('bk'), min: 1, max: 365, step: 1, value: settings.retention_count, inputmode: 'numeric' });
  const retentionErr = errorLine();
  retention.setAttribute('aria-describedby', retentionErr.id);
  const encrypt = h('input', { type: 'checkbox', id: uid('bk'), checked: settings.encrypt });
  // Encryption needs a stored backup password: without one, say so next to the box and offer to set it.
  const setPw = h('button', { type: 'button', class: 'button small', id: 'encrypt-set-password' }, 'Set a backup password…');
  const needText = h('span', {}, 'Encrypted backups need a stored backup password, and none is set. ');
  const need = h('div', { class: 'field-note error', id: 'encrypt-needs-password', role: 'alert', hidden: true }, needText, setPw);
  encrypt.setAttribute('aria-describedby', need.id);
  const hasPassword = () => sb.backupPassword.isSet().catch(() => false);
  async function checkEncrypt() {
    need.hidden = !encrypt.checked || (await hasPassword());
    return need.hidden;
  }
  encrypt.addEventListener('change', checkEncrypt);
  setPw.onclick = async () => {
    if (await setPasswordDialog(app)) {
      await checkEncrypt();
      saved.textContent = 'Backup password saved; scheduled backups can be encrypted with it. Save to keep the setting.';
      document.dispatchEvent(new CustomEvent('streakbox:backup-password'));
    }
  };
  if (settings.encrypt) checkEncrypt();
  const canFolder = sb.backups.canUseFolder();
  const loc = (value, label, disabled) => h('label', { class: 'radio' },
    h('input', { type: 'radio', name: 'backup-location', value, checked: settings.location === value, disabled }), h('span', {}, label));
  const folderLine = h('p', { class: 'muted', id: 'backup-folder' });
  const choose = h('button', { type: 'button', class: 'button', id: 'backup-choose-folder', hidden: !canFolder }, folder ? 'Choose another folder…' : 'Choose a folder…');
  if (folder) {
    folderLine.textContent = folder.permission === 'granted'
      ? `Folder: ${folder.name}`
      : `Folder: ${folder.name}. Streakbox needs permission to write to “${folder.name}”.`;
  } else if (!canFolder) {
    folderLine.textContent = 'This browser cannot write to folders on your disk; backups stay in Streakbox’s own folder. Download them from the history to keep a copy elsewhere.';
  }
  const err = errorLine();
  const saved = h('p', { class: 'result', role: 'status' });
  const allow = h('button', { type: 'button', class: 'button primary', id: 'backup-folder-allow', hidden: !folder || folder.permission === 'granted' }, 'Allow');
  allow.onclick = () => busy(allow, async () => {
    hideError(err);
    try {
      const granted = await sb.backups.requestPermission();
      await onSaved(granted ? 'Permission granted.' : 'The browser did not give permission; backups to the folder wait until it does.');
    } catch (e) {
      showError(err, e);
    }
  });

  choose.onclick = () => busy(choose, async () => {
    hideError(err);
    try {
      await sb.backups.chooseFolder();
      await onSaved('Backups will go to the folder you chose.');
    } catch (e) {
      if (e.name !== 'AbortError') showError(err, e);
    }
  });

  const save = h('button', { type: 'submit', class: 'button primary', id: 'backup-save' }, 'Save backup settings');
  const form = h('form', { class: 'backup-form', id: 'backup-settings', novalidate: true },
    h('label', { class: 'checkbox' }, enabled, ' Scheduled backups'),
    h('div', { class: 'field' }, h('label', { for: frequency.id }, 'Frequency'), h('div', {}, frequency)),
    h('div', { class: 'field' }, h('label', { for: retention.id }, 'Keep this many scheduled backups (1–365)'), retention, retentionErr),
    h('label', { class: 'checkbox' }, encrypt, ' Encrypt scheduled backups (uses your backup password)'),
    need,
    h('fieldset', { class: 'modes' }, h('legend', {}, 'Where backups go'),
      loc('opfs', 'Streakbox’s own folder in this browser', false),
      loc('folder', 'A folder on this computer', !canFolder && settings.location !== 'folder'),
      folderLine, h('div', { class: 'button-row' }, allow, choose)),
    h('div', { class: 'button-row' }, save), saved, err);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    hideError(err);
    saved.textContent = '';
    const n = Number(retention.value);
    if (!Number.isInteger(n) || n < 1 || n > 365) {
      fieldError(retention, retentionErr, 'Enter a whole number from 1 to 365.');
      retention.focus();
      return;
    }
    fieldError(retention, retentionErr, null);
    const location = form.querySelector('input[name="backup-location"]:checked')?.value || 'opfs';
    busy(save, async () => {
      if (!(await checkEncrypt())) {
        saved.textContent = 'Not saved: set a backup password first, or untick “Encrypt scheduled backups”.';
        encrypt.focus();
        return;
      }
      try {
        await sb.backups.configure({ enabled: enabled.checked, frequency: frequency.value, retention_count: n, encrypt: encrypt.checked, location });
        await onSaved('Saved.');
      } catch (e2) {
        if (/retention_count/.test(e2.message)) fieldError(retention, retentionErr, e2);
        else showError(err, e2);
      }
    });
  });
  return form;
}

/** The Settings → Backups card. */
export async function backupsCard(app) {
  const card = h('section', { class: 'card', id: 'backups', 'aria-labelledby': 'backups-title' });
  async function draw() {
    const { sb } = app;
    const [settings, status, list, folder] = await Promise.all([
      sb.backups.settings(), sb.backups.status(), sb.backups.list(), sb.backups.folder().catch(() => null)]);
    const statusLine = h('p', { id: 'backup-schedule', class: status.last_failed || status.waiting ? 'error' : 'muted', role: 'status' }, scheduleText(status));
    const err = errorLine();
    const bar = h('progress', { id: 'backup-progress', hidden: true, 'aria-label': 'Working' });
    const now = h('button', { type: 'button', class: 'button primary', id: 'backup-now' }, 'Back up now');
    now.onclick = () => busy(now, async () => {
      hideError(err);
      bar.hidden = false;
      try {
        const e = await sb.backups.runNow();
        setNote(`Backed up to ${e.filename}.`);
        await draw();
      } catch (e) {
        showError(err, e);
      } finally {
        bar.hidden = true;
      }
    });
    const redraw = async (text) => { setNote(text); await draw(); };
    const message = currentNote();
    // In memory (ui/storage_notice.js) a schedule would only fill this tab's memory: say what applies instead.
    const schedule = sb.state.storage === 'memory'
      ? [h('p', { id: 'backup-memory' }, 'Scheduled backups are off here: this browser window keeps nothing after the tab closes, so they would be lost with it. “Back up now” puts a backup in the history below for as long as this tab is open; download it there, or save a backup file below, to keep it.')]
      : [h('p', { class: 'muted' }, 'Streakbox can back up everything on a schedule while it is open, and catches up once when you open it after a missed backup.'),
        statusLine,
        settingsForm(app, settings, folder, redraw)];
    card.replaceChildren(...[
      h('h2', { id: 'backups-title' }, 'Backups'),
      ...schedule,
      h('div', { class: 'button-row' }, now),
      bar,
      message ? h('p', { class: 'result', role: 'status', id: 'backup-message' }, message) : null,
      err,
      backupCard(app),
      historySection(app, list, redraw),
      whatIsBackedUp()].filter(Boolean));
  }
  await draw();
  // The password card turned encryption off (its password was removed): show the box as it is now.
  document.addEventListener('streakbox:backup-settings', () => { if (card.isConnected) draw(); });
  return card;
}
