// The notice at the top of every view while Streakbox runs on an in-memory
// database (state.storage === 'memory', see wasm/storage_support.js): what is
// missing, that nothing is kept, which browsers keep data, and what still
// works here. Hidden when the database is kept in the browser's storage.
import { h } from './dom.js';

/** Shows or hides the notice in `el` for the API state `s` ({storage, reason}). */
export function renderStorageNotice(el, s) {
  if (s.storage !== 'memory') {
    el.hidden = true;
    el.replaceChildren();
    return;
  }
  el.replaceChildren(h('section', { class: 'card storage-notice', id: 'memory-notice', 'aria-labelledby': 'memory-notice-title' },
    h('h2', { id: 'memory-notice-title' }, 'Nothing you do here will be kept'),
    h('p', {}, s.reason, ' Streakbox is working from this tab’s memory: ',
      h('strong', {}, 'everything disappears when you close or reload the tab.')),
    h('p', {}, 'Current Chrome, Edge, Firefox and Safari keep your data in a normal (not private) window.'),
    h('p', {}, 'You can still open, check and export a backup here: ',
      h('a', { href: '#settings', id: 'memory-notice-backups' }, 'Settings → Backup & Restore'), '.')));
  el.hidden = false;
}
