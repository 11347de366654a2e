// The room's video grid: one tile per remote publisher (camera and microphone together) and one
// per screen share, with the name, a muted-microphone mark, the active speaker highlighted and a
// connection-quality dot. Tiles come and go with the tracks the server offers (room-media.js).
// Also the figures behind it: per tile frames decoded and audio packets received with both peer
// connections' selected candidate pair (window.chorusRoomMedia.stats(), used by the browser
// tests), and the connection-quality hints. (One module with the grid, not one more file: every
// extra ES module is one more parallel request at page load.)

import { el } from './dom.js';
import { tileProblem } from './room-media-health.js';

const QUALITY_TEXT = { good: 'Good connection', fair: 'Unstable connection', poor: 'Poor connection', none: 'Nothing received' };

/** The grid's DOM; `render(tiles)` brings it in line with the current tiles. */
export class MediaGrid {
  constructor() {
    this.list = el('div', { className: 'media-tiles', data: { test: 'media-tiles' } });
    this.soundButton = el('button', { type: 'button', className: 'secondary sound-button', hidden: true, data: { test: 'enable-sound' } }, 'Turn on sound');
    this.soundButton.addEventListener('click', () => this.#unblockSound());
    this.root = el('section', { className: 'media-grid', hidden: true, data: { test: 'media-grid' }, attrs: { 'aria-label': 'Video' } },
      this.list, this.soundButton);
    this.nodes = new Map(); // tile key → {root, video, label, …}
    this.speaker = null;
  }

  /**
   * `tiles`: Map key → {key, user, screen, stream, audioMuted, videoMuted, quality}. Elements are
   * kept across renders so that playing videos are not interrupted.
   */
  render(tiles, extraVisible = false) {
    for (const [key, node] of this.nodes) {
      if (!tiles.has(key)) {
        node.video.srcObject = null;
        node.root.remove();
        this.nodes.delete(key);
      }
    }
    for (const tile of tiles.values()) {
      const node = this.nodes.get(tile.key) || this.#create(tile);
      this.#update(node, tile);
    }
    this.root.hidden = tiles.size === 0 && !extraVisible;
    this.list.dataset.count = String(tiles.size);
  }

  setSpeaker(username) {
    this.speaker = username;
    for (const node of this.nodes.values()) this.#markSpeaker(node);
  }

  clear() {
    this.render(new Map());
    this.soundButton.hidden = true;
  }

  #create(tile) {
    const video = el('video', { autoplay: true, playsInline: true, data: { test: 'media-tile-video' } });
    const name = el('span', { className: 'tile-name', data: { test: 'media-tile-name' } });
    const mic = el('span', { className: 'tile-mic-off', title: 'Microphone off', hidden: true, data: { test: 'media-tile-muted' } }, 'Mic off');
    const cameraOff = el('div', { className: 'tile-camera-off', hidden: true }, 'Camera off');
    const state = el('div', { className: 'tile-media-state', hidden: true, data: { test: 'media-tile-state' } });
    const quality = el('span', { className: 'tile-quality', data: { test: 'media-tile-quality' } });
    const root = el('figure', { className: 'media-tile', data: { test: 'media-tile', username: tile.user.username, key: tile.key } },
      video, cameraOff, state, el('figcaption', {}, quality, name, mic));
    const node = { root, video, name, mic, cameraOff, state, quality, stream: null };
    this.list.append(root);
    this.nodes.set(tile.key, node);
    return node;
  }

  #update(node, tile) {
    const who = tile.user.displayName || tile.user.username;
    node.name.textContent = tile.screen ? `${who} (screen)` : who;
    node.root.dataset.source = tile.screen ? 'screen' : 'camera';
    node.root.dataset.audioMuted = String(Boolean(tile.audioMuted));
    node.root.dataset.videoMuted = String(Boolean(tile.videoMuted));
    node.mic.hidden = !tile.audioMuted || !tile.hasAudio;
    // What did (not) arrive comes first: "Camera off" only for a camera whose stream flows.
    const problem = tileProblem(tile);
    node.root.dataset.media = tile.media || 'waiting';
    node.state.hidden = !problem;
    node.state.textContent = problem;
    node.cameraOff.hidden = Boolean(problem) || (!tile.videoMuted && tile.hasVideo);
    node.cameraOff.textContent = tile.hasVideo ? 'Camera off' : who;
    const quality = tile.media === 'none' || tile.media === 'stalled' ? 'none' : (tile.quality || 'unknown');
    node.quality.dataset.quality = quality;
    node.root.dataset.quality = quality;
    node.quality.title = QUALITY_TEXT[quality] || 'Connecting…';
    if (node.stream !== tile.stream) {
      node.stream = tile.stream;
      node.video.srcObject = tile.stream;
    }
    this.#play(node);
    this.#markSpeaker(node);
  }

  #markSpeaker(node) {
    const speaking = this.speaker !== null && node.root.dataset.username === this.speaker && node.root.dataset.source === 'camera';
    node.root.classList.toggle('speaking', speaking);
    node.root.dataset.speaking = String(speaking);
  }

  /** Plays with sound; if the browser wants a click first, plays muted and offers the button. */
  #play(node) {
    const v = node.video;
    if (!v.srcObject || !v.paused) return;
    v.play().catch(() => {
      v.muted = true;
      this.soundButton.hidden = false;
      // The next click anywhere on the page is the gesture the browser waits for.
      document.addEventListener('pointerdown', () => this.#unblockSound(), { once: true });
      v.play().catch(() => { /* nothing to show yet */ });
    });
  }

  #unblockSound() {
    for (const node of this.nodes.values()) {
      node.video.muted = false;
      node.video.play().catch(() => { /* still blocked: the button stays */ });
    }
    this.soundButton.hidden = true;
  }
}

