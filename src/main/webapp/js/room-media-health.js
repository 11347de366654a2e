// Whether room media actually flows, from the RTP counters of getStats (inbound-rtp per tile,
// outbound-rtp for our own camera), not from the ICE/DTLS state: a connection can be "connected"
// while a publisher's packets never arrive (its own connection failed, its codec was refused…).
// Each tile says so ("Waiting for video…", then "No video received"), the room's status line
// names who is not getting through, and a failed publish is shown once with a Retry button —
// never re-published behind the user's back (docs/media.md, "What the room shows").

import { el } from './dom.js';

/** Nothing from a tile (or our camera not going out) this long after it could have: say so. */
const WAIT_MS = 12000;
/** Packets that stop for this long on a tile that had them: "stopped". */
const STALL_MS = 10000;

const TILE_TEXT = {
  waiting: { video: 'Waiting for video…', audio: 'Waiting for sound…' },
  none: { video: 'No video received', audio: 'No sound received' },
  stalled: { video: 'Video stopped', audio: 'Sound stopped' },
};

/** The text a tile shows over its video for its media state, or '' while media flows. */
export function tileProblem(tile) {
  const texts = TILE_TEXT[tile.media || 'waiting'];
  return texts ? texts[tile.hasVideo ? 'video' : 'audio'] : '';
}

/** The status line and the publish-failure notice above the tiles. */
export class MediaHealth {
  constructor({ onRetry }) {
    this.line = el('span', { className: 'media-status', data: { test: 'media-status', state: 'idle' }, attrs: { role: 'status' } });
    this.errorText = el('span', { className: 'publish-error-text', data: { test: 'publish-error-text' } });
    this.retry = el('button', { type: 'button', className: 'secondary', data: { test: 'publish-retry' } }, 'Retry');
    this.retry.addEventListener('click', () => onRetry());
    this.alert = el('div', { className: 'publish-error', hidden: true, data: { test: 'publish-error' }, attrs: { role: 'alert' } },
      this.errorText, this.retry);
    this.root = el('div', { className: 'media-health' }, this.line, this.alert);
    this.reset();
  }

  reset() {
    this.flows = new Map(); // tile key and its streams' SSRCs → {since, packets, changed}
    this.send = null; // {since, bytes, changed} of the current send connection
  }

  /** Reads both connections' RTP counters and updates each tile's `media` and the send state. */
  async measure(m, current) {
    const now = Date.now();
    if (m.recvPc) {
      const report = await m.recvPc.getStats();
      if (!current()) return;
      const bySsrc = new Map();
      report.forEach((s) => { if (s.type === 'inbound-rtp') bySsrc.set(s.ssrc, s); });
      const seen = new Map();
      for (const tile of m.tiles.values()) {
        const ssrcs = tile.mids.map((mid) => m.tracks.get(mid)).filter(Boolean);
        const id = `${tile.key}|${ssrcs.map((t) => t.ssrc).join(',')}`;
        // Video packets for a tile with video (muted cameras still send black frames), else sound.
        const kind = tile.hasVideo ? 'video' : 'audio';
        const packets = ssrcs.filter((t) => t.kind === kind)
          .reduce((sum, t) => sum + (bySsrc.get(t.ssrc)?.packetsReceived || 0), 0);
        // Whatever the reason (their connection, ours, the codec), nothing in time is "none".
        const flow = this.flows.get(id) || { since: now, packets: 0, changed: null };
        if (packets > flow.packets) { flow.packets = packets; flow.changed = now; }
        // A still shared screen may send nothing for a while: only cameras count as stopped.
        tile.media = stateOf(flow, now, !tile.screen);
        seen.set(id, flow);
      }
      this.flows = seen;
    }
    if (m.sendPc) {
      const report = await m.sendPc.getStats();
      if (!current()) return;
      let bytes = 0;
      report.forEach((s) => { if (s.type === 'outbound-rtp') bytes += s.bytesSent || 0; });
      if (this.send?.pc !== m.sendPc) this.send = { pc: m.sendPc, since: now, bytes: 0, changed: null };
      if (bytes > this.send.bytes) { this.send.bytes = bytes; this.send.changed = now; }
      this.send.media = stateOf(this.send, now, true);
    } else {
      this.send = null;
    }
  }

  /** The status line from what flows; the notice while a publish has failed. */
  render(m) {
    this.alert.hidden = !m.sendError;
    if (m.sendError) this.errorText.textContent = `Could not send your video: ${m.sendError}`;
    const { state, text } = this.#summary(m);
    this.line.dataset.state = state;
    this.line.textContent = text;
  }

  #summary(m) {
    if (!m.roomId || (m.tiles.size === 0 && !m.publishing)) return { state: 'idle', text: '' };
    if (m.sendError) return { state: 'failed', text: 'Connection: your video is not being sent' };
    const tiles = [...m.tiles.values()];
    const missing = tiles.filter((t) => t.media === 'none' || t.media === 'stalled');
    const sendState = m.publishing ? (this.send?.media || 'waiting') : 'flowing';
    const problems = [];
    if (sendState === 'none' || sendState === 'stalled') problems.push('your video is not reaching the server');
    if (missing.length) problems.push(`nothing received from ${missing.map(nameOf).join(', ')}`);
    if (problems.length) return { state: 'no-media', text: `Connection: ${problems.join('; ')}` };
    if (sendState === 'waiting' || tiles.some((t) => (t.media || 'waiting') === 'waiting')) {
      return { state: 'waiting', text: 'Connection: connecting…' };
    }
    const grades = [m.sendQuality, ...tiles.map((t) => t.quality)].filter(Boolean);
    const worst = ['poor', 'fair'].find((g) => grades.includes(g)) || 'good';
    return { state: 'flowing', text: `Connection: ${worst}` };
  }
}

/** waiting → flowing, or → none when nothing came in time; flowing → stalled when it stops. */
function stateOf(flow, now, canStall) {
  if (flow.changed === null) return now - flow.since > WAIT_MS ? 'none' : 'waiting';
  return canStall && now - flow.changed > STALL_MS ? 'stalled' : 'flowing';
}

function nameOf(tile) {
  const who = tile.user.displayName || tile.user.username;
  return tile.screen ? `${who} (screen)` : who;
}
