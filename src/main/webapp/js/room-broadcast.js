// A broadcast room's side panel (docs/protocol.md, room.hand / room.stage / room.viewers): how
// many watch and a search over everyone in the room, "Raise hand" for a viewer, raised hands with
// "Invite to stage" for the owner, admins and presenters, the invitation with "Go on stage" for
// the viewer invited, and the presenters for moderators. All text goes in as text.

import { el, replaceChildren, debounce, avatar } from './dom.js';
import { rooms as api } from './room-api.js';
import { toast } from './room-dialogs.js';

export class BroadcastPanel {
  /** `session`: the RoomSession (room, me, toggleShow, render). */
  constructor({ socket, me, session }) {
    Object.assign(this, { socket, me, session });
    this.#build();
    this.reset();
  }

  reset() {
    this.viewerCount = 0;
    this.hands = new Map(); // username → user
    this.handUp = false;
    this.onStage = false;
    this.invitedBy = null;
    this.results = [];
    this.presenters = null;
    if (this.search) this.search.value = '';
  }

  get room() {
    return this.session.room;
  }

  get active() {
    return this.room?.mode === 'broadcast';
  }

  /** Owner, admins and presenters: they hear hands and invite on stage. */
  get handles() {
    const r = this.room;
    return Boolean(r && (r.myRole === 'owner' || r.myRole === 'admin' || r.presenter));
  }

  /** Whether this user may show here now. */
  get mayShow() {
    const r = this.room;
    return !this.active || r.myRole === 'owner' || Boolean(r.presenter) || this.onStage;
  }

