// The room's video grid: one tile per remote publisher (camera and microphone together) and one
// per screen share, with the name, a muted-microphone mark, the active speaker highlighted and a
// connection-quality dot. Tiles come and go with the tracks the server offers (room-media.js).

import { el, replaceChildren } from './dom.js';

const QUALITY_TEXT = { good: 'Good connection', fair: 'Unstable connection', poor: 'Poor connection' };

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
    const quality = el('span', { className: 'tile-quality', data: { test: 'media-tile-quality' } });
    const root = el('figure', { className: 'media-tile', data: { test: 'media-tile', username: tile.user.username, key: tile.key } },
      video, cameraOff, el('figcaption', {}, quality, name, mic));
    const node = { root, video, name, mic, cameraOff, quality, stream: null };
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
    node.cameraOff.hidden = !tile.videoMuted && tile.hasVideo;
    node.cameraOff.textContent = tile.hasVideo ? 'Camera off' : who;
    node.quality.dataset.quality = tile.quality || 'unknown';
    node.root.dataset.quality = tile.quality || 'unknown';
    node.quality.title = QUALITY_TEXT[tile.quality] || 'Connecting…';
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
    this.hint = el('span', { className: 'send-quality muted', data: { test: 'send-quality' } });
    this.root = el('div', { className: 'media-controls', hidden: true, data: { test: 'media-controls' } },
      this.mic, this.camera, this.screen, this.hint);
  }

  render({ publishing, audioMuted, videoMuted, sharing, canShare, quality }) {
    this.root.hidden = !publishing;
    this.mic.textContent = audioMuted ? 'Unmute' : 'Mute';
    this.mic.dataset.muted = String(audioMuted);
    this.camera.textContent = videoMuted ? 'Camera on' : 'Camera off';
    this.camera.dataset.muted = String(videoMuted);
    this.screen.textContent = sharing ? 'Stop sharing' : 'Share screen';
    this.screen.dataset.sharing = String(sharing);
    this.screen.hidden = !canShare;
    replaceChildren(this.hint, quality ? `Connection: ${quality}` : '');
  }
}
