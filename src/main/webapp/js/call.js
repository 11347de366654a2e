// 1:1 calls in this tab: the call lifecycle over the socket (docs/protocol.md, call.*), local
// media, the peer connection and what the call window shows. One call at a time, as on the server.

import { api } from './api.js';
import { CallPeer } from './call-peer.js';
import { CallView } from './call-view.js';
import { Ringer } from './ringer.js';
import { CallMedia } from './call-media.js';
import { nameOf, endText, connectFailedText } from './call-messages.js';

const ROUTE_EVERY_MS = 2000;
// A call that never connected and ends this late was a connection problem, not a quick hang-up.
const NEVER_CONNECTED_MS = 15000;

export class CallController {
  constructor({ socket, me, presence }) {
    Object.assign(this, { socket, me, presence });
    this.view = new CallView();
    this.ringer = new Ringer();
    this.call = null;
    this.conversation = null; // the user whose conversation is open: the header buttons call them
    this.media = new CallMedia({
      view: this.view, isCurrent: (call) => this.call === call, announce: (call) => this.#announceState(call),
    });
    this.requests = new Set(); // ids of requests this module sent: their errors are ours
    this.lateCancels = new Map(); // invite request id → true: cancelled before call.ringing came
    const { view } = this;
    const d = view.dom;
    view.on(d.audioButton, 'click', () => this.startCall(this.conversation, 'audio'));
    view.on(d.videoButton, 'click', () => this.startCall(this.conversation, 'video'));
    view.on(d.accept, 'click', () => this.accept(true));
    view.on(d.acceptAudio, 'click', () => this.accept(false));
    view.on(d.decline, 'click', () => this.decline());
    view.on(d.cancel, 'click', () => this.hangup());
    view.on(d.hangup, 'click', () => this.hangup());
    view.on(d.mute, 'click', () => this.toggleMute());
    view.on(d.camera, 'click', () => this.toggleCamera());
    view.on(d.cameraSelect, 'change', () => this.chooseDevice('video', d.cameraSelect.value));
    view.on(d.micSelect, 'change', () => this.chooseDevice('audio', d.micSelect.value));
    view.on(presence, 'change', () => this.#renderButtons());
    if (navigator.mediaDevices) view.on(navigator.mediaDevices, 'devicechange', () => { if (this.call) this.media.refreshDevices(this.call); });
    view.on(window, 'pagehide', () => { if (this.call?.id && this.call.phase !== 'incoming') this.hangup(); });
    for (const type of ['call.ringing', 'call.incoming', 'call.accepted', 'call.signal', 'call.ended']) {
      view.on(socket, type, (e) => this.#onMessage(e.detail));
    }
    view.on(socket, 'state', (e) => {
      if (e.detail.state !== 'open' && this.call) this.#finish('socket_lost');
    });
    // For browser tests and troubleshooting: what the active call's connection is doing.
    window.chorusCall = {
      state: () => this.call?.phase || 'idle',
      callId: () => this.call?.id || null,
      stats: async () => (this.call?.pc ? { ...(await this.call.pc.stats()), phase: this.call.phase } : null),
      localTracks: () => Object.fromEntries(Object.entries(this.call?.tracks || {}).filter(([, t]) => t)
        .map(([kind, t]) => [kind, { deviceId: t.getSettings().deviceId, label: t.label, enabled: t.enabled }])),
    };
    this.#renderButtons();
  }

  destroy() {
    if (this.call) this.#finish('socket_lost', { silent: true });
    this.view.destroy();
    this.ringer.close();
    delete window.chorusCall;
  }

  /** The conversation now open (or null): the header's call buttons call this user. */
  setConversation(user) {
    this.conversation = user ? { ...user } : null;
    this.#renderButtons();
  }

  /** A socket error for one of our requests: shown here, not as a toast. */
  onError(msg) {
    if (!msg.id || !this.requests.has(msg.id)) return false;
    this.requests.delete(msg.id);
    const call = this.call;
    if (!call) return true;
    if (msg.id === call.inviteId) {
      if (msg.code === 'already_in_call') this.#finish('already_in_call');
      else this.#finish(`Could not call: ${msg.message || msg.code}`, { reasonKey: 'error' });
    } else if (msg.id === call.acceptId) {
      // not_ringing: answered in another tab, or the caller gave up a moment ago.
      if (msg.code === 'not_ringing') this.#finish('answered_elsewhere');
      else this.#finish(`Could not answer: ${msg.message || msg.code}`, { reasonKey: 'error' });
    }
    return true;
  }

  async startCall(target, media) {
    if (!target || this.call) return;
    const peer = { ...target, ...this.presence.users?.get(target.username)?.user };
    this.view.hideMessage();
    const call = this.#newCall({ role: 'caller', peer, media, phase: 'starting' });
    this.view.showCall(peer, media, 'starting');
    this.view.setStatus('Starting camera and microphone…');
    call.ice = this.#fetchIceConfig();
    await this.media.open(call, media === 'video' ? ['audio', 'video'] : ['audio']);
    if (this.call !== call) return;
    if (!this.socket.isOpen) { this.#finish('socket_lost'); return; }
    call.inviteId = this.#send('call.invite', { to: peer.username, media });
    call.phase = 'outgoing';
    this.view.setPhase('outgoing');
    this.view.setStatus(`Calling ${nameOf(peer)}…`);
  }

  async accept(withVideo) {
    const call = this.call;
    if (!call || call.phase !== 'incoming') return;
    this.ringer.stop();
    call.phase = 'accepting';
    this.view.hideIncoming();
    this.view.showCall(call.peer, call.media, 'accepting');
    this.view.setStatus('Connecting…');
    call.ice = this.#fetchIceConfig();
    await this.media.open(call, call.media === 'video' && withVideo ? ['audio', 'video'] : ['audio']);
    if (this.call !== call) return;
    const config = await call.ice;
    if (this.call !== call) return;
    if (config.error) {
      this.#send('call.reject', { callId: call.id });
      this.#finish(`Could not answer: ${config.error}`, { reasonKey: 'error' });
      return;
    }
    // The peer exists before the accept goes out: the caller's offer may come right behind it.
    this.#createPeer(call, config, true);
    call.acceptId = this.#send('call.accept', { callId: call.id });
  }

  decline() {
    const call = this.call;
    if (!call || call.phase !== 'incoming') return;
    this.#send('call.reject', { callId: call.id });
    this.#finish('declined');
  }

  /** Cancel while ringing, hang up once answered. */
  hangup() {
    const call = this.call;
    if (!call) return;
    if (call.role === 'caller' && !call.id) {
      if (call.inviteId) this.lateCancels.set(call.inviteId, true);
      this.#finish('cancelled');
      return;
    }
    if (call.role === 'callee' && !call.acceptId) {
      // Still opening the camera after "Accept": not answered yet, so this declines.
      this.#send('call.reject', { callId: call.id });
      this.#finish('declined');
      return;
    }
    this.#send(call.phase === 'outgoing' ? 'call.cancel' : 'call.hangup', { callId: call.id });
    this.#finish(call.phase === 'outgoing' ? 'cancelled' : 'hung_up_here');
  }

  toggleMute() {
    if (this.call) this.media.toggleMute(this.call);
  }

  toggleCamera() {
    if (this.call) this.media.toggleCamera(this.call);
  }

  chooseDevice(kind, deviceId) {
    this.media.choose(this.call, kind, deviceId);
  }

  #newCall(fields) {
    this.call = { id: null, tracks: {}, pending: [], startedAt: 0, createdAt: Date.now(), ...fields };
    this.#renderButtons();
    return this.call;
  }

  #send(type, fields) {
    const id = this.socket.send(type, fields);
    this.requests.add(id);
    // Signals get no reply, so their ids are only kept long enough for a late error to be ours.
    if (this.requests.size > 500) this.requests.delete(this.requests.values().next().value);
    return id;
  }

  async #fetchIceConfig() {
    try {
      // Fetched for every call: the TURN credentials in it expire.
      const { iceServers, iceTransportPolicy } = await api('GET', 'ice-servers');
      return { iceServers, iceTransportPolicy };
    } catch (e) {
      return { error: e.message };
    }
  }

