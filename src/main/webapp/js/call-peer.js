// One RTCPeerConnection between the two parties of a call, negotiated with the "perfect
// negotiation" pattern (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example): either side
// may offer at any time (e.g. turning the camera on mid-call); on a collision the polite side
// (the callee) yields. The caller makes the first offer; the callee only answers until then.

const CONNECT_TIMEOUT_MS = 20000;
const RESTART_TIMEOUT_MS = 15000;

/**
 * Events: 'remotetrack' {track} when a remote track starts, 'state' {state, ice} on every change
 * of pc.connectionState or pc.iceConnectionState, and 'failed' {connected, candidateError} once
 * when the connection cannot be made (connected false) or is lost for good.
 */
export class CallPeer extends EventTarget {
  /**
   * `config`: {iceServers, iceTransportPolicy} as /api/ice-servers returned it. `send(signal)`
   * relays {description} or {candidate} to the other party. `tracks`: {audio, video} to send
   * (either may be missing). `kinds`: what the caller offers to receive ('audio', 'video').
   */
  constructor({ config, polite, send, tracks, kinds }) {
    super();
    this.polite = polite;
    this.send = send;
    this.tracks = { ...tracks };
    this.stream = new MediaStream(Object.values(this.tracks).filter(Boolean));
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.answeredFirstOffer = false;
    this.everConnected = false;
    this.restarted = false;
    this.closed = false;
    this.candidateError = null;
    this.queue = Promise.resolve();
    const pc = new RTCPeerConnection({
      iceServers: config.iceServers || [], iceTransportPolicy: config.iceTransportPolicy || 'all',
    });
    this.pc = pc;
    pc.onnegotiationneeded = () => this.#offer();
    pc.onicecandidate = ({ candidate }) => {
      if (candidate && candidate.candidate) this.send({ candidate: candidate.toJSON() });
    };
    // e.g. 401 from a TURN server whose credentials are wrong or expired: kept for the message.
    pc.onicecandidateerror = (e) => { this.candidateError = { code: e.errorCode, text: e.errorText, url: e.url }; };
    pc.ontrack = ({ track }) => this.dispatchEvent(new CustomEvent('remotetrack', { detail: { track } }));
    pc.onconnectionstatechange = () => this.#onState();
    pc.oniceconnectionstatechange = () => this.#onState();
    this.#watch(CONNECT_TIMEOUT_MS);
    if (!polite) {
      // The caller offers what the call is about, sending what it has and receiving the rest.
      // (plus anything it already has, e.g. a camera turned on while an audio call rang).
      const offered = new Set([...kinds, ...Object.keys(this.tracks).filter((k) => this.tracks[k])]);
      for (const kind of offered) {
        const track = this.tracks[kind];
        pc.addTransceiver(track || kind, { direction: track ? 'sendrecv' : 'recvonly', streams: [this.stream] });
      }
    }
  }

