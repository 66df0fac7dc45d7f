// "Bring a file back": the one way a file comes back into Streakbox (Settings
// → Restore, and the backup log's per-backup Restore). Any file — a JSON
// backup of one profile or all, an encrypted .ttbak (password first), a
// Streakbox database file, a Loop Habit Tracker backup — is first identified
// (what it is, when and by what it was made, what it holds, per profile);
// then one dialog offers only the choices that apply, the safe one first:
//   merge  "Add to a profile"      (Merge into an existing or a new profile; for
//                                   a backup of all profiles: into mine, by name)
//   one    "Replace one profile"   (one-profile and Loop files)
//   all    "Restore everything"    (a backup of all profiles, a database file)
// each previewed by a dry run in plain words (ui/restore_preview.js). The
// destructive two save a safety snapshot first and offer Undo (said in the
// dialog). After it: a banner at the top (ui/undo.js) that names what changed
// and stays until dismissed. Problems of a file that cannot be read are
// grouped per profile and task (ui/problem_words.js).
import { h, busy, errorLine, showError, hideError, showDialog, dialogFrame, describeError } from './dom.js';
import { askPassword } from './passwords.js';
import { offerUndo } from './undo.js';
import { loopPreview } from './loop_preview.js';
import { identity, changeLines, summaryLine } from './restore_preview.js';
import { groupProblems, problemCount } from './problem_words.js';
import { changeLines as settingsLines } from './restore_changes.js';

const SQLITE_MAGIC = 'SQLite format 3\0';
const NAMES_LIMIT = 32 * 1024 * 1024;  // read a JSON file's names for the problem list only up to this size

// The user's last choice and target, kept for the next file (issue 13: no reset to Replace/All after a Merge).
const remembered = { choice: null, target: null, tasksOnly: false };

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What the file is: {kind: 'json'|'loop'|'sqlite', header, counts,
 * profiles_held, source, encrypted, unlock: {password}|{useStoredPassword}|{}}.
 * Asks for the password of an encrypted file (the stored one is tried
 * first); resolves null when the user cancels.
 */
async function identify(sb, file) {
  if ((await file.slice(0, 16).text()) === SQLITE_MAGIC) {
    // A Streakbox database file, else a Loop backup; a file that is neither
    // gets the more telling of the two refusals (Loop's, when it names Loop).
    let refusal;
    try {
      return { kind: 'sqlite', ...(await sb.backups.inspect(file)), unlock: {} };
    } catch (e) {
      refusal = e;
    }
    try {
      const v = await sb.validateBackup(file);
      if (v.source && v.source.app === 'loop') return { kind: 'loop', ...v, unlock: {} };
    } catch (e) {
      if (/Loop/.test(e.message || '')) throw e;
    }
    throw refusal;
  }
  try {
    return { kind: 'json', ...(await sb.validateBackup(file)), unlock: {} };
  } catch (e) {
    if (e.code !== 'password_required') throw e;
  }
  if (await sb.backupPassword.isSet().catch(() => false)) {
    try {
      return { kind: 'json', ...(await sb.validateBackup(file, { useStoredPassword: true })), unlock: { useStoredPassword: true } };
    } catch (e) {
      if (e.code !== 'wrong_password' && e.code !== 'password_required') throw e;
    }
  }
  const unlocked = await askPassword(file.name, async (password, onProgress) =>
    ({ kind: 'json', ...(await sb.validateBackup(file, { password, onProgress })), unlock: { password } }));
  return unlocked;
}

/** The choices that apply to a file, safe first. */
function choicesFor(info) {
  if (info.kind === 'sqlite') return ['all'];
  const one = info.kind === 'loop' || (info.header && info.header.scope === 'profile') || (info.counts && info.counts.profiles === 1 && !(info.header && info.header.scope === 'all'));
  return one ? ['merge', 'one'] : ['merge', 'all'];
}

const SNAPSHOT = 'A safety snapshot of everything is saved to the backup log first, and Undo is offered right after.';

function identityCard(info, name) {
  const id = identity(info);
  return h('section', { class: 'identity', id: 'restore-identity', 'data-kind': info.kind, 'aria-label': `What ${name} is` },
    h('p', { class: 'identity-title' }, h('strong', {}, id.title)),
    h('p', { class: 'muted' }, id.from),
    h('ul', { class: 'identity-holds' }, id.holds.map((l) => h('li', {}, l))));
}

