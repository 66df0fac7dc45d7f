// Undo right after a destructive step (a Replace import, a restore, a database
// restore, deleting a profile). Each of them saves a safety snapshot first
// (wasm/backup_runner.js, beforeDestructive); this offers to restore it.
//
// The offer lives in one live region outside <main> (id "undo-offer",
// role=status), so it survives the view's redraw after the step, is announced
// by screen readers, and its Undo button takes the focus (keyboard users land
// on it). Undo is itself a restore, so it saves a snapshot of its own first.
import { h, busy, describeError } from './dom.js';

let region = null;

/** The live region, created once (a region must exist before its content changes to be announced). */
function liveRegion() {
  if (region && region.isConnected) return region;
  region = h('div', { id: 'undo-offer', class: 'notice undo-offer', role: 'status', 'aria-live': 'polite', hidden: true });
  document.body.append(region);
  return region;
}

/** Hides the offer (a later destructive step replaces it anyway). */
export function dismissUndo() {
  const r = liveRegion();
  r.hidden = true;
  r.replaceChildren();
}

/**
 * Shows `message` with an Undo button that restores safety snapshot `safetyId`
 * and then calls `after()` (the caller's redraw). A null safetyId shows the
 * message alone.
 */
export function offerUndo(app, { message, safetyId, after = () => app.reloadProfiles() }) {
  const r = liveRegion();
  const text = h('span', { id: 'undo-message' }, message);
  const dismiss = h('button', { type: 'button', class: 'button', id: 'undo-dismiss', onclick: dismissUndo }, 'Dismiss');
  const undo = safetyId == null ? null : h('button', { type: 'button', class: 'button primary', id: 'undo-button' }, 'Undo');
  if (undo) {
    undo.onclick = () => busy(undo, async () => {
      text.textContent = 'Undoing…';
      try {
        // The snapshot is this browser's own state: take its backup schedule too (as it was before).
        const back = await app.sb.backups.restore(safetyId, { takeBackupSettings: true });
        r.replaceChildren(
          h('span', { id: 'undo-message' }, `Undone: everything is as it was before. What was there just now is saved as a safety snapshot (history entry ${back.safety_id}).`),
          dismiss);
        await after();
        dismiss.focus();
      } catch (e) {
        text.textContent = `Could not undo: ${describeError(e)} You can restore the safety snapshot from Settings → Backups → Backup history.`;
      }
    });
  }
  r.replaceChildren(text, undo, dismiss);
  r.hidden = false;
  // The step's own redraw runs after this; give the focus to Undo once it is done.
  setTimeout(() => { if (undo && undo.isConnected) undo.focus(); }, 0);
}
