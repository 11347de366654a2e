// The people search box: debounced prefix search over GET /api/users, paged with "More", each
// result with a live online flag. Clicking a result opens the conversation.

import { users } from './api.js';
import { el, replaceChildren, avatar, debounce } from './dom.js';
import { statusDot } from './presence.js';
import { STATUS_TEXT } from './format.js';

export class UserSearch {
  constructor({ input, clearButton, browseButton, panel, list, empty, more, error, presence, me, onOpen, onToggle }) {
    Object.assign(this, { input, clearButton, browseButton, panel, list, empty, more, error, presence, me, onOpen, onToggle });
    this.results = [];
    this.cursor = null;
    this.query = null;
    this.seq = 0;
    const run = debounce(() => this.#search(this.input.value.trim()), 250);
    this.handlers = [
      [input, 'input', () => (input.value.trim() ? run() : this.close())],
      [input, 'keydown', (e) => {
        if (e.key === 'Escape') this.close();
        if (e.key === 'Enter') { e.preventDefault(); this.#search(input.value.trim()); }
      }],
      [clearButton, 'click', () => { this.close(); input.focus(); }],
      [browseButton, 'click', () => { this.input.value = ''; this.#search(''); }],
      [more, 'click', () => this.#page()],
      [presence, 'change', () => this.#render()],
    ];
    for (const [target, type, fn] of this.handlers) target.addEventListener(type, fn);
  }

  get active() {
    return !this.panel.hidden;
  }

  close() {
    this.seq++;
    this.input.value = '';
    this.query = null;
    this.results = [];
    this.cursor = null;
    this.panel.hidden = true;
    this.clearButton.hidden = true;
    this.onToggle?.(false);
  }

  destroy() {
    this.close();
    for (const [target, type, fn] of this.handlers) target.removeEventListener(type, fn);
  }

  async #search(q) {
    const seq = ++this.seq;
    this.query = q;
    this.panel.hidden = false;
    this.clearButton.hidden = false;
    this.onToggle?.(true);
    this.panel.setAttribute('aria-busy', 'true');
    this.error.textContent = '';
    try {
      const page = await users.search(q);
      if (seq !== this.seq) return; // a newer search has started; this answer is stale
      this.results = page.items;
      this.cursor = page.nextCursor;
    } catch (e) {
      if (seq !== this.seq) return;
      this.results = [];
      this.cursor = null;
      this.error.textContent = `Search failed: ${e.message}`;
    } finally {
      if (seq === this.seq) this.panel.removeAttribute('aria-busy');
    }
    this.#render();
  }

  async #page() {
    const seq = this.seq;
    this.more.disabled = true;
    try {
      const page = await users.search(this.query, this.cursor);
      if (seq !== this.seq) return;
      const seen = new Set(this.results.map((u) => u.username));
      this.results.push(...page.items.filter((u) => !seen.has(u.username)));
      this.cursor = page.nextCursor;
    } catch (e) {
      this.error.textContent = `Could not load more: ${e.message}`;
    } finally {
      this.more.disabled = false;
    }
    this.#render();
  }

  #statusOf(user) {
    return this.presence.statusOf(user.username) ?? (user.online ? user.status || 'online' : 'offline');
  }

  #render() {
    if (this.query === null) { replaceChildren(this.list); return; }
    const shown = this.results.filter((u) => u.username !== this.me.username);
    replaceChildren(this.list, shown.map((user) => {
      const status = this.#statusOf(user);
      return el('li', {},
        el('button', {
          type: 'button', className: 'person',
          data: { test: 'search-result', username: user.username, online: String(status !== 'offline'), status },
          onclick: () => { this.close(); this.onOpen(user.username, user); },
        },
        el('span', { className: 'avatar-wrap' }, avatar(user), statusDot(status)),
        el('span', { className: 'person-text' },
          el('span', { className: 'person-name' }, user.displayName),
          el('span', { className: 'person-sub' }, `@${user.username}`)),
        el('span', { className: `presence-label ${status}`, data: { test: 'search-result-status' } },
          STATUS_TEXT[status] || status)));
    }));
    this.empty.hidden = shown.length > 0 || this.panel.hasAttribute('aria-busy');
    this.empty.textContent = this.query ? `No one matches “${this.query}”.` : 'No other users yet.';
    this.more.hidden = !this.cursor;
  }
}
