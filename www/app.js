// The Streakbox page. Creates window.streakbox, shows a full-page screen
// while this tab does not own the database (ui/ownership.js), and otherwise
// the app: profiles in the header, the nav, and one view at a time in <main>.
import { createStreakbox } from './api.js';
import { h, describeError } from './ui/dom.js';
import { applyAccent } from './ui/color.js';
import { renderScreen } from './ui/ownership.js';
import { renderStorageNotice } from './ui/storage_notice.js';
import { renderProfileBar, renderWelcome } from './ui/profiles.js';
import { renderToday } from './ui/today.js';
import { renderTasks } from './ui/tasks.js';
import { renderProgress } from './ui/progress.js';
import { renderSettings } from './ui/settings.js';

const VIEWS = {
  today: { title: 'Today', render: renderToday },
  tasks: { title: 'Tasks', render: renderTasks },
  progress: { title: 'Progress', render: renderProgress },
  settings: { title: 'Settings', render: renderSettings },
};
const PROFILE_KEY = 'streakbox.profileId';
const PERSIST_KEY = 'streakbox.persistenceAsked';

const sb = createStreakbox();
window.streakbox = sb;

const $ = (id) => document.getElementById(id);
const [screen, shell, main, nav, bar, notice, storageNotice, skipLink] =
  ['screen', 'shell', 'view', 'nav', 'profile-bar', 'notice', 'storage-notice', 'skip-link'].map($);

/**
 * Puts the focus on the view's h1 (or <main>): after a change of view, the
 * skip link, or when what had the focus was redrawn away. `scroll`: whether
 * the page may scroll to it (a redraw in place keeps the reader's place).
 */
function focusView(scroll = true) {
  const heading = main.querySelector('h1');
  const target = heading || main;
  if (heading) heading.tabIndex = -1;
  target.focus({ preventScroll: !scroll });
}
skipLink.addEventListener('click', (e) => {
  e.preventDefault();  // the URL's #view would read as a view name (app.view)
  focusView();
});
let shownView = null;  // the view last drawn (null before the first): a new one takes the focus

const store = {
  get: (k) => { try { return localStorage.getItem(k); } catch { return null; } },
  set: (k, v) => { try { localStorage.setItem(k, v); } catch { /* private mode: not remembered */ } },
};

const errorBox = (e) => h('div', { class: 'card error-box', role: 'alert' },
  h('h2', {}, 'Something went wrong'), h('p', {}, describeError(e)),
  h('button', { type: 'button', class: 'button', onclick: () => app.render() }, 'Try again'));

