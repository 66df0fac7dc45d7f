// The two themes' colours meet WCAG AA (4.5:1 for text) for every profile
// colour, not only the ones the e2e suite's axe runs happen to use: the
// accent tokens ui/color.js derives (for the presets and a sweep of custom
// colours), and the fixed text tokens of www/style.css (light-dark() pairs)
// on the surfaces they sit on. Also that ui/color.js's
// idea of each theme (surface, text, muted) is the stylesheets'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PRESETS, THEMES as COLOR_THEMES, accentTokens, contrast } from '../../www/ui/color.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const AA = 4.5;

/** The colour tokens of style.css's :root, `--name: light-dark(#light, #dark)`, as {light: {name: hex}, dark: {…}}. */
function tokens() {
  const css = readFileSync(join(ROOT, 'www', 'style.css'), 'utf8');
  const found = [...css.matchAll(/--([a-z-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/gi)];
  assert.ok(found.length > 20, 'style.css holds its colours as light-dark() tokens');
  return {
    light: Object.fromEntries(found.map((m) => [m[1], m[2].toLowerCase()])),
    dark: Object.fromEntries(found.map((m) => [m[1], m[3].toLowerCase()])),
  };
}
const TOKENS = tokens();
const THEMES = { light: { css: TOKENS.light }, dark: { css: TOKENS.dark } };

test('ui/color.js knows the stylesheets\' surface, text and muted colours', () => {
  for (const [name, theme] of Object.entries(THEMES)) {
    for (const key of ['surface', 'text', 'muted']) assert.equal(COLOR_THEMES[name][key], theme.css[key], `${name} --${key}`);
  }
});

test('text tokens meet AA on the backgrounds they are used on, in both themes', () => {
  const pairs = [['text', 'bg'], ['text', 'surface'], ['text', 'empty'], ['muted', 'bg'], ['muted', 'surface'], ['muted', 'empty'],
    ['muted', 'surface-hover'], ['danger', 'surface'], ['danger', 'danger-box'], ['danger', 'danger-tint'], ['on-danger', 'danger-fill'],
    ['on-ok', 'ok'], ['inactive-text', 'inactive-bg'], ['toast-text', 'toast-bg'], ['text', 'warn-tint'], ['text', 'field'],
    ['link', 'surface'], ['link', 'bg'], ['link', 'warn-tint']];
  for (const [name, { css }] of Object.entries(THEMES)) {
    for (const [fg, bg] of pairs) {
      assert.ok(css[fg] && css[bg], `${name}: --${fg} and --${bg} are set`);
      assert.ok(contrast(css[fg], css[bg]) >= AA, `${name}: --${fg} on --${bg} is ${contrast(css[fg], css[bg]).toFixed(2)}:1`);
    }
    // The focus ring is a non-text indicator: 3:1 against the page and the cards.
    for (const bg of ['bg', 'surface']) assert.ok(contrast(css.focus, css[bg]) >= 3, `${name}: --focus on --${bg}`);
  }
});

test('every profile colour gives accent tokens that meet AA in both themes', () => {
  const sweep = [];
  for (let r = 0; r < 256; r += 51) for (let g = 0; g < 256; g += 51) for (let b = 0; b < 256; b += 51) {
    sweep.push(`#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`);
  }
  for (const hex of [...PRESETS.map((p) => p.hex), ...sweep]) {
    for (const [name, { css }] of Object.entries(THEMES)) {
      const t = accentTokens(hex, name);
      const pairs = [
        ['accent-ink', t['accent-ink'], 'accent', t.accent],               // calendar: complete days
        ['accent-strong', t['accent-strong'], 'surface', css.surface],     // links, current tab, badges
        ['accent-strong', t['accent-strong'], 'accent-tint', t['accent-tint']],  // badges, day off
        ['on-accent-strong', t['on-accent-strong'], 'accent-strong', t['accent-strong']],  // primary buttons, streak card
        ['text', css.text, 'accent-soft', t['accent-soft']],               // calendar: partial days
        ['text', css.text, 'accent-tint', t['accent-tint']],               // checked rows
        ['muted', css.muted, 'accent-tint', t['accent-tint']],
      ];
      for (const [fgName, fg, bgName, bg] of pairs) {
        assert.ok(contrast(fg, bg) >= AA, `${name}, ${hex}: --${fgName} ${fg} on --${bgName} ${bg} is ${contrast(fg, bg).toFixed(2)}:1`);
      }
    }
  }
});
