// Settings → Backup & Restore: export one profile or all to a downloaded JSON
// file, or an encrypted .ttbak with a password; import a file (picker or drag
// and drop) into the whole Streakbox or the current profile, in Replace or
// Merge mode, previewed by a dry run and applied only after the user confirms.
// An encrypted file (recognised by the worker from its content) opens a
// password prompt first; a Loop Habit Tracker backup (also recognised by its
// content) is previewed habit by habit and goes into one profile, a new one
// named "Loop" by default. Long work shows a progress bar.
import { h, uid, errorLine, showError, hideError, busy, showDialog, dialogFrame, describeError, download } from './dom.js';
import { downloadAndRecord } from './offsite.js';
import { askPassword, newPasswordFields } from './passwords.js';
import { offerUndo } from './undo.js';
import { isLoopReport, loopPreview, loopProfileName } from './loop_preview.js';


// The last import's outcome, shown by the card that the post-import re-render draws.
let lastResult = null;

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function countsText(c) {
  const parts = [];
  if (c.added) parts.push(`${c.added} new`);
  if (c.replaced) parts.push(`${c.replaced} replaced`);
  if (c.deleted) parts.push(`${c.deleted} removed`);
  if (c.skipped) parts.push(`${c.skipped} already there`);
  return parts.length ? parts.join(', ') : 'no change';
}

const ACTIONS = { created: 'will be created', replaced: 'will be replaced', merged: 'will be merged', deleted: 'will be deleted' };

/** The dry run's report as a list a person can read. */
function previewList(report, done = false) {
  return h('ul', { class: 'preview', 'data-preview': true }, report.profiles.map((p) =>
    h('li', {},
      h('strong', {}, p.name), ' ', done ? p.action : ACTIONS[p.action] || p.action,
      h('div', { class: 'muted' },
        `Tasks: ${countsText(p.tasks)} · Checks: ${countsText(p.task_checks)} · Completed days: ${countsText(p.daily_status)}`))));
}

function errorList(e) {
  if (!e.errors || !e.errors.length) return null;
  return h('ul', { class: 'error-list', id: 'import-errors' },
    e.errors.map((x) => h('li', {}, h('code', {}, x.path), ' ', x.message)));
}

/**
 * For a backup of one profile imported by its own profiles (no target chosen):
 * where it goes. It never goes into "everything": by default the profile of
 * the same name; with none, the user is asked (a new profile, or one of
 * theirs). Returns null when there is nothing to choose (a backup of every
 * profile, or a target already chosen), else {element, value(), profileId(),
 * onChange(fn)}; value() is '' until a choice is made.
 */
function intoChoice(app, preview, opts) {
  if (preview.whole_instance || opts.profileId !== undefined || preview.profiles.length !== 1) return null;
  const name = preview.profiles[0].name;
  const matched = preview.profiles[0].action !== 'created';
  // A Loop file names no profile of its own: a new one (named below) is the default.
  const loop = isLoopReport(preview);
  const select = h('select', { id: 'import-into', name: 'into', required: true },
    matched || loop ? null : h('option', { value: '', disabled: true, selected: true }, 'Choose where it goes…'),
    h('option', { value: 'match', selected: matched || loop },
      loop ? (matched ? `The profile “${name}” (named below)` : 'A new profile (named below)')
        : matched ? `The profile “${name}” (same name)` : `A new profile “${name}”`),
    app.profiles.filter((p) => p.name !== name).map((p) => h('option', { value: String(p.id) }, `Into “${p.name}” (it keeps its name)`)));
  const element = h('div', { class: 'field' },
    h('p', {}, loop
      ? 'Loop’s habits go into one profile; your other profiles are not touched.'
      : `This backup holds one profile, “${name}”. It goes into one profile; your other profiles are not touched.`),
    h('label', { for: select.id }, 'Import into'), select);
  return {
    element,
    value: () => select.value,
    profileId: () => (select.value === 'match' || select.value === '' ? undefined : Number(select.value)),
    onChange: (fn) => select.addEventListener('change', fn),
  };
}

