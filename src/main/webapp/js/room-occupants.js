// People in a room: the occupant list (role and "showing" badges) and, for moderators, every
// member and the ban list, each row with its moderation actions behind a "⋯" menu.

import { el, avatar } from './dom.js';

const ROLE_ORDER = { owner: 0, admin: 1, member: 2 };
const ROLE_TEXT = { owner: 'Owner', admin: 'Admin' };

/**
 * Renders people into `list` with hooks `${test}` per row. `actions` ({kick, ban, setRole,
 * unban}) are offered when `canModerate()`; never on oneself or the owner.
 */
export class PeopleList {
  constructor({ list, test, me, canModerate, actions }) {
    Object.assign(this, { list, test, me, canModerate, actions });
    this.openMenu = null;
    this.rows = new Map(); // username → {key, node}: unchanged rows stay the same nodes
  }

  /** `people`: [{user, role, showing, stream, inRoom, banned}]. */
  render(people) {
    const sorted = [...people].sort((a, b) =>
      (a.user.username === this.me.username ? -1 : 0) - (b.user.username === this.me.username ? -1 : 0)
      || (ROLE_ORDER[a.role] ?? 3) - (ROLE_ORDER[b.role] ?? 3)
      || Number(Boolean(b.showing)) - Number(Boolean(a.showing))
      || (a.user.displayName || a.user.username).localeCompare(b.user.displayName || b.user.username));
    const moderate = this.canModerate();
    const nodes = sorted.map((p) => {
      const key = JSON.stringify([p.user, p.role, Boolean(p.showing), Boolean(p.stream), p.inRoom, Boolean(p.banned), moderate]);
      const row = this.rows.get(p.user.username);
      if (row?.key === key) return row.node;
      const node = this.#row(p);
      this.rows.set(p.user.username, { key, node });
      return node;
    });
    const keep = new Set(sorted.map((p) => p.user.username));
    for (const u of this.rows.keys()) if (!keep.has(u)) this.rows.delete(u);
    nodes.forEach((node, i) => {
      if (this.list.children[i] !== node) this.list.insertBefore(node, this.list.children[i] || null);
    });
    while (this.list.children.length > nodes.length) this.list.lastElementChild.remove();
  }

  #row(p) {
    const { user } = p;
    const self = user.username === this.me.username;
    const name = el('span', { className: 'person-name', data: { test: `${this.test}-name` } }, user.displayName || user.username);
    const badges = [];
    if (self) badges.push(el('span', { className: 'muted you' }, '(you)'));
    if (p.stream) {
      badges.push(el('span', { className: 'pill stream', title: 'Published with WHIP (OBS, GStreamer, ffmpeg...)', data: { test: 'stream-badge' } }, 'Stream'));
    } else if (ROLE_TEXT[p.role]) {
      badges.push(el('span', { className: `pill role-${p.role}`, data: { test: 'role-badge' } }, ROLE_TEXT[p.role]));
    }
    if (p.showing) {
      badges.push(el('span', { className: 'pill showing', title: 'Camera on', data: { test: 'showing-badge' } }, '● Showing'));
    }
    if (p.inRoom === false && !p.banned) badges.push(el('span', { className: 'muted away-from-room' }, 'not here'));
    const row = el('li', {
      className: `occupant${p.showing ? ' is-showing' : ''}`,
      data: {
        test: this.test, username: user.username, role: p.role || '', showing: String(Boolean(p.showing)),
        stream: p.stream ? 'true' : undefined,
        inRoom: p.inRoom === undefined ? undefined : String(p.inRoom),
      },
    },
    el('span', { className: 'avatar-wrap' }, avatar(user)),
    el('span', { className: 'person-text' }, el('span', { className: 'occupant-top' }, name, badges),
      el('span', { className: 'person-sub' }, `@${user.username}`)),
    this.#menu(p, self));
    return row;
  }

  #menu(p, self) {
    if (self || !this.canModerate() || p.role === 'owner') return null;
    const { username } = p.user;
    const buttons = [];
    const button = (test, text, fn, danger = false) => {
      const b = el('button', { type: 'button', className: danger ? 'link danger' : 'link', data: { test } }, text);
      b.addEventListener('click', () => {
        this.openMenu = null;
        b.closest('details').open = false;
        fn(p.user);
      });
      buttons.push(b);
    };
    if (p.stream) {
      if (this.actions.stopStream) button('stop-stream-button', 'Stop stream', this.actions.stopStream, true);
    } else if (p.banned) {
      button('unban-button', 'Unban', this.actions.unban);
    } else {
      if (p.inRoom !== false) button('kick-button', 'Kick…', this.actions.kick, true);
      button('ban-button', 'Ban…', this.actions.ban, true);
      if (p.role === 'admin') button('revoke-admin-button', 'Revoke admin', (u) => this.actions.setRole(u, 'member'));
      else button('make-admin-button', 'Make admin', (u) => this.actions.setRole(u, 'admin'));
    }
    const details = el('details', { className: 'occupant-menu', open: this.openMenu === username },
      el('summary', { title: 'Moderate', data: { test: 'occupant-actions' }, attrs: { 'aria-label': `Moderate ${username}` } }, '⋯'),
      el('div', { className: 'occupant-menu-items' }, buttons));
    details.addEventListener('toggle', () => {
      if (details.open) this.openMenu = username;
      else if (this.openMenu === username) this.openMenu = null;
    });
    return details;
  }
}
