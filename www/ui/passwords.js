// Password inputs for encrypted backups: a new password typed twice (export,
// the stored backup password) and the prompt that unlocks an encrypted file.
import { h, uid, errorLine, showError, hideError, fieldError, showDialog, dialogFrame } from './dom.js';

// New passwords only; the core accepts any non-empty password (old files).
export const MIN_PASSWORD_LENGTH = 8;

/** A new password and its confirmation. check() returns the password, or shows why not and returns null. */
export function newPasswordFields(prefix, label = 'Password') {
  const pw = h('input', { type: 'password', id: `${prefix}-password`, autocomplete: 'new-password' });
  const again = h('input', { type: 'password', id: `${prefix}-password-confirm`, autocomplete: 'new-password' });
  const err = errorLine();
  const element = h('div', { class: 'password-fields' },
    h('div', { class: 'field' }, h('label', { for: pw.id }, label), pw),
    h('div', { class: 'field' }, h('label', { for: again.id }, 'Type it again'), again),
    err);
  function check() {
    fieldError(again, err, null);
    fieldError(pw, err, null);
    if (pw.value.length < MIN_PASSWORD_LENGTH) {
      fieldError(pw, err, `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
      pw.focus();
      return null;
    }
    if (again.value !== pw.value) {
      fieldError(again, err, 'The two passwords are not the same.');
      again.focus();
      return null;
    }
    return pw.value;
  }
  function reset() {
    pw.value = '';
    again.value = '';
    hideError(err);
  }
  return { element, check, reset };
}

/**
 * Asks for an encrypted backup's password in a modal dialog. Each try calls
 * attempt(password, onProgress); while it rejects with wrong_password the
 * dialog says so and lets the user try again (no need to pick the file again).
 * Resolves with attempt's value, or null when cancelled; other errors reject.
 * While the key is derived (no progress is possible) a stage line and an
 * indeterminate bar show; the first onProgress call makes the bar fill.
 */
export function askPassword(fileName, attempt) {
  const input = h('input', { type: 'password', id: uid('unlock'), autocomplete: 'current-password' });
  const err = errorLine();
  const stage = h('p', { class: 'muted', role: 'status', id: 'unlock-stage' });
  const bar = h('progress', { id: 'unlock-progress', max: 1, hidden: true, 'aria-label': 'Unlocking the backup' });
  const unlock = h('button', { class: 'button primary', type: 'submit', 'data-unlock': true }, 'Unlock');
  const cancel = h('button', { class: 'button', type: 'button' }, 'Cancel');
  const dialog = dialogFrame(`${fileName} is encrypted`, [
    h('p', {}, 'Enter the password this backup was saved with.'),
    h('div', { class: 'field' }, h('label', { for: input.id }, 'Backup password'), input),
    err, stage, bar,
  ], [cancel, unlock], { 'data-password-prompt': true });
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn, value) => {
      if (settled) return;
      settled = true;
      if (dialog.open) dialog.close();
      fn(value);
    };
    cancel.onclick = () => finish(resolve, null);
    dialog.addEventListener('close', () => finish(resolve, null));
    dialog.querySelector('form').addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!input.value) {
        showError(err, 'Enter the password.');
        return;
      }
      hideError(err);
      unlock.disabled = input.disabled = true;
      stage.textContent = 'Unlocking the backup…';
      bar.hidden = false;
      bar.removeAttribute('value');
      try {
        const value = await attempt(input.value, (f) => {
          stage.textContent = 'Checking the backup…';
          bar.value = f;
        });
        finish(resolve, value);
      } catch (x) {
        if (x.code !== 'wrong_password') {
          finish(reject, x);
          return;
        }
        showError(err, 'That password is wrong for this backup. Try again.');
      } finally {
        unlock.disabled = input.disabled = false;
        stage.textContent = '';
        bar.hidden = true;
      }
      input.select();
      input.focus();
    });
    showDialog(dialog);
  });
}