/** The target profile of a one-profile file: a select, or null for a backup of all profiles. */
function targetField(app, info, choice) {
  const fileName = info.kind === 'loop' ? null : (info.profile_names || [])[0];
  const same = fileName ? app.profiles.find((p) => p.name === fileName) : null;
  const options = [];
  if (choice === 'merge' && !same) {
    options.push(h('option', { value: 'new' }, info.kind === 'loop' ? 'A new profile (named below)' : `A new profile “${fileName}”`));
  }
  for (const p of app.profiles) options.push(h('option', { value: String(p.id) }, p.name === fileName ? `“${p.name}” (the same name)` : `“${p.name}”`));
  const select = h('select', { id: 'restore-target', name: 'target' }, options);
  const want = remembered.target && [...select.options].some((o) => o.value === remembered.target) ? remembered.target
    : same ? String(same.id) : choice === 'merge' ? 'new' : app.profile ? String(app.profile.id) : '';
  select.value = want;
  if (!select.value && select.options.length) select.selectedIndex = 0;
  return select;
}

/**
 * The flow for `file` (a File; for a backup of the log, `historyId` too: its
 * "Restore everything" is then the log's checked restore). `ctx`: {status,
 * err, problems} elements of the card it was started from.
 */
export async function bringBack(app, file, { historyId = null, status, err, problems } = {}) {
  const { sb } = app;
  hideError(err);
  problems.replaceChildren();
  status.textContent = `Looking at ${file.name}…`;
  let info;
  try {
    info = await identify(sb, file);
  } catch (e) {
    status.textContent = '';
    await showProblems(file, e, { err, problems });
    return;
  }
  if (!info) {
    status.textContent = 'Cancelled; nothing changed.';
    return;
  }
  status.textContent = '';
  const choices = choicesFor(info);
  let choice = choices.includes(remembered.choice) ? remembered.choice : choices[0];

  const radios = h('fieldset', { class: 'modes', id: 'restore-choices' }, h('legend', {}, 'What to do'),
    choices.map((c) => h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'restore-choice', value: c, checked: c === choice }),
      h('span', {}, ...CHOICE_WORDS[c](info)))));
  const targetSlot = h('div', { class: 'field', id: 'restore-target-field' });
  const nameInput = h('input', { type: 'text', id: 'restore-profile-name', value: (info.kind === 'loop' && info.profile_names && info.profile_names[0]) || 'Loop', maxlength: 60, autocomplete: 'off' });
  const nameField = h('div', { class: 'field', hidden: true }, h('label', { for: nameInput.id }, 'Name of the new profile'), nameInput);
  const tasksOnly = h('input', { type: 'checkbox', id: 'restore-tasks-only', checked: remembered.tasksOnly });
  const tasksOnlyRow = h('label', { class: 'checkbox' }, tasksOnly, ' Tasks only, without their history (to share a task list)');
  const keep = h('input', { type: 'radio', name: 'restore-settings', value: 'keep', id: 'restore-settings-keep', checked: true });
  const take = h('input', { type: 'radio', name: 'restore-settings', value: 'take', id: 'restore-settings-take' });
  const settingsBox = h('div', { id: 'restore-settings-box', hidden: true });
  const preview = h('div', { class: 'restore-preview', id: 'restore-preview', 'aria-live': 'polite' });
  const confirm = h('button', { class: 'button primary', value: 'confirm', 'data-confirm': true }, 'Add');
  let select = null;
  let report = null;  // the last dry run's, for the banner
  let changesInfo = null;

  const profileId = () => (select && select.value !== 'new' && select.value !== '' ? Number(select.value) : undefined);
  const profileName = () => (info.kind === 'loop' && select && select.value === 'new' ? nameInput.value.trim() || 'Loop' : undefined);
  const importOptions = () => ({
    mode: choice === 'merge' ? 'merge' : 'replace',
    profileId: choice === 'all' ? undefined : profileId(),
    profileName: choice === 'all' ? undefined : profileName(),
    tasksOnly: choice === 'merge' && tasksOnly.checked,
    ...info.unlock,
  });

  let seq = 0;
  async function refresh() {
    const mine = ++seq;
    const oneProfile = choices.includes('one');
    if (oneProfile) {
      select = targetField(app, info, choice);
      select.addEventListener('change', () => { remembered.target = select.value; refresh(); });
      targetSlot.replaceChildren(h('label', { for: select.id }, choice === 'merge' ? 'Add to' : 'Replace the profile'), select);
      targetSlot.hidden = choice === 'one' && !app.profiles.length;
    } else {
      select = null;
      targetSlot.hidden = true;
    }
    nameField.hidden = !(info.kind === 'loop' && select && select.value === 'new');
    tasksOnlyRow.hidden = choice !== 'merge';
    confirm.className = `button ${choice === 'merge' ? 'primary' : 'danger'}`;
    confirm.textContent = choice === 'merge' ? 'Add' : choice === 'one' ? 'Replace the profile' : 'Restore everything';
    confirm.disabled = true;
    preview.replaceChildren(h('p', { class: 'muted' }, 'Working out what would change…'));
    try {
      let body;
      if (info.kind === 'sqlite') {
        report = null;
        changesInfo = changesInfo || info;
        body = [h('p', {}, 'Everything in Streakbox now is replaced by this file: every profile, task and check.')];
      } else {
        const r = await sb.importBackup(file, { ...importOptions(), dryRun: true });
        if (mine !== seq) return;
        report = r;
        body = [h('ul', { class: 'preview', 'data-preview': true }, r.profiles.map((p) => {
          const [head, ...rest] = changeLines(p);
          return h('li', { 'data-profile': p.name, 'data-unchanged': p.net && p.net.unchanged ? 'true' : null },
            h('strong', {}, head), rest.length ? h('ul', {}, rest.map((l) => h('li', {}, l))) : null);
        }))];
        if (info.kind === 'loop' && r.source) body.push(loopPreview(r.source));
        if (choice === 'all' && !changesInfo) changesInfo = await sb.backups.inspect(file, info.unlock.password ? { password: info.unlock.password } : {});
      }
      if (mine !== seq) return;
      // Restore everything: what else comes with it (the schedule, another installation's file).
      if (choice === 'all' && changesInfo) {
        const lines = settingsLines(changesInfo);
        const bs = changesInfo.changes && changesInfo.changes.backup_settings;
        const ask = bs && bs.differ !== false;
        settingsBox.replaceChildren(
          lines.length ? h('ul', { class: 'changes', id: 'restore-changes' }, lines.map((l) => h('li', {}, l))) : '',
          ask ? h('fieldset', { class: 'modes', id: 'restore-settings' }, h('legend', {}, 'Backup settings'),
            h('label', { class: 'radio' }, keep, h('span', {}, 'Keep this browser’s schedule')),
            h('label', { class: 'radio' }, take, h('span', {}, 'Take the file’s schedule'))) : '');
        settingsBox.hidden = false;
      } else {
        settingsBox.hidden = true;
      }
      if (choice !== 'merge') body.push(h('p', { class: 'snapshot-note' }, SNAPSHOT));
      else body.push(h('p', { class: 'muted' }, 'Nothing you have is removed; only what is new is added.'));
      preview.replaceChildren(...body);
      confirm.disabled = false;
    } catch (e) {
      if (mine !== seq) return;
      report = null;
      preview.replaceChildren(h('p', { class: 'error', role: 'alert', 'data-preview': true }, describeError(e)));
    }
  }
  radios.addEventListener('change', (e) => {
    if (e.target.name !== 'restore-choice') return;
    choice = e.target.value;
    refresh();
  });
  tasksOnly.addEventListener('change', refresh);
  nameInput.addEventListener('change', refresh);

  const dialog = dialogFrame(`Bring back ${file.name}`, [
    identityCard(info, file.name),
    radios, targetSlot, nameField, tasksOnlyRow, settingsBox, preview,
  ], [h('button', { class: 'button', value: 'cancel', autofocus: true }, 'Cancel'), confirm], { id: 'restore-dialog', class: 'dialog restore-dialog' });
  const shown = showDialog(dialog);
  refresh();
  if ((await shown) !== 'confirm') {
    status.textContent = 'Cancelled; nothing changed.';
    return;
  }
  remembered.choice = choice;
  remembered.tasksOnly = tasksOnly.checked;
  if (select) remembered.target = select.value;
  await apply(app, file, { historyId, choice, info, importOptions: importOptions(), report, takeBackupSettings: take.checked, status, err, problems });
}

