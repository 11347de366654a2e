// Figures of room-media.js's peer connections: per tile frames decoded and audio packets
// received with both connections' selected candidate pair (window.chorusRoomMedia.stats(), also
// used by the browser tests), and the connection-quality hints on tiles and controls.

/** Per tile: frames decoded, audio packets received; both connections' selected pair. */
export async function mediaStats(m) {
  const out = { roomId: m.roomId, publishing: m.publishing, tiles: [], send: null, recv: null };
  const bySsrc = new Map();
  if (m.recvPc) {
    const report = await m.recvPc.getStats();
    report.forEach((s) => { if (s.type === 'inbound-rtp') bySsrc.set(s.ssrc, s); });
    out.recv = pairOf(report, m.recvPc);
  }
  for (const tile of m.tiles.values()) {
    const t = { username: tile.user.username, source: tile.screen ? 'screen' : 'camera', framesDecoded: 0, audioPacketsReceived: 0, videoPacketsReceived: 0 };
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
