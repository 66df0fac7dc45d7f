// Settings → Backups → "Save a backup file": export one profile or all to a
// downloaded JSON file, or an encrypted .ttbak with a password (typed twice,
// or the stored one), and download the database file itself. The outcome
// shows right under the buttons. Bringing a file back is ui/restore_flow.js.
import { h, errorLine, showError, hideError, busy, download } from './dom.js';
import { downloadAndRecord } from './offsite.js';
import { newPasswordFields } from './passwords.js';

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function backupCard(app) {
  const { sb } = app;
  const status = h('p', { class: 'result', id: 'backup-status', role: 'status' });
  const err = errorLine();
  const bar = h('progress', { id: 'export-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Progress' });
  // A stage without measurable progress (the key derivation): an indeterminate bar.
  const setStage = (text) => { status.textContent = text; bar.hidden = false; bar.removeAttribute('value'); };
  // Encryption at export: a password typed twice, or the stored one when set.
  const encrypt = h('input', { type: 'checkbox', id: 'export-encrypt', name: 'encrypt' });
  const useStored = h('input', { type: 'checkbox', id: 'export-use-stored', name: 'use-stored' });
  const storedRow = h('label', { class: 'checkbox', hidden: true }, useStored, ' Use the stored backup password');
  const newPassword = newPasswordFields('export', 'Backup password');
  const encryptBox = h('div', { class: 'encrypt-options', hidden: true },
    storedRow, newPassword.element,
    h('p', { class: 'muted' }, 'Keep this password safe: without it the backup cannot be opened, by you or anyone.'));
  // Offers the stored password when there is one (asked afresh each time: it
  // may have been set or removed on this page since).
  async function refreshEncrypt() {
    encryptBox.hidden = !encrypt.checked;
    if (!encrypt.checked) return;
    const stored = await sb.backupPassword.isSet().catch(() => false);
    storedRow.hidden = !stored;
    useStored.checked = stored;
    newPassword.element.hidden = stored;
  }
  encrypt.addEventListener('change', refreshEncrypt);
  useStored.addEventListener('change', () => { newPassword.element.hidden = useStored.checked; });

  async function doExport(button, one) {
    hideError(err);
    let options = {};
    if (encrypt.checked) {
      const password = useStored.checked ? null : newPassword.check();
      if (!useStored.checked && !password) return;
      options = password ? { password } : { useStoredPassword: true };
    }
    await busy(button, async () => {
      try {
        if (encrypt.checked) setStage('Encrypting the backup…');
        const r = one ? await sb.exportProfile(app.profile.id, options) : await sb.exportAll(options);
        const type = r.encrypted ? 'application/octet-stream' : 'application/json';
        // A backup of everything that leaves the browser counts for the reminder on Today.
        if (one) download(r.bytes, r.filename, type);
        else await downloadAndRecord(sb, r.bytes, r.filename, type);
        status.textContent = `Saved ${r.filename}${r.encrypted ? ' (encrypted)' : ''}: ${plural(r.counts.profiles, 'profile')}, ${plural(r.counts.tasks, 'task')}, ${plural(r.counts.task_checks, 'check')}.`;
        if (encrypt.checked) newPassword.reset();
      } catch (e) {
        status.textContent = '';
        showError(err, e);
        if (e.code === 'password_required') await refreshEncrypt();  // the stored one is gone: show the fields
      } finally {
        bar.hidden = true;
      }
    });
  }

  const exportOne = h('button', { type: 'button', class: 'button', id: 'export-profile' }, `Save ${app.profile.name} only`);
  const exportAll = h('button', { type: 'button', class: 'button primary', id: 'export-all' }, 'Save all profiles');
  exportOne.onclick = () => doExport(exportOne, true);
  exportAll.onclick = () => doExport(exportAll, false);
  const dl = h('button', { type: 'button', class: 'button', id: 'download-db' }, 'Save the database file');
  dl.onclick = () => busy(dl, async () => {
    hideError(err);
    status.textContent = '';
    try {
      const r = await sb.exportDatabase();
      await downloadAndRecord(sb, r.bytes, r.filename, 'application/vnd.sqlite3');
      status.textContent = `Saved ${r.filename}: the whole of this Streakbox in one file.`;
    } catch (e) {
      showError(err, e);
    }
  });

  return h('section', { class: 'subsection', id: 'backup-restore', 'aria-labelledby': 'backup-title' },
    h('h3', { id: 'backup-title' }, 'Save a backup file'),
    h('p', { class: 'muted' }, 'Browsers can clear their storage. Keep a backup file somewhere else — another disk, cloud storage, a USB stick.'),
    h('label', { class: 'checkbox' }, encrypt, ' Encrypt with a password (a .ttbak file, safe to keep in cloud storage)'),
    encryptBox,
    h('div', { class: 'button-row' }, exportAll, exportOne, dl),
    bar, status, err);
}
