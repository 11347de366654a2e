// A room's stored messages: the newest page on entering, older pages on scrolling up, and after
// a reconnect the newest page again (paging back until a known message), all merged by id so
// nothing shows twice and nothing is lost. Also the read marker for room.read.

import { rooms as api } from './room-api.js';

export class RoomHistory {
  /**
   * `render(mode)` redraws the timeline ('keep', 'bottom', 'prepend'); `needsMore()` is true when
   * the loaded messages do not fill the pane; `afterLoad()` runs after each load (read markers).
   */
  constructor({ outbox, render, needsMore, afterLoad }) {
    Object.assign(this, { outbox, render, needsMore, afterLoad });
    this.gen = 0;
    this.reset(null);
  }

  reset(roomId) {
    this.gen++;
    this.roomId = roomId;
    this.stored = new Map(); // message id → message
    this.status = 'idle'; // idle | loading | ready | error
    this.error = '';
    this.nextCursor = null;
    this.loadingOlder = false;
    this.readUpTo = 0; // the server's read marker (or what we wrote ourselves)
    this.readSentUpTo = 0; // room.read sent up to here
  }

  get newestId() {
    let newest = 0;
    for (const id of this.stored.keys()) newest = Math.max(newest, id);
    return newest;
  }

  /** A live message (room.ack, room.message). */
  add(message, mine) {
    this.stored.set(message.id, message);
    if (mine) this.readUpTo = Math.max(this.readUpTo, message.id);
  }

  remove(id) {
    return this.stored.delete(id);
  }

  /** The id of the newest message when something from others is unread, else 0. */
  unreadUpTo(me) {
    const seen = Math.max(this.readUpTo, this.readSentUpTo);
    let newest = 0;
    let unread = false;
    for (const m of this.stored.values()) {
      newest = Math.max(newest, m.id);
      if (m.id > seen && m.from.username !== me) unread = true;
    }
    return unread ? newest : 0;
  }

  async loadNewest() {
    const gen = this.gen;
    this.status = 'loading';
    this.render();
    try {
      const page = await api.messages(this.roomId);
      if (gen !== this.gen) return;
      this.#merge(page.items);
      this.nextCursor = page.nextCursor ?? null;
      this.readUpTo = Math.max(this.readUpTo, page.readUpTo || 0);
      this.status = 'ready';
    } catch (e) {
      if (gen !== this.gen) return;
      this.status = 'error';
      this.error = `Could not load messages: ${e.message}`;
    }
    this.render('bottom');
    this.#fillViewport();
    this.afterLoad();
  }

  async loadOlder() {
    if (this.loadingOlder || this.status !== 'ready' || this.nextCursor === null) return;
    const gen = this.gen;
    this.loadingOlder = true;
    this.render('prepend');
    try {
      const page = await api.messages(this.roomId, this.nextCursor);
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

  /** After a reconnect: the newest page, and older ones until a message we already have. */
  async resync() {
    if (this.status !== 'ready') { this.loadNewest(); return; }
    const gen = this.gen;
    const known = this.newestId;
    try {
      const pages = [await api.messages(this.roomId)];
      while (known && pages.at(-1).nextCursor && !pages.at(-1).items.some((m) => m.id <= known)) {
        if (gen !== this.gen) return;
        pages.push(await api.messages(this.roomId, pages.at(-1).nextCursor));
      }
      if (gen !== this.gen) return;
      for (const page of pages) this.#merge(page.items);
      if (!known) this.nextCursor = pages.at(-1).nextCursor ?? null;
      this.render();
      this.afterLoad();
    } catch (e) {
      // The live connection is back; the next reconnect tries again.
    }
  }

  #fillViewport() {
    if (this.status === 'ready' && this.nextCursor !== null && this.needsMore()) this.loadOlder();
  }

  #merge(items) {
    for (const m of items) {
      this.stored.set(m.id, m);
      this.outbox.settle(m);
    }
  }
}
