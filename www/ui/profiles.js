// Profiles: the switcher in the header, the create/edit dialog (name and
// colour, delete with confirmation), and the first-run welcome.
import { h, icon, uid, errorLine, showError, fieldError, busy, showDialog, dialogFrame, confirmDialog } from './dom.js';
import { PRESETS, nextColor } from './color.js';
import { offerUndo } from './undo.js';

/** Fills the header's profile bar: one button per profile, edit, and new. */
export function renderProfileBar(bar, app) {
  const chips = app.profiles.map((p) => h('button', {
    type: 'button', class: 'chip', 'data-profile-id': p.id, style: `--chip: ${p.color}`,
    'aria-pressed': String(p.id === app.profile?.id),
    onclick: () => app.selectProfile(p.id),
  }, h('span', { class: 'dot', 'aria-hidden': 'true' }), h('span', { class: 'chip-name' }, p.name)));
  // The bar is redrawn after each change; a control of it that had the focus keeps it
  // (its twin of the new bar; "New profile" when it is gone, e.g. the profile deleted).
  const had = bar.contains(document.activeElement) ? document.activeElement : null;
  const again = had && (had.id ? `#${had.id}` : had.dataset.profileId ? `[data-profile-id="${had.dataset.profileId}"]` : null);
  bar.replaceChildren(
    chips.length ? h('div', { class: 'chips', role: 'group', 'aria-label': 'Profiles' }, chips) : '',
    app.profile ? h('button', {
      type: 'button', class: 'icon-button', id: 'edit-profile', title: 'Edit profile',
      'aria-label': `Edit profile ${app.profile.name}`, onclick: () => openProfileDialog(app, app.profile),
    }, icon('edit')) : '',
    h('button', { type: 'button', class: 'button', id: 'new-profile', onclick: () => openProfileDialog(app) },
      icon('plus'), h('span', {}, 'New profile')));
  if (had) ((again && bar.querySelector(again)) || bar.querySelector('#new-profile')).focus();
}

/** The first-run empty state. */
export function renderWelcome(section, app) {
  section.append(h('div', { class: 'card welcome' },
    h('div', { class: 'welcome-mark', 'aria-hidden': 'true' }, icon('flame')),
    h('h1', {}, 'Welcome to Streakbox'),
    h('p', {}, 'Pick a few daily habits, check them off each day, and watch your streak grow.'),
    h('p', { class: 'muted' }, app.sb.state.storage === 'memory'
      ? 'Here, nothing is kept after this tab closes (see above). Start by creating a profile: one per person, or one for each area of life.'
      : 'Everything stays in this browser on this device. Start by creating a profile: one per person, or one for each area of life.'),
    h('button', { type: 'button', class: 'button primary big', onclick: () => openProfileDialog(app) },
      icon('plus'), 'Create your first profile')));
}

function colorPicker(initial) {
  const input = h('input', { type: 'color', name: 'color', id: uid('color'), value: initial });
  const swatches = PRESETS.map((c) => h('button', {
    type: 'button', class: 'swatch', style: `--swatch: ${c.hex}`, title: c.name, 'aria-label': c.name,
    'data-color': c.hex, onclick: () => { input.value = c.hex; sync(); },
  }));
  function sync() {
    for (const s of swatches) s.setAttribute('aria-pressed', String(s.dataset.color === input.value.toLowerCase()));
  }
  input.addEventListener('input', sync);
  sync();
  const err = errorLine();
  input.setAttribute('aria-describedby', err.id);
  const el = h('fieldset', { class: 'field color-field' },
    h('legend', {}, 'Colour'),
    h('div', { class: 'swatches' }, swatches,
      h('label', { class: 'custom-color', for: input.id }, input, h('span', {}, 'Custom'))),
    err);
  return { el, input, err };
}

/** Creates (profile omitted) or edits a profile in a modal dialog. */
export function openProfileDialog(app, profile = null) {
  const { sb } = app;
  const isNew = !profile;
  const nameId = uid('name');
  const name = h('input', { id: nameId, name: 'name', value: profile?.name ?? '', maxLength: 60, autocomplete: 'off', required: true });
  const nameErr = errorLine();
  name.setAttribute('aria-describedby', nameErr.id);
  const color = colorPicker(profile?.color ?? nextColor(app.profiles));
  const formErr = errorLine();
  const save = h('button', { class: 'button primary', type: 'submit', value: 'save' }, isNew ? 'Create profile' : 'Save');
  const remove = isNew ? null : h('button', { class: 'button danger-quiet push-left', type: 'button' }, icon('trash'), 'Delete profile…');
  const dialog = dialogFrame(isNew ? 'New profile' : 'Edit profile', [
    h('div', { class: 'field' }, h('label', { for: nameId }, 'Name'), name, nameErr),
    color.el, formErr,
  ], [remove, h('button', { class: 'button', type: 'button', onclick: () => dialog.close('cancel') }, 'Cancel'), save],
  { id: 'profile-dialog' });
  const form = dialog.querySelector('form');

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    fieldError(name, nameErr, null);
    fieldError(color.input, color.err, null);
    const value = name.value.trim();
    if (!value) {
      fieldError(name, nameErr, 'Please give the profile a name.');
      name.focus();
      return;
    }
    await busy(save, async () => {
      try {
        const hex = color.input.value.toLowerCase();
        let id = profile?.id;
        if (isNew) id = await sb.createProfile({ name: value, color: hex });
        else await sb.updateProfile(id, { name: value, color: hex });
        dialog.close('saved');
        await app.reloadProfiles(id);
        if (isNew && app.profiles.length === 1) app.askPersistenceOnce();
      } catch (err) {
        if (/colou?r/i.test(err.message)) fieldError(color.input, color.err, err);
        else if (/name/i.test(err.message)) fieldError(name, nameErr, err);
        else showError(formErr, err);
      }
    });
  });

  remove?.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: `Delete “${profile.name}”?`,
      message: `This deletes the profile “${profile.name}” together with all of its tasks and its whole history. A safety snapshot of everything is saved first, so you can undo it right after.`,
      confirmLabel: 'Delete profile',
    });
    if (!ok) return;
    try {
      const { safety_id: safetyId } = await sb.deleteProfile(profile.id);
      dialog.close('deleted');
      await app.reloadProfiles();
      offerUndo(app, { message: `Deleted the profile “${profile.name}”.`, safetyId });
    } catch (err) {
      showError(formErr, err);
    }
  });

  return showDialog(dialog);
}
