// Being in one room with this tab: room.enter (with a password when asked), the occupants and the
// show list kept live from room.* pushes, history merged by id, room.read, show/unshow with the
// local camera, and after a reconnect: enter again, refetch what was missed, resend what is pending.

import { rooms as api } from './room-api.js';
import { LocalCamera } from './room-camera.js';
import { RoomMedia } from './room-media.js';
import { RoomHistory } from './room-history.js';
import { RoomPeople } from './room-people.js';
import { RoomView } from './room-view.js';
import { RoomModeration } from './room-moderation.js';
import { closeDialogs, toast } from './room-dialogs.js';
import { BroadcastPanel } from './room-broadcast.js';

const ENTER_ERRORS = {
  not_found: 'This room does not exist (any more), or you cannot see it.',
  forbidden: 'This room is private: you need an invitation to enter it.',
  banned: 'You are banned from this room.',
};

export class RoomSession {
  /** `onExit(notice)` goes back to the directory; `onRoom(room)` tells it about fresher data. */
  constructor({ socket, me, outbox, onExit, onRoom }) {
    Object.assign(this, { socket, me, outbox, onExit, onRoom });
    this.gen = 0;
    this.requests = new Map(); // request id → what it was (enter, show, unshow, read, leave)
    this.sent = new Set(); // ids of recent requests, also of rooms left since
    this.moderation = new RoomModeration({
      me, room: () => this.room,
      onRoom: (room) => this.onUpdated({ room }),
      onMembers: (items) => this.#applyMembers(items),
      onDeleted: (room) => {
        if (room.id === this.roomId) this.#out(`You deleted ${room.name}.`);
      },
      onMessageDeleted: (id) => this.onDeleted({ roomId: this.room?.id, messageId: id }),
    });
    this.media = new RoomMedia({ socket, report: (text) => toast(text) });
    this.broadcast = new BroadcastPanel({ socket, me, session: this });
    this.view = new RoomView({ me, outbox, session: this, moderation: this.moderation, media: this.media, broadcast: this.broadcast });
    this.log = new RoomHistory({
      outbox, render: (mode) => this.view.renderTimeline(mode), needsMore: () => this.view.needsMore(),
      afterLoad: () => this.maybeMarkRead(),
    });
    this.people = new RoomPeople({ me, newestId: () => this.log.newestId });
    this.camera = new LocalCamera(this.view.preview);
    this.#reset();
    outbox.addEventListener('change', (e) => {
      if (this.room && (!e.detail.username || e.detail.username === this.room.id)) this.view.renderTimeline();
    });
  }

  get root() {
    return this.view.root;
  }

  get roomId() {
    return this.room?.id ?? null;
  }

