// Modal forms for rooms (create, kick/ban reason, settings, invite, confirm), built from a field
// list. Every hook is named from the dialog's `test` prefix: `${test}-dialog`, `${test}-${field}`,
// `${test}-${field}-error`, `${test}-error`, `${test}-submit`, `${test}-cancel`. Server errors land
// next to their field (400 per-field errors) or at the bottom (anything else).

import { ApiError } from './api.js';
import { el } from './dom.js';

const open = new Set();

/**
 * Opens a modal form. `fields`: [{name, label, type: text|password|textarea|select|checkbox,
 * value, options: [[value, label]], hint, maxLength, placeholder}]. `onSubmit(values)` may throw
 * an ApiError; the dialog closes when it resolves. A 409 is shown on `conflictField` if given.
 */
export function formDialog({ test, title, intro, fields = [], submitLabel, danger = false, conflictField, onSubmit }) {
  const inputs = new Map();
  const errors = new Map();
  const rows = fields.map((f) => {
    const input = control(f, `${test}-${f.name}`);
    inputs.set(f.name, input);
    const error = el('p', { className: 'field-error', data: { test: `${test}-${f.name}-error` } });
    errors.set(f.name, error);
    const hint = f.hint ? el('p', { className: 'hint' }, f.hint) : null;
    if (f.type === 'checkbox') {
      return el('div', { className: 'field' }, el('label', { className: 'check' }, input, f.label), hint, error);
    }
    return el('div', { className: 'field' }, el('label', {}, f.label, input), hint, error);
  });
  const formError = el('p', { className: 'form-error', data: { test: `${test}-error` }, attrs: { role: 'alert' } });
  const submit = el('button', { type: 'submit', className: danger ? 'danger' : '', data: { test: `${test}-submit` } }, submitLabel);
  const cancel = el('button', { type: 'button', className: 'secondary', data: { test: `${test}-cancel` } }, 'Cancel');
  const form = el('form', { className: 'dialog-form', noValidate: true },
    el('h2', {}, title), intro ? el('p', { className: 'dialog-intro' }, intro) : null,
    rows, formError, el('div', { className: 'dialog-buttons' }, cancel, submit));
  const dialog = el('dialog', { className: 'room-dialog', data: { test: `${test}-dialog` } }, form);

  const showErrors = (byField, message = '') => {
    for (const [name, p] of errors) {
      const text = byField[name] || '';
      p.textContent = text;
      inputs.get(name).setAttribute('aria-invalid', String(Boolean(text)));
    }
    formError.textContent = message;
  };

  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => { open.delete(dialog); dialog.remove(); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    const values = {};
    for (const [name, input] of inputs) {
      if (input.type === 'checkbox') values[name] = input.checked;
      else values[name] = input.type === 'password' ? input.value : input.value.trim();
    }
    showErrors({});
    submit.disabled = true;
    try {
      await onSubmit(values);
      dialog.close();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        const known = err.fieldErrors.filter((f) => errors.has(f.field));
        const rest = err.fieldErrors.filter((f) => !errors.has(f.field)).map((f) => f.message);
        showErrors(Object.fromEntries(known.map((f) => [f.field, f.message])), rest.join(' '));
      } else if (err instanceof ApiError && err.status === 409 && conflictField) {
        showErrors({ [conflictField]: err.message });
      } else {
        showErrors({}, err instanceof ApiError || err instanceof UserError ? err.message : 'Something went wrong. Please try again.');
      }
    } finally {
      submit.disabled = false;
    }
  });

  document.body.append(dialog);
  open.add(dialog);
  dialog.showModal();
  (inputs.values().next().value || submit).focus();
  return dialog;
}

/** A yes/no question as a modal; resolves when confirmed (onConfirm may throw to keep it open). */
export function confirmDialog({ test, title, text, confirmLabel, danger = true, onConfirm }) {
  return formDialog({ test, title, intro: text, submitLabel: confirmLabel, danger, onSubmit: onConfirm });
}

/** A message for the person, thrown from onSubmit to keep the dialog open with it. */
export class UserError extends Error {}

/** Counts a dialog built elsewhere as a room dialog, so closeDialogs() closes it too. */
export function trackDialog(dialog) {
  open.add(dialog);
  dialog.addEventListener('close', () => open.delete(dialog));
}

/** Closes every open room dialog (the room they were about is gone). */
export function closeDialogs() {
  for (const d of [...open]) d.close();
}

function control(f, testId) {
  const common = { name: f.name, data: { test: testId } };
  if (f.type === 'textarea') {
    const area = el('textarea', { ...common, rows: 2, value: f.value ?? '', placeholder: f.placeholder ?? '' });
    if (f.maxLength) area.maxLength = f.maxLength;
    return area;
  }
  if (f.type === 'select') {
    const select = el('select', common, f.options.map(([value, label]) => el('option', { value }, label)));
    select.value = f.value ?? f.options[0][0];
    return select;
  }
  if (f.type === 'checkbox') return el('input', { ...common, type: 'checkbox', checked: Boolean(f.value) });
  const input = el('input', {
    ...common, type: f.type || 'text', value: f.value ?? '', autocomplete: f.type === 'password' ? 'new-password' : 'off',
    placeholder: f.placeholder ?? '',
  });
  if (f.maxLength) input.maxLength = f.maxLength;
  return input;
}

let toastTimer;
/** A short message at the bottom of the page (the shell's toast element). */
export function toast(text) {
  const t = document.getElementById('toast');
  if (!t) return;
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 6000);
}
