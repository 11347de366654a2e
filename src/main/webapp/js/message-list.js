// The messages of one conversation as a list: stored messages by id, then this tab's pending
// ones, with day headings. Keyed by message id (or clientMessageId while pending), so a message
// is never shown twice and a pending bubble turns into the stored message in place.

import { el, replaceChildren } from './dom.js';
import { clockTime, fullTime, dayHeading, dayKey, callSummary } from './format.js';
import { icon } from './icons.js';

const GROUP_MS = 5 * 60 * 1000;
const TICKS = { pending: ['…', 'Sending'], failed: ['!', 'Not sent'], sent: ['✓', 'Sent'], read: ['✓✓', 'Read'] };

export class MessageList {
  constructor({ list, me, outbox }) {
    Object.assign(this, { list, me, outbox });
    this.nodes = new Map(); // key → element
  }

  /** Shows `stored` (id → message) and `pending` outbox entries; ticks from `otherReadUpTo`. */
  render(stored, pending, otherReadUpTo) {
    this.#reconcile(this.#items(stored, pending), otherReadUpTo);
  }

  get size() {
    return this.list.childElementCount;
  }

  clear() {
    this.nodes.clear();
    replaceChildren(this.list);
  }

  /** Stored messages by id, then this tab's pending ones, with day headings in between. */
  #items(stored, pending) {
    const messages = [...stored.values()].sort((a, b) => a.id - b.id)
      .map((m) => ({ key: `m${m.id}`, message: m, at: m.sentAt, from: m.from.username }));
    const settled = new Set(messages.map((i) => i.message.clientMessageId).filter(Boolean));
    const waiting = pending
      .filter((e) => !settled.has(e.clientMessageId))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((e) => ({ key: `c${e.clientMessageId}`, entry: e, at: e.createdAt, from: this.me.username }));
    const items = [];
    let prev = null;
    for (const item of [...messages, ...waiting]) {
      const day = dayKey(item.at);
      if (!prev || dayKey(prev.at) !== day) {
        items.push({ key: `d${day}`, day: item.at });
        prev = null;
      }
      item.continued = Boolean(prev && prev.from === item.from && Date.parse(item.at) - Date.parse(prev.at) < GROUP_MS);
      items.push(item);
      prev = item;
    }
    return items;
  }

  /** Keyed update: existing nodes are reused and moved only when out of place. */
  #reconcile(items, otherReadUpTo) {
    const { list } = this;
    const keys = new Set(items.map((i) => i.key));
    for (const [key, node] of this.nodes) {
      if (!keys.has(key) && !this.#adoptable(key, items)) { node.remove(); this.nodes.delete(key); }
    }
    let prev = null;
    for (const item of items) {
      let node = this.nodes.get(item.key);
      const cid = item.message?.clientMessageId;
      if (!node && cid && this.nodes.has(`c${cid}`)) {
        // The pending bubble becomes the stored message: same node, no flicker, never twice.
        node = this.nodes.get(`c${cid}`);
        this.nodes.delete(`c${cid}`);
        this.nodes.set(item.key, node);
      }
      if (!node) {
        node = item.day ? this.#dayNode(item) : this.#messageNode(item);
        this.nodes.set(item.key, node);
      }
      if (!item.day) this.#update(node, item, otherReadUpTo);
      const want = prev ? prev.nextSibling : list.firstChild;
      if (want !== node) list.insertBefore(node, want);
      prev = node;
    }
    for (const [key, node] of this.nodes) {
      if (!keys.has(key)) { node.remove(); this.nodes.delete(key); }
    }
  }

  #adoptable(key, items) {
    return key.startsWith('c') && items.some((i) => i.message?.clientMessageId === key.slice(1));
  }

  #dayNode(item) {
    return el('li', { className: 'day', data: { test: 'day-separator' } },
      el('span', {}, dayHeading(item.day)));
  }

  #messageNode(item) {
    const mine = item.from === this.me.username;
    const call = item.message?.call;
    const text = call ? callSummary(call, mine, item.message.text) : item.message ? item.message.text : item.entry.text;
    const node = el('li', {
      className: `message ${mine ? 'mine' : 'theirs'}${call ? ' call-record' : ''}`,
      data: { test: 'message', from: item.from, kind: call ? 'call' : 'text', outcome: call?.outcome, media: call?.media },
    },
      el('div', { className: 'bubble' },
        call ? el('span', { className: `call-icon ${call.outcome}` }, icon(call.media === 'audio' ? 'phone' : 'video')) : null,
        el('p', { className: 'text', data: { test: 'message-text' } }, text),
        el('span', { className: 'meta' },
          el('time', { data: { test: 'message-time' } }),
          mine && !call ? el('span', { className: 'tick', data: { test: 'message-tick' } }) : null)));
    if (mine && !call) {
      const retry = el('button', { type: 'button', className: 'link', data: { test: 'message-retry' } }, 'Retry');
      const discard = el('button', { type: 'button', className: 'link', data: { test: 'message-discard' } }, 'Delete');
      retry.addEventListener('click', () => this.outbox.retry(node.dataset.clientId));
      discard.addEventListener('click', () => this.outbox.discard(node.dataset.clientId));
      node.appendChild(el('div', { className: 'message-error', hidden: true, attrs: { role: 'alert' } },
        el('span', { data: { test: 'message-error' } }), ' ', retry, ' ', discard));
    }
    return node;
  }

  #update(node, item, otherReadUpTo) {
    const { message, entry } = item;
    const mine = item.from === this.me.username;
    let state;
    if (message) {
      node.dataset.id = String(message.id);
      state = !mine ? 'received' : message.id <= otherReadUpTo ? 'read' : 'sent';
    } else {
      state = entry.state; // pending | failed
    }
    const cid = message?.clientMessageId || entry?.clientMessageId;
    if (cid) node.dataset.clientId = cid;
    node.dataset.state = state;
    node.classList.toggle('continued', item.continued);
    const time = node.querySelector('time');
    time.dateTime = item.at;
    time.title = fullTime(item.at);
    time.textContent = clockTime(item.at);
    if (!mine || message?.call) return; // a call record is not a message that is read
    const tick = node.querySelector('.tick');
    tick.textContent = TICKS[state][0];
    tick.title = TICKS[state][1];
    tick.setAttribute('aria-label', TICKS[state][1]);
    const error = node.querySelector('.message-error');
    error.hidden = state !== 'failed';
    error.querySelector('[data-test=message-error]').textContent = state === 'failed' ? `Not sent: ${entry.error}` : '';
  }
}
