// The one WebSocket per tab: connects to /ws and authenticates with its first message (the token
// never goes in the URL), pings, reconnects with backoff, and tells listeners about every message
// and every state change.

const PING_EVERY_MS = 20000;
const PONG_TIMEOUT_MS = 10000;
const MAX_BACKOFF_MS = 15000;

export class ChorusSocket extends EventTarget {
  constructor(tokenSupplier) {
    super();
    this.tokenSupplier = tokenSupplier;
    this.ws = null;
    this.state = 'idle'; // idle | connecting | open | reconnecting | closed
    this.attempt = 0;
    this.nextId = 1;
    this.stopped = false;
    // Messages not yet handed to listeners, and a channel to hand the next one over in a task of
    // its own (a MessageChannel: timers are slowed down in background tabs, this is not).
    this.inbox = [];
    this.pump = new MessageChannel();
    this.pump.port1.onmessage = () => this.#deliverNext();
  }

  start() {
    this.stopped = false;
    this.attempt = 0; // a fresh login is a first connection, not a reconnect
    clearTimeout(this.retryTimer);
    this.#connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.inbox.length = 0; // the rest of a batch is not for whoever logs in next
    if (this.ws) this.ws.close(1000, 'bye');
    this.#setState('closed');
  }

  get isOpen() {
    return this.ws?.readyState === WebSocket.OPEN && this.state === 'open';
  }

  /** Skips the rest of the backoff wait ("Retry now"). */
  reconnectNow() {
    if (this.state !== 'reconnecting' || this.ws?.readyState === WebSocket.CONNECTING) return;
    clearTimeout(this.retryTimer);
    this.#connect();
  }

  /** Sends a message (when open) and returns its request id; replies carry the same id. */
  send(type, fields = {}) {
    const id = `c-${this.nextId++}`;
    if (this.ws?.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify({ type, id, ...fields }));
    }
    return id;
  }

  /**
   * Hands the oldest waiting message to the listeners, and the next one in a later task: as if
   * each had come in a frame of its own, so code that awaited a reply has run before the message
   * after it (a batch's offer after the reply to the subscribe that expects it).
   */
  #deliverNext() {
    const msg = this.inbox.shift();
    if (msg === undefined) return;
    try {
      this.#receive(msg);
    } finally {
      if (this.inbox.length > 0) this.pump.port2.postMessage(null);
    }
  }

  /** One message from the server, to whoever listens for it. */
  #receive(msg) {
    if (msg.type === 'welcome') {
      this.attempt = 0;
      this.#setState('open');
      this.#startPing();
    }
    if (msg.type === 'pong') this.lastPong = Date.now();
    this.dispatchEvent(new CustomEvent('message', { detail: msg }));
    this.dispatchEvent(new CustomEvent(msg.type, { detail: msg }));
  }

  #connect() {
    const token = this.tokenSupplier();
    if (!token) { this.#setState('closed'); return; }
    this.#setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const base = location.pathname.replace(/[^/]*$/, '');
    const ws = new WebSocket(`${scheme}://${location.host}${base}ws`);
    this.ws = ws;
    // Open only once the server has welcomed the token: before that it takes nothing else.
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
    ws.onmessage = (e) => {
      let msg;
      try { msg = JSON.parse(e.data); } catch (err) { return; }
      // Messages that waited together on the server come as one batch, in their order.
      const all = msg.type === 'batch' && Array.isArray(msg.messages) ? msg.messages : [msg];
      const idle = this.inbox.length === 0;
      this.inbox.push(...all);
      if (idle) this.#deliverNext();
    };
    ws.onclose = (e) => {
      clearInterval(this.pingTimer);
      if (this.ws !== ws) return;
      // 1008: the server refused our token (expired, revoked) or this tab (too many open);
      // reconnecting cannot help. 1013 (too slow, busy) reconnects like any other close.
      if (e.code === 1008) {
        this.#setState('closed');
        this.dispatchEvent(new CustomEvent('unauthorized', { detail: { reason: e.reason } }));
        return;
      }
      if (this.stopped) return;
      this.#scheduleReconnect();
    };
  }

  #startPing() {
    clearInterval(this.pingTimer);
    this.lastPong = Date.now();
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastPong > PING_EVERY_MS + PONG_TIMEOUT_MS) {
        this.ws.close(4000, 'no pong'); // dead connection: let onclose reconnect
        return;
      }
      this.send('ping');
    }, PING_EVERY_MS);
  }

  #scheduleReconnect() {
    this.attempt += 1;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (this.attempt - 1)) * (0.75 + Math.random() / 2);
    this.#setState('reconnecting');
    this.retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #setState(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: { state } }));
  }
}