export function backupCard(app) {
  const { sb } = app;
  const status = h('p', { class: 'muted', id: 'backup-status', role: 'status' });
  const err = errorLine();
  const errDetails = h('div');
  const bar = h('progress', { id: 'import-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Progress' });
  const setProgress = (f) => { bar.hidden = false; bar.value = f; };
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
    errDetails.replaceChildren();
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

  const target = h('select', { id: 'import-target', name: 'target' },
    h('option', { value: 'all' }, 'By the file: its profiles, matched by name'),
    h('option', { value: 'profile' }, `This profile only: ${app.profile.name}`));
  const modeName = uid('mode');
  const mode = (value, label, hint) => h('label', { class: 'radio' },
    h('input', { type: 'radio', name: 'import-mode', value, checked: value === 'replace' }),
    h('span', {}, h('strong', {}, label), ' — ', hint));
  const tasksOnly = h('input', { type: 'checkbox', id: 'import-tasks-only', name: 'tasks-only' });
  const file = h('input', { type: 'file', id: 'import-file', accept: '.json,.ttbak,.db,application/json,application/vnd.sqlite3,application/x-sqlite3', class: 'visually-hidden' });
  const drop = h('label', { class: 'drop-zone', for: file.id, tabindex: -1 },
    h('strong', {}, 'Choose a backup file'), h('span', { class: 'muted' }, ' or drop it here (a Streakbox backup, or Loop Habit Tracker’s)'));

  function options() {
    const picked = document.querySelector('input[name="import-mode"]:checked');
    return {
      mode: picked ? picked.value : 'replace',
      profileId: target.value === 'profile' ? app.profile.id : undefined,
      tasksOnly: tasksOnly.checked,
    };
  }

  async function importFile(f) {
    hideError(err);
    errDetails.replaceChildren();
    status.textContent = `Checking ${f.name}…`;
    const opts = options();
    try {
      let password;
      let preview;
      try {
        preview = await sb.importBackup(f, { ...opts, dryRun: true, onProgress: setProgress });
      } catch (e) {
        if (e.code !== 'password_required') throw e;
        status.textContent = `${f.name} is encrypted.`;
        const unlocked = await askPassword(f.name, async (pw, onProgress) =>
          ({ pw, preview: await sb.importBackup(f, { ...opts, password: pw, dryRun: true, onProgress }) }));
        if (!unlocked) {
          status.textContent = 'Import cancelled; nothing changed.';
          return;
        }
        ({ pw: password, preview } = unlocked);
      }
      bar.hidden = true;
      const destructive = opts.mode === 'replace';
      const into = intoChoice(app, preview, opts);
      // A Loop Habit Tracker file: its habits previewed one by one, and the
      // new profile's name (default "Loop") while a new profile is chosen.
      const loop = isLoopReport(preview);
      const nameField = loop && into ? loopProfileName(preview.profiles[0].name) : null;
      const profileName = () => (nameField && into.value() === 'match' ? nameField.value() : undefined);
      let list = previewList(preview);
      let habits = loop ? loopPreview(preview.source) : null;
      const confirm = h('button', { class: `button ${destructive ? 'danger' : 'primary'}`, value: 'confirm', 'data-confirm': true, disabled: into && !into.value() },
        destructive ? 'Replace my data' : 'Merge');
      const dialog = dialogFrame(`Import ${f.name}?`, [
        h('p', {}, destructive
          ? 'Replace mode: what is listed as replaced or removed is deleted. A safety snapshot of everything is saved to the backup history first, and you can undo right after.'
          : 'Merge mode: nothing you have is removed; only what is new is added.'),
        into && into.element,
        nameField && nameField.element,
        list,
        habits,
      ], [h('button', { class: 'button', value: 'cancel', autofocus: true }, 'Cancel'), confirm]);
      if (into) {
        const repreview = async () => {
          confirm.disabled = true;
          if (nameField) nameField.element.hidden = into.value() !== 'match';
          let next;
          let nextHabits = null;
          try {
            const r = await sb.importBackup(f, { ...opts, profileId: into.profileId(), profileName: profileName(), password, dryRun: true });
            next = previewList(r);
            if (loop) nextHabits = loopPreview(r.source);
            confirm.disabled = false;
          } catch (e) {
            next = h('p', { class: 'error', role: 'alert', 'data-preview': true }, describeError(e));
          }
          list.replaceWith(next);
          list = next;
          if (habits) {
            const keep = nextHabits || h('div', { hidden: true });
            habits.replaceWith(keep);
            habits = keep;
          }
        };
        into.onChange(repreview);
        if (nameField) nameField.onChange(repreview);
      }
      if ((await showDialog(dialog)) !== 'confirm') {
        status.textContent = 'Import cancelled; nothing changed.';
        return;
      }
      if (into) opts.profileId = into.profileId();
      if (profileName()) opts.profileName = profileName();
      if (password) setStage(`Unlocking and importing ${f.name}…`);
      else status.textContent = `Importing ${f.name}…`;
      const report = await sb.importBackup(f, { ...opts, password, onProgress: setProgress });
      lastResult = { text: `Imported ${f.name}.`, report };
      await app.reloadProfiles();  // redraws the view, and this card with lastResult
      if (report.safety_id != null) {
        offerUndo(app, { message: `Imported ${f.name} in Replace mode.`, safetyId: report.safety_id });
      }
    } catch (e) {
      status.textContent = '';
      // With a list of problems, a short line above it; else the file's own
      // message (a Loop file from a newer Loop, a Streakbox database file, ...).
      showError(err, e.code === 'invalid' && e.errors && e.errors.length
        ? `The file ${f.name} is not a valid backup; nothing was changed.` : e);
      const list = errorList(e);
      if (list) errDetails.replaceChildren(list);
    } finally {
      bar.hidden = true;
      file.value = '';
    }
  }

  if (lastResult) {
    status.textContent = lastResult.text;
    errDetails.replaceChildren(h('div', { id: 'import-result' }, previewList(lastResult.report, true)));
    lastResult = null;
  }

  file.addEventListener('change', () => file.files[0] && importFile(file.files[0]));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files[0]) importFile(e.dataTransfer.files[0]);
  });

  const exportOne = h('button', { type: 'button', class: 'button', id: 'export-profile' }, `Export ${app.profile.name}`);
  const exportAll = h('button', { type: 'button', class: 'button primary', id: 'export-all' }, 'Export all profiles');
  exportOne.onclick = () => doExport(exportOne, true);
  exportAll.onclick = () => doExport(exportAll, false);

  return h('section', { class: 'card', id: 'backup-restore', 'aria-labelledby': 'backup-title' },
    h('h2', { id: 'backup-title' }, 'Backup & Restore'),
    h('p', { class: 'muted' }, 'Browsers can clear their storage. Keep a backup file somewhere else — another disk, cloud storage, a USB stick.'),
    h('label', { class: 'checkbox' }, encrypt, ' Encrypt with a password (a .ttbak file, safe to keep in cloud storage)'),
    encryptBox,
    h('div', { class: 'button-row' }, exportAll, exportOne),
    h('h3', {}, 'Import a backup'),
    h('div', { class: 'field' }, h('label', { for: target.id }, 'Import into'), target),
    h('fieldset', { class: 'modes', name: modeName },
      h('legend', {}, 'Mode'),
      mode('replace', 'Replace', 'the backup takes the place of what is there now (destructive)'),
      mode('merge', 'Merge', 'keep what is there and add what is new')),
    h('label', { class: 'checkbox' }, tasksOnly, ' Tasks only, without their history (to share a task list)'),
    file, drop, bar, status, err, errDetails);
}
