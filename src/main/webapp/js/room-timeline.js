// A room's timeline: stored messages by id, live notices ("Carol joined") where they happened,
// then this tab's pending messages. Keyed like message-list.js: a message is never shown twice,
// a pending bubble becomes the stored message in place, a deleted one disappears.

import { el, replaceChildren, avatar } from './dom.js';
import { clockTime, fullTime, dayHeading, dayKey } from './format.js';

const GROUP_MS = 5 * 60 * 1000;

export class RoomTimeline {
  /** `onDelete(message)` is offered on every stored message while `canModerate()` is true. */
  constructor({ list, me, outbox, canModerate, onDelete }) {
    Object.assign(this, { list, me, outbox, canModerate, onDelete });
    this.nodes = new Map(); // key → element
  }

  get size() {
    return this.list.querySelectorAll('[data-test=room-message]').length;
  }

  clear() {
    this.nodes.clear();
    replaceChildren(this.list);
  }

  /**
   * `stored`: id → message; `notices`: [{key, afterId, kind, reason, text, username, at}] (a notice sits
   * right after the newest message known when it happened); `pending`: outbox entries.
   */
  render(stored, notices, pending) {
    this.#reconcile(this.#items(stored, notices, pending));
  }

  #items(stored, notices, pending) {
    const messages = [...stored.values()].sort((a, b) => a.id - b.id);
    const settled = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
    const waiting = pending.filter((e) => !settled.has(e.clientMessageId))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const byAfter = new Map();
    for (const n of notices) {
      if (!byAfter.has(n.afterId)) byAfter.set(n.afterId, []);
      byAfter.get(n.afterId).push(n);
    }
    const ordered = [];
    const noticesAfter = (id) => {
      for (const n of byAfter.get(id) || []) ordered.push({ key: `n${n.key}`, notice: n, at: n.at });
      byAfter.delete(id);
    };
    // Notices from before the oldest loaded message come first.
    const firstId = messages[0]?.id ?? Infinity;
    for (const id of [...byAfter.keys()].sort((a, b) => a - b)) if (id < firstId) noticesAfter(id);
    for (const m of messages) {
      ordered.push({ key: `m${m.id}`, message: m, at: m.sentAt, from: m.from.username });
      noticesAfter(m.id);
    }
    // Notices about messages no longer here (deleted): after everything stored, in their order.
    for (const id of [...byAfter.keys()].sort((a, b) => a - b)) noticesAfter(id);
    for (const e of waiting) ordered.push({ key: `c${e.clientMessageId}`, entry: e, at: e.createdAt, from: this.me.username });

