// Room audio and video through Chorus's own SFU (docs/protocol.md, room.media.*): while showing,
// the camera and microphone go up ONCE on a send-only peer connection (room.media.publish); every
// tab in the room receives everyone else on one receive-only peer connection whose offers come
// from the server (room.media.offer → room.media.answer), one at a time. Tiles follow the tracks
// of each offer; room.speaker and room.media.muted mark them.

import { MediaControls, MediaGrid, measureQuality, mediaStats } from './room-media-grid.js';
import { MediaHealth } from './room-media-health.js';
import { SIMULCAST, preferCodec, simulcastFits } from './room-send-options.js';

const PC_CONFIG = { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' };
const REQUEST_TIMEOUT_MS = 15000;
const MEASURE_EVERY_MS = 2000;
const RETRY_AFTER_MS = 1500;
const SMALL_TILE_PX = 360; // below this width a tile asks for the low simulcast layer

export class RoomMedia {
  /** `report(text)` tells the user something went wrong. */
  constructor({ socket, report }) {
    this.socket = socket;
    this.report = report;
    this.grid = new MediaGrid();
    this.controls = new MediaControls({
      onMic: () => this.setMuted(!this.audioMuted, this.videoMuted),
      onCamera: () => this.setMuted(this.audioMuted, !this.videoMuted),
      onScreen: () => this.toggleScreen(),
    });
    this.health = new MediaHealth({ onRetry: () => this.retryPublish() });
    this.grid.root.prepend(this.health.root);
    this.pending = new Map(); // request id → {resolve, reject, timer}
    this.sent = new Set(); // our request ids, so their errors are not shown twice
    this.gen = 0;
    socket.addEventListener('message', (e) => this.#onReply(e.detail));
    this.#reset();
  }

  #reset() {
    this.gen++;
    clearInterval(this.measureTimer);
    this.roomId = null;
    this.recvPc = null;
    this.recvTransportId = null;
    this.recvQueue = Promise.resolve();
    this.tracks = new Map(); // mid → track from the last offer
    this.tiles = new Map(); // tile key → tile
    this.muted = new Map(); // username → {audio, video}
    this.losses = new Map(); // ssrc → {lost, received}
    this.layers = new Map(); // "mid:ssrc" → the layer asked for (-1: best)
    this.health?.reset();
    this.#resetSend();
  }

  #resetSend() {
    this.sendPc?.close();
    this.sendPc = null;
    this.sendQueue = Promise.resolve();
    this.sources = new Map(); // transceiver → mic | camera | screen
    this.candidates = [];
    this.localStream = null;
    this.screenStream?.getTracks().forEach((t) => t.stop());
    this.screenStream = null;
    this.publishing = false;
    this.audioMuted = false;
    this.videoMuted = false;
    this.sendQuality = '';
    this.sendError = ''; // why the last publish failed, shown until Retry or unshow
    this.sendTransportId = null;
  }

  /** True when `id` was one of our requests (its error is handled here). */
  owns(id) {
    return this.sent.has(id);
  }

  // ---- receiving ----

  /** Opens the receive side for the room this tab has (re-)entered. */
  async start(roomId) {
    this.stop(false);
    this.roomId = roomId;
    this.measureTimer = setInterval(() => this.#measure(), MEASURE_EVERY_MS);
    await this.#subscribe();
  }

  /**
   * A fresh receive connection (room.media.subscribe). A failed one is replaced by itself alone:
   * the send side — and a failed publish's notice — stay as they are.
   */
  async #subscribe() {
    const { gen, roomId } = this;
    this.recvPc?.close();
    const pc = new RTCPeerConnection(PC_CONFIG);
    this.recvPc = pc;
    this.recvTransportId = null;
    this.recvQueue = Promise.resolve();
    this.tracks = new Map();
    this.#rebuildTiles();
    pc.onicecandidate = ({ candidate }) => {
      if (candidate?.candidate && pc.remoteDescription && this.recvPc === pc) {
        this.socket.send('room.media.candidate', { roomId, direction: 'recv', candidate: candidate.candidate });
      }
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') this.#retryRecv(gen, pc);
    };
    try {
      const reply = await this.#request('room.media.subscribe', { roomId });
      if (gen === this.gen && pc === this.recvPc) this.recvTransportId = reply.transportId;
    } catch (e) {
      if (gen === this.gen && pc === this.recvPc) this.report(`Cannot receive the room's video: ${e.message}`);
    }
  }

  #retryRecv(gen, pc) {
    this.#retry(gen, () => { if (pc === this.recvPc) this.#subscribe(); });
  }

  onOffer(msg) {
    if (msg.roomId !== this.roomId || msg.transportId !== this.recvTransportId) return;
    const { gen, recvPc: pc } = this;
    this.recvQueue = this.recvQueue.then(async () => {
      if (gen !== this.gen || pc !== this.recvPc) return;
      await pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      if (gen !== this.gen || pc !== this.recvPc) return;
      this.#request('room.media.answer', { roomId: msg.roomId, version: msg.version, sdp: pc.localDescription.sdp })
        .catch((e) => { if (gen === this.gen) this.report(`Video update refused: ${e.message}`); });
      this.tracks = new Map(msg.tracks.map((t) => [t.mid, t]));
      for (const t of msg.tracks) this.#noteMuted(t.user.username, t.kind === 'audio' ? { audio: t.muted } : { video: t.muted });
      this.#rebuildTiles();
    }).catch((e) => {
      if (gen !== this.gen || pc !== this.recvPc) return;
      this.report(`Could not apply the room's video: ${e.message}`);
      this.#retryRecv(gen, pc); // a fresh receive transport
    });
  }

  /** The server dropped a track this browser cannot decode (room.media.unplayable). */
  onUnplayable(msg) {
    if (msg.roomId === this.roomId) this.report(msg.message);
  }

  onState(msg) {
    if (msg.roomId !== this.roomId) return;
    // The send transport's id comes only with its states: a late failure of a replaced one is not ours.
    if (msg.direction === 'send' && msg.state === 'connected') this.sendTransportId = msg.transportId;
    if (msg.state !== 'failed') return;
    const gen = this.gen;
    if (msg.direction === 'recv' && msg.transportId === this.recvTransportId) this.#retryRecv(gen, this.recvPc);
    // Before our answer is applied the failure is of a transport replaced by this publish.
    const stale = !this.sendPc?.remoteDescription || (this.sendTransportId && msg.transportId !== this.sendTransportId);
    if (msg.direction === 'send' && this.publishing && !stale) this.#sendFailed(gen, this.sendPc, 'the connection to the media server failed.');
  }

  onMuted({ roomId, user, audio, video }) {
    if (roomId !== this.roomId) return;
    this.#noteMuted(user.username, { audio, video });
    this.#rebuildTiles();
  }

  onSpeaker({ roomId, user }) {
    if (roomId === this.roomId) this.grid.setSpeaker(user ? user.username : null);
  }

  #noteMuted(username, change) {
    this.muted.set(username, { ...(this.muted.get(username) || { audio: false, video: false }), ...change });
  }

  /** Tiles from the offered tracks: one per publisher's camera+mic, one per screen share. */
  #rebuildTiles() {
    const next = new Map();
    for (const tr of this.recvPc?.getTransceivers() || []) {
      const t = tr.mid !== null && this.tracks.get(tr.mid);
      if (!t) continue;
      const screen = t.source.startsWith('screen');
      const key = screen ? `${t.user.username}:screen` : t.user.username;
      const old = this.tiles.get(key);
      const tile = next.get(key) || {
        key, user: t.user, screen, stream: old?.stream || new MediaStream(), mids: [], wanted: [],
        quality: old?.quality, media: old?.media,
      };
      tile.mids.push(t.mid);
      tile.wanted.push(tr.receiver.track);
      next.set(key, tile);
    }
    for (const tile of next.values()) {
      for (const track of tile.stream.getTracks()) if (!tile.wanted.includes(track)) tile.stream.removeTrack(track);
      for (const track of tile.wanted) if (!tile.stream.getTracks().includes(track)) tile.stream.addTrack(track);
      tile.hasAudio = tile.wanted.some((t) => t.kind === 'audio');
      tile.hasVideo = tile.wanted.some((t) => t.kind === 'video');
      const m = this.muted.get(tile.user.username) || {};
      tile.audioMuted = !tile.screen && Boolean(m.audio);
      tile.videoMuted = !tile.screen && Boolean(m.video);
    }
    this.tiles = next;
    this.render();
  }

  render() {
    this.grid.render(this.tiles, this.publishing);
    this.health.render(this);
    this.controls.render({
      publishing: this.publishing, audioMuted: this.audioMuted, videoMuted: this.videoMuted,
      sharing: Boolean(this.screenStream), canShare: Boolean(navigator.mediaDevices?.getDisplayMedia),
    });
  }

  // ---- publishing ----

  /** Sends the camera and microphone of `stream` to the room (after room.show was acknowledged). */
  async publish(stream) {
    if (!this.roomId || !stream) return;
    this.#resetSend();
    const { gen, roomId } = this;
    const pc = new RTCPeerConnection(PC_CONFIG);
    this.sendPc = pc;
    this.localStream = stream;
    this.publishing = true;
    pc.onicecandidate = ({ candidate }) => {
      if (!candidate?.candidate || this.sendPc !== pc) return;
      if (pc.remoteDescription) this.socket.send('room.media.candidate', { roomId, direction: 'send', candidate: candidate.candidate });
      else this.candidates.push(candidate.candidate);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') this.#sendFailed(gen, pc, 'the connection to the media server failed.');
    };
    for (const track of stream.getTracks()) {
      const init = { direction: 'sendonly', streams: [stream] };
      if (track.kind === 'video' && simulcastFits(track)) init.sendEncodings = SIMULCAST;
      const tr = pc.addTransceiver(track, init);
      if (track.kind === 'video') preferCodec(tr);
      this.sources.set(tr, track.kind === 'audio' ? 'mic' : 'camera');
    }
    this.render();
    await this.#negotiateSend(gen);
  }

  /** Offers the send connection's current transceivers and applies the server's answer. */
  #negotiateSend(gen) {
    const pc = this.sendPc;
    const roomId = this.roomId;
    this.sendQueue = this.sendQueue.then(async () => {
      if (gen !== this.gen || pc !== this.sendPc) return;
      await pc.setLocalDescription(await pc.createOffer());
      const tracks = pc.getTransceivers()
        .filter((t) => t.mid !== null && !t.stopped && this.sources.has(t))
        .map((t) => ({ mid: t.mid, source: this.sources.get(t) }));
      const reply = await this.#request('room.media.publish', { roomId, sdp: pc.localDescription.sdp, tracks });
      if (gen !== this.gen || pc !== this.sendPc) return;
      await pc.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
      for (const candidate of this.candidates.splice(0)) {
        this.socket.send('room.media.candidate', { roomId, direction: 'send', candidate });
      }
    }).catch((e) => this.#sendFailed(gen, pc, e.message));
    return this.sendQueue;
  }

  /**
   * The publish (or its connection) failed: shown once, with Retry (retryPublish). Not retried
   * here: a refusal (a cap, bad SDP) would only come back, and a loop hides the cause.
   */
  #sendFailed(gen, pc, why) {
    if (gen !== this.gen || !pc || pc !== this.sendPc || this.sendError) return;
    this.sendPc.close();
    this.sendPc = null;
    this.sendError = why;
    this.render();
  }

  /** The user's Retry after a failed publish: a fresh send connection with the same camera. */
  retryPublish() {
    if (this.sendError && this.localStream) this.publish(this.localStream);
  }

  /** Stops sending (unshow); the server closes the producers when told room.unshow. */
  unpublish() {
    this.#resetSend();
    this.render();
  }

  /** Mutes or unmutes the microphone and camera: the tracks keep flowing, silent or black. */
  setMuted(audio, video) {
    if (!this.publishing) return;
    this.audioMuted = audio;
    this.videoMuted = video;
    for (const t of this.localStream?.getAudioTracks() || []) t.enabled = !audio;
    for (const t of this.localStream?.getVideoTracks() || []) t.enabled = !video;
    this.#request('room.media.mute', { roomId: this.roomId, audio, video }).catch(() => { /* shown by the next state */ });
    this.render();
  }

  /** Shares the screen as an extra track on the send connection, or stops sharing. */
  async toggleScreen() {
    if (!this.publishing || !this.sendPc) return;
    const gen = this.gen;
    if (this.screenStream) {
      this.#stopScreen();
      await this.#negotiateSend(gen);
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch (e) {
      if (e.name !== 'NotAllowedError') this.report(`Could not share the screen: ${e.message || e.name}`);
      return;
    }
    if (gen !== this.gen || !this.sendPc) { stream.getTracks().forEach((t) => t.stop()); return; }
    this.screenStream = stream;
    for (const track of stream.getVideoTracks()) {
      track.onended = () => { if (this.screenStream === stream) { this.#stopScreen(); this.#negotiateSend(gen); } };
      this.sources.set(this.sendPc.addTransceiver(track, { direction: 'sendonly', streams: [stream] }), 'screen');
    }
    this.render();
    await this.#negotiateSend(gen);
  }

  #stopScreen() {
    for (const [tr, source] of this.sources) {
      if (source !== 'screen') continue;
      tr.stop();
      this.sources.delete(tr);
    }
    this.screenStream.getTracks().forEach((t) => t.stop());
    this.screenStream = null;
    this.render();
  }

  // ---- leaving ----

  /** Ends all media of this tab; `tellServer` when the tab stays connected (leaving the room). */
  stop(tellServer = true) {
    if (tellServer && this.roomId && this.socket.isOpen) this.socket.send('room.media.close', { roomId: this.roomId });
    this.recvPc?.close();
    for (const { reject, timer } of this.pending.values()) { clearTimeout(timer); reject(new Error('stopped')); }
    this.pending.clear();
    this.#reset();
    this.grid.clear();
    this.render();
  }

  #retry(gen, fn) {
    setTimeout(() => { if (gen === this.gen) fn(); }, RETRY_AFTER_MS);
  }

  // ---- requests ----

  #request(type, fields) {
    return new Promise((resolve, reject) => {
      const id = this.socket.send(type, fields);
      this.sent.add(id);
      if (this.sent.size > 200) this.sent.delete(this.sent.values().next().value);
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('the server did not answer in time'));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  #onReply(msg) {
    const waiting = msg.id && this.pending.get(msg.id);
    if (!waiting) return;
    this.pending.delete(msg.id);
    clearTimeout(waiting.timer);
    if (msg.type === 'error') waiting.reject(new Error(msg.message || msg.code));
    else waiting.resolve(msg);
  }

  // ---- figures (room-media-grid.js) ----

  /** Per tile: frames decoded, audio packets received; both connections' selected pair. */
  stats() {
    return mediaStats(this);
  }

  /** Small tiles ask for the low simulcast layer, large ones for the best (room.media.layer). */
  #preferLayers() {
    for (const tile of this.tiles.values()) {
      const width = this.grid.nodes.get(tile.key)?.video.clientWidth || 0;
      if (!width) continue;
      const wanted = width < SMALL_TILE_PX ? 0 : -1;
      for (const mid of tile.mids) {
        const t = this.tracks.get(mid);
        if (t?.kind !== 'video') continue;
        const key = `${mid}:${t.ssrc}`;
        const had = this.layers.get(key) ?? -1;
        this.layers.set(key, wanted);
        if (had !== wanted) {
          this.#request('room.media.layer', { roomId: this.roomId, mid, layer: wanted }).catch(() => this.layers.delete(key));
        }
      }
    }
  }

  async #measure() {
    const { gen } = this;
    await measureQuality(this, () => gen === this.gen);
    if (gen !== this.gen) return;
    await this.health.measure(this, () => gen === this.gen);
    if (gen !== this.gen) return;
    this.#preferLayers();
    this.render();
  }
}
