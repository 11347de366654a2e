// The open conversation: history with scroll-back paging, live messages merged by id, pending
// bubbles from the outbox, sent/read ticks, typing indicator, read receipts and the composer.

import { conversations as api } from './api.js';
import { replaceChildren, avatar } from './dom.js';
import { STATUS_TEXT } from './format.js';
import { MAX_LENGTH } from './outbox.js';
import { MessageList } from './message-list.js';

const TYPING_EVERY_MS = 2000;
const COUNTER_FROM = MAX_LENGTH - 500;
const NEAR_TOP_PX = 120;
const NEAR_BOTTOM_PX = 48;

export class ChatView {
  constructor({ dom, socket, me, store, outbox, presence, typing, onBack, onReadingChange }) {
    Object.assign(this, { dom, socket, me, store, outbox, presence, typing, onBack, onReadingChange });
    this.messages = new MessageList({ list: dom.list, me, outbox });
    this.username = null;
    this.gen = 0;
    this.#resetState();
    const { scroller, form, input, retryLoad, jump, back } = dom;
    this.handlers = [
      [scroller, 'scroll', () => this.#onScroll()],
      [form, 'submit', (e) => { e.preventDefault(); this.#submit(); }],
      [input, 'keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.#submit(); }
      }],
      [input, 'input', () => this.#onInput()],
      [retryLoad, 'click', () => this.#loadNewest()],
      [jump, 'click', () => { this.#scrollToBottom(); this.maybeMarkRead(); }],
      [back, 'click', () => this.onBack()],
      [outbox, 'change', (e) => {
        if (!e.detail.username || e.detail.username === this.username) this.render();
      }],
      [presence, 'change', (e) => {
        if (!e.detail.username || e.detail.username === this.username) this.#renderHeader();
      }],
      [typing, 'change', (e) => {
        if (!e.detail.username || e.detail.username === this.username) this.#renderTyping();
      }],
    ];
    for (const [target, type, fn] of this.handlers) target.addEventListener(type, fn);
    // A resized window or pane must not leave a reader who was at the bottom stranded above it.
    this.pinned = true;
    this.resizeObserver = new ResizeObserver(() => { if (this.pinned) this.#scrollToBottom(); });
    this.resizeObserver.observe(scroller);
    this.resizeObserver.observe(dom.list);
  }

  destroy() {
    this.resizeObserver.disconnect();
    this.close();
    for (const [target, type, fn] of this.handlers) target.removeEventListener(type, fn);
  }

  /** Shows the conversation with `username`; `hint` is what the caller knows of that user. */
  open(username, hint) {
    if (username === this.username) { this.dom.input.focus(); return; }
    this.gen++;
    this.#resetState();
    this.username = username;
    this.user = { username, displayName: hint?.displayName || username, ...hint };
    this.messages.clear();
    this.dom.root.hidden = false;
    this.dom.form.hidden = false;
    this.dom.retryLoad.hidden = false;
    this.dom.root.dataset.username = username;
    this.dom.input.value = this.drafts.get(username) || '';
    this.#onInput(false);
    this.#renderHeader();
    this.#renderTyping();
    this.#loadNewest();
    this.dom.input.focus();
  }

  close() {
    if (this.username) this.drafts.set(this.username, this.dom.input.value);
    this.gen++;
    this.username = null;
    this.#resetState();
    this.messages.clear();
    this.dom.root.hidden = true;
    delete this.dom.root.dataset.username;
  }

  /** True while the user can see the newest messages of this conversation. */
  isReadingNow() {
    return Boolean(this.username) && this.status === 'ready'
      && document.visibilityState === 'visible' && this.#atBottom();
  }

  /** A stored message (chat.message, chat.ack) for any conversation. */
  onStored(message) {
    const other = this.store.otherOf(message);
    if (other.username !== this.username) return; // kept even while loading: merged by id
    if (!this.user.id) this.user = { ...this.user, ...other };
    const incoming = message.from.username !== this.me.username;
    const wasAtBottom = this.pinned;
    this.stored.set(message.id, message);
    // As on the server, whoever writes has read everything before their message.
    if (incoming) this.otherReadUpTo = Math.max(this.otherReadUpTo, message.id);
    else this.readUpTo = Math.max(this.readUpTo, message.id);
    this.render(incoming ? 'keep' : 'bottom');
    if (incoming && !wasAtBottom) this.dom.jump.hidden = false;
    this.maybeMarkRead();
  }

  onRead({ reader, with: other, upTo }) {
    if (!this.username) return;
    if (reader === this.me.username && other === this.username) {
      this.readUpTo = Math.max(this.readUpTo, upTo);
    } else if (reader === this.username) {
      if (upTo <= this.otherReadUpTo) return;
      this.otherReadUpTo = upTo;
      this.render();
    }
  }

  /** chat.read was acknowledged (or refused) for the request `id`. */
  onReadReply(id, ok) {
    if (id !== this.readRequest?.id) return false;
    const { username, upTo } = this.readRequest;
    this.readRequest = null;
    if (username !== this.username) return true;
    if (ok) {
      this.readUpTo = Math.max(this.readUpTo, upTo);
      this.store.onRead({ reader: this.me.username, with: username, upTo });
    } else {
      this.readSentUpTo = this.readUpTo; // try again on the next occasion
    }
    return true;
  }

  /** Sends chat.read up to the newest message when there is something unread on screen. */
  maybeMarkRead() {
    this.onReadingChange?.();
    if (!this.isReadingNow() || !this.socket.isOpen) return;
    const seen = Math.max(this.readUpTo, this.readSentUpTo);
    let newest = 0;
    let unread = false;
    for (const m of this.stored.values()) {
      newest = Math.max(newest, m.id);
      if (m.id > seen && m.from.username !== this.me.username) unread = true;
    }
    if (!unread) return;
    this.readSentUpTo = newest;
    const id = this.socket.send('chat.read', { with: this.username, upTo: newest });
    this.readRequest = { id, username: this.username, upTo: newest };
  }

  /** After a reconnect: fetch what was missed, paging back until a known message. */
  async resync() {
    if (!this.username) return;
    if (this.status !== 'ready') { this.#loadNewest(); return; }
    const gen = this.gen;
    const known = this.#newestId();
    try {
      const pages = [await api.messages(this.username)];
      while (known && pages.at(-1).nextCursor && !pages.at(-1).items.some((m) => m.id <= known)) {
        if (gen !== this.gen) return;
        pages.push(await api.messages(this.username, pages.at(-1).nextCursor));
      }
      if (gen !== this.gen) return;
      for (const page of pages) this.#merge(page.items);
      this.readUpTo = Math.max(this.readUpTo, pages[0].readUpTo || 0);
      this.otherReadUpTo = Math.max(this.otherReadUpTo, pages[0].otherReadUpTo || 0);
      if (!known) this.nextCursor = pages.at(-1).nextCursor;
      this.render();
      this.maybeMarkRead();
    } catch (e) {
      // The live connection is back; the next reconnect or reopen tries again.
    }
  }

  render(mode = 'keep') {
    if (!this.username) return;
    const sc = this.dom.scroller;
    const atBottom = this.pinned;
    const oldHeight = sc.scrollHeight;
    const oldTop = sc.scrollTop;
    this.messages.render(this.stored, this.outbox.forConversation(this.username), this.otherReadUpTo);
    const empty = this.status === 'ready' && this.messages.size === 0;
    this.dom.empty.hidden = !empty;
    this.dom.historyStart.hidden = this.status !== 'ready' || this.nextCursor !== null || empty;
    this.dom.historyLoading.hidden = !(this.status === 'loading' || this.loadingOlder);
    this.dom.loadError.hidden = this.status !== 'error';
    if (mode === 'bottom' || (mode === 'keep' && atBottom)) this.#scrollToBottom();
    else if (mode === 'prepend') {
      sc.scrollTop = oldTop + (sc.scrollHeight - oldHeight);
      this.pinned = this.#atBottom();
    }
  }

  #resetState() {
    this.drafts ??= new Map();
    this.stored = new Map(); // id → message
    this.status = 'idle'; // idle | loading | ready | error
    this.nextCursor = null;
    this.loadingOlder = false;
    this.readUpTo = 0;
    this.otherReadUpTo = 0;
    this.readSentUpTo = 0;
    this.readRequest = null;
    this.lastTypingSent = 0;
    this.pinned = true;
    if (this.dom) this.dom.jump.hidden = true;
  }

  async #loadNewest() {
    const gen = this.gen;
    this.status = 'loading';
    this.render();
    try {
      const page = await api.messages(this.username);
      if (gen !== this.gen) return;
      this.#merge(page.items);
      this.nextCursor = page.nextCursor ?? null;
      this.readUpTo = page.readUpTo || 0;
      this.otherReadUpTo = page.otherReadUpTo || 0;
      this.status = 'ready';
    } catch (e) {
      if (gen !== this.gen) return;
      this.status = 'error';
      this.dom.form.hidden = e.status === 404; // nobody to write to, nothing to retry
      this.dom.retryLoad.hidden = e.status === 404;
      this.dom.loadErrorText.textContent = e.status === 404
        ? `There is no user called @${this.username}.` : `Could not load messages: ${e.message}`;
    }
    this.render('bottom');
    this.#fillViewport();
    this.maybeMarkRead();
  }

  async #loadOlder() {
    if (this.loadingOlder || this.status !== 'ready' || this.nextCursor === null) return;
    const gen = this.gen;
    this.loadingOlder = true;
    this.render('prepend');
    try {
      const page = await api.messages(this.username, this.nextCursor);
      if (gen !== this.gen) return;
      this.#merge(page.items);
      this.nextCursor = page.nextCursor ?? null;
    } catch (e) {
      // Scrolling to the top again retries.
    } finally {
      if (gen === this.gen) this.loadingOlder = false;
    }
    if (gen !== this.gen) return;
    this.render('prepend');
    this.#fillViewport();
  }

  /** Short history that does not fill the pane cannot be scrolled: load more right away. */
  #fillViewport() {
    const sc = this.dom.scroller;
    if (this.status === 'ready' && this.nextCursor !== null && sc.scrollHeight <= sc.clientHeight + NEAR_TOP_PX) {
      this.#loadOlder();
    }
  }

  #merge(items) {
    for (const m of items) {
      this.stored.set(m.id, m);
      this.outbox.settle(m);
    }
  }

  #newestId() {
    let newest = 0;
    for (const id of this.stored.keys()) newest = Math.max(newest, id);
    return newest;
  }

  #atBottom() {
    const sc = this.dom.scroller;
    return sc.scrollHeight - sc.scrollTop - sc.clientHeight < NEAR_BOTTOM_PX;
  }

  #scrollToBottom() {
    this.dom.scroller.scrollTop = this.dom.scroller.scrollHeight;
    this.dom.jump.hidden = true;
    this.pinned = true;
  }

  #onScroll() {
    this.pinned = this.#atBottom();
    if (this.dom.scroller.scrollTop < NEAR_TOP_PX) this.#loadOlder();
    if (this.#atBottom()) {
      this.dom.jump.hidden = true;
      this.maybeMarkRead();
    }
  }

