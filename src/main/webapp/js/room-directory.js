// The room directory: GET /api/rooms with a debounced name/topic search and "More" paging. Each
// room shows its topic, member and occupant counts, a lock, a private badge and the unread count.

import { rooms as api } from './room-api.js';
import { el, replaceChildren, debounce } from './dom.js';

const PAGE = 20;

export class RoomDirectory {
  /** `onOpen(room)` enters a room; `onCreate()` opens the create dialog; `onClose()` goes back. */
  constructor({ onOpen, onCreate, onClose }) {
    Object.assign(this, { onOpen, onCreate, onClose });
    this.items = [];
    this.cursor = null;
    this.query = '';
    this.seq = 0;
    this.status = 'idle'; // idle | loading | ready | error
    this.#build();
  }

  #build() {
    this.search = el('input', {
      type: 'search', placeholder: 'Search rooms by name or topic', autocomplete: 'off',
      data: { test: 'room-search' }, attrs: { 'aria-label': 'Search rooms' },
    });
    this.notice = el('div', { className: 'rooms-notice', hidden: true, data: { test: 'rooms-notice' }, attrs: { role: 'status' } });
    this.noticeText = el('span', { data: { test: 'rooms-notice-text' } });
    const dismiss = el('button', { type: 'button', className: 'icon', attrs: { 'aria-label': 'Dismiss' } }, '×');
    dismiss.addEventListener('click', () => this.say(''));
    this.notice.append(this.noticeText, dismiss);
    this.list = el('ul', { className: 'room-list', data: { test: 'room-list' } });
    this.loading = el('p', { className: 'muted empty', hidden: true, data: { test: 'room-list-loading' } }, 'Loading rooms…');
    this.empty = el('p', { className: 'muted empty', hidden: true, data: { test: 'room-list-empty' } });
    this.error = el('p', { className: 'form-error', hidden: true, data: { test: 'room-list-error' }, attrs: { role: 'alert' } });
    this.more = el('button', { type: 'button', className: 'secondary', hidden: true, data: { test: 'room-more' } }, 'More rooms');
    const create = el('button', { type: 'button', data: { test: 'create-room' } }, 'Create room');
    // Narrow screens show one pane at a time: this leads back to the sidebar.
    const back = el('button', { type: 'button', className: 'icon back', data: { test: 'rooms-back' }, attrs: { 'aria-label': 'Back' } }, '‹');
    back.addEventListener('click', () => this.onClose());
    this.root = el('section', { className: 'room-directory', data: { test: 'room-directory' }, attrs: { 'aria-label': 'Rooms' } },
      el('header', { className: 'room-directory-head' }, back, el('h2', {}, 'Rooms'), create),
      this.notice,
      el('div', { className: 'search-box' }, this.search),
      el('div', { className: 'room-list-scroll' }, this.list, this.loading, this.empty, this.error, this.more));

    const run = debounce(() => this.load(), 250);
    this.search.addEventListener('input', run);
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); this.load(); }
      if (e.key === 'Escape' && this.search.value) { this.search.value = ''; this.load(); }
    });
    this.more.addEventListener('click', () => this.#page());
    create.addEventListener('click', () => this.onCreate());
  }

  /** A message at the top of the directory (why the user is back here); '' hides it. */
  say(text) {
    this.noticeText.textContent = text;
    this.notice.hidden = !text;
  }

  /** (Re)loads the first page for the current search text. */
  async load() {
    const seq = ++this.seq;
    this.query = this.search.value.trim();
    this.status = 'loading';
    this.#render();
    try {
      const page = await api.list(this.query, null, PAGE);
      if (seq !== this.seq) return; // a newer search has started; this answer is stale
      this.items = page.items;
      this.cursor = page.nextCursor ?? null;
      this.status = 'ready';
    } catch (e) {
      if (seq !== this.seq) return;
      this.status = 'error';
      this.errorText = `Could not load rooms: ${e.message}`;
    }
    this.#render();
  }

  async #page() {
    const seq = this.seq;
    this.more.disabled = true;
    try {
      const page = await api.list(this.query, this.cursor, PAGE);
      if (seq !== this.seq) return;
      const seen = new Set(this.items.map((r) => r.id));
      this.items.push(...page.items.filter((r) => !seen.has(r.id)));
      this.cursor = page.nextCursor ?? null;
    } catch (e) {
      this.error.hidden = false;
      this.error.textContent = `Could not load more rooms: ${e.message}`;
    } finally {
      this.more.disabled = false;
    }
    this.#render();
  }

  /** A fresher copy of one room (room.updated, room.entered): replaces it in the list. */
  update(room) {
    const i = this.items.findIndex((r) => r.id === room.id);
    if (i < 0) return;
    this.items[i] = { ...this.items[i], ...room };
    this.#render();
  }

  /** The room was read up to its newest message (here or in another tab). */
  markRead(roomId) {
    const r = this.items.find((x) => x.id === roomId);
    if (!r || !r.unread) return;
    r.unread = 0;
    this.#render();
  }

  forget(roomId) {
    this.items = this.items.filter((r) => r.id !== roomId);
    this.#render();
  }

  #render() {
    replaceChildren(this.list, this.items.map((r) => this.#item(r)));
    const ready = this.status === 'ready';
    // Which search the list shows, for tests that must not catch the list of an older one.
    this.list.dataset.query = this.query;
    this.list.dataset.state = this.status;
    this.list.dataset.seq = String(this.seq);
    this.loading.hidden = !(this.status === 'loading' && this.items.length === 0);
    this.error.hidden = this.status !== 'error';
    this.error.textContent = this.status === 'error' ? this.errorText : '';
    this.empty.hidden = !ready || this.items.length > 0;
    this.empty.textContent = this.query ? `No room matches “${this.query}”.` : 'No rooms yet. Create the first one!';
    this.more.hidden = !ready || !this.cursor;
  }

  #item(room) {
    const unread = room.myRole ? room.unread || 0 : 0;
    const occupants = room.occupantCount || 0;
    return el('li', {},
      el('button', {
        type: 'button', className: `room-item${unread ? ' has-unread' : ''}`,
        data: {
          test: 'room-item', roomName: room.name, roomId: room.id, visibility: room.visibility,
          locked: String(Boolean(room.hasPassword)), role: room.myRole || '', unread: String(unread),
        },
        onclick: () => this.onOpen(room),
      },
      el('span', { className: 'room-icon', attrs: { 'aria-hidden': 'true' } }, '#'),
      el('span', { className: 'room-text' },
        el('span', { className: 'room-name-line' },
          el('span', { className: 'room-name', data: { test: 'room-item-name' } }, room.name),
          room.hasPassword ? el('span', {
            className: 'pill locked', title: 'Password protected', data: { test: 'room-lock' },
          }, 'Password') : null,
          room.visibility === 'private' ? el('span', { className: 'pill', data: { test: 'room-private' } }, 'Private') : null,
          room.myRole && room.myRole !== 'member'
            ? el('span', { className: 'pill role', data: { test: 'room-my-role' } }, room.myRole) : null),
        el('span', { className: 'room-topic', data: { test: 'room-item-topic' } }, room.topic || '')),
      el('span', { className: 'room-counts' },
        el('span', { data: { test: 'room-member-count' } }, plural(room.memberCount || 0, 'member')),
        el('span', { className: occupants ? 'here' : '', data: { test: 'room-occupant-count' } }, `${occupants} here now`)),
      unread ? el('span', { className: 'badge', data: { test: 'room-unread' }, attrs: { 'aria-label': `${unread} unread` } },
        unread > 99 ? '99+' : String(unread)) : null));
  }
}

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
