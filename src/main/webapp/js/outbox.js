// Messages this tab has sent that the server has not acknowledged yet. Each carries a
// clientMessageId, so resending after a reconnect is safe: the server stores it once and answers
// a repeat with the stored message.

const MAX_LENGTH = 4000;

export class Outbox extends EventTarget {
  /** `type`/`target`: the send message and the field naming where it goes (room.send, roomId). */
  constructor(socket, { type = 'chat.send', target = 'to' } = {}) {
    super();
    this.socket = socket;
    this.type = type;
    this.target = target;
    this.entries = new Map(); // clientMessageId → entry
  }

  /** Queues a message and sends it now if the socket is open; returns the entry. */
  send(to, text) {
    const entry = {
      clientMessageId: crypto.randomUUID(), to, text, createdAt: new Date().toISOString(),
      state: 'pending', error: '', requestId: null,
    };
    this.entries.set(entry.clientMessageId, entry);
    this.#transmit(entry);
    return entry;
  }

  retry(clientMessageId) {
    const entry = this.entries.get(clientMessageId);
    if (entry) this.#transmit(entry);
  }

  discard(clientMessageId) {
    if (this.entries.delete(clientMessageId)) this.#changed(null);
  }

  /** After a (re)connect: everything still pending goes again, with the same clientMessageId. */
  resendPending() {
    for (const entry of this.entries.values()) if (entry.state === 'pending') this.#transmit(entry);
  }

  /** The socket died: nothing in flight will be answered on it. */
  connectionLost() {
    for (const entry of this.entries.values()) entry.requestId = null;
  }

  /** The pending entry a chat.ack answers, if it is ours. */
  find(ack) {
    return this.#byRequest(ack.id) || this.entries.get(ack.message?.clientMessageId) || null;
  }

  /** chat.ack: removes and returns the entry it settles. */
  onAck(ack) {
    const entry = this.find(ack);
    if (!entry) return null;
    this.entries.delete(entry.clientMessageId);
    this.#changed(entry.to);
    return entry;
  }

  /** A stored message seen elsewhere (history, push) that settles a pending one. */
  settle(message) {
    const cid = message.clientMessageId;
    if (cid && this.entries.has(cid) && message.from) {
      const entry = this.entries.get(cid);
      this.entries.delete(cid);
      this.#changed(entry.to);
    }
  }

  /** `error` with the id of one of our sends: the message failed with a reason. */
  onError(error) {
    const entry = this.#byRequest(error.id);
    if (!entry) return false;
    entry.state = 'failed';
    entry.requestId = null;
    entry.error = error.message || error.code || 'The message could not be sent.';
    entry.code = error.code;
    this.#changed(entry.to);
    return true;
  }

  forConversation(username) {
    return [...this.entries.values()].filter((e) => e.to === username);
  }

  reset() {
    this.entries.clear();
    this.#changed(null);
  }

  #transmit(entry) {
    entry.state = 'pending';
    entry.error = '';
    entry.requestId = null;
    if (this.socket.isOpen) {
      entry.requestId = this.socket.send(this.type, {
        [this.target]: entry.to, text: entry.text, clientMessageId: entry.clientMessageId,
      });
    }
    this.#changed(entry.to);
  }

  #byRequest(id) {
    if (!id) return null;
    for (const entry of this.entries.values()) if (entry.requestId === id) return entry;
    return null;
  }

  #changed(username) {
    this.dispatchEvent(new CustomEvent('change', { detail: { username } }));
  }
}

export { MAX_LENGTH };
