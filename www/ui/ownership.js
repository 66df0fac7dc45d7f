// The full-page screens shown instead of the app while this tab does not own
// the database: opening, open in another tab ('elsewhere'), taken over by
// another tab ('taken'), or failed to open ('failed').
import { h, icon } from './dom.js';

const SCREENS = {
  opening: {
    title: 'Opening Streakbox…',
    text: 'Getting your habits ready.',
  },
  elsewhere: {
    title: 'Streakbox is open in another tab',
    text: 'To keep your data safe, Streakbox works in one tab at a time. Go back to that tab, or use Streakbox here instead; the other tab will pause. When the other tab closes, this one opens by itself.',
  },
  taken: {
    title: 'Streakbox was opened in another tab',
    text: 'This tab has paused so the two never write at once. Nothing was lost. You can carry on here; the other tab will pause instead.',
  },
  failed: {
    title: 'Streakbox could not open its database',
    text: 'Nothing was changed. What went wrong:',
  },
};

/** Fills `screen` for `state` ({state, message}); `sb` is the API (for takeOver). */
export function renderScreen(screen, { state, message, reloadHelps }, sb) {
  const s = SCREENS[state] || SCREENS.failed;
  let action = null;
  if (state === 'elsewhere' || state === 'taken') {
    action = h('button', {
      class: 'button primary big', id: 'take-over', type: 'button',
      onclick: (e) => {
        e.currentTarget.disabled = true;
        e.currentTarget.textContent = 'Opening…';
        // The state listener in app.js renders whatever comes next (ready, or failed).
        sb.takeOver().catch(() => {});
      },
    }, 'Use Streakbox here');
  } else if (state === 'failed' && reloadHelps) {
    // Only where a reload can help (plainStorageError in wasm/storage_errors.js decides).
    action = h('button', { class: 'button primary big', type: 'button', onclick: () => location.reload() }, 'Try again');
  }
  // The card is the page's <main> while it shows (app.js empties the screen once the app shows).
  screen.replaceChildren(h('main', { class: `screen-card screen-${state}` },
    state === 'opening' ? h('div', { class: 'spinner', 'aria-hidden': 'true' }) : icon(state === 'failed' ? 'alert' : 'lock'),
    h('h1', {}, s.title),
    h('p', {}, s.text),
    state === 'failed' && message ? h('p', { class: 'error', role: 'alert' }, message.charAt(0).toUpperCase() + message.slice(1)) : null,
    action));
  screen.setAttribute('aria-busy', String(state === 'opening'));
}
