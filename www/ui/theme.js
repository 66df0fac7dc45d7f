// Settings → Appearance: System (follow this device), Light or Dark, as three
// radio buttons. The choice is stored and applied by www/theme_boot.js
// (window.streakboxTheme), which also applies it before the first paint.
import { h, uid } from './dom.js';

const CHOICES = [
  { value: 'system', label: 'System', hint: 'Follow this device’s light or dark setting' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The "Appearance" card (id "appearance"): a change applies at once and is remembered in this browser. */
export function themeCard() {
  const theme = window.streakboxTheme;
  const current = theme ? theme.choice() : 'system';
  const name = uid('theme');
  const radios = CHOICES.map((c) => {
    const id = uid('theme');
    return h('div', { class: 'radio' },
      h('input', {
        type: 'radio', id, name, value: c.value, checked: c.value === current,
        onchange: (e) => { if (e.target.checked && theme) theme.set(c.value); },
      }),
      h('label', { for: id }, c.label, c.hint ? h('span', { class: 'muted' }, ` (${c.hint})`) : null));
  });
  const card = h('section', { class: 'card', id: 'appearance', 'aria-labelledby': 'appearance-title' },
    h('h2', { id: 'appearance-title' }, 'Appearance'),
    h('fieldset', { class: 'field theme-choice' },
      h('legend', {}, 'Theme'),
      h('div', { class: 'radio-list' }, radios)),
    h('p', { class: 'muted' }, 'Remembered in this browser on this device.'));
  // A choice made elsewhere (another card, the console) shows here too, while the card is shown.
  const follow = (e) => {
    if (!card.isConnected) return window.removeEventListener('streakbox-theme', follow);
    for (const r of card.querySelectorAll('input[type="radio"]')) r.checked = r.value === e.detail;
  };
  window.addEventListener('streakbox-theme', follow);
  return card;
}