const CHOICE_WORDS = {
  merge: (info) => [h('strong', {}, 'Add to a profile'), ' — ',
    choicesFor(info).includes('one') ? 'its tasks and checks join a profile you choose; nothing is removed'
      : 'its profiles join yours, matched by name; nothing is removed'],
  one: () => [h('strong', {}, 'Replace one profile'), ' — the profile you choose becomes what the file holds (a safety snapshot first; Undo after)'],
  all: (info) => [h('strong', {}, 'Restore everything'), ' — ',
    info.kind === 'sqlite' ? 'Streakbox becomes what this database file holds' : 'every profile becomes what the file holds; profiles it does not hold are removed',
    ' (a safety snapshot first; Undo after)'],
};

async function apply(app, file, { historyId, choice, info, importOptions, report, takeBackupSettings, status, err, problems }) {
  const { sb } = app;
  const main = document.querySelector('main');
  // What the user was looking at (the section the flow started from), to keep it in place on screen.
  const anchorId = status.closest('section[id]')?.id;
  const anchorTop = () => document.getElementById(anchorId)?.getBoundingClientRect().top;
  const top = anchorTop();
  const y = window.scrollY;
  status.textContent = choice === 'all' ? `Restoring ${file.name}…` : `Bringing back ${file.name}…`;
  try {
    let safetyId = null;
    let result;
    if (choice === 'all') {
      const r = await sb.backups.restore(historyId ?? file, { ...(info.unlock.password ? { password: info.unlock.password } : {}), takeBackupSettings });
      safetyId = r.safety_id;
      const counts = r.counts || {};
      result = report ? summaryLine(report)
        : `${plural(counts.profiles || 0, 'profile')}, ${plural(counts.tasks || 0, 'task')}, ${plural(counts.task_checks || 0, 'check')}`;
      const extra = settingsAfter(r);
      result = `Restored everything from ${file.name}: ${result}.${extra ? ` ${extra}` : ''}`;
    } else {
      const r = await sb.importBackup(file, importOptions);
      safetyId = r.safety_id ?? null;
      result = `${choice === 'merge' ? 'Added' : 'Replaced a profile with'} ${file.name}: ${summaryLine(r)}.`;
    }
    status.textContent = '';
    // Keep the page where it is while the views redraw (no jump to the top).
    if (main) main.style.minHeight = `${main.offsetHeight}px`;
    await app.reloadProfiles();
    window.scrollTo(0, y);
    offerUndo(app, { message: result, safetyId, after: () => app.reloadProfiles() });
    const now = anchorTop();
    if (top != null && now != null) window.scrollBy(0, now - top);
  } catch (e) {
    status.textContent = '';
    await showProblems(file, e, { err, problems });
  }
}

