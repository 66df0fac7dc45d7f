// The appearance choice (Settings → Appearance: 'system', 'light' or 'dark'),
// applied before the first paint: index.html loads this classic script in
// <head>, so the page is never drawn in the other theme first. It sets
// data-theme on <html>, which style.css's color-scheme rules read (every
// colour there is light-dark(LIGHT, DARK)); the dark theme-color <meta>
// applies for 'dark' and never for 'light'; the color-scheme <meta> says the
// choice for the canvas drawn before the style sheet.
//
// The choice is kept in localStorage, per browser: it must be readable
// synchronously here (the database opens in a worker much later), and it is
// about this device's screen, not data (so it is in no backup).
//
// window.streakboxTheme = {choice(), set(choice)} is what ui/theme.js uses;
// set() tells window with a 'streakbox-theme' event (detail: the choice).
(function () {
  var KEY = 'streakbox.theme';
  var DARK_MEDIA = { system: '(prefers-color-scheme: dark)', light: 'not all', dark: 'all' };
  var SCHEME = { system: 'light dark', light: 'light', dark: 'dark' };
  var known = function (c) { return Object.prototype.hasOwnProperty.call(SCHEME, c); };

  function choice() {
    var c = null;
    try { c = localStorage.getItem(KEY); } catch (e) { /* storage refused: follow the system */ }
    return known(c) ? c : 'system';
  }

  function apply(c) {
    document.documentElement.setAttribute('data-theme', c);
    var dark = document.querySelector('meta[name="theme-color"][media]');
    if (dark) dark.setAttribute('media', DARK_MEDIA[c]);
    var scheme = document.querySelector('meta[name="color-scheme"]');
    if (scheme) scheme.setAttribute('content', SCHEME[c]);
  }

  window.streakboxTheme = {
    choice: choice,
    /** Stores and applies `c` ('system', 'light' or 'dark'; anything else is 'system'). */
    set: function (c) {
      if (!known(c)) c = 'system';
      try { localStorage.setItem(KEY, c); } catch (e) { /* not remembered, still applied */ }
      apply(c);
      window.dispatchEvent(new CustomEvent('streakbox-theme', { detail: c }));
    },
  };
  apply(choice());
})();
