// The open room on screen: header with topic and actions, the password or error card before
// entering, the timeline with scroll-back paging, the composer, the occupant list and the local
// camera preview. RoomSession (room-session.js) drives it from the socket.

import { el, replaceChildren } from './dom.js';
import { MAX_LENGTH } from './outbox.js';
import { RoomTimeline } from './room-timeline.js';
import { PeopleList } from './room-occupants.js';

const COUNTER_FROM = MAX_LENGTH - 500;
const NEAR_TOP_PX = 120;
const NEAR_BOTTOM_PX = 48;

/** The DOM of the room view; `session` answers the questions and takes the user's actions. */
export class RoomView {
  constructor({ me, outbox, session, moderation, media, broadcast }) {
    Object.assign(this, { me, outbox, session, moderation, media, broadcast });
    this.#build();
    this.timeline = new RoomTimeline({
      list: this.list, me, outbox, canModerate: () => moderation.allowed,
      onDelete: (id) => moderation.deleteMessage(id),
    });
    this.people = new PeopleList({
      list: this.occupantList, test: 'occupant', me, canModerate: () => moderation.allowed,
      actions: {
        kick: (u) => moderation.kick(u), ban: (u) => moderation.ban(u),
        setRole: (u, r) => moderation.setRole(u, r), unban: (u) => moderation.unban(u),
        stopStream: (u) => moderation.stopStream(u),
      },
    });
    this.pinned = true;
    this.resizeObserver = new ResizeObserver(() => { if (this.pinned) this.scrollToBottom(); });
    this.resizeObserver.observe(this.scroller);
    this.resizeObserver.observe(this.list);
  }

  #build() {
    const s = this.session;
    const b = (test, text, fn, className = 'secondary') => {
      const button = el('button', { type: 'button', className, data: { test } }, text);
      button.addEventListener('click', fn);
      return button;
    };
    this.title = el('h2', { data: { test: 'room-title' } });
    this.badges = el('span', { className: 'room-badges' });
    this.topic = el('p', { className: 'room-topic', data: { test: 'room-topic' } });
    this.showButton = b('show-button', 'Show', () => s.toggleShow(), '');
    this.modButtons = el('span', { className: 'room-mod-buttons' },
      b('room-settings-button', 'Settings', () => this.moderation.settings()),
      this.inviteButton = b('invite-button', 'Invite', () => this.moderation.invite()),
      b('stream-keys-button', 'Stream keys', () => this.moderation.streamKeys()),
      this.deleteButton = b('delete-room-button', 'Delete room', () => this.moderation.deleteRoom(), 'secondary danger'));
    this.actions = el('div', { className: 'room-actions' }, this.showButton, this.modButtons,
      b('leave-room', 'Leave', () => s.leaveAndExit()));
    const back = el('button', { type: 'button', className: 'icon', title: 'All rooms', data: { test: 'room-back' }, attrs: { 'aria-label': 'All rooms' } }, '‹');
    back.addEventListener('click', () => s.leaveAndExit());
    const header = el('header', { className: 'conv-header room-header' }, back,
      el('div', { className: 'room-who' }, el('div', { className: 'room-title-line' }, this.title, this.badges), this.topic),
      this.actions);

