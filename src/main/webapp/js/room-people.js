// Who is in the open room (with role and whether they show) and the notices about it for the
// timeline: "Carol joined", "Bob left", "Bob is showing". Each notice remembers the newest
// message when it happened, so the timeline can place it between messages.

const MAX_NOTICES = 200;

const LEFT_TEXT = {
  left: (n) => `${n} left`, disconnected: (n) => `${n} left (connection lost)`,
  kicked: (n) => `${n} was removed`, banned: (n) => `${n} was banned`,
  stream_ended: (n) => `${n} stopped streaming`,
};

export class RoomPeople {
  /** `me`: this user; `newestId()`: the newest message id now. */
  constructor({ me, newestId }) {
    Object.assign(this, { me, newestId });
    this.reset();
  }

  reset() {
    this.occupants = new Map(); // username → {user, role, showing, stream}
    this.notices = [];
    this.noticeSeq = 0;
  }

  /**
   * room.entered: everyone in the room now. After a reconnect (`again`), who came and went
   * meanwhile becomes notices.
   */
  replace({ occupants = [], showing = [] }, myRole, again) {
    const before = this.occupants;
    const shows = new Set(showing);
    this.occupants = new Map(occupants.map((o) => [o.user.username,
      { user: o.user, role: o.role, showing: Boolean(o.showing) || shows.has(o.user.username), stream: Boolean(o.stream) }]));
    if (!this.occupants.has(this.me.username)) {
      this.occupants.set(this.me.username, { user: this.me, role: myRole, showing: false });
    }
    if (!again) return;
    for (const [u, o] of before) if (!this.occupants.has(u)) this.#notice('left', o.user, LEFT_TEXT.left(nameOf(o.user)), 'left');
    for (const [u, o] of this.occupants) if (!before.has(u)) this.#notice('joined', o.user, `${nameOf(o.user)} joined`);
  }

  /** room.joined (`stream`: a WHIP stream, not a person); false when nothing changed. */
  joined(user, role, stream = false) {
    const had = this.occupants.get(user.username);
    this.occupants.set(user.username, { user, role, showing: had?.showing || false, stream: Boolean(stream) });
    if (!had && user.username !== this.me.username) this.#notice('joined', user, `${nameOf(user)} joined`);
    return true;
  }

  /** room.left (left, disconnected, kicked, banned); false when they were not here. */
  left(user, reason) {
    if (!this.occupants.delete(user.username)) return false;
    this.#notice('left', user, (LEFT_TEXT[reason] || LEFT_TEXT.left)(nameOf(user)), reason || 'left');
    return true;
  }

  /** room.shown / room.unshown; false when nothing changed. */
  setShowing(user, on) {
    const o = this.occupants.get(user.username);
    if (!o || o.showing === on) return false;
    o.showing = on;
    if (user.username !== this.me.username) {
      this.#notice(on ? 'shown' : 'unshown', user, on ? `${nameOf(user)} is showing` : `${nameOf(user)} stopped showing`);
    }
    return true;
  }

  /** Roles from GET members; false when nothing changed. */
  applyRoles(members) {
    let changed = false;
    for (const m of members) {
      const o = this.occupants.get(m.user.username);
      if (o && o.role !== m.role) { o.role = m.role; changed = true; }
    }
    return changed;
  }

  topicChanged(topic) {
    this.#notice('topic', null, topic ? `Topic: ${topic}` : 'The topic was removed');
  }

  #notice(kind, user, text, reason) {
    this.notices.push({
      key: ++this.noticeSeq, afterId: this.newestId(), kind, reason, text, username: user?.username,
      at: new Date().toISOString(),
    });
    if (this.notices.length > MAX_NOTICES) this.notices.shift();
  }
}

function nameOf(user) {
  return user.displayName || user.username;
}
