// A non-browser participant of a Chorus room: werift (a WebRTC stack in TypeScript) speaking the
// room signaling of docs/protocol.md exactly as the page does (src/main/webapp/js/room-media.js).
// As a publisher it sends a looped VP8 file (packetised here per RFC 7741) and Opus silence; as a
// subscriber it counts, per other participant, the RTP packets it receives and the VP8 frames it
// can rebuild from them (key frames with their size). It prints one JSON object per line on
// stdout for NonBrowserPeerIT; it runs until stdin closes, SIGTERM, or --max-seconds.
//
//   NODE_EXTRA_CA_CERTS=chorus.pem node room-peer.mjs --url https://localhost:8181/ --token T
//        --room ID [--publish --video media/file.ivf] [--subscribe] [--max-seconds 300]
//
// The server's certificate is trusted like any other: a self-signed one by NODE_EXTRA_CA_CERTS.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MediaStreamTrack, RTCPeerConnection } from 'werift';
import WebSocket from 'ws';
import { readIvf } from './vp8.mjs';
import { MediaPump, PC_CONFIG, countReceived, emit, selectedPair } from './peer-media.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    room: { type: 'string' },
    publish: { type: 'boolean', default: false },
    subscribe: { type: 'boolean', default: false },
    video: { type: 'string' },
    'max-seconds': { type: 'string', default: '300' },
  },
});

const REQUEST_TIMEOUT_MS = 15000;

/** The /ws socket: authenticates first, then requests by id and pushes by type. */
class Signaling {
  #ws;
  #nextId = 1;
  #pending = new Map();
  #handlers = new Map();
  #inbox = [];

  static async open(base, token) {
    const s = new Signaling();
    const url = new URL('ws', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    s.#ws = new WebSocket(url);
    s.#ws.on('message', (data) => s.#receive(JSON.parse(data.toString())));
    s.#ws.on('close', (code, reason) => {
      emit('socket-closed', { code, reason: reason.toString() });
      for (const p of s.#pending.values()) p.reject(new Error(`socket closed ${code}`));
    });
    const welcome = s.next('welcome');
    await new Promise((resolve, reject) => {
      s.#ws.once('open', resolve);
      s.#ws.once('error', reject);
    });
    s.#ws.send(JSON.stringify({ type: 'auth', token }));
    return { signaling: s, welcome: await welcome };
  }

  on(type, handler) {
    this.#handlers.set(type, handler);
  }

