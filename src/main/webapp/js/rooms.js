// Rooms in the shell: the "Rooms" entry in the sidebar, the directory and the open room in the
// content pane, the room.* socket messages, and the #rooms / #room/<id> addresses.

import { Outbox } from './outbox.js';
import { rooms as api } from './room-api.js';
import { RoomDirectory } from './room-directory.js';
import { RoomSession } from './room-session.js';
import { formDialog, closeDialogs } from './room-dialogs.js';

const $ = (id) => document.getElementById(id);
const ROOM_HASH = /^#room\/([^/]+)$/;

/**
 * Starts the rooms part of the shell. `beforeShow()` makes room for the rooms pane (closes the
 * open conversation). Call before other socket 'error' listeners are added: errors answering
 * room requests stop here.
 */
export function startRooms({ socket, me, beforeShow }) {
  const pane = $('rooms');
  const nav = $('rooms-nav');
  const shell = $('shell');
  const stop = new AbortController();
  const on = (target, type, fn) => target.addEventListener(type, fn, { signal: stop.signal });
  const outbox = new Outbox(socket, { type: 'room.send', target: 'roomId' });

  const setHash = (hash) => history.replaceState(null, '', hash);

  const reveal = () => {
    if (!pane.hidden) return;
    beforeShow?.();
    pane.hidden = false;
    $('no-conversation').hidden = true;
    shell.classList.add('conversation-open', 'rooms-open');
    nav.setAttribute('aria-current', 'page');
  };

  const showDirectory = (notice = '') => {
    reveal();
    if (session.room) session.leave();
    directory.root.hidden = false;
    directory.say(notice);
    directory.load();
    setHash('#rooms');
  };

  const openRoom = (id, hint) => {
    reveal();
    directory.root.hidden = true;
    directory.say('');
    session.open(id, hint);
    setHash(`#room/${encodeURIComponent(id)}`);
  };

  const createRoom = () => formDialog({
    test: 'create-room', title: 'Create a room', submitLabel: 'Create room', conflictField: 'name',
    fields: [
      { name: 'name', label: 'Name', maxLength: 40, hint: '3–40 characters: letters, digits, spaces, “-”, “_”, “.”.' },
      { name: 'topic', label: 'Topic', type: 'textarea', maxLength: 200, placeholder: 'What is it about? (optional)' },
      { name: 'visibility', label: 'Who can find it', type: 'select',
        options: [['public', 'Public: listed for everyone'], ['private', 'Private: members and invited people only']] },
      { name: 'password', label: 'Password (optional)', type: 'password',
        hint: 'At least 6 characters. Anyone who is not a member yet needs it to enter.' },
    ],
    onSubmit: async (values) => {
      const room = await api.create(values);
      openRoom(room.id, room);
    },
  });

  const hide = () => {
    if (pane.hidden) return;
    session.leave();
    pane.hidden = true;
    shell.classList.remove('rooms-open');
    nav.removeAttribute('aria-current');
  };
  const directory = new RoomDirectory({
    onOpen: (room) => openRoom(room.id, room),
    onCreate: createRoom,
    onClose: () => {
      hide();
      shell.classList.remove('conversation-open');
      $('no-conversation').hidden = false;
      setHash(location.pathname + location.search);
    },
  });
  const session = new RoomSession({
    socket, me, outbox, onExit: (notice) => showDirectory(notice), onRoom: (room) => directory.update(room),
  });
  pane.append(directory.root, session.root);

  on(nav, 'click', () => showDirectory());
  on(socket, 'room.entered', (e) => session.onEntered(e.detail));
  on(socket, 'room.joined', (e) => session.onJoined(e.detail));
  on(socket, 'room.left', (e) => session.onLeft(e.detail));
  on(socket, 'room.shown', (e) => session.onShown(e.detail));
  on(socket, 'room.unshown', (e) => session.onUnshown(e.detail));
  on(socket, 'room.ack', (e) => {
    const entry = outbox.find(e.detail);
    const message = entry && !e.detail.message.clientMessageId
      ? { ...e.detail.message, clientMessageId: entry.clientMessageId } : e.detail.message;
    session.onStored(message);
    outbox.onAck(e.detail);
  });
  on(socket, 'room.message', (e) => {
    outbox.settle(e.detail.message);
    session.onStored(e.detail.message);
  });
  on(socket, 'room.read', (e) => {
    session.onRead(e.detail);
    directory.markRead(e.detail.roomId);
  });
  on(socket, 'room.message.deleted', (e) => session.onDeleted(e.detail));
  on(socket, 'room.updated', (e) => {
    session.onUpdated(e.detail);
    if (e.detail.room) directory.update(e.detail.room);
  });
  on(socket, 'room.kicked', (e) => {
    if (e.detail.roomId === session.roomId) session.onKicked(e.detail);
    else if (!pane.hidden && !directory.root.hidden) directory.load();
  });
  on(socket, 'room.closed', (e) => {
    session.onClosed(e.detail);
    directory.forget(e.detail.roomId);
  });
  on(socket, 'room.viewers', (e) => session.broadcast.onViewers(e.detail));
  on(socket, 'room.hand', (e) => session.broadcast.onHand(e.detail));
  on(socket, 'room.stage', (e) => session.broadcast.onStage(e.detail));
  on(socket, 'room.stage.invited', (e) => session.broadcast.onInvited(e.detail));
  on(socket, 'room.media.offer', (e) => session.media.onOffer(e.detail));
  on(socket, 'room.media.state', (e) => session.media.onState(e.detail));
  on(socket, 'room.media.muted', (e) => session.media.onMuted(e.detail));
  on(socket, 'room.media.unplayable', (e) => session.media.onUnplayable(e.detail));
  on(socket, 'room.speaker', (e) => session.media.onSpeaker(e.detail));
  window.chorusRoomMedia = { stats: () => session.media.stats() };
  on(socket, 'ack', (e) => session.onAck(e.detail.id));
  on(socket, 'error', (e) => {
    // Ours: shown where it belongs (on the bubble, the password card…), not as a toast.
    if (outbox.onError(e.detail) || session.onError(e.detail)) e.stopImmediatePropagation();
  });
  on(socket, 'state', (e) => session.onSocketState(e.detail.state));
  for (const type of ['visibilitychange', 'focus', 'resize']) {
    on(type === 'visibilitychange' ? document : window, type, () => session.maybeMarkRead());
  }

  const followHash = () => {
    const wanted = ROOM_HASH.exec(location.hash);
    if (wanted) {
      const id = decodeURIComponent(wanted[1]);
      if (id !== session.roomId || pane.hidden) openRoom(id);
    } else if (location.hash === '#rooms' && (pane.hidden || session.room)) {
      showDirectory();
    }
  };
  on(window, 'hashchange', followHash);
  followHash();

  return {
    /** Makes way for a conversation: leaves the open room and hides the pane. */
    hide,
    stop() {
      stop.abort();
      session.destroy();
      outbox.reset();
      closeDialogs();
      pane.replaceChildren();
      pane.hidden = true;
      shell.classList.remove('rooms-open');
      nav.removeAttribute('aria-current');
    },
  };
}
