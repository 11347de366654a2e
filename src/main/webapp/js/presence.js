// Who is online: the snapshot after connecting plus live `presence` pushes, the online list in
// the sidebar, and the picker for the user's own status.

import { el, replaceChildren, avatar } from './dom.js';
import { STATUS_TEXT } from './format.js';

const STATUS_KEY = 'chorus.status';
const STATUSES = ['online', 'away', 'dnd'];

/** username → {user, status} for everyone else who is online. Emits 'change'. */
export class PresenceModel extends EventTarget {
  constructor() {
    super();
    this.users = new Map();
    this.loaded = false;
    this.receiving = null; // usernames pushed live while snapshot pages are still coming
  }

  /** A new connection: its snapshot starts afresh, even if the last one was cut short. */
  connected() {
    this.receiving = null;
  }

  /**
   * One page of the snapshot; `more` until the last. The first page replaces what was known; a
   * live `presence` push that came between two pages is newer than the pages still to come.
   */
  applySnapshot(users, more = false) {
    if (!this.receiving) {
      this.users.clear();
      this.receiving = new Set();
    }
    for (const u of users || []) {
      if (!this.receiving.has(u.username)) {
        this.users.set(u.username, { user: u, status: u.status || 'online' });
      }
    }
    if (more) return;
    this.receiving = null;
    this.loaded = true;
    this.#changed(null);
  }

  apply(user, status) {
    if (!user?.username) return;
    this.receiving?.add(user.username);
    if (status === 'offline') this.users.delete(user.username);
    else this.users.set(user.username, { user, status: status || 'online' });
    this.#changed(user.username);
  }

  /** 'online' | 'away' | 'dnd' | 'offline', or undefined before the first snapshot. */
  statusOf(username) {
    if (this.users.has(username)) return this.users.get(username).status;
    return this.loaded ? 'offline' : undefined;
  }

  reset() {
    this.users.clear();
    this.receiving = null;
    this.loaded = false;
    this.#changed(null);
  }

  #changed(username) {
    this.dispatchEvent(new CustomEvent('change', { detail: { username } }));
  }
}

/** A status dot; `status` decides its colour, the title says it in words. */
export function statusDot(status) {
  const s = status || 'offline';
  return el('span', {
    className: `status-dot ${s}`, title: STATUS_TEXT[s] || s,
    data: { test: 'status-dot', status: s },
  });
}

/** Renders the online list into `list` whenever presence changes. */
export function renderOnlineList({ model, list, empty, count, onOpen }) {
  const render = () => {
    const entries = [...model.users.values()].sort((a, b) =>
      (a.user.displayName || a.user.username).localeCompare(b.user.displayName || b.user.username));
    replaceChildren(list, entries.map(({ user, status }) => el('li', {},
      el('button', {
        type: 'button', className: 'person',
        title: `${user.displayName} (@${user.username}) — ${STATUS_TEXT[status] || status}`,
        data: { test: 'online-user', username: user.username, status },
        onclick: () => onOpen(user.username, user),
      },
      el('span', { className: 'avatar-wrap' }, avatar(user), statusDot(status)),
      el('span', { className: 'person-text' },
        el('span', { className: 'person-name', data: { test: 'online-user-name' } }, user.displayName),
        el('span', { className: 'person-sub' }, status === 'online' ? `@${user.username}` : STATUS_TEXT[status]))))));
    empty.hidden = !model.loaded || entries.length > 0;
    count.textContent = model.loaded ? String(entries.length) : '';
  };
  model.addEventListener('change', render);
  render();
  return render;
}

/** The own-status picker; the choice survives reloads and is re-announced after reconnects. */
export class StatusPicker {
  constructor(select, socket) {
    this.select = select;
    this.socket = socket;
    const saved = localStorage.getItem(STATUS_KEY);
    this.status = STATUSES.includes(saved) ? saved : 'online';
    select.value = this.status;
    this.onChange = () => {
      this.status = select.value;
      localStorage.setItem(STATUS_KEY, this.status);
      this.announce();
    };
    select.addEventListener('change', this.onChange);
  }

  /** Tells the server; after a (re)connect only needed when the status is not plain online. */
  announce(onConnect = false) {
    if (onConnect && this.status === 'online') return;
    this.socket.send('presence.set', { status: this.status });
  }

  /** Logged out: the next person to log in on this page starts as plain online. */
  destroy() {
    this.select.removeEventListener('change', this.onChange);
    localStorage.removeItem(STATUS_KEY);
    this.select.value = 'online';
  }
}