  /** A {description} or {candidate} from the other party; handled strictly in arrival order. */
  handleSignal(signal) {
    this.queue = this.queue.then(() => this.#handle(signal)).catch((e) => {
      console.warn('call signal failed', e);
    });
    return this.queue;
  }

  /**
   * Sends `track` as this side's `kind` (or stops sending it with null). Reuses the transceiver of
   * that kind, so turning a camera off and on again needs no renegotiation; adding video to an
   * audio-only call adds a transceiver and renegotiates.
   */
  async setTrack(kind, track) {
    this.tracks[kind] = track;
    for (const t of this.stream.getTracks()) if (t.kind === kind) this.stream.removeTrack(t);
    if (track) this.stream.addTrack(track);
    const transceiver = this.#transceiver(kind);
    if (!transceiver) {
      if (track) this.pc.addTransceiver(track, { direction: 'sendrecv', streams: [this.stream] });
      return;
    }
    await transceiver.sender.replaceTrack(track);
    if (track) {
      transceiver.sender.setStreams?.(this.stream);
      if (transceiver.direction === 'recvonly') transceiver.direction = 'sendrecv';
      else if (transceiver.direction === 'inactive') transceiver.direction = 'sendonly';
    }
  }

  get connectionState() {
    return this.pc.connectionState;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.pc.close();
  }

  /** What tests and the indicator want to know, from getStats(). */
  async stats() {
    const report = await this.pc.getStats();
    let framesDecoded = 0;
    let audioPacketsReceived = 0;
    let framesEncoded = 0;
    let audioPacketsSent = 0;
    let selected = null;
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded += s.framesDecoded || 0;
      if (s.type === 'inbound-rtp' && s.kind === 'audio') audioPacketsReceived += s.packetsReceived || 0;
      if (s.type === 'outbound-rtp' && s.kind === 'video') framesEncoded += s.framesEncoded || 0;
      if (s.type === 'outbound-rtp' && s.kind === 'audio') audioPacketsSent += s.packetsSent || 0;
      if (s.type === 'transport' && s.selectedCandidatePairId) selected = s.selectedCandidatePairId;
      // Firefox has no transport stats; it marks the selected pair itself.
      if (s.type === 'candidate-pair' && s.selected && !selected) selected = s.id;
    });
    let pair = null;
    const p = selected && report.get(selected);
    if (p) {
      const local = report.get(p.localCandidateId);
      const remote = report.get(p.remoteCandidateId);
      pair = {
        localType: local?.candidateType, remoteType: remote?.candidateType,
        protocol: local?.protocol, relayProtocol: local?.relayProtocol,
      };
    }
    return {
      framesDecoded, audioPacketsReceived, framesEncoded, audioPacketsSent, pair,
      state: this.pc.connectionState, iceState: this.pc.iceConnectionState,
    };
  }

  async #offer() {
    // The callee waits for the caller's first offer: two first offers would only collide.
    if (this.closed || (this.polite && !this.answeredFirstOffer)) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.send({ description: this.pc.localDescription.toJSON() });
    } catch (e) {
      console.warn('call offer failed', e);
    } finally {
      this.makingOffer = false;
    }
  }

  async #handle({ description, candidate }) {
    if (this.closed) return;
    const { pc } = this;
    if (description) {
      const collision = description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await pc.setRemoteDescription(description); // the polite side rolls back implicitly
      if (description.type !== 'offer') return;
      if (!this.answeredFirstOffer) await this.#attachToOfferedTransceivers();
      await pc.setLocalDescription();
      this.send({ description: pc.localDescription.toJSON() });
      if (!this.answeredFirstOffer) {
        this.answeredFirstOffer = true;
        // Anything the callee has that the offer did not ask for goes in an offer of its own.
        for (const [kind, track] of Object.entries(this.tracks)) {
          if (track && !this.#transceiver(kind)) pc.addTransceiver(track, { direction: 'sendrecv', streams: [this.stream] });
        }
      }
    } else if (candidate) {
      try {
        await pc.addIceCandidate(candidate);
      } catch (e) {
        if (!this.ignoreOffer) throw e; // candidates of an offer we ignored may fail
      }
    }
  }

  /** The callee's tracks go on the transceivers the caller's first offer created. */
  async #attachToOfferedTransceivers() {
    for (const [kind, track] of Object.entries(this.tracks)) {
      const transceiver = this.#transceiver(kind);
      if (!track || !transceiver) continue;
      await transceiver.sender.replaceTrack(track);
      transceiver.sender.setStreams?.(this.stream);
      transceiver.direction = 'sendrecv';
    }
  }

  #transceiver(kind) {
    return this.pc.getTransceivers().find((t) => !t.stopped && t.receiver.track.kind === kind);
  }

  #onState() {
    if (this.closed) return;
    const state = this.pc.connectionState;
    const ice = this.pc.iceConnectionState;
    // Both state events call this: report each combination once, react to each new state once.
    if (`${state}/${ice}` === this.lastKey) return;
    this.lastKey = `${state}/${ice}`;
    if (state !== this.lastState) {
      this.lastState = state;
      if (state === 'connected') {
        this.everConnected = true;
        clearTimeout(this.timer);
        this.timer = null;
      } else if (state === 'failed') {
        this.#recoverOrFail();
      } else if (state === 'disconnected' && this.everConnected && !this.timer) {
        this.#watch(RESTART_TIMEOUT_MS);
      }
    }
    this.dispatchEvent(new CustomEvent('state', { detail: { state, ice } }));
  }

  /** Once connected, one ICE restart is worth a try; before that, nothing would change. */
  #recoverOrFail() {
    if (this.everConnected && !this.restarted) {
      this.restarted = true;
      this.pc.restartIce();
      this.#watch(RESTART_TIMEOUT_MS);
      return;
    }
    this.#fail();
  }

  #watch(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.closed && this.pc.connectionState !== 'connected') this.#fail();
    }, ms);
  }

  #fail() {
    if (this.closed || this.failed) return;
    this.failed = true;
    clearTimeout(this.timer);
    this.dispatchEvent(new CustomEvent('failed', {
      detail: { connected: this.everConnected, candidateError: this.candidateError },
    }));
  }
}
