// Profile colours: the preset palette, and the accent CSS variables derived
// from a profile's colour so text on it (and it on white) stays readable.

export const PRESETS = [
  { hex: '#3b82f6', name: 'Blue' },
  { hex: '#10b981', name: 'Green' },
  { hex: '#14b8a6', name: 'Teal' },
  { hex: '#8b5cf6', name: 'Violet' },
  { hex: '#ec4899', name: 'Pink' },
  { hex: '#ef4444', name: 'Red' },
  { hex: '#f59e0b', name: 'Amber' },
  { hex: '#64748b', name: 'Slate' },
];

const DEFAULT = PRESETS[0].hex;
const INK_DARK = '#111827';

/** The first preset not used by any profile (the palette repeats when all are). */
export function nextColor(profiles) {
  const used = new Set(profiles.map((p) => p.color.toLowerCase()));
  return (PRESETS.find((c) => !used.has(c.hex)) || PRESETS[profiles.length % PRESETS.length]).hex;
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const toHex = (c) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const mix = (a, b, t) => toHex(rgb(a).map((v, i) => v + (rgb(b)[i] - v) * t));

function luminance(hex) {
  const [r, g, b] = rgb(hex).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

// What accents sit on and under, per theme: --surface, --text and --muted of
// style.css (the light and dark halves of its light-dark() tokens);
// tests/site/colors.test.mjs checks they agree. `toward`: the colour strong text moves toward (black on light).
export const THEMES = {
  light: { surface: '#ffffff', text: '#1c2430', muted: '#5a6372', toward: '#000000' },
  dark: { surface: '#171c23', text: '#e7eaf0', muted: '#a1aab8', toward: '#ffffff' },
};
const AA = 4.5;

/** Of `inks`, the first with AA contrast on `bg`, else the one with the most. */
function inkOn(bg, inks) {
  return inks.find((ink) => contrast(ink, bg) >= AA) || inks.reduce((a, b) => (contrast(a, bg) >= contrast(b, bg) ? a : b));
}

/** `hex` washed over `surface` (share `t` of surface, from `t` up) until `text` and `muted` read on it (AA). */
function wash(hex, surface, t, { text, muted }) {
  let c = mix(hex, surface, t);
  for (; (contrast(text, c) < AA || contrast(muted, c) < AA) && t < 1; t += 0.02) c = mix(hex, surface, t);
  return c;
}

/**
 * The accent tokens of colour `hex` in theme `name` ('light' or 'dark'), each
 * readable (WCAG AA) where style.css uses it:
 *   accent           the colour itself (calendar fills, the brand mark)
 *   accent-ink       text on accent (white, a near-black, or black)
 *   accent-tint      a faint wash of it over the surface (checked rows), under --text and --muted
 *   accent-soft      a stronger wash (partial days, borders), under --text
 *   accent-strong    text and lines on the surface and on accent-tint
 *   on-accent-strong text on accent-strong fills (primary buttons, the streak card)
 */
export function accentTokens(hex, name) {
  const theme = THEMES[name];
  const tint = wash(hex, theme.surface, name === 'light' ? 0.9 : 0.84, theme);
  const soft = wash(hex, theme.surface, name === 'light' ? 0.7 : 0.62, { text: theme.text, muted: theme.text });
  let strong = hex;
  for (let t = 0.05; (contrast(strong, tint) < AA || contrast(strong, theme.surface) < AA) && t < 1; t += 0.05) strong = mix(hex, theme.toward, t);
  return {
    accent: hex,
    'accent-ink': inkOn(hex, ['#ffffff', INK_DARK, '#000000']),
    'accent-tint': tint,
    'accent-soft': soft,
    'accent-strong': strong,
    'on-accent-strong': inkOn(strong, ['#ffffff', INK_DARK, '#000000']),
  };
}

/**
 * Sets the profile colour's tokens for both themes on `el`: --l-NAME for the
 * light theme and --d-NAME for the dark one; style.css maps them to --NAME
 * with light-dark(), so a change of theme needs no JS.
 */
export function applyAccent(color, el = document.documentElement) {
  const hex = /^#[0-9a-f]{6}$/i.test(color || '') ? color.toLowerCase() : DEFAULT;
  const themes = { l: accentTokens(hex, 'light'), d: accentTokens(hex, 'dark') };
  for (const [prefix, tokens] of Object.entries(themes)) {
    for (const [name, value] of Object.entries(tokens)) el.style.setProperty(`--${prefix}-${name}`, value);
  }
}