  /** The next push of `type`. */
  next(type) {
    return new Promise((resolve) => this.on(type, (msg) => { this.#handlers.delete(type); resolve(msg); }));
  }

  send(type, fields) {
    this.#ws.send(JSON.stringify({ type, ...fields }));
  }

  /** Sends a request and resolves with its reply, or rejects with the server's error. */
  request(type, fields) {
    const id = `c-${this.#nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${type}: no reply within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.#pending.set(id, {
        resolve: (m) => { clearTimeout(timer); resolve(m); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.#ws.send(JSON.stringify({ type, id, ...fields }));
    });
  }

  /**
   * A frame: one message, or a batch of messages that waited together on the server. Each is
   * handled in a turn of its own, as separate frames are, so code awaiting a reply has run before
   * the message after it (docs/protocol.md, "batch").
   */
  #receive(msg) {
    const all = msg.type === 'batch' && Array.isArray(msg.messages) ? msg.messages : [msg];
    const idle = this.#inbox.length === 0;
    this.#inbox.push(...all);
    if (idle) this.#deliverNext();
  }

  #deliverNext() {
    const msg = this.#inbox.shift();
    if (msg === undefined) return;
    try {
      this.#onMessage(msg);
    } finally {
      if (this.#inbox.length > 0) setImmediate(() => this.#deliverNext());
    }
  }

  #onMessage(msg) {
    const pending = msg.id !== undefined && this.#pending.get(msg.id);
    if (pending) {
      this.#pending.delete(msg.id);
      if (msg.type === 'error') pending.reject(new Error(`${msg.code}: ${msg.message}`));
      else pending.resolve(msg);
      return;
    }
    if (msg.type === 'error') emit('server-error', { code: msg.code, message: msg.message });
    this.#handlers.get(msg.type)?.(msg);
  }

  close() {
    this.#ws.close(1000, 'bye');
  }
}

/** room.media.publish: one sendonly audio and one sendonly video section, then the media pump. */
async function publish(signaling, roomId, ivf) {
  await signaling.request('room.show', { roomId });
  const pc = new RTCPeerConnection(PC_CONFIG);
  const audio = new MediaStreamTrack({ kind: 'audio' });
  const video = new MediaStreamTrack({ kind: 'video' });
  const mic = pc.addTransceiver(audio, { direction: 'sendonly' });
  const camera = pc.addTransceiver(video, { direction: 'sendonly' });
  const candidates = [];
  pc.onIceCandidate.subscribe((c) => {
    if (!c?.candidate) return;
    if (pc.remoteDescription) signaling.send('room.media.candidate', { roomId, direction: 'send', candidate: c.candidate });
    else candidates.push(c.candidate);
  });
  pc.connectionStateChange.subscribe((state) => emit('connection', { direction: 'send', state, pair: selectedPair(pc) }));
  await pc.setLocalDescription(await pc.createOffer());
  const tracks = [{ mid: mic.mid, source: 'mic' }, { mid: camera.mid, source: 'camera' }];
  emit('offer', { direction: 'send', sdp: pc.localDescription.sdp });
  const reply = await signaling.request('room.media.publish', { roomId, sdp: pc.localDescription.sdp, tracks });
  emit('answer', { direction: 'send', sdp: reply.sdp });
  await pc.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
  for (const candidate of candidates.splice(0)) {
    signaling.send('room.media.candidate', { roomId, direction: 'send', candidate });
  }
  return { pc, pump: new MediaPump(audio, video, camera.sender, ivf) };
}

/**
 * room.media.subscribe: answers each room.media.offer (one at a time, as the page does) and
 * counts what arrives per SSRC, attributed to the user the offer's `tracks` name for it.
 */
async function subscribe(signaling, roomId) {
  const pc = new RTCPeerConnection(PC_CONFIG);
  const counted = countReceived(pc);
  const owners = new Map(); // ssrc → {user, kind, source, mid}
  let transportId = null;
  let queue = Promise.resolve();
  pc.onIceCandidate.subscribe((c) => {
    if (c?.candidate && pc.remoteDescription) {
      signaling.send('room.media.candidate', { roomId, direction: 'recv', candidate: c.candidate });
    }
  });
  pc.connectionStateChange.subscribe((state) => emit('connection', { direction: 'recv', state, pair: selectedPair(pc) }));
  signaling.on('room.media.offer', (msg) => {
    if (msg.roomId !== roomId || msg.transportId !== transportId) return;
    queue = queue.then(async () => {
      emit('offer', { direction: 'recv', version: msg.version, sdp: msg.sdp });
      for (const t of msg.tracks) owners.set(t.ssrc, { user: t.user.username, kind: t.kind, source: t.source, mid: t.mid });
      await pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      emit('answer', { direction: 'recv', version: msg.version, sdp: pc.localDescription.sdp });
      await signaling.request('room.media.answer', { roomId, version: msg.version, sdp: pc.localDescription.sdp });
    }).catch((e) => emit('failed', { step: 'room.media.answer', message: e.message }));
  });
  transportId = (await signaling.request('room.media.subscribe', { roomId })).transportId;
  const received = () => counted().map((s) => ({ ...s, ...owners.get(s.ssrc) }));
  return { pc, received };
}

async function main() {
  const { signaling, welcome } = await Signaling.open(args.url, args.token);
  emit('welcome', { user: welcome.username });
  signaling.on('room.media.state', (msg) => emit('media-state', { direction: msg.direction, state: msg.state }));
  const entered = await signaling.request('room.enter', { roomId: args.room });
  emit('entered', { room: entered.room.id });
  const sub = args.subscribe ? await subscribe(signaling, args.room) : null;
  const pub = args.publish ? await publish(signaling, args.room, readIvf(readFileSync(args.video))) : null;
  const report = setInterval(() => emit('stats', {
    send: pub && { ...pub.pump.sent, connection: pub.pc.connectionState, pair: selectedPair(pub.pc) },
    recv: sub && { connection: sub.pc.connectionState, pair: selectedPair(sub.pc), streams: sub.received() },
  }), 1000);
  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    clearInterval(report);
    pub?.pump.stop();
    await Promise.allSettled([pub?.pc.close(), sub?.pc.close()]);
    signaling.close();
    emit('bye', { why });
    setTimeout(() => process.exit(0), 200);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.stdin.on('end', () => stop('stdin closed'));
  process.stdin.resume();
  setTimeout(() => stop('max-seconds'), Number(args['max-seconds']) * 1000).unref();
}

main().catch((e) => {
  emit('failed', { message: e.message, stack: e.stack });
  process.exit(1);
});
