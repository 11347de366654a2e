// Tiny DOM helpers. Strings always become text nodes: user text can never turn into markup.

/**
 * Creates an element. `props` sets properties (className, hidden, type…), `data` entries become
 * data-* attributes, `attrs` plain attributes; children are nodes or strings (as text).
 */
export function el(tag, { data, attrs, ...props } = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const [k, v] of Object.entries(data || {})) if (v !== undefined) node.dataset[k] = v;
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined) node.setAttribute(k, v);
  for (const child of children) append(node, child);
  return node;
}

function append(node, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach((c) => append(node, c)); return; }
  node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Replaces a node's children with the given ones. */
export function replaceChildren(node, ...children) {
  clear(node);
  for (const child of children) append(node, child);
}

/** A round avatar with the first letter of the name, its colour chosen from the username. */
export function avatar(user, extraClass = '') {
  const name = user.displayName || user.username || '?';
  const letter = [...name.trim()][0]?.toUpperCase() || '?';
  let hash = 0;
  for (const ch of user.username || name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return el('span', { className: `avatar hue-${hash % 8} ${extraClass}`.trim(), attrs: { 'aria-hidden': 'true' } }, letter);
}

/** Calls `fn` once `ms` after the last call. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
