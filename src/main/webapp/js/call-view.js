// The call on screen: the incoming-call prompt, the call window (videos, status, timer,
// connection indicator, controls, device chooser) and the message after a call. It only shows
// what the controller tells it; every name is set as text.

import { el, replaceChildren, avatar } from './dom.js';
import { icon } from './icons.js';

const $ = (id) => document.getElementById(id);
const MESSAGE_MS = 8000;

const CONNECTION_TEXT = {
  new: 'Connecting…', connecting: 'Connecting…', connected: 'Connected',
  disconnected: 'Connection unstable — reconnecting…', failed: 'Connection failed', closed: 'Closed',
};

/** 73 s → "1:13"; an hour or more → "1:02:03". */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const mm = String(Math.floor(s / 60) % 60);
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

export class CallView {
  constructor() {
    this.dom = {
      audioButton: $('call-audio'), videoButton: $('call-video'),
      incoming: $('call-incoming'), incomingAvatar: $('call-incoming-avatar'), incomingName: $('call-incoming-name'),
      incomingKind: $('call-incoming-kind'), accept: $('call-accept'), acceptAudio: $('call-accept-audio'),
      decline: $('call-decline'),
      call: $('call'), remoteVideo: $('call-remote-video'), placeholder: $('call-remote-placeholder'),
      peerAvatar: $('call-peer-avatar'), remoteNote: $('call-remote-note'), localVideo: $('call-local-video'),
      remoteAudio: $('call-remote-audio'), peerName: $('call-peer-name'), status: $('call-status'),
      timer: $('call-timer'), connection: $('call-connection'), notice: $('call-notice'),
      mute: $('call-mute'), camera: $('call-camera'), devicesToggle: $('call-devices-toggle'),
      expand: $('call-expand'), cancel: $('call-cancel'), hangup: $('call-hangup'), devices: $('call-devices'),
      cameraSelect: $('call-camera-select'), micSelect: $('call-mic-select'),
      message: $('call-message'), messageText: $('call-message-text'), messageClose: $('call-message-close'),
    };
    this.remoteVideoTrack = null;
    this.remoteState = {};
    this.peerName = '';
    this.handlers = [];
    replaceChildren(this.dom.audioButton, icon('phone'));
    replaceChildren(this.dom.videoButton, icon('video'));
    this.on(this.dom.messageClose, 'click', () => this.hideMessage());
    this.on(this.dom.devicesToggle, 'click', () => {
      const open = this.dom.devices.hidden;
      this.dom.devices.hidden = !open;
      this.dom.devicesToggle.setAttribute('aria-expanded', String(open));
    });
    this.on(this.dom.expand, 'click', () => {
      const big = !this.dom.call.classList.contains('expanded');
      this.dom.call.classList.toggle('expanded', big);
      this.dom.expand.setAttribute('aria-pressed', String(big));
      this.dom.expand.textContent = big ? 'Shrink' : 'Enlarge';
    });
  }

  /** Adds a listener that destroy() removes again. */
  on(target, type, fn) {
    target.addEventListener(type, fn);
    this.handlers.push([target, type, fn]);
  }

  destroy() {
    for (const [target, type, fn] of this.handlers) target.removeEventListener(type, fn);
    this.hideIncoming();
    this.hideCall();
    this.hideMessage();
  }

  /** The call buttons in the conversation header. */
  setCallButtons(enabled, title) {
    for (const [button, kind] of [[this.dom.audioButton, 'Audio call'], [this.dom.videoButton, 'Video call']]) {
      button.disabled = !enabled;
      button.title = title ? `${kind}: ${title}` : kind;
    }
  }

  showIncoming(from, media) {
    const { incoming, incomingAvatar, incomingName, incomingKind, acceptAudio } = this.dom;
    replaceChildren(incomingAvatar, avatar(from));
    incomingName.textContent = from.displayName || from.username;
    incomingKind.textContent = media === 'video' ? 'Incoming video call…' : 'Incoming audio call…';
    incoming.dataset.media = media;
    incoming.dataset.from = from.username;
    acceptAudio.hidden = media !== 'video';
    incoming.hidden = false;
    this.dom.accept.focus();
  }

  hideIncoming() {
    this.dom.incoming.hidden = true;
    delete this.dom.incoming.dataset.ringing;
  }

  setRinging(kind) {
    if (kind) this.dom.incoming.dataset.ringing = kind; else delete this.dom.incoming.dataset.ringing;
  }

  /** Opens the call window for a call with `peer`; `phase` as in setPhase. */
  showCall(peer, media, phase) {
    const { call, peerAvatar, peerName } = this.dom;
    this.peerName = peer.displayName || peer.username;
    replaceChildren(peerAvatar, avatar(peer, 'large'));
    peerName.textContent = this.peerName;
    call.dataset.media = media;
    call.dataset.peer = peer.username;
    this.remoteState = {};
    this.remoteVideoTrack = null;
    this.setNotice('');
    this.setPhase(phase);
    this.#renderRemote();
    call.hidden = false;
  }

  /** 'starting' | 'outgoing' | 'accepting' | 'active': which controls make sense. */
  setPhase(phase) {
    const { call, cancel, hangup, connection, timer } = this.dom;
    call.dataset.phase = phase;
    const ringing = phase === 'starting' || phase === 'outgoing';
    cancel.hidden = !ringing;
    hangup.hidden = ringing;
    connection.hidden = ringing;
    timer.hidden = phase !== 'active';
  }

