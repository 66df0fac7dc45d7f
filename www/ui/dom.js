// Small DOM helpers shared by every view: element building, icons, error
// messages shown next to where they happened, and modal dialogs.

let uidCounter = 0;
/** A fresh element id: 'prefix-N'. */
export const uid = (prefix = 'sb') => `${prefix}-${++uidCounter}`;

/**
 * h('button', {class: 'x', onclick: fn, 'aria-label': 'y'}, 'text', child, [more])
 * Keys naming an element property (value, checked, disabled…) set the property;
 * others become attributes; on* keys add listeners; null/false values are skipped.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key in el && !key.includes('-')) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces el's children with `children`, skipping null and false as h() does
 * (Element.replaceChildren(null) would show the text "null"). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

const ICONS = {
  up: 'M6 15l6-6 6 6',
  down: 'M6 9l6 6 6-6',
  plus: 'M12 5v14M5 12h14',
  check: 'M5 12.5l4.5 4.5L19 7',
  close: 'M6 6l12 12M18 6L6 18',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v5M14 11v5',
  flame: 'M12 3c.5 3.5 5 6 5 11a5 5 0 0 1-10 0c0-2.5 1.5-4 2.5-5.5.5 2 1.5 3 2.5 3.5.5-3-.5-6 0-9z',
  star: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z',
  lock: 'M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3',
  alert: 'M12 4l9 16H3zM12 10v4M12 17v.5',
};

/** A decorative 24x24 stroke icon (hidden from screen readers). */
export function icon(name) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

const HINTS = {
  storage_full: 'The browser has no room left for Streakbox. Free some space on this device and try again.',
  io_error: 'The browser could not read or write a file Streakbox needed.',
  corrupt: 'The database file looks damaged.',
  internal: 'This is a bug in Streakbox.',
};

/** Plain words for an error: the core's message (authoritative), capitalised, plus a hint by code. */
export function describeError(e) {
  const raw = typeof e === 'string' ? e : (e && e.message) || String(e);
  let text = raw.charAt(0).toUpperCase() + raw.slice(1);
  const hint = e && HINTS[e.code];
  if (hint) text = `${text.replace(/\.?$/, '.')} ${hint}`;
  return text;
}

/** An empty, hidden error line; showError fills it. */
export const errorLine = () => h('p', { class: 'error', id: uid('err'), role: 'alert', hidden: true });

export function showError(el, e) {
  el.textContent = describeError(e);
  el.hidden = false;
}

export function hideError(el) {
  el.textContent = '';
  el.hidden = true;
}

/** Marks a field invalid and points it at its error line (or clears that). */
export function fieldError(input, errEl, e) {
  if (e) {
    showError(errEl, e);
    input.setAttribute('aria-invalid', 'true');
  } else {
    hideError(errEl);
    input.removeAttribute('aria-invalid');
  }
}

/** Disables a button while `work` runs. */
export async function busy(button, work) {
  button.disabled = true;
  try {
    return await work();
  } finally {
    button.disabled = false;
  }
}

/** Shows a <dialog> modally; resolves with its returnValue once closed (it is then removed). */
export function showDialog(dialog) {
  const opener = document.activeElement;
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(dialog.returnValue);
    }, { once: true });
  });
}

/** A modal dialog frame: title, body nodes, and a footer of buttons. */
export function dialogFrame(title, body, actions, props = {}) {
  const titleId = uid('dlg');
  return h('dialog', { class: 'dialog', 'aria-labelledby': titleId, ...props },
    h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: titleId }, title),
      body,
      h('div', { class: 'dialog-actions' }, actions)));
}

/** Asks a yes/no question; resolves true only when confirmed. Cancel has focus. */
export async function confirmDialog({ title, message, confirmLabel }) {
  const dialog = dialogFrame(title, h('p', {}, message), [
    h('button', { class: 'button', value: 'cancel', autofocus: true }, 'Cancel'),
    h('button', { class: 'button danger', value: 'confirm', 'data-confirm': true }, confirmLabel),
  ], { class: 'dialog confirm' });
  return (await showDialog(dialog)) === 'confirm';
}

/** Hands `bytes` to the browser as a download named `filename`. */
export function download(bytes, filename, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