  #build() {
    const button = (test, text, fn, className = 'secondary') => {
      const b = el('button', { type: 'button', className, data: { test } }, text);
      b.addEventListener('click', fn);
      return b;
    };
    this.count = el('p', { className: 'viewer-count', data: { test: 'viewer-count' } });
    this.handButton = button('raise-hand', 'Raise hand', () => this.#toggleHand());
    // Built once: render() only updates the text, so a re-render (every viewer-count push) never
    // swaps the buttons out from under a click or the keyboard focus.
    this.invitationText = el('p', {});
    const accept = el('button', { type: 'button', data: { test: 'accept-stage' } }, 'Go on stage');
    accept.addEventListener('click', () => this.session.toggleShow());
    const decline = el('button', { type: 'button', className: 'secondary', data: { test: 'decline-stage' } }, 'Not now');
    decline.addEventListener('click', () => this.#stage(this.me.username, false));
    this.invitation = el('div', { className: 'card stage-invitation', hidden: true, data: { test: 'stage-invitation' }, attrs: { role: 'status' } },
      this.invitationText, el('div', { className: 'dialog-buttons' }, decline, accept));
    this.handList = el('ul', { className: 'people hands', data: { test: 'hand-list' } });
    this.handsBox = el('div', { className: 'hands-box' }, el('h4', {}, 'Raised hands'), this.handList);
    this.search = el('input', { type: 'search', placeholder: 'Find someone in the room', maxLength: 64, data: { test: 'occupant-search' }, attrs: { 'aria-label': 'Find someone in the room' } });
    this.search.addEventListener('input', debounce(() => this.#find(), 250));
    this.resultList = el('ul', { className: 'people search-results', data: { test: 'occupant-search-results' } });
    this.presenterList = el('ul', { className: 'people presenters', data: { test: 'presenter-list' } });
    this.presenterInput = el('input', { type: 'text', placeholder: 'username', maxLength: 32, data: { test: 'presenter-username' }, attrs: { 'aria-label': 'Username of a new presenter' } });
    const presenterForm = el('form', { className: 'inline-form', noValidate: true },
      this.presenterInput, el('button', { type: 'submit', className: 'secondary', data: { test: 'add-presenter' } }, 'Add presenter'));
    presenterForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const name = this.presenterInput.value.trim().replace(/^@/, '');
      if (name) this.#setPresenter(name, true);
    });
    this.presentersBox = el('details', { className: 'presenters-box', data: { test: 'presenters-panel' } },
      el('summary', {}, 'Presenters'), this.presenterList, presenterForm);
    this.presentersBox.addEventListener('toggle', () => { if (this.presentersBox.open) this.#loadPresenters(); });
    this.root = el('section', { className: 'broadcast-panel', hidden: true, data: { test: 'broadcast-panel' }, attrs: { 'aria-label': 'Broadcast' } },
      el('h3', {}, 'Broadcast'), this.count, this.invitation, this.handButton, this.handsBox,
      this.search, this.resultList, this.presentersBox);
  }

  render() {
    this.root.hidden = !this.active || this.session.status !== 'in';
    if (this.root.hidden) return;
    this.count.textContent = `${this.viewerCount} watching`;
    this.count.dataset.count = String(this.viewerCount);
    this.handButton.hidden = this.mayShow;
    this.handButton.textContent = this.handUp ? 'Lower hand' : 'Raise hand';
    this.handButton.dataset.raised = String(this.handUp);
    this.invitation.hidden = !this.invitedBy || this.session.show !== 'off';
    if (!this.invitation.hidden) {
      this.invitationText.textContent = `${nameOf(this.invitedBy)} invited you on stage.`;
    }
    this.handsBox.hidden = !this.handles || this.hands.size === 0;
    replaceChildren(this.handList, ...[...this.hands.values()].map((u) => this.#row(u, 'hand')));
    replaceChildren(this.resultList, ...this.results.map((o) => this.#row(o.user, 'occupant-result', o)));
    this.presentersBox.hidden = !(this.room.myRole === 'owner' || this.room.myRole === 'admin');
    if (this.presenters) {
      replaceChildren(this.presenterList, ...this.presenters.map((u) => {
        const remove = el('button', { type: 'button', className: 'link danger', data: { test: 'remove-presenter' } }, 'Remove');
        remove.addEventListener('click', () => this.#setPresenter(u.username, false));
        return el('li', { className: 'occupant', data: { test: 'presenter', username: u.username } },
          el('span', { className: 'person-name' }, nameOf(u)), remove);
      }));
    }
  }

  #row(user, test, occupant) {
    const parts = [el('span', { className: 'avatar-wrap' }, avatar(user)),
      el('span', { className: 'person-text' }, el('span', { className: 'person-name' }, nameOf(user)),
        el('span', { className: 'person-sub' }, `@${user.username}`))];
    if (occupant?.stage) parts.push(el('span', { className: 'pill', data: { test: 'stage-badge' } }, 'On stage'));
    if (this.handles && user.username !== this.me.username && !occupant?.stage) {
      const invite = el('button', { type: 'button', className: 'link', data: { test: 'invite-to-stage' } }, 'Invite to stage');
      invite.addEventListener('click', () => this.#stage(user.username, true));
      parts.push(invite);
    }
    return el('li', { className: 'occupant', data: { test, username: user.username } }, ...parts);
  }

  // ---- pushes ----

  /** room.entered */
  entered(msg) {
    this.viewerCount = msg.viewerCount ?? 0;
  }

  onViewers({ roomId, viewerCount }) {
    if (roomId !== this.session.roomId) return;
    this.viewerCount = viewerCount;
    this.render();
  }

  onHand({ roomId, user, raised }) {
    if (roomId !== this.session.roomId) return;
    if (user.username === this.me.username) this.handUp = raised;
    if (raised) this.hands.set(user.username, user);
    else this.hands.delete(user.username);
    this.render();
  }

  /** room.stage: someone went on stage or off it. */
  onStage({ roomId, user, onStage }) {
    if (roomId !== this.session.roomId) return;
    this.hands.delete(user.username);
    if (user.username === this.me.username) {
      this.onStage = onStage;
      this.handUp = false;
      if (!onStage) this.invitedBy = null;
    }
    this.session.stageChanged(user, onStage);
    this.render();
  }

  onInvited({ roomId, by }) {
    if (roomId !== this.session.roomId) return;
    this.onStage = true;
    this.handUp = false;
    this.invitedBy = by;
    toast(`${nameOf(by)} invited you on stage.`);
    this.session.view.render();
  }

  // ---- actions ----

  #toggleHand() {
    this.handUp = !this.handUp;
    this.socket.send('room.hand', { roomId: this.session.roomId, raised: this.handUp });
    this.render();
  }

  #stage(username, onStage) {
    this.socket.send('room.stage', { roomId: this.session.roomId, username, onStage });
    if (username === this.me.username && !onStage) this.invitedBy = null;
    this.render();
  }

  async #find() {
    const roomId = this.session.roomId;
    const q = this.search.value.trim();
    if (!q) { this.results = []; this.render(); return; }
    try {
      const page = await api.occupants(roomId, q);
      if (roomId !== this.session.roomId || q !== this.search.value.trim()) return;
      this.results = page.items;
    } catch (e) {
      this.results = [];
      toast(`Could not search the room: ${e.message}`);
    }
    this.render();
  }

  async #loadPresenters() {
    try {
      this.presenters = (await api.presenters(this.session.roomId)).items;
      this.render();
    } catch (e) {
      toast(`Could not load the presenters: ${e.message}`);
    }
  }

  async #setPresenter(username, on) {
    try {
      if (on) await api.addPresenter(this.session.roomId, username);
      else await api.removePresenter(this.session.roomId, username);
      this.presenterInput.value = '';
      toast(on ? `@${username} is a presenter now.` : `@${username} is no longer a presenter.`);
      await this.#loadPresenters();
    } catch (e) {
      toast(`Could not change the presenters: ${e.message}`);
    }
  }
}

function nameOf(user) {
  return user.displayName || user.username;
}
