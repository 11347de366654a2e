// The conversation list: GET /api/conversations, then kept current by chat.message, chat.ack
// and chat.read, newest activity first, with unread counts that agree across the user's tabs.

import { conversations as api } from './api.js';
import { el, replaceChildren, avatar } from './dom.js';
import { statusDot } from './presence.js';
import { shortTime, fullTime, callSummary } from './format.js';

/** username → {with, lastMessage, unread, readUpTo, otherReadUpTo}. Emits 'change'. */
export class ConversationStore extends EventTarget {
  constructor(me) {
    super();
    this.me = me;
    this.items = new Map();
    this.state = 'loading'; // loading | ready | error
    this.error = '';
    this.seq = 0;
  }

  async load() {
    const seq = ++this.seq;
    try {
      const page = await api.list();
      if (seq !== this.seq) return;
      const fresh = new Map();
      for (const c of page.items) {
        const old = this.items.get(c.with.username);
        // A live message that arrived while the list was on its way must not be lost.
        if (old?.lastMessage && c.lastMessage && old.lastMessage.id > c.lastMessage.id) {
          c.lastMessage = old.lastMessage;
          c.unread = Math.max(c.unread, old.unread);
        }
        fresh.set(c.with.username, c);
      }
      for (const [u, c] of this.items) if (!fresh.has(u) && c.lastMessage) fresh.set(u, c);
      this.items = fresh;
      this.state = 'ready';
    } catch (e) {
      if (seq !== this.seq) return;
      this.state = this.items.size ? 'ready' : 'error';
      this.error = e.message;
    }
    this.#changed();
  }

  /** The other participant of a message, from this user's point of view. */
  otherOf(message) {
    return message.from.username === this.me.username ? message.to : message.from;
  }

  /** A stored message (live push, ack or history): moves its conversation to the top. */
  onMessage(message) {
    const other = this.otherOf(message);
    const incoming = message.from.username !== this.me.username;
    let c = this.items.get(other.username);
    if (!c) {
      c = { with: { ...other }, lastMessage: null, unread: 0, readUpTo: 0, otherReadUpTo: 0 };
      this.items.set(other.username, c);
    }
    if (c.lastMessage && c.lastMessage.id >= message.id) return; // old or already counted
    c.lastMessage = message;
    // The server counts writing as reading: whoever sends has read everything before it.
    if (incoming) {
      c.otherReadUpTo = Math.max(c.otherReadUpTo, message.id);
      if (message.id > c.readUpTo) c.unread += 1;
    } else {
      c.readUpTo = Math.max(c.readUpTo, message.id);
      c.unread = 0;
    }
    this.#changed();
  }

  onRead({ reader, with: other, upTo }) {
    if (reader === this.me.username) {
      const c = this.items.get(other);
      if (!c || upTo <= c.readUpTo) return;
      c.readUpTo = upTo;
      if (!c.lastMessage || upTo >= c.lastMessage.id) c.unread = 0;
      else this.reloadSoon(); // read part of it: only the server knows the exact count
    } else {
      const c = this.items.get(reader);
      if (!c || upTo <= c.otherReadUpTo) return;
      c.otherReadUpTo = upTo;
    }
    this.#changed();
  }

  reloadSoon() {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.load(), 300);
  }

  get(username) {
    return this.items.get(username);
  }

  sorted() {
    return [...this.items.values()].filter((c) => c.lastMessage)
      .sort((a, b) => b.lastMessage.id - a.lastMessage.id);
  }

  reset() {
    this.seq++;
    clearTimeout(this.reloadTimer);
    this.items.clear();
    this.state = 'loading';
    this.#changed();
  }

  #changed() {
    this.dispatchEvent(new CustomEvent('change'));
  }
}

/** Renders the store into the sidebar list; `activeUsername()` is the open conversation. */
export class ConversationListView {
  constructor({ store, presence, typing, list, empty, loading, error, me, activeUsername, isReadingNow, onOpen }) {
    Object.assign(this, { store, presence, typing, list, empty, loading, error, me, activeUsername, isReadingNow, onOpen });
    this.render = this.render.bind(this);
    store.addEventListener('change', this.render);
    presence.addEventListener('change', this.render);
    typing.addEventListener('change', this.render);
    this.render();
  }

  destroy() {
    this.store.removeEventListener('change', this.render);
    this.presence.removeEventListener('change', this.render);
    this.typing.removeEventListener('change', this.render);
  }

  /** Unread messages the user has not seen, counting the open conversation as seen. */
  unreadOf(c) {
    return c.with.username === this.activeUsername() && this.isReadingNow() ? 0 : c.unread;
  }

  totalUnread() {
    return this.store.sorted().reduce((n, c) => n + this.unreadOf(c), 0);
  }

  render() {
    const { store } = this;
    const items = store.sorted();
    const active = this.activeUsername();
    replaceChildren(this.list, items.map((c) => this.#item(c, c.with.username === active)));
    this.loading.hidden = store.state !== 'loading' || items.length > 0;
    this.error.hidden = store.state !== 'error';
    this.error.textContent = store.state === 'error' ? `Could not load conversations: ${store.error}` : '';
    this.empty.hidden = store.state !== 'ready' || items.length > 0;
    const total = this.totalUnread();
    document.title = total ? `(${total}) Chorus` : 'Chorus';
  }

  #item(c, active) {
    const m = c.lastMessage;
    const mine = m.from.username === this.me.username;
    const unread = this.unreadOf(c);
    const status = this.presence.statusOf(c.with.username) ?? (c.with.online ? c.with.status || 'online' : 'offline');
    const typing = this.typing.isTyping(c.with.username);
    let tick = null;
    if (mine && !m.call) {
      const read = c.otherReadUpTo >= m.id;
      tick = el('span', { className: `tick ${read ? 'read' : ''}`, attrs: { 'aria-label': read ? 'Read' : 'Sent' } },
        read ? '✓✓' : '✓');
    }
    return el('li', {},
      el('button', {
        type: 'button', className: `conversation-item${active ? ' active' : ''}${unread ? ' has-unread' : ''}`,
        data: { test: 'conversation-item', username: c.with.username, unread: String(unread) },
        attrs: { 'aria-current': active ? 'true' : undefined },
        onclick: () => this.onOpen(c.with.username, c.with),
      },
      el('span', { className: 'avatar-wrap' }, avatar(c.with), statusDot(status)),
      el('span', { className: 'conversation-text' },
        el('span', { className: 'conversation-top' },
          el('span', { className: 'person-name', data: { test: 'conversation-name' } }, c.with.displayName),
          el('time', { className: 'conversation-time', title: fullTime(m.sentAt), attrs: { datetime: m.sentAt } },
            shortTime(m.sentAt))),
        el('span', { className: 'conversation-bottom' },
          typing
            ? el('span', { className: 'preview typing-preview' }, 'typing…')
            : el('span', { className: 'preview' }, tick,
              el('span', { data: { test: 'conversation-preview' } },
                m.call ? callSummary(m.call, mine, m.text) : [mine ? 'You: ' : '', m.text])),
          unread ? el('span', { className: 'badge', data: { test: 'unread-badge' }, attrs: { 'aria-label': `${unread} unread` } },
            unread > 99 ? '99+' : String(unread)) : null)),
    ));
  }
}