  /** Tells the other side whether this side's microphone and camera are on. */
  #announceState(call) {
    if (!call.id || call.phase !== 'active') return;
    const { audio, video } = call.tracks;
    this.#send('call.signal', { callId: call.id, signal: { state: { audio: Boolean(audio?.enabled), video: Boolean(video) } } });
  }

  #createPeer(call, config, polite) {
    const pc = new CallPeer({
      config, polite, tracks: call.tracks,
      kinds: call.media === 'video' ? ['audio', 'video'] : ['audio'],
      send: (signal) => { if (this.call === call) this.#send('call.signal', { callId: call.id, signal }); },
    });
    call.pc = pc;
    pc.addEventListener('remotetrack', (e) => this.view.addRemoteTrack(e.detail.track));
    pc.addEventListener('state', (e) => {
      if (this.call !== call) return;
      this.view.setConnection(e.detail.state, e.detail.ice, call.route);
      if (e.detail.state === 'connected') this.#announceState(call);
    });
    pc.addEventListener('failed', (e) => this.#onPeerFailed(call, e.detail));
    this.view.setConnection('new', 'new');
    for (const signal of call.pending.splice(0)) this.#onSignal(call, signal);
    call.routeTimer = setInterval(() => this.#updateRoute(call), ROUTE_EVERY_MS);
  }

  #onPeerFailed(call, { connected, candidateError }) {
    if (this.call !== call) return;
    this.#send('call.hangup', { callId: call.id });
    if (connected) { this.#finish('Connection lost: the call could not be kept up.', { reasonKey: 'media_lost' }); return; }
    this.#finish(connectFailedText(candidateError), { reasonKey: 'connect_failed' });
  }

  async #updateRoute(call) {
    if (this.call !== call || !call.pc) return;
    try {
      const stats = await call.pc.stats();
      const route = stats.pair ? (stats.pair.localType === 'relay' || stats.pair.remoteType === 'relay' ? 'relay' : 'direct') : null;
      if (route !== call.route && this.call === call) {
        call.route = route;
        this.view.setConnection(stats.state, stats.iceState, route);
      }
    } catch (e) {
      // closed meanwhile
    }
  }

  #onSignal(call, signal) {
    if (signal?.state) { this.view.setRemoteState(signal.state); return; }
    if (!call.pc) { call.pending.push(signal); return; }
    call.pc.handleSignal(signal);
  }

  #onMessage(msg) {
    const call = this.call;
    switch (msg.type) {
      case 'call.ringing':
        if (this.lateCancels.delete(msg.id)) { this.#send('call.cancel', { callId: msg.callId }); return; }
        if (!call || msg.id !== call.inviteId) return;
        call.id = msg.callId;
        if (msg.to) { call.peer = msg.to; this.view.setPeer(msg.to); }
        this.view.setStatus(`Calling ${nameOf(call.peer)}…`);
        this.ringer.start('ringback');
        return;
      case 'call.incoming':
        if (call) return; // busy here; the server rings no one who is in a call
        this.view.hideMessage();
        this.#newCall({ role: 'callee', id: msg.callId, peer: msg.from, media: msg.media, phase: 'incoming' });
        this.view.showIncoming(msg.from, msg.media);
        this.ringer.start('incoming');
        this.view.setRinging('incoming');
        return;
      case 'call.accepted':
        if (!call || msg.callId !== call.id) return;
        if (call.role === 'caller') this.#onAnswered(call);
        else if (msg.id === call.acceptId) this.#activate(call);
        return;
      case 'call.signal':
        if (call && msg.callId === call.id) this.#onSignal(call, msg.signal);
        return;
      case 'call.ended':
        if (this.lateCancels.delete(msg.id)) return;
        if (call && (msg.callId === call.id || (msg.id && msg.id === call.inviteId))) this.#finish(msg.reason);
        return;
      default:
    }
  }

  async #onAnswered(call) {
    this.ringer.stop();
    this.#activate(call);
    const config = await call.ice;
    if (this.call !== call) return;
    if (config.error) {
      this.#send('call.hangup', { callId: call.id });
      this.#finish(`Could not start the call: ${config.error}`, { reasonKey: 'error' });
      return;
    }
    this.#createPeer(call, config, false); // the caller's transceivers make the first offer
  }

  #activate(call) {
    call.phase = 'active';
    call.startedAt = Date.now();
    this.view.setPhase('active');
    this.view.setStatus('');
    this.view.setTimer(0);
    call.clock = setInterval(() => this.view.setTimer((Date.now() - call.startedAt) / 1000), 1000);
  }

  /** Ends the call in this tab: everything stops, the window closes, the reason is shown. */
  #finish(reason, { silent = false, reasonKey } = {}) {
    const call = this.call;
    if (!call) return;
    this.call = null;
    clearInterval(call.clock);
    clearInterval(call.routeTimer);
    this.ringer.stop();
    call.pc?.close();
    for (const track of Object.values(call.tracks)) track?.stop();
    const neverConnected = call.pc && !call.pc.everConnected && call.startedAt
      && Date.now() - call.startedAt > NEVER_CONNECTED_MS;
    let key = reasonKey || reason;
    let text = endText(reason, call);
    if (reason === 'hangup' && neverConnected) {
      // The other side gave up first: the same failure, seen from here.
      key = 'connect_failed';
      text = connectFailedText(call.pc.candidateError);
    }
    this.view.hideIncoming();
    this.view.hideCall();
    if (!silent && text) this.view.showMessage(key, text);
    this.#renderButtons();
  }

  #renderButtons() {
    const peer = this.conversation;
    if (!peer) { this.view.setCallButtons(false, ''); return; }
    if (this.call) { this.view.setCallButtons(false, 'you are already in a call'); return; }
    const offline = this.presence.statusOf(peer.username) === 'offline';
    this.view.setCallButtons(!offline, offline ? `${nameOf(peer)} is offline` : '');
  }
}
