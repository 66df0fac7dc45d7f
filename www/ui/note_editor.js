// The note of a task's day entry, edited in place: a text box capped at
// NOTE_MAX characters with a visible count, Save and Cancel. Escape cancels.
import { h, uid, errorLine, fieldError } from './dom.js';
import { fieldOfError } from './field_words.js';

/** The core's cap on a note (docs/API.md, entries), after trimming. */
export const NOTE_MAX = 500;

/**
 * noteEditor({title, note, onSave, onDone}): onSave(text) saves the trimmed
 * text ('' clears) and rejects with the core's error, which is shown under the
 * box; onDone(saved) runs once the editor is finished (saved or cancelled) so
 * the caller removes it and puts focus back.
 */
export function noteEditor({ title, note, onSave, onDone }) {
  const id = uid('note');
  const countId = uid('count');
  const err = errorLine();
  const box = h('textarea', { id, rows: 2, maxLength: NOTE_MAX, value: note, class: 'note-input' });
  const count = h('span', { id: countId, class: 'note-count muted' });
  box.setAttribute('aria-describedby', `${countId} ${err.id}`);
  const showCount = () => { count.textContent = `${box.value.length} / ${NOTE_MAX}`; };
  box.addEventListener('input', showCount);
  showCount();
  const save = h('button', { type: 'button', class: 'button small primary', 'data-action': 'save-note' }, 'Save note');
  const cancel = h('button', { type: 'button', class: 'button small', 'data-action': 'cancel-note', onclick: () => onDone(false) }, 'Cancel');
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      await onSave(box.value.trim());
      onDone(true);
    } catch (e) {
      fieldError(box, err, fieldOfError(e).text);
      box.focus();
    } finally {
      save.disabled = false;
    }
  });
  const el = h('div', { class: 'note-editor' },
    h('label', { for: id }, `Note for ${title}`),
    box,
    h('div', { class: 'note-editor-foot' }, count, h('span', { class: 'note-actions' }, cancel, save)),
    err);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();  // inside a dialog, Escape cancels the note only
      onDone(false);
    }
  });
  el.focus = () => box.focus();
  return el;
}
