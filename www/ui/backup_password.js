// Settings → Backups: the stored backup password. Set, change or remove it;
// it is kept encrypted in this browser (wasm/stored_password.js) and never
// shown back: the card only says whether one is set. Encrypted exports (and
// scheduled backups) can use it without typing it.
import { h, errorLine, showError, hideError, busy, confirmDialog, showDialog, dialogFrame } from './dom.js';
import { newPasswordFields } from './passwords.js';

/**
 * A dialog that sets the stored backup password (from where one is needed,
 * e.g. "Encrypt scheduled backups"). Resolves true once it is saved.
 */
export async function setPasswordDialog(app) {
  const fields = newPasswordFields('dialog-stored', 'New backup password');
  const err = errorLine();
  const save = h('button', { class: 'button primary', type: 'submit', id: 'password-dialog-save' }, 'Save password');
  const dialog = dialogFrame('Set a backup password', [
    h('p', {}, 'Encrypted backups are sealed with this password. Streakbox keeps it encrypted in this browser and never shows it again.'),
    fields.element, err,
  ], [h('button', { class: 'button', value: 'cancel', type: 'button', onclick: () => dialog.close('cancel') }, 'Cancel'), save], { id: 'password-dialog' });
  let saved = false;
  dialog.querySelector('form').addEventListener('submit', (e) => {
    e.preventDefault();
    const password = fields.check();
    if (!password) return;
    busy(save, async () => {
      try {
        await app.sb.backupPassword.set(password);
        saved = true;
        dialog.close('saved');
      } catch (x) {
        showError(err, x);
      }
    });
  });
  await showDialog(dialog);
  return saved;
}

/** The card element; it fills in its state by itself. */
export function backupPasswordCard(app) {
  const { sb } = app;
  const state = h('p', { id: 'backup-password-state' }, '…');
  const result = h('p', { class: 'result', role: 'status', id: 'backup-password-result' });
  const err = errorLine();
  const fields = newPasswordFields('stored', 'New backup password');
  const save = h('button', { type: 'submit', class: 'button primary', id: 'backup-password-save' }, 'Save password');
  const cancel = h('button', { type: 'button', class: 'button' }, 'Cancel');
  const form = h('form', { id: 'backup-password-form', hidden: true, novalidate: true },
    fields.element, h('div', { class: 'button-row' }, save, cancel));
  const setButton = h('button', { type: 'button', class: 'button', id: 'backup-password-set' }, 'Set a backup password');
  const change = h('button', { type: 'button', class: 'button', id: 'backup-password-change' }, 'Change');
  const remove = h('button', { type: 'button', class: 'button danger', id: 'backup-password-remove' }, 'Remove');

  async function refresh() {
    try {
      const set = await sb.backupPassword.isSet();
      state.textContent = set ? 'A backup password is set.' : 'No backup password is stored.';
      setButton.hidden = set;
      change.hidden = remove.hidden = !set;
    } catch (e) {
      showError(err, e);
    }
  }
  const openForm = () => {
    hideError(err);
    result.textContent = '';
    fields.reset();
    form.hidden = false;
    form.querySelector('input').focus();
  };
  setButton.onclick = openForm;
  change.onclick = openForm;
  cancel.onclick = () => { form.hidden = true; fields.reset(); };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const password = fields.check();
    if (!password) return;
    busy(save, async () => {
      try {
        await sb.backupPassword.set(password);
        fields.reset();
        form.hidden = true;
        result.textContent = 'Saved. Encrypted backups can now use it without typing it.';
        await refresh();
      } catch (x) {
        showError(err, x);
      }
    });
  });
  remove.onclick = async () => {
    // Scheduled backups set to be encrypted would fail without it: say so, and turn that off with it.
    const encrypted = await sb.backups.settings().then((s) => s.encrypt, () => false);
    const ok = await confirmDialog({
      title: 'Remove the backup password?',
      message: encrypted
        ? 'Scheduled backups are set to be encrypted with this password; without it they cannot be. Removing it also turns off “Encrypt scheduled backups” (later backups are saved unencrypted). Backups already encrypted with it still need it to be opened.'
        : 'Backups already encrypted with it still need it to be opened: keep it somewhere if you may need them.',
      confirmLabel: encrypted ? 'Remove and stop encrypting' : 'Remove',
    });
    if (!ok) return;
    await busy(remove, async () => {
      try {
        if (encrypted) await sb.backups.configure({ encrypt: false });
        await sb.backupPassword.remove();
        result.textContent = encrypted ? 'Removed. Scheduled backups are no longer encrypted.' : 'Removed.';
        if (encrypted) document.dispatchEvent(new CustomEvent('streakbox:backup-settings'));
        await refresh();
      } catch (x) {
        showError(err, x);
      }
    });
  };
  refresh();
  // Set from elsewhere (the "Encrypt scheduled backups" box): show it.
  document.addEventListener('streakbox:backup-password', () => { if (state.isConnected) refresh(); });

  return h('section', { class: 'card', id: 'backup-password', 'aria-labelledby': 'backup-password-title' },
    h('h2', { id: 'backup-password-title' }, 'Backup password'),
    h('p', { class: 'muted' }, 'A password for encrypted backups (.ttbak), separate from anything else. Streakbox keeps it encrypted in this browser and never shows it again. Without it, backups encrypted with it cannot be opened.'),
    state, h('div', { class: 'button-row' }, setButton, change, remove), form, result, err);
}