/** The media toolbar of the room: microphone, camera, screen share. */
export class MediaControls {
  constructor({ onMic, onCamera, onScreen }) {
    const b = (test, fn) => {
      const button = el('button', { type: 'button', className: 'secondary', data: { test } });
      button.addEventListener('click', fn);
      return button;
    };
    this.mic = b('mic-button', onMic);
    this.camera = b('camera-button', onCamera);
    this.screen = b('screen-button', onScreen);
    this.root = el('div', { className: 'media-controls', hidden: true, data: { test: 'media-controls' } },
      this.mic, this.camera, this.screen);
  }

  /** How the connection is, is the status line's job (room-media-health.js). */
  render({ publishing, audioMuted, videoMuted, sharing, canShare }) {
    this.root.hidden = !publishing;
    this.mic.textContent = audioMuted ? 'Unmute' : 'Mute';
    this.mic.dataset.muted = String(audioMuted);
    this.camera.textContent = videoMuted ? 'Camera on' : 'Camera off';
    this.camera.dataset.muted = String(videoMuted);
    this.screen.textContent = sharing ? 'Stop sharing' : 'Share screen';
    this.screen.dataset.sharing = String(sharing);
    this.screen.hidden = !canShare;
  }
}

// ---- figures ----

/** Per tile: frames decoded, audio packets received; both connections' selected pair. */
export async function mediaStats(m) {
  const out = { roomId: m.roomId, publishing: m.publishing, sendError: m.sendError || '', tiles: [], send: null, recv: null };
  const bySsrc = new Map();
  if (m.recvPc) {
    const report = await m.recvPc.getStats();
    report.forEach((s) => { if (s.type === 'inbound-rtp') bySsrc.set(s.ssrc, s); });
    out.recv = pairOf(report, m.recvPc);
  }
  for (const tile of m.tiles.values()) {
    const t = {
      username: tile.user.username, source: tile.screen ? 'screen' : 'camera', media: tile.media || 'waiting',
      framesDecoded: 0, audioPacketsReceived: 0, videoPacketsReceived: 0,
    };
    for (const mid of tile.mids) {
      const s = bySsrc.get(m.tracks.get(mid)?.ssrc); // a reused section's old stream is not it
      if (!s) continue;
      if (s.kind === 'video') { t.framesDecoded += s.framesDecoded || 0; t.videoPacketsReceived += s.packetsReceived || 0; }
      if (s.kind === 'audio') t.audioPacketsReceived += s.packetsReceived || 0;
    }
    out.tiles.push(t);
  }
  if (m.sendPc) {
    const report = await m.sendPc.getStats();
    out.send = pairOf(report, m.sendPc);
    let bytesSent = 0;
    report.forEach((s) => { if (s.type === 'outbound-rtp') bytesSent += s.bytesSent || 0; });
    out.send.bytesSent = bytesSent;
  }
  return out;
}

/** Connection-quality hints: loss per tile on the receive side, loss/RTT on the send side. */
export async function measureQuality(m, current) {
  if (m.recvPc) {
    const report = await m.recvPc.getStats();
    if (!current()) return;
    const lossByMid = new Map();
    const midOf = new Map([...m.tracks.values()].map((t) => [t.ssrc, t.mid]));
    report.forEach((s) => {
      if (s.type !== 'inbound-rtp' || !midOf.has(s.ssrc)) return;
      const before = m.losses.get(s.ssrc) || { lost: 0, received: 0 };
      const now = { lost: s.packetsLost || 0, received: s.packetsReceived || 0 };
      m.losses.set(s.ssrc, now);
      const total = (now.lost - before.lost) + (now.received - before.received);
      lossByMid.set(midOf.get(s.ssrc), total > 0 ? (now.lost - before.lost) / total : null);
    });
    for (const tile of m.tiles.values()) {
      const losses = tile.mids.map((mid) => lossByMid.get(mid)).filter((l) => l !== null && l !== undefined);
      tile.quality = losses.length ? grade(Math.max(...losses)) : tile.quality;
    }
  }
  if (m.sendPc) {
    const report = await m.sendPc.getStats();
    if (!current()) return;
    let worst = null;
    report.forEach((s) => {
      if (s.type === 'remote-inbound-rtp' && s.fractionLost !== undefined) worst = Math.max(worst ?? 0, s.fractionLost);
    });
    const pair = pairOf(report, m.sendPc);
    const slow = pair?.rtt !== undefined && pair.rtt > 0.4;
    m.sendQuality = worst === null ? '' : (slow ? 'poor' : grade(worst));
  }
}

function grade(loss) {
  if (loss < 0.02) return 'good';
  return loss < 0.08 ? 'fair' : 'poor';
}

/** The selected candidate pair: protocol, remote address and port, round-trip time. */
function pairOf(report, pc) {
  let pairId = null;
  report.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId; });
  // Firefox has no transport stats; it marks the selected pair itself.
  report.forEach((s) => { if (s.type === 'candidate-pair' && s.selected && !pairId) pairId = s.id; });
  const out = { state: pc.connectionState };
  const pair = pairId && report.get(pairId);
  if (pair) {
    const remote = report.get(pair.remoteCandidateId);
    Object.assign(out, {
      protocol: remote?.protocol, remoteAddress: remote?.address, remotePort: remote?.port,
      rtt: pair.currentRoundTripTime,
    });
  }
  return out;
}
