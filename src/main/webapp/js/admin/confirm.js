// One confirmation dialog for every destructive action on the admin page.

import { el, replaceChildren } from '../dom.js';

let dialog = null;

function build() {
  dialog = el('dialog', { className: 'admin-confirm', data: { test: 'admin-confirm' } });
  document.body.append(dialog);
  return dialog;
}

/**
 * Asks before `action` runs; resolves to true when confirmed. `text` is rendered as text.
 * `input` (optional: { label, type }) adds a field whose value is passed to the caller.
 */
export function confirmAction({ title, text, confirmLabel = 'Confirm', input }) {
  const d = dialog || build();
  const field = input
    ? el('input', { type: input.type || 'text', data: { test: 'admin-confirm-input' }, required: true })
    : null;
  return new Promise((resolve) => {
    const finish = (ok) => {
      d.close();
      resolve(ok ? (field ? field.value : true) : false);
    };
    replaceChildren(d,
      el('h2', {}, title),
      el('p', {}, text),
      field ? el('label', {}, input.label, field) : null,
      el('div', { className: 'admin-confirm-buttons' },
        el('button', { type: 'button', className: 'secondary', data: { test: 'admin-confirm-cancel' },
          onclick: () => finish(false) }, 'Cancel'),
        el('button', { type: 'button', className: 'danger', data: { test: 'admin-confirm-ok' },
          onclick: () => finish(true) }, confirmLabel)));
    d.oncancel = () => resolve(false);
    d.showModal();
    (field || d.querySelector('[data-test="admin-confirm-cancel"]')).focus();
  });
}