    const items = [];
    let prev = null;
    let lastDay = null;
    for (const item of ordered) {
      const day = dayKey(item.at);
      if (day !== lastDay) {
        items.push({ key: `d${day}`, day: item.at });
        lastDay = day;
        prev = null;
      }
      if (item.notice) { items.push(item); prev = null; continue; }
      item.continued = Boolean(prev && prev.from === item.from && Date.parse(item.at) - Date.parse(prev.at) < GROUP_MS);
      items.push(item);
      prev = item;
    }
    return items;
  }

  #reconcile(items) {
    const { list } = this;
    const keys = new Set(items.map((i) => i.key));
    const adoptable = new Set(items.map((i) => i.message?.clientMessageId).filter(Boolean).map((c) => `c${c}`));
    for (const [key, node] of this.nodes) {
      if (!keys.has(key) && !adoptable.has(key)) { node.remove(); this.nodes.delete(key); }
    }
    let prev = null;
    for (const item of items) {
      let node = this.nodes.get(item.key);
      const cid = item.message?.clientMessageId;
      if (!node && cid && this.nodes.has(`c${cid}`)) {
        node = this.nodes.get(`c${cid}`);
        this.nodes.delete(`c${cid}`);
        this.nodes.set(item.key, node);
      }
      if (!node) {
        node = item.day ? this.#dayNode(item) : item.notice ? this.#noticeNode(item.notice) : this.#messageNode(item);
        this.nodes.set(item.key, node);
      }
      if (item.message || item.entry) this.#update(node, item);
      const want = prev ? prev.nextSibling : list.firstChild;
      if (want !== node) list.insertBefore(node, want);
      prev = node;
    }
    for (const [key, node] of this.nodes) {
      if (!keys.has(key)) { node.remove(); this.nodes.delete(key); }
    }
  }

  #dayNode(item) {
    return el('li', { className: 'day', data: { test: 'day-separator' } }, el('span', {}, dayHeading(item.day)));
  }

  #noticeNode(n) {
    return el('li', { className: `notice notice-${n.kind}`, data: { test: 'notice', kind: n.kind, reason: n.reason, username: n.username } },
      el('span', { data: { test: 'notice-text' } }, n.text),
      el('time', { dateTime: n.at, title: fullTime(n.at) }, clockTime(n.at)));
  }

  #messageNode(item) {
    const mine = item.from === this.me.username;
    const message = item.message;
    const from = message ? message.from : this.me;
    const text = message ? message.text : item.entry.text;
    const node = el('li', { className: `message room-message ${mine ? 'mine' : 'theirs'}`, data: { test: 'room-message', from: item.from } },
      mine ? null : el('span', { className: 'sender' }, avatar(from, 'small'),
        el('span', { className: 'sender-name', data: { test: 'room-message-from' } }, from.displayName || from.username)),
      el('div', { className: 'bubble' },
        el('p', { className: 'text', data: { test: 'room-message-text' } }, text),
        el('span', { className: 'meta' },
          el('time', { data: { test: 'message-time' } }),
          mine ? el('span', { className: 'tick', data: { test: 'message-tick' } }) : null)));
    const del = el('button', {
      type: 'button', className: 'icon message-action', hidden: true, title: 'Delete message',
      data: { test: 'delete-message' }, attrs: { 'aria-label': 'Delete message' },
    }, '×');
    del.addEventListener('click', () => {
      const id = Number(node.dataset.id);
      if (id) this.onDelete(id);
    });
    node.querySelector('.bubble').after(del);
    if (mine) {
      const retry = el('button', { type: 'button', className: 'link', data: { test: 'room-message-retry' } }, 'Retry');
      const discard = el('button', { type: 'button', className: 'link', data: { test: 'room-message-discard' } }, 'Delete');
      retry.addEventListener('click', () => this.outbox.retry(node.dataset.clientId));
      discard.addEventListener('click', () => this.outbox.discard(node.dataset.clientId));
      node.appendChild(el('div', { className: 'message-error', hidden: true, attrs: { role: 'alert' } },
        el('span', { data: { test: 'room-message-error' } }), ' ', retry, ' ', discard));
    }
    return node;
  }

  #update(node, item) {
    const { message, entry } = item;
    const mine = item.from === this.me.username;
    const state = message ? (mine ? 'sent' : 'received') : entry.state; // pending | failed
    if (message) node.dataset.id = String(message.id);
    const cid = message?.clientMessageId || entry?.clientMessageId;
    if (cid) node.dataset.clientId = cid;
    node.dataset.state = state;
    node.classList.toggle('continued', item.continued);
    const time = node.querySelector('time');
    time.dateTime = item.at;
    time.title = fullTime(item.at);
    time.textContent = clockTime(item.at);
    node.querySelector('[data-test=delete-message]').hidden = !message || !this.canModerate();
    if (!mine) return;
    const tick = node.querySelector('.tick');
    const [mark, label] = { pending: ['…', 'Sending'], failed: ['!', 'Not sent'], sent: ['✓', 'Sent'] }[state];
    tick.textContent = mark;
    tick.title = label;
    tick.setAttribute('aria-label', label);
    const error = node.querySelector('.message-error');
    error.hidden = state !== 'failed';
    error.querySelector('[data-test=room-message-error]').textContent = state === 'failed' ? `Not sent: ${entry.error}` : '';
  }
}
