package dev.chorus.bench.firstframe;

/**
 * The script the bench puts into every viewer page before the app's own (CDP {@code
 * Page.addScriptToEvaluateOnNewDocument}): it timestamps, with the page's {@code
 * performance.now()}, the click on a room in the directory, the socket messages of entering ({@code
 * room.enter} sent, {@code room.entered}, {@code room.media.subscribe}, its answer, {@code
 * room.media.offer}, {@code room.media.answer}), the receive peer connection's ICE, DTLS and
 * connection states, and the first RTP packet, frame received and frame decoded of the shower's
 * video (its {@code getStats()} polled every 10 ms: a check, coarse on a loaded machine) and the
 * first frame the shower's tile {@code <video>} presented ({@code requestVideoFrameCallback}: its
 * presentation time, and for WebRTC the time its last packet arrived). Nothing of the app is
 * changed: {@code WebSocket} and {@code RTCPeerConnection} are subclassed only to listen.
 */
final class PageProbe {
  private PageProbe() {}

  static final String SCRIPT =
      """
(() => {
  const now = () => performance.now();
  const ff = { shower: null, marks: {}, pcs: [], pair: null, offerPorts: [], armed: false };
  window.__ff = ff;
  const mark = (name, t = now()) => { if (ff.armed && !(name in ff.marks)) ff.marks[name] = t; };
  ff.mark = mark;
  ff.reset = (shower) => {
    ff.shower = shower; ff.marks = {}; ff.pair = null; ff.offerPorts = []; ff.video = null; ff.armed = true;
  };
  ff.result = () => ({ marks: ff.marks, pair: ff.pair, offerPorts: ff.offerPorts,
    maxPollGap: ff.maxPollGap || 0, video: ff.video });
  document.addEventListener('click', (e) => {
    if (e.target.closest && e.target.closest("[data-test='room-item']")) mark('click');
  }, true);

  const NativeWS = window.WebSocket;
  window.WebSocket = class extends NativeWS {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        let frame; try { frame = JSON.parse(e.data); } catch (err) { return; }
        const t = now();
        // a batch holds messages that waited together (docs/protocol.md)
        for (const m of frame.type === 'batch' ? frame.messages : [frame]) {
        if (m.type === 'room.entered') mark('entered', t);
        else if (m.type === 'room.media.offer') {
          mark('offer', t);
          for (const line of (m.sdp || '').split(/\\r?\\n/)) {
            const c = /^a=candidate:\\S+ \\d+ (\\S+) \\d+ \\S+ (\\d+) typ/i.exec(line);
            if (c) ff.offerPorts.push(c[1].toLowerCase() + ':' + c[2]);
          }
        } else if (m.id && m.id === ff.subscribeId) mark('subscribed', t);
        }
      });
    }
    send(data) {
      try {
        const m = JSON.parse(data);
        if (m.type === 'room.enter') mark('enterSent');
        else if (m.type === 'room.media.subscribe') { ff.subscribeId = m.id; mark('subscribeSent'); }
        else if (m.type === 'room.media.answer') mark('answerSent');
      } catch (err) { /* not ours */ }
      return super.send(data);
    }
  };

  const NativePC = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePC {
    constructor(...args) {
      super(...args);
      const pc = this;
      if (!ff.armed) return;
      mark('pcCreated');
      pc.addEventListener('iceconnectionstatechange', () => {
        if (pc.iceConnectionState === 'checking') mark('iceChecking');
        if (pc.iceConnectionState === 'connected') mark('iceConnected');
      });
      pc.addEventListener('connectionstatechange', () => {
        if (pc.connectionState === 'connected') mark('pcConnected');
      });
      pc.addEventListener('icecandidate', (e) => { if (e.candidate) mark('localCandidate'); });
      pc.addEventListener('track', () => mark('track'));
      poll(pc);
    }
  };

  // The DTLS transport exists once the offer is applied; its state changes are timed.
  function watchDtls(pc) {
    for (const r of pc.getReceivers()) {
      const dtls = r.transport;
      if (!dtls || dtls.__ff) continue;
      dtls.__ff = true;
      const seen = () => {
        if (dtls.state === 'connecting') mark('dtlsConnecting');
        if (dtls.state === 'connected') mark('dtlsConnected');
      };
      dtls.addEventListener('statechange', seen);
      seen();
    }
  }

  async function poll(pc) {
    let last = now();
    ff.maxPollGap = 0;
    while (pc.signalingState !== 'closed' && !('framesDecoded' in ff.marks)) {
      try {
        watchDtls(pc);
        const report = await pc.getStats();
        const t = now();
        ff.maxPollGap = Math.max(ff.maxPollGap, t - last);
        last = t;
        let pairId = null;
        for (const s of report.values()) {
          if (s.type === 'inbound-rtp' && s.kind === 'video') {
            if (s.packetsReceived > 0) mark('firstPacket', t);
            if (s.framesReceived > 0) mark('framesReceived', t);
            if (s.framesDecoded > 0 && !('framesDecoded' in ff.marks)) {
              mark('framesDecoded', t);
              ff.video = { packetsReceived: s.packetsReceived, framesReceived: s.framesReceived,
                keyFramesDecoded: s.keyFramesDecoded, pliCount: s.pliCount, firCount: s.firCount,
                nackCount: s.nackCount, framesDropped: s.framesDropped };
            }
          }
          if (s.type === 'transport' && s.dtlsState === 'connected') mark('dtlsConnected', t);
          if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
        }
        if ('framesDecoded' in ff.marks && pairId) {
          const pair = report.get(pairId);
          const remote = pair && report.get(pair.remoteCandidateId);
          const local = pair && report.get(pair.localCandidateId);
          ff.pair = remote ? { protocol: remote.protocol, address: remote.address, port: remote.port,
            type: remote.candidateType, localType: local && local.candidateType } : null;
        }
      } catch (err) { /* closed under us */ }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // The shower's tile: its first presented frame.
  setInterval(() => {
    if (!ff.armed || !ff.shower || 'presented' in ff.marks) return;
    const v = document.querySelector(
      `[data-test='media-tile'][data-username='${ff.shower}'] video`);
    if (!v || v.__ff === ff.marks) return;
    v.__ff = ff.marks;
    mark('tile');
    if (v.requestVideoFrameCallback) {
      v.requestVideoFrameCallback((t, meta) => {
        if (v.__ff !== ff.marks) return;
        // For WebRTC: receiveTime is when the frame's last packet arrived.
        if (meta.receiveTime) mark('frameReceived', meta.receiveTime);
        mark('presented', meta.presentationTime || t);
      });
    }
  }, 5);
})();
""";
}
