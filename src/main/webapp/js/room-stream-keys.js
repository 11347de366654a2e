// The "Stream keys" dialog of a room: its live keys (owner and admins), Revoke, and for the owner a
// form that creates one and shows its secret once, with Copy buttons and the WHIP URL an encoder
// (OBS: Settings > Stream > Service "WHIP") publishes to. The server decides who may do what.

import { rooms as api } from './room-api.js';
import { el, replaceChildren } from './dom.js';
import { confirmDialog, toast, trackDialog } from './room-dialogs.js';
import { fullTime } from './format.js';

/** Opens the dialog for `room` (a RoomView: id, name, myRole). */
export function streamKeysDialog(room) {
  const owner = room.myRole === 'owner';
  const list = el('ul', { className: 'stream-keys', data: { test: 'stream-key-list' } });
  const note = el('p', { className: 'muted', data: { test: 'stream-keys-note' } });
  const close = el('button', { type: 'button', className: 'secondary', data: { test: 'stream-keys-close' } }, 'Close');
  const secretPanel = el('div', { className: 'stream-key-secret', hidden: true, data: { test: 'stream-key-secret-panel' } });
  const form = owner ? createForm(room, (created) => { showSecret(secretPanel, created); load(); }) : null;
  const body = el('div', { className: 'dialog-form' },
    el('h2', {}, `Stream keys of ${room.name}`),
    el('p', { className: 'dialog-intro' },
      'An encoder such as OBS, GStreamer or ffmpeg publishes into this room by WHIP with a publish key;'
      + ' a player on an intranet page watches by WHEP with a view key. Whoever has a key can use it:'
      + ' revoke one you no longer trust, and a stream using it ends.'),
    list, note, secretPanel, form,
    el('div', { className: 'dialog-buttons' }, close));
  const dialog = el('dialog', { className: 'room-dialog wide', data: { test: 'stream-keys-dialog' } }, body);
  let seq = 0;

  async function load() {
    const mine = ++seq;
    try {
      const page = await api.streamKeys(room.id);
      if (mine !== seq) return;
      replaceChildren(list, page.items.map((k) => keyRow(room, k, load)));
      note.textContent = page.items.length ? '' : 'No stream keys yet.';
    } catch (e) {
      if (mine === seq) note.textContent = `Could not load the stream keys: ${e.message}`;
    }
  }

  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  trackDialog(dialog);
  dialog.showModal();
  load();
  return dialog;
}

function keyRow(room, key, reload) {
  const revoke = el('button', { type: 'button', className: 'secondary danger', data: { test: 'stream-key-revoke' } }, 'Revoke');
  revoke.addEventListener('click', () => confirmDialog({
    test: 'revoke-stream-key', title: `Revoke “${key.name}”?`,
    text: 'It stops working at once, and a stream publishing with it ends. This cannot be undone.',
    confirmLabel: 'Revoke',
    onConfirm: async () => {
      await api.revokeStreamKey(room.id, key.id);
      toast(`The stream key “${key.name}” is revoked.`);
      reload();
    },
  }));
  const used = key.lastUsedAt ? `last used ${fullTime(key.lastUsedAt)}` : 'never used';
  return el('li', { className: 'stream-key', data: { test: 'stream-key', keyId: key.id, purpose: key.purpose } },
    el('div', { className: 'stream-key-text' },
      el('strong', { data: { test: 'stream-key-name' } }, key.name),
      el('span', { className: 'pill' }, key.purpose === 'view' ? 'View (WHEP)' : 'Publish (WHIP)'),
      el('span', { className: 'hint' }, `created ${fullTime(key.createdAt)}, ${used}`)),
    revoke);
}

function createForm(room, onCreated) {
  const name = el('input', { type: 'text', maxLength: 40, placeholder: 'e.g. OBS in the studio', autocomplete: 'off', data: { test: 'stream-key-name-input' } });
  const purpose = el('select', { data: { test: 'stream-key-purpose' } },
    el('option', { value: 'publish' }, 'Publish (WHIP: an encoder sends into the room)'),
    el('option', { value: 'view' }, 'View (WHEP: a player watches the room\'s streams)'));
  const error = el('p', { className: 'form-error', data: { test: 'stream-key-error' }, attrs: { role: 'alert' } });
  const submit = el('button', { type: 'submit', data: { test: 'stream-key-create' } }, 'Create key');
  const form = el('form', { className: 'stream-key-form', noValidate: true },
    el('h3', {}, 'New key'),
    el('div', { className: 'field' }, el('label', {}, 'Name', name)),
    el('div', { className: 'field' }, el('label', {}, 'For', purpose)),
    error, el('div', { className: 'dialog-buttons' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    error.textContent = '';
    submit.disabled = true;
    try {
      onCreated(await api.createStreamKey(room.id, name.value.trim(), purpose.value));
      name.value = '';
    } catch (err) {
      error.textContent = err.message || 'Something went wrong. Please try again.';
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** The secret of a key just created, shown this once, and where to use it. */
function showSecret(panel, created) {
  const rows = [copyRow('Key (shown only now: copy it)', created.secret, 'stream-key-secret')];
  if (created.whipUrl) rows.push(copyRow('WHIP URL', created.whipUrl, 'stream-key-whip-url'));
  replaceChildren(panel,
    el('p', { className: 'hint' }, `“${created.key.name}” is ready. Copy the key now: it is not shown again.`),
    rows,
    created.whipUrl ? el('p', { className: 'hint' },
      'In OBS: Settings, Stream, Service “WHIP”, Server = the WHIP URL, Bearer Token = the key;'
      + ' Output: keyframe interval 1 s.') : null);
  panel.hidden = false;
}

function copyRow(label, value, test) {
  const input = el('input', { type: 'text', readOnly: true, value, data: { test } });
  const copy = el('button', { type: 'button', className: 'secondary', data: { test: `${test}-copy` } }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch (e) {
      input.select();
      document.execCommand('copy');
    }
    toast(`${label.split(' (')[0]} copied.`);
  });
  input.addEventListener('focus', () => input.select());
  return el('div', { className: 'field' }, el('label', {}, label, el('span', { className: 'copy-row' }, input, copy)));
}