/** What the views get: the API, the profiles, and navigation. */
const app = {
  sb,
  profiles: [],
  profile: null,
  renderedDay: null,
  get view() {
    const v = location.hash.slice(1);
    return v in VIEWS ? v : 'today';
  },
  go(view) {
    if (view === app.view) app.render();
    else location.hash = view;
  },
  async selectProfile(id) {
    setProfile(app.profiles.find((p) => p.id === id));
    await app.render();
  },
  /** Re-reads the profiles (after a create/rename/delete) and redraws; preferId becomes current. */
  async reloadProfiles(preferId) {
    try {
      app.profiles = await sb.listProfiles();
    } catch (e) {
      main.replaceChildren(errorBox(e));
      return;
    }
    const want = preferId ?? app.profile?.id ?? Number(store.get(PROFILE_KEY));
    setProfile(app.profiles.find((p) => p.id === want) || app.profiles[0]);
    await app.render();
  },
  /** Draws the current view for the current profile (or the welcome when there is none). */
  async render() {
    const before = document.activeElement;
    const focusInShell = Boolean(before) && before !== document.body && shell.contains(before);
    const section = h('div', { class: 'view-inner' });
    main.replaceChildren(section);
    nav.hidden = !app.profile;
    for (const b of nav.querySelectorAll('[data-view]')) {
      if (b.dataset.view === app.view) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    document.title = app.profile ? `${VIEWS[app.view].title} · Streakbox` : 'Streakbox';
    app.renderedDay = sb.today();
    try {
      if (!app.profile) renderWelcome(section, app);
      else await VIEWS[app.view].render(section, app);
    } catch (e) {
      section.append(errorBox(e));
    }
    // Focus: a new view's h1 takes it (not at the first draw: nothing was chosen yet);
    // if what had it was redrawn away (a button of the old view), the h1 gets it in place.
    const drawn = app.profile ? app.view : 'welcome';
    const changed = shownView !== null && shownView !== drawn;
    shownView = drawn;
    if (document.querySelector('dialog[open]') || shell.hidden) return;
    if (changed) focusView();
    else if (focusInShell && !before.isConnected && !shell.contains(document.activeElement)) focusView(false);
  },
  /**
   * Asks once, ever, for persistent storage at the first data (the first
   * profile), unless the browser already keeps it, or there is nothing to keep
   * (in memory). Settings → Storage shows whether it is granted and can ask
   * again on a click.
   */
  async askPersistenceOnce() {
    if (sb.state.storage === 'memory' || store.get(PERSIST_KEY)) return;
    store.set(PERSIST_KEY, '1');
    try {
      if (!(await sb.storage()).persisted) await sb.requestPersistence();
    } catch {
      /* the browser refused or cannot tell: Settings → Storage says so */
    }
  },
};

function setProfile(profile) {
  app.profile = profile || null;
  if (profile) store.set(PROFILE_KEY, String(profile.id));
  applyAccent(profile?.color);
  renderProfileBar(bar, app);
}

// Ownership: 'ready' shows the app (re-reading everything, since another tab
// may have changed it); any other state shows a full-page screen.
let generation = 0;
async function onState(s) {
  const gen = ++generation;
  if (s.state === 'ready') {
    renderStorageNotice(storageNotice, s);
    await app.reloadProfiles();
    if (gen !== generation) return;
    // After "Use Streakbox here" (the button, disabled, lost the focus), the view's h1 takes it;
    // not at the first opening, where the first Tab should reach the skip link.
    const tookOver = !screen.hidden && Boolean(screen.querySelector('#take-over'));
    screen.hidden = true;
    screen.replaceChildren();  // its <main> goes: the view's is the page's only one
    shell.hidden = false;
    if (tookOver) focusView();
    // First paint with data: tools/bench measures load-to-interactive up to here.
    if (!performance.getEntriesByName('streakbox-interactive').length) performance.mark('streakbox-interactive');
    return;
  }
  // Keep the "Opening…" button of a takeover in place rather than flashing the spinner.
  if (s.state === 'opening' && !screen.hidden && screen.querySelector('#take-over')) return;
  for (const d of document.querySelectorAll('dialog[open]')) d.close();
  shell.hidden = true;
  screen.hidden = false;
  renderScreen(screen, s, sb);
}
sb.onStateChange(onState);
if (sb.state.state !== 'opening') onState(sb.state);

nav.addEventListener('click', (e) => {
  const button = e.target.closest('[data-view]');
  if (button) app.go(button.dataset.view);
});
window.addEventListener('hashchange', () => app.render());
// Back after midnight: today is a new day. Back at all: a scheduled backup may be due.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible' || shell.hidden) return;
  if (app.renderedDay !== sb.today()) app.render();
  else sb.backups.status().catch(() => {});
});
// A scheduled run finished (or a restore replaced the data): redraw what shows it.
sb.backups.onChange((event) => {
  if (shell.hidden) return;
  if (event === 'restored') app.reloadProfiles();
  else if (event === 'schedule' && app.view === 'today') app.render();
});

function showNotice(text, actionLabel, action) {
  notice.replaceChildren(h('span', {}, text),
    actionLabel ? h('button', { type: 'button', class: 'button primary', onclick: action }, actionLabel) : '',
    h('button', { type: 'button', class: 'button', onclick: () => { notice.hidden = true; } }, 'Dismiss'));
  notice.hidden = false;
}

// Offline support: the service worker caches every shipped file.
if ('serviceWorker' in navigator) {
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register('./sw.js').catch((e) => {
    showNotice(`Streakbox could not set itself up for offline use: ${e.message}`);
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) showNotice('A new version of Streakbox is ready.', 'Reload', () => location.reload());
  });
}
