// The appearance choice (Settings → Appearance: 'system', 'light' or 'dark'),
// applied before the first paint: index.html loads this classic script in
// <head>, after the style sheets, so the page is never drawn in the other
// theme first. The dark theme is www/dark.css; its <link>'s media says when it
// applies: for 'system' '(prefers-color-scheme: dark)', 'all' for 'dark',
// 'not all' for 'light'. The dark theme-color <meta> follows the same media,
// the color-scheme <meta> the choice.
//
// The choice is kept in localStorage, per browser: it must be readable
// synchronously here (the database opens in a worker much later), and it is
// about this device's screen, not data (it is in no backup).
//
// window.streakboxTheme = {choice(), set(choice)} is what ui/theme.js uses.
(function () {
  var KEY = 'streakbox.theme';
  var MEDIA = { system: '(prefers-color-scheme: dark)', light: 'not all', dark: 'all' };
  var SCHEME = { system: 'light dark', light: 'light', dark: 'dark' };

  function choice() {
    var v = null;
    try { v = localStorage.getItem(KEY); } catch (e) { /* storage refused: follow the system */ }
    return Object.prototype.hasOwnProperty.call(MEDIA, v) ? v : 'system';
  }

  function apply(c) {
    document.documentElement.setAttribute('data-theme', c);
    var dark = document.querySelectorAll('link[data-theme-dark], meta[name="theme-color"][media]');
    for (var i = 0; i < dark.length; i++) dark[i].setAttribute('media', MEDIA[c]);
    var scheme = document.querySelector('meta[name="color-scheme"]');
    if (scheme) scheme.setAttribute('content', SCHEME[c]);
  }

  window.streakboxTheme = {
    choice: choice,
    /** Stores and applies `c` ('system', 'light' or 'dark'; anything else is 'system'). */
    set: function (c) {
      if (!Object.prototype.hasOwnProperty.call(MEDIA, c)) c = 'system';
      try { localStorage.setItem(KEY, c); } catch (e) { /* not remembered, still applied */ }
      apply(c);
    },
  };
  apply(choice());
})();
