// "Bob is typing…": ephemeral, shown for about 4 s after the last chat.typing from that user.

const SHOW_MS = 4000;

export class TypingModel extends EventTarget {
  constructor() {
    super();
    this.timers = new Map(); // username → {user, timer}
  }

  onTyping(user) {
    const old = this.timers.get(user.username);
    if (old) clearTimeout(old.timer);
    const timer = setTimeout(() => this.stop(user.username), SHOW_MS);
    this.timers.set(user.username, { user, timer });
    if (!old) this.#changed(user.username);
  }

  /** Their message arrived (or the time ran out): they are no longer typing. */
  stop(username) {
    const old = this.timers.get(username);
    if (!old) return;
    clearTimeout(old.timer);
    this.timers.delete(username);
    this.#changed(username);
  }

  isTyping(username) {
    return this.timers.has(username);
  }

  reset() {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.#changed(null);
  }

  #changed(username) {
    this.dispatchEvent(new CustomEvent('change', { detail: { username } }));
  }
}
