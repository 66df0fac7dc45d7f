// A small popup menu behind a button (the WAI-ARIA menu button pattern): the
// button has aria-haspopup and aria-expanded; the menu's items are buttons
// with role="menuitem". Enter, Space or ArrowDown on the button opens it with
// the first item focused; ArrowUp/ArrowDown/Home/End move; Escape closes it and
// returns focus to the button; Tab or a click elsewhere closes it.
import { h, uid } from './dom.js';

/**
 * menuButton({label, text, items}): `label` names the button for screen
 * readers ('More for Run'), `text` is what it shows; `items()` is called at
 * each opening and returns [{label, action, attrs}] (`attrs` extra attributes,
 * e.g. data-action for tests). After an item's action the menu is closed and
 * focus is back on the button, unless the action moved it elsewhere.
 */
export function menuButton({ label, text = '⋯', items }) {
  const menuId = uid('menu');
  const button = h('button', {
    type: 'button', class: 'icon-button menu-button', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-controls': menuId, 'aria-label': label, title: label,
  }, h('span', { 'aria-hidden': 'true' }, text));
  const menu = h('div', { class: 'menu', id: menuId, role: 'menu', 'aria-label': label, hidden: true });
  const wrap = h('div', { class: 'menu-wrap' }, button, menu);
  const entries = () => [...menu.querySelectorAll('[role="menuitem"]')];

  function open(focusLast = false) {
    menu.replaceChildren(...items().map((item) => h('button', {
      type: 'button', role: 'menuitem', tabIndex: -1, ...item.attrs,
      onclick: async () => {
        close(true);
        await item.action();
      },
    }, item.label)));
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    const all = entries();
    (focusLast ? all.at(-1) : all[0])?.focus();
    document.addEventListener('pointerdown', outside, true);
  }

  function close(refocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', outside, true);
    if (refocus) button.focus();
  }

  function outside(e) {
    if (!wrap.contains(e.target)) close(false);
  }

  button.addEventListener('click', () => (menu.hidden ? open() : close(true)));
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      open(e.key === 'ArrowUp');
    }
  });
  menu.addEventListener('keydown', (e) => {
    const all = entries();
    const at = all.indexOf(document.activeElement);
    const go = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[e.key];
    if (go !== undefined) {
      e.preventDefault();
      all[(go + all.length) % all.length].focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();  // inside a dialog, Escape closes the menu only
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
    }
  });
  return wrap;
}
