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

function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
}

/** Sets --accent (the colour), --accent-ink (text on it), --accent-strong (text/lines on white, >= 4.5:1), --accent-soft/-tint (fills). */
export function applyAccent(color, el = document.documentElement) {
  const hex = /^#[0-9a-f]{6}$/i.test(color || '') ? color.toLowerCase() : DEFAULT;
  let strong = hex;
  for (let t = 0.1; contrast(strong, '#ffffff') < 4.5 && t < 1; t += 0.1) strong = mix(hex, '#000000', t);
  const vars = {
    '--accent': hex,
    '--accent-ink': contrast(hex, '#ffffff') >= contrast(hex, INK_DARK) ? '#ffffff' : INK_DARK,
    '--accent-strong': strong,
    '--accent-soft': mix(hex, '#ffffff', 0.7),
    '--accent-tint': mix(hex, '#ffffff', 0.9),
  };
  for (const [k, v] of Object.entries(vars)) el.style.setProperty(k, v);
}