  setPeer(peer) {
    this.peerName = peer.displayName || peer.username;
    this.dom.peerName.textContent = this.peerName;
    this.#renderRemote();
  }

  setStatus(text) {
    this.dom.status.textContent = text;
    this.dom.status.hidden = !text;
  }

  setTimer(seconds) {
    this.dom.timer.textContent = clock(seconds);
    this.dom.timer.dataset.seconds = String(Math.floor(seconds));
  }

  /** The connection indicator: pc.connectionState and pc.iceConnectionState, and the route. */
  setConnection(state, ice, route) {
    const { connection } = this.dom;
    connection.dataset.state = state;
    connection.dataset.ice = ice || '';
    if (route) connection.dataset.route = route; else delete connection.dataset.route;
    let text = CONNECTION_TEXT[state] || state;
    if (state === 'connecting' && ice === 'checking') text = 'Connecting (checking network paths)…';
    if (state === 'connected' && route) text += route === 'relay' ? ' · relayed' : ' · direct';
    connection.textContent = text;
  }

  setNotice(text) {
    this.dom.notice.textContent = text;
    this.dom.notice.hidden = !text;
  }

  setLocalVideo(track) {
    const { localVideo } = this.dom;
    localVideo.srcObject = track ? new MediaStream([track]) : null;
    localVideo.hidden = !track;
  }

  /** A track from the other party: audio plays in the audio element, video in the big one. */
  addRemoteTrack(track) {
    if (track.kind === 'audio') {
      this.dom.remoteAudio.srcObject = new MediaStream([track]);
      this.dom.remoteAudio.play?.().catch(() => {});
      return;
    }
    this.remoteVideoTrack = track;
    this.dom.remoteVideo.srcObject = new MediaStream([track]);
    for (const type of ['mute', 'unmute', 'ended']) track.addEventListener(type, () => this.#renderRemote());
    this.#renderRemote();
  }

  /** What the other party says about its microphone and camera ({audio, video} booleans). */
  setRemoteState(state) {
    this.remoteState = { ...this.remoteState, ...state };
    this.#renderRemote();
  }

  setMuted(muted, available) {
    const { mute } = this.dom;
    mute.setAttribute('aria-pressed', String(muted || !available));
    mute.textContent = !available ? 'Microphone off' : muted ? 'Unmute' : 'Mute';
    mute.dataset.state = !available ? 'unavailable' : muted ? 'muted' : 'live';
  }

  setCamera(on) {
    const { camera } = this.dom;
    // Pressed, like "Unmute", marks what is switched off.
    camera.setAttribute('aria-pressed', String(!on));
    camera.textContent = on ? 'Camera off' : 'Camera on';
    camera.dataset.state = on ? 'on' : 'off';
  }

  setBusy(button, busy) {
    this.dom[button].disabled = busy;
  }

  /** Fills the device chooser; `selected` is {video, audio} device ids. */
  setDevices({ cameras, microphones }, selected) {
    const fill = (select, devices, current, none) => {
      replaceChildren(select, devices.length
        ? devices.map((d) => el('option', { value: d.deviceId, selected: d.deviceId === current }, d.label))
        : el('option', { value: '' }, none));
      select.disabled = devices.length === 0;
      if (current && devices.some((d) => d.deviceId === current)) select.value = current;
    };
    fill(this.dom.cameraSelect, cameras, selected.video, 'No camera found');
    fill(this.dom.micSelect, microphones, selected.audio, 'No microphone found');
  }

  hideCall() {
    const { call, remoteVideo, localVideo, remoteAudio, devices, devicesToggle } = this.dom;
    call.hidden = true;
    call.classList.remove('expanded');
    this.dom.expand.textContent = 'Enlarge';
    this.dom.expand.setAttribute('aria-pressed', 'false');
    delete call.dataset.phase;
    remoteVideo.srcObject = null;
    localVideo.srcObject = null;
    remoteAudio.srcObject = null;
    devices.hidden = true;
    devicesToggle.setAttribute('aria-expanded', 'false');
    this.remoteVideoTrack = null;
  }

  /** The line after a call ("Bob declined."); `reason` goes in data-reason for tests. */
  showMessage(reason, text) {
    const { message, messageText } = this.dom;
    message.dataset.reason = reason;
    messageText.textContent = text;
    message.hidden = false;
    clearTimeout(this.messageTimer);
    this.messageTimer = setTimeout(() => this.hideMessage(), MESSAGE_MS);
  }

  hideMessage() {
    clearTimeout(this.messageTimer);
    this.dom.message.hidden = true;
    delete this.dom.message.dataset.reason;
  }

  #renderRemote() {
    const { remoteVideo, placeholder, remoteNote } = this.dom;
    const track = this.remoteVideoTrack;
    const showVideo = Boolean(track) && track.readyState === 'live' && !track.muted && this.remoteState.video !== false;
    remoteVideo.hidden = !showVideo;
    placeholder.hidden = showVideo;
    const notes = [];
    if (this.remoteState.video === false && this.dom.call.dataset.media === 'video') notes.push('camera off');
    if (this.remoteState.audio === false) notes.push('muted');
    remoteNote.textContent = notes.length ? `${this.peerName}: ${notes.join(', ')}` : '';
    remoteNote.hidden = notes.length === 0;
    remoteNote.dataset.audio = String(this.remoteState.audio !== false);
    remoteNote.dataset.video = String(showVideo);
  }
}