  #reset() {
    this.room = null;
    this.status = 'idle'; // idle | loading | password | entering | in | error
    this.entered = false; // has been in since open(): a later room.entered is a re-enter
    this.password = undefined;
    this.passwordError = '';
    this.error = '';
    this.people?.reset();
    this.broadcast?.reset();
    this.log?.reset(null);
    this.show = 'off'; // off | starting | on
    this.cameraError = '';
    this.requests.clear();
  }

  /** Opens the room `id`; `hint` is what the directory knows of it (saves a request). */
  async open(id, hint) {
    if (id === this.roomId && this.status !== 'error') return;
    if (this.room) this.leave();
    this.gen++;
    const gen = this.gen;
    this.#reset();
    this.view.resetComposer();
    this.moderation.reset();
    this.room = { id, name: '', ...(hint || {}) };
    this.log.reset(id);
    if (hint && 'hasPassword' in hint) { this.#decide(hint); return; }
    this.status = 'loading';
    this.view.render();
    try {
      const room = await api.get(id);
      if (gen !== this.gen) return;
      this.room = room;
      this.#decide(room);
    } catch (e) {
      if (gen !== this.gen) return;
      this.#fail(e.status === 404 ? ENTER_ERRORS.not_found : `Could not open the room: ${e.message}`);
    }
  }

  #decide(room) {
    if (room.hasPassword && !room.myRole) {
      this.status = 'password';
      this.view.render();
      this.view.focusPassword();
    } else {
      this.#enter();
    }
  }

  enterWithPassword(password) {
    this.password = password;
    this.passwordError = '';
    this.#enter();
  }

  #enter() {
    this.status = 'entering';
    this.view.render();
    const fields = { roomId: this.room.id };
    if (this.password) fields.password = this.password;
    // Sent now if the socket is open, else when it opens (onSocketState).
    this.#request('room.enter', fields, 'enter');
  }

  /** This tab leaves the room (room.leave) and forgets it. */
  leave() {
    if (!this.room) return;
    if (this.status === 'in' || this.status === 'entering') {
      this.media.stop(true); // room.media.close: another tab of ours may stay in the room
      this.#request('room.leave', { roomId: this.room.id }, 'leave');
    }
    this.close();
  }

  /** Forgets the room without telling the server (it told us we are out). */
  close() {
    this.gen++;
    this.media.stop(false);
    this.camera.stop();
    closeDialogs();
    if (this.room) for (const e of this.outbox.forConversation(this.room.id)) this.outbox.discard(e.clientMessageId);
    this.#reset();
    this.moderation.reset();
    this.view.resetComposer();
    this.view.render();
  }

  leaveAndExit() {
    this.leave();
    this.onExit('');
  }

  exit() {
    this.close();
    this.onExit('');
  }

  #fail(text) {
    this.media.stop(false);
    this.camera.stop();
    this.show = 'off';
    this.status = 'error';
    this.error = text;
    this.view.render();
  }

  #out(notice) {
    this.close();
    this.onExit(notice);
  }

  send(text) {
    this.outbox.send(this.room.id, text);
  }

  // ---- socket pushes and answers ----

  onEntered(msg) {
    if (!this.room || msg.room?.id !== this.room.id) return;
    this.requests.delete(msg.id);
    const again = this.entered;
    this.room = msg.room;
    this.onRoom(msg.room);
    this.people.replace(msg, msg.room.myRole, again);
    this.broadcast.entered(msg);
    this.status = 'in';
    this.entered = true;
    this.media.start(msg.room.id); // everyone in the room receives everyone showing
    if (again) {
      // Back after a reconnect: what was missed, what is pending, and the camera if it was on.
      this.log.resync();
      this.outbox.resendPending();
      if (this.show !== 'off' && this.camera.live) this.#sendShow();
      else this.show = 'off';
    } else {
      this.log.loadNewest();
    }
    this.view.render();
    this.moderation.loadMembers();
  }

  onJoined({ roomId, user, role, stream }) {
    if (roomId !== this.roomId || this.status !== 'in') return;
    if (this.people.joined(user, role, stream)) this.view.render();
  }

  onLeft({ roomId, user, reason }) {
    if (roomId !== this.roomId || this.status !== 'in') return;
    if (user.username === this.me.username) return; // our own tabs are told with room.kicked
    if (this.people.left(user, reason)) this.view.render();
  }

  onShown({ roomId, user }) {
    this.#setShowing(roomId, user, true);
  }

  onUnshown({ roomId, user }) {
    if (roomId === this.roomId && user.username === this.me.username && this.show === 'on') {
      this.media.unpublish();
      this.camera.stop(); // another tab of ours, or the server, took us off the show list
      this.show = 'off';
    }
    this.#setShowing(roomId, user, false);
  }

  /** room.stage: a broadcast room lists its stage; off it (and not showing), a viewer is not. */
  stageChanged(user, onStage) {
    if (this.status !== 'in' || user.username === this.me.username) return;
    const o = this.people.occupants.get(user.username);
    if (onStage && !o) this.people.occupants.set(user.username, { user, role: null, showing: false });
    if (!onStage && o && !o.showing) this.people.occupants.delete(user.username);
    this.view.render();
  }

  #setShowing(roomId, user, on) {
    if (roomId !== this.roomId || this.status !== 'in') return;
    if (this.people.setShowing(user, on)) this.view.render();
  }

  /** room.ack (our send) or room.message (anyone's): a stored message. */
  onStored(message) {
    if (message.roomId !== this.roomId || !this.entered) return;
    const incoming = message.from.username !== this.me.username;
    const wasPinned = this.view.pinned;
    this.log.add(message, !incoming);
    this.view.renderTimeline(incoming ? 'keep' : 'bottom');
    if (incoming) this.view.noteIncoming(wasPinned);
    this.maybeMarkRead();
  }

  onRead({ roomId, upTo }) {
    if (roomId === this.roomId) this.log.readUpTo = Math.max(this.log.readUpTo, upTo);
  }

  onDeleted({ roomId, messageId }) {
    if (roomId !== this.roomId || !this.log.remove(messageId)) return;
    this.view.renderTimeline();
  }

  onUpdated({ room }) {
    if (!room || room.id !== this.roomId) return;
    const before = this.room;
    this.room = { ...this.room, ...room };
    if (before.topic !== this.room.topic && this.status === 'in') {
      this.people.topicChanged(this.room.topic);
    }
    this.view.render();
    this.moderation.loadMembers(); // roles may have changed, ours included
  }

  onKicked({ roomId, reason, banned }) {
    if (roomId !== this.roomId) return;
    const name = this.room.name;
    this.#out(`You were ${banned ? 'banned' : 'removed'} from ${name}${reason ? `: ${reason}` : '.'}`);
  }

  onClosed({ roomId, reason }) {
    if (roomId !== this.roomId) return;
    const name = this.room.name;
    if (this.moderation.deleting === roomId) this.#out(`You deleted ${name}.`);
    else if (reason === 'closed_by_admin') this.#out(`${name} was closed by a Chorus administrator.`);
    else this.#out(`${name} was closed by its owner.`);
  }

  /** An `ack` for one of our requests. */
  onAck(id) {
    const kind = this.requests.get(id);
    if (!kind) return;
    this.requests.delete(id);
    if (kind === 'show' && this.show === 'starting') {
      this.show = 'on';
      const me = this.people.occupants.get(this.me.username);
      if (me) me.showing = true;
      this.view.render();
      this.media.publish(this.camera.stream); // on the show list: now the camera goes out
    }
  }

  /** Sends a request and remembers what it was, for its answer. */
  #request(type, fields, kind) {
    const id = this.socket.send(type, fields);
    this.requests.set(id, kind);
    this.sent.add(id);
    if (this.sent.size > 100) this.sent.delete(this.sent.values().next().value);
  }

  /** An `error` for one of our requests: true when it was ours (and is handled). */
  onError(err) {
    if (this.media.owns(err.id)) return true; // room-media.js reports its own failures
    const kind = this.requests.get(err.id);
    // About a room this tab has left since (a late leave, read…): nothing left to tell.
    if (!kind) return this.sent.has(err.id);
    this.requests.delete(err.id);
    if (kind === 'enter') {
      if (err.code === 'wrong_password') {
        this.passwordError = this.password ? 'Wrong password. Try again.' : 'This room needs a password.';
        this.password = undefined;
        this.status = 'password';
        this.entered = false;
        this.view.render();
        this.view.focusPassword();
      } else {
        this.#fail(ENTER_ERRORS[err.code] || err.message || err.code);
      }
    } else if (kind === 'show') {
      this.camera.stop();
      this.show = 'off';
      this.view.render();
      toast(`Could not show: ${err.message || err.code}`);
    } else if (kind === 'read') {
      this.log.readSentUpTo = this.log.readUpTo; // try again on the next occasion
    } else if (kind === 'unshow' || kind === 'leave') {
      // Out of the room already: nothing to undo.
    }
    return true;
  }

  onSocketState(state) {
    if (state === 'reconnecting') {
      this.media.stop(false); // the server closed this tab's transports with the socket
      this.requests.clear(); // nothing in flight will be answered on the dead connection
      this.outbox.connectionLost();
    }
    if (state === 'open' && (this.status === 'in' || this.status === 'entering')) this.#enter();
  }

  // ---- show / unshow ----

  async toggleShow() {
    if (this.status !== 'in') return;
    if (this.show === 'on') {
      this.#request('room.unshow', { roomId: this.room.id }, 'unshow');
      this.media.unpublish();
      this.camera.stop();
      this.show = 'off';
      const me = this.people.occupants.get(this.me.username);
      if (me) me.showing = false;
      this.view.render();
      return;
    }
    if (this.show !== 'off') return;
    const gen = this.gen;
    this.show = 'starting';
    this.cameraError = '';
    this.view.render();
    try {
      await this.camera.start();
    } catch (e) {
      if (gen !== this.gen) return;
      this.show = 'off';
      this.cameraError = e.message;
      this.view.render();
      return;
    }
    if (gen !== this.gen || this.status !== 'in') { this.camera.stop(); return; }
    this.#sendShow();
  }

  #sendShow() {
    this.show = 'starting';
    this.#request('room.show', { roomId: this.room.id }, 'show');
    this.view.render();
  }

  // ---- read markers ----

  loadOlder() {
    this.log.loadOlder();
  }

  isReadingNow() {
    return this.status === 'in' && this.log.status === 'ready' && !this.view.root.hidden
      && !this.view.root.closest('[hidden]') && document.visibilityState === 'visible' && this.view.atBottom();
  }

  /** room.read up to the newest message when something from others is unread on screen. */
  maybeMarkRead() {
    if (!this.isReadingNow() || !this.socket.isOpen) return;
    const newest = this.log.unreadUpTo(this.me.username);
    if (!newest) return;
    this.log.readSentUpTo = newest;
    this.#request('room.read', { roomId: this.room.id, upTo: newest }, 'read');
  }

  #applyMembers(items) {
    if (!this.room) return;
    let changed = this.people.applyRoles(items);
    const mine = items.find((m) => m.user.username === this.me.username);
    if (mine && mine.role !== this.room.myRole) {
      this.room = { ...this.room, myRole: mine.role };
      changed = true;
    }
    if (changed) this.view.render();
  }

  destroy() {
    this.close();
    this.view.destroy();
  }
}