/** The schedule and password lines of a restore's result, in one sentence. */
function settingsAfter(r) {
  return settingsLines(r, true).join(' ');
}

/**
 * A file that cannot be used: one line saying so, and for an `invalid` file
 * every problem, grouped per profile and task, each with its JSON path behind
 * "Details". The file's own name, as the user named it.
 */
async function showProblems(file, e, { err, problems }) {
  const list = e && e.code === 'invalid' && Array.isArray(e.errors) && e.errors.length ? e.errors : null;
  // Not JSON at all (nor a .ttbak or SQLite file, which are recognised by content): say what it is not.
  const head = await file.slice(0, 64).text().catch(() => '');
  if (e && (e.code === 'malformed' || e.code === 'not_a_backup' || (e.code === 'invalid' && (!list || (list.length === 1 && list[0].path === '$')))) && !/^\s*[{[]/.test(head) && !head.startsWith(SQLITE_MAGIC)) {
    say(err, `${file.name} is not a file Streakbox can bring back: not a Streakbox backup (.json or .ttbak), a Streakbox database file or a Loop Habit Tracker backup. Nothing was changed.`);
    return;
  }
  if (!list) {
    if (e && ['malformed', 'not_a_backup', 'unsupported_version', 'damaged', 'invalid'].includes(e.code)) {
      say(err, `${file.name} cannot be used: ${inSentence(e)} Nothing was changed.`);
    } else {
      showError(err, e);
    }
    return;
  }
  const groups = groupProblems(list, await namesOf(file));
  say(err, `${file.name} cannot be used: ${plural(problemCount(groups), 'problem')} (below). Nothing was changed.`);
  problems.replaceChildren(h('div', { id: 'import-errors', class: 'problem-groups' }, groups.map((g) =>
    h('section', { class: 'problem-group', 'aria-label': g.heading },
      h('h4', {}, g.heading),
      h('ul', {}, g.problems.map((p) => h('li', { 'data-path': p.path },
        p.text,
        pathDetails(p.path),
        p.followOns.length
          ? h('details', { class: 'follow-ons' }, h('summary', {}, `and ${plural(p.followOns.length, 'problem')} that follow from it`),
            h('ul', {}, p.followOns.map((f) => h('li', { 'data-path': f.path }, f.text, pathDetails(f.path)))))
          : null)))))));
}

/** Shows `text` as it is (showError capitalises, which would change a file name the user chose). */
function say(err, text) {
  err.textContent = text;
  err.hidden = false;
}

/**
 * An error's message for the middle of a sentence: as the core wrote it,
 * ending with a full stop; a file cut short says so first.
 */
const inSentence = (e) => {
  let m = describeError(e);
  if (/unexpected end of file/.test(m)) m = `it ends too early, as a file cut short while saving or copying does (${m.replace(/^The file is not valid JSON: /i, '')})`;
  return `${m.charAt(0).toLowerCase()}${m.slice(1)}`.replace(/\.?$/, '.');
};

const pathDetails = (path) => h('details', { class: 'path-details' }, h('summary', {}, 'Details'), h('code', {}, path));

/** Profile names and task titles of a JSON file, for naming problems; null when it cannot be read as JSON. */
async function namesOf(file) {
  if (file.size > NAMES_LIMIT) return null;
  try {
    const j = JSON.parse(await file.text());
    const one = (p) => ({ name: p && p.profile && p.profile.name, tasks: (p && Array.isArray(p.tasks) ? p.tasks : []).map((t) => t && t.title) });
    return Array.isArray(j.profiles) ? { profiles: j.profiles.map(one) } : { profile: one(j) };
  } catch {
    return null;
  }
}

/**
 * Settings → Restore: the picker button and the drop zone; the flow's
 * status, errors and problems show right under them.
 */
export function restoreSection(app) {
  const status = h('p', { class: 'muted', id: 'restore-status', role: 'status' });
  const err = errorLine();
  err.id = 'restore-error';
  const problems = h('div', { id: 'restore-problems' });
  const ctx = { status, err, problems };
  const input = h('input', { type: 'file', id: 'restore-file', 'aria-label': 'A file to bring back', accept: '.json,.ttbak,.db,.sqlite,.sqlite3,application/json,application/vnd.sqlite3,application/x-sqlite3', class: 'visually-hidden', tabindex: -1 });
  const choose = h('button', { type: 'button', class: 'button primary', id: 'restore-choose', onclick: () => input.click() }, 'Bring a file back…');
  input.addEventListener('change', async () => {
    const f = input.files[0];
    input.value = '';
    if (f) await busy(choose, () => bringBack(app, f, ctx));
  });
  const drop = h('div', { class: 'drop-zone', id: 'restore-drop' },
    h('span', { class: 'muted' }, 'or drop a file here: a Streakbox backup (.json or encrypted .ttbak), a Streakbox database file, or a Loop Habit Tracker backup'));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer.files[0];
    if (f) busy(choose, () => bringBack(app, f, ctx));
  });
  return {
    element: h('div', { class: 'restore-flow' },
      h('p', {}, 'Choose any backup file: Streakbox first says what it is and what it holds, then offers what you can do with it. Nothing changes until you confirm.'),
      h('div', { class: 'button-row' }, input, choose), drop, status, err, problems),
    ctx,
  };
}

/** The backup log's Restore for entry `e`: its file through the same flow. */
export async function restoreEntry(app, e, ctx) {
  const f = await app.sb.backups.download(e.id);
  const file = new File([f.bytes], e.filename || f.filename);
  await bringBack(app, file, { ...ctx, historyId: e.id });
}