    // Before entering: the password card, "Entering…", or why it failed.
    this.passwordInput = el('input', { type: 'password', name: 'room-password', autocomplete: 'off', data: { test: 'room-password' } });
    this.passwordError = el('p', { className: 'form-error', data: { test: 'room-password-error' }, attrs: { role: 'alert' } });
    this.passwordForm = el('form', { className: 'card gate-card', noValidate: true, data: { test: 'room-password-form' } },
      el('h3', {}, 'This room has a password'),
      el('label', {}, 'Password', this.passwordInput), this.passwordError,
      el('div', { className: 'dialog-buttons' }, b('room-password-cancel', 'Back to rooms', () => s.exit()),
        el('button', { type: 'submit', data: { test: 'room-password-submit' } }, 'Enter')));
    this.passwordForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.passwordInput.value) s.enterWithPassword(this.passwordInput.value);
      else this.passwordError.textContent = 'Enter the room’s password.';
    });
    this.errorText = el('p', { className: 'form-error', data: { test: 'room-error-text' } });
    this.errorCard = el('div', { className: 'card gate-card', data: { test: 'room-error' }, attrs: { role: 'alert' } },
      el('h3', {}, 'You cannot enter this room'), this.errorText, b('room-error-back', 'Back to rooms', () => s.exit(), ''));
    this.entering = el('p', { className: 'muted gate-card', data: { test: 'room-entering' } }, 'Entering…');
    this.gate = el('div', { className: 'room-gate' }, this.passwordForm, this.errorCard, this.entering);

    // Inside: timeline and composer on the left, people and the preview on the right.
    this.list = el('ol', { className: 'message-list room-timeline', data: { test: 'room-timeline' } });
    this.historyLoading = el('p', { className: 'history-note', hidden: true, data: { test: 'room-history-loading' } }, 'Loading messages…');
    this.historyStart = el('p', { className: 'history-note', hidden: true, data: { test: 'room-history-start' } }, 'This is the beginning of the room.');
    this.historyError = el('p', { className: 'history-note form-error', hidden: true, data: { test: 'room-history-error' } });
    this.empty = el('p', { className: 'history-note', hidden: true, data: { test: 'room-messages-empty' } }, 'No messages yet. Say hello!');
    this.scroller = el('div', { className: 'messages', data: { test: 'room-messages' }, attrs: { role: 'log', 'aria-label': 'Room messages' } },
      el('div', { className: 'spacer', attrs: { 'aria-hidden': 'true' } }), this.historyLoading, this.historyError, this.historyStart, this.empty, this.list);
    this.scroller.addEventListener('scroll', () => this.#onScroll());
    this.jump = b('room-jump', 'New messages ↓', () => { this.scrollToBottom(); s.maybeMarkRead(); }, 'jump');
    this.jump.hidden = true;
    this.input = el('textarea', { rows: 1, placeholder: 'Write to the room…', data: { test: 'room-input' }, attrs: { 'aria-label': 'Message to the room' } });
    this.counter = el('span', { className: 'char-counter', hidden: true, data: { test: 'room-char-counter' } });
    this.send = el('button', { type: 'submit', disabled: true, data: { test: 'room-send' } }, 'Send');
    this.composer = el('form', { className: 'composer', noValidate: true, data: { test: 'room-composer' } }, this.input, this.counter, this.send);
    this.composer.addEventListener('submit', (e) => { e.preventDefault(); this.#submit(); });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.#submit(); }
    });
    this.input.addEventListener('input', () => this.#onInput());

    this.preview = el('video', { className: 'local-preview', muted: true, autoplay: true, playsInline: true, data: { test: 'local-preview' } });
    this.previewBox = el('div', { className: 'preview-box', hidden: true, data: { test: 'local-preview-box' } },
      this.preview, el('span', { className: 'preview-label' }, 'You (preview)'));
    this.cameraError = el('p', { className: 'form-error', hidden: true, data: { test: 'camera-error' }, attrs: { role: 'alert' } });
    this.occupantCount = el('span', { className: 'count', data: { test: 'occupant-count' } });
    this.occupantList = el('ul', { className: 'people occupants', data: { test: 'occupant-list' } });
    const side = el('aside', { className: 'room-side', attrs: { 'aria-label': 'People in the room' } },
      this.previewBox, this.cameraError,
      this.broadcast.root, el('h3', {}, 'In the room ', this.occupantCount), this.occupantList, this.moderation.root);

    this.body = el('div', { className: 'room-body' },
      el('div', { className: 'room-main' }, this.media.grid.root, this.media.controls.root, this.scroller, el('div', { className: 'below-messages' }, this.jump), this.composer),
      side);
    this.root = el('section', { className: 'room-view', hidden: true, data: { test: 'room-view' } }, header, this.gate, this.body);
  }

  destroy() {
    this.resizeObserver.disconnect();
  }

  /** Shows the state of `s` (the session): who, where, what. */
  render(mode = 'keep') {
    const s = this.session;
    const room = s.room;
    this.root.hidden = !room;
    if (!room) return;
    this.root.dataset.roomId = room.id;
    this.root.dataset.state = s.status;
    this.root.dataset.role = room.myRole || '';
    this.title.textContent = room.name || '';
    replaceChildren(this.badges,
      room.hasPassword ? el('span', { className: 'pill locked', title: 'Password protected', data: { test: 'room-header-lock' } }, 'Password') : null,
      room.visibility === 'private' ? el('span', { className: 'pill', data: { test: 'room-header-private' } }, 'Private') : null,
      room.mode === 'broadcast' ? el('span', { className: 'pill', data: { test: 'room-header-broadcast' } }, 'Broadcast') : null);
    this.topic.textContent = room.topic || 'No topic';
    this.topic.classList.toggle('muted', !room.topic);
    const inside = s.status === 'in';
    this.actions.hidden = !inside;
    this.modButtons.hidden = !this.moderation.allowed;
    this.inviteButton.hidden = room.visibility !== 'private';
    this.deleteButton.hidden = room.myRole !== 'owner';
    this.showButton.textContent = { off: 'Show (camera on)', starting: 'Starting camera…', on: 'Stop showing' }[s.show];
    this.showButton.dataset.showing = String(s.show === 'on');
    this.showButton.disabled = s.show === 'starting';
    // A viewer of a broadcast room raises a hand instead (room-broadcast.js).
    this.showButton.hidden = s.show === 'off' && !this.broadcast.mayShow;
    this.previewBox.hidden = s.show === 'off';
    this.cameraError.hidden = !s.cameraError;
    this.cameraError.textContent = s.cameraError;

    this.gate.hidden = inside || s.status === 'idle';
    this.passwordForm.hidden = s.status !== 'password';
    this.passwordError.textContent = s.passwordError;
    this.errorCard.hidden = s.status !== 'error';
    this.errorText.textContent = s.error;
    this.entering.hidden = s.status !== 'entering' && s.status !== 'loading';
    this.body.hidden = !inside && !(s.entered && s.status === 'entering'); // kept while re-entering
    this.composer.hidden = !inside;
    this.moderation.render();
    this.broadcast.render();

    const people = [...s.people.occupants.values()];
    this.occupantCount.textContent = `(${people.length})`;
    this.people.render(people);
    this.renderTimeline(mode);
  }

  renderTimeline(mode = 'keep') {
    const s = this.session;
    if (!s.room) return;
    const sc = this.scroller;
    const atBottom = this.pinned;
    const oldHeight = sc.scrollHeight;
    const oldTop = sc.scrollTop;
    const log = s.log;
    this.timeline.render(log.stored, s.people.notices, this.outbox.forConversation(s.room.id));
    const empty = log.status === 'ready' && this.timeline.size === 0;
    this.empty.hidden = !empty;
    this.historyStart.hidden = log.status !== 'ready' || log.nextCursor !== null || empty;
    this.historyLoading.hidden = !(log.status === 'loading' || log.loadingOlder);
    this.historyError.hidden = log.status !== 'error';
    this.historyError.textContent = log.status === 'error' ? log.error : '';
    if (mode === 'bottom' || (mode === 'keep' && atBottom)) this.scrollToBottom();
    else if (mode === 'prepend') {
      sc.scrollTop = oldTop + (sc.scrollHeight - oldHeight);
      this.pinned = this.atBottom();
    }
  }

  /** A new incoming message arrived: offer the jump button when the reader is scrolled up. */
  noteIncoming(wasPinned) {
    if (!wasPinned) this.jump.hidden = false;
  }

  focusPassword() {
    this.passwordInput.value = '';
    this.passwordInput.focus();
  }

  resetComposer() {
    this.input.value = '';
    this.pinned = true;
    this.jump.hidden = true;
    this.timeline.clear();
    this.#onInput();
  }

  atBottom() {
    const sc = this.scroller;
    return sc.scrollHeight - sc.scrollTop - sc.clientHeight < NEAR_BOTTOM_PX;
  }

  /** True when the history does not fill the pane (so scrolling cannot ask for more). */
  needsMore() {
    const sc = this.scroller;
    return sc.scrollHeight <= sc.clientHeight + NEAR_TOP_PX;
  }

  scrollToBottom() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.jump.hidden = true;
    this.pinned = true;
  }

  #onScroll() {
    this.pinned = this.atBottom();
    if (this.scroller.scrollTop < NEAR_TOP_PX) this.session.loadOlder();
    if (this.pinned) {
      this.jump.hidden = true;
      this.session.maybeMarkRead();
    }
  }

  #onInput() {
    const { input, counter, send } = this;
    if (!input.value || !input.offsetParent) {
      input.style.height = ''; // hidden or empty: its measures mean nothing; one row
    } else {
      input.style.height = 'auto';
      const border = input.offsetHeight - input.clientHeight;
      input.style.height = `${Math.min(input.scrollHeight + border, 160)}px`;
    }
    const length = [...input.value].length;
    counter.hidden = length < COUNTER_FROM;
    counter.textContent = `${length} / ${MAX_LENGTH}`;
    counter.classList.toggle('over', length > MAX_LENGTH);
    send.disabled = !input.value.trim() || length > MAX_LENGTH;
  }

  #submit() {
    const text = this.input.value.trim();
    if (!text || [...text].length > MAX_LENGTH || this.session.status !== 'in') return;
    this.session.send(text);
    this.input.value = '';
    this.#onInput();
    this.renderTimeline('bottom');
    this.input.focus();
  }
}