  #renderHeader() {
    if (!this.username) return;
    const conv = this.store.get(this.username);
    const user = { ...this.user, ...(conv?.with || {}) };
    const status = this.presence.statusOf(this.username) ?? (user.online ? user.status || 'online' : 'offline');
    replaceChildren(this.dom.avatar, avatar(user));
    this.dom.title.textContent = user.displayName || this.username;
    this.dom.handle.textContent = `@${this.username}`;
    this.dom.status.textContent = STATUS_TEXT[status] || status;
    this.dom.status.dataset.status = status;
  }

  #renderTyping() {
    const on = Boolean(this.username) && this.typing.isTyping(this.username);
    this.dom.typing.hidden = !on;
    this.dom.typing.textContent = on ? `${this.user.displayName || this.username} is typing…` : '';
  }

  #onInput(sendTyping = true) {
    const { input, counter, send } = this.dom;
    input.style.height = 'auto';
    const border = input.offsetHeight - input.clientHeight;
    input.style.height = `${Math.min(input.scrollHeight + border, 160)}px`;
    const length = codePoints(input.value);
    counter.hidden = length < COUNTER_FROM;
    counter.textContent = `${length} / ${MAX_LENGTH}`;
    counter.classList.toggle('over', length > MAX_LENGTH);
    send.disabled = !input.value.trim() || length > MAX_LENGTH;
    const now = Date.now();
    if (sendTyping && this.username && input.value.trim() && now - this.lastTypingSent >= TYPING_EVERY_MS
      && this.socket.isOpen) {
      this.lastTypingSent = now;
      this.socket.send('chat.typing', { to: this.username });
    }
  }

  #submit() {
    const text = this.dom.input.value.trim();
    if (!text || codePoints(text) > MAX_LENGTH || !this.username) return;
    this.outbox.send(this.username, text);
    this.dom.input.value = '';
    this.drafts.delete(this.username);
    this.#onInput(false);
    this.lastTypingSent = 0;
    this.render('bottom');
    this.dom.input.focus();
  }
}

/** Length as the server counts it: Unicode code points, so an emoji is one character. */
function codePoints(text) {
  let n = 0;
  for (const _ of text) n++; // eslint-disable-line no-unused-vars
  return n;
}
