// The local side of a call: opening camera and microphone with fallbacks, mute, camera on/off,
// the device chooser, and devices that disappear mid-call. Works on the controller's call object
// ({tracks, pc, …}); `isCurrent(call)` says whether that call is still the one on screen.

import { openLocalMedia, openTrack, listDevices, mediaErrorText } from './media-devices.js';

export class CallMedia {
  constructor({ view, isCurrent, announce }) {
    Object.assign(this, { view, isCurrent, announce });
    this.deviceIds = {}; // chosen camera and microphone for the rest of this session
    this.watched = new WeakSet(); // tracks whose 'ended' (device gone) is listened to
  }

  /** Opens the devices; what failed is said in the notice, and the call goes on without it. */
  async open(call, kinds) {
    const { tracks, errors } = await openLocalMedia(kinds, this.deviceIds);
    if (!this.isCurrent(call)) { Object.values(tracks).forEach((t) => t.stop()); return; }
    call.tracks = tracks;
    call.mediaErrors = errors;
    const notes = [];
    if (errors.video) notes.push(`${mediaErrorText('video', errors.video)} ${tracks.audio ? 'You are in the call with audio only.' : ''}`);
    if (errors.audio) notes.push(`${mediaErrorText('audio', errors.audio)} ${tracks.video ? 'The other person can see but not hear you.' : 'You can only watch and listen.'}`);
    this.view.setNotice(notes.join(' ').trim());
    this.render(call);
    this.refreshDevices(call);
  }

  /** Asks for a device again (e.g. the camera button when it is off or was denied). */
  async reopen(call, kind) {
    this.view.setBusy(kind === 'video' ? 'camera' : 'mute', true);
    try {
      const track = await openTrack(kind, this.deviceIds[kind]);
      if (!this.isCurrent(call)) { track.stop(); return; }
      call.tracks[kind] = track;
      // Video in an audio-only call adds a transceiver: negotiationneeded, a new offer.
      await call.pc?.setTrack(kind, track);
      this.view.setNotice('');
      this.render(call);
      this.announce(call);
      this.refreshDevices(call);
    } catch (e) {
      this.view.setNotice(mediaErrorText(kind, e));
    } finally {
      this.view.setBusy(kind === 'video' ? 'camera' : 'mute', false);
    }
  }

  async refreshDevices(call) {
    try {
      const devices = await listDevices();
      const current = {};
      for (const kind of ['audio', 'video']) {
        current[kind] = call?.tracks[kind]?.getSettings?.().deviceId || this.deviceIds[kind];
      }
      this.view.setDevices(devices, current);
    } catch (e) {
      // The chooser stays as it was.
    }
  }

  render(call) {
    const { audio, video } = call.tracks;
    for (const [kind, track] of Object.entries(call.tracks)) {
      if (track && !this.watched.has(track)) {
        this.watched.add(track);
        track.addEventListener('ended', () => this.#onTrackEnded(call, kind, track));
      }
    }
    this.view.setMuted(Boolean(audio) && !audio.enabled, Boolean(audio));
    this.view.setCamera(Boolean(video));
    this.view.setLocalVideo(video || null);
  }

  /** A device went away under a running track (unplugged, taken by the system). */
  async #onTrackEnded(call, kind, track) {
    if (!this.isCurrent(call) || call.tracks[kind] !== track) return;
    call.tracks[kind] = null;
    await call.pc?.setTrack(kind, null);
    this.view.setNotice(kind === 'video'
      ? 'The camera stopped (was it unplugged?). Turn it on again to retry.'
      : 'The microphone stopped (was it unplugged?). Press "Microphone off" to retry.');
    this.render(call);
    this.announce(call);
    this.refreshDevices(call);
  }

  toggleMute(call) {
    const track = call.tracks.audio;
    if (!track) { this.reopen(call, 'audio'); return; }
    track.enabled = !track.enabled;
    this.render(call);
    this.announce(call);
  }

  async toggleCamera(call) {
    const track = call.tracks.video;
    if (!track) { await this.reopen(call, 'video'); return; }
    call.tracks.video = null;
    track.stop(); // frees the camera (its light goes off), not just black frames
    await call.pc?.setTrack('video', null);
    this.render(call);
    this.announce(call);
  }

  /** Another camera or microphone from the chooser: replaceTrack, no renegotiation. */
  async choose(call, kind, deviceId) {
    this.deviceIds[kind] = deviceId;
    if (!call || !call.tracks[kind]) return;
    try {
      const track = await openTrack(kind, deviceId);
      if (!this.isCurrent(call)) { track.stop(); return; }
      const old = call.tracks[kind];
      if (kind === 'audio') track.enabled = old.enabled;
      call.tracks[kind] = track;
      await call.pc?.setTrack(kind, track); // replaceTrack: no renegotiation
      old.stop();
      this.render(call);
    } catch (e) {
      this.view.setNotice(mediaErrorText(kind, e));
    }
  }
}
