// The banner after a destructive step or a restore (a Replace import, a
// restore, a database restore, deleting a profile, adding a file's data):
// what changed, in words ("Restored everything from streakbox-….json: Mom
// +12 checks, Dad unchanged"), with Undo where a safety snapshot was saved
// first (wasm/backup_runner.js, beforeDestructive).
//
// One region (id "undo-offer", role=status) at the top of the view, right
// above <main>, held in view while the page scrolls (position: sticky): it
// survives the view's redraw after the step, is announced by screen readers,
// stays until dismissed (or replaced by the next step's), and takes the focus
// (its Undo button, else the banner itself) without scrolling the page.
// Undo is itself a restore, so it saves a snapshot of its own first.
import { h, busy, describeError } from './dom.js';

let region = null;

/** The region, created once (a region must exist before its content changes to be announced). */
function liveRegion() {
  if (region && region.isConnected) return region;
  region = h('div', { id: 'undo-offer', class: 'undo-offer restore-banner', role: 'status', 'aria-live': 'polite', tabindex: -1, hidden: true });
  const main = document.querySelector('main');
  if (main) main.before(region);
  else document.body.prepend(region);
  return region;
}

/** Hides the banner, and lets the page shrink again (ui/restore_flow.js holds its height across a redraw). */
export function dismissUndo() {
  const r = liveRegion();
  r.hidden = true;
  r.replaceChildren();
  const main = document.querySelector('main');
  if (main) main.style.minHeight = '';
}

const focusInPlace = (el) => el.focus({ preventScroll: true });

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
        await app.sb.backups.restore(safetyId, { takeBackupSettings: true });
        r.replaceChildren(
          h('span', { id: 'undo-message' }, 'Undone: everything is as it was before. What was there just now is kept as a safety snapshot in the backup log.'),
          dismiss);
        const y = window.scrollY;
        await after();
        window.scrollTo(0, y);
        focusInPlace(dismiss);
      } catch (e) {
        text.textContent = `Could not undo: ${describeError(e)} You can restore the safety snapshot from Settings → Backups → Backup log.`;
      }
    });
  }
  r.replaceChildren(text, undo, dismiss);
  r.hidden = false;
  // The step's own redraw may still run after this; give the focus once it is done.
  focusInPlace(undo || r);
  setTimeout(() => {
    const target = undo && undo.isConnected ? undo : r;
    if (!r.hidden && !r.contains(document.activeElement)) focusInPlace(target);
  }, 0);
}
