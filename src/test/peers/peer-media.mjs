// What the test peers share (room-peer.mjs, whip-peer.mjs, whep-peer.mjs): werift's configuration
// for what Chorus answers with, the media pump that sends a looped VP8 file and Opus silence, and
// the counters of what arrives (RTP packets, rebuilt VP8 frames, key frames with their size).

import {
  RTCRtpCodecParameters, RtpHeader, RtpPacket, useNACK, usePLI, useREMB, useSdesMid,
} from 'werift';
import { Vp8Reassembler, frameHeader, packetize } from './vp8.mjs';

const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]); // RFC 6716: one 20 ms CELT frame of silence
const KEY_FRAME_WAIT_MS = 2000; // ask for a key frame (PLI) when none came for this long

export const emit = (event, fields = {}) => process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);

// What the server answers with (docs/media.md): Opus 111, VP8 96 with NACK and PLI.
export const PC_CONFIG = {
  bundlePolicy: 'max-bundle',
  iceServers: [], // werift's default is a public STUN server: the SFU's candidates are enough
  iceUseIpv6: false,
  codecs: {
    audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
    video: [new RTCRtpCodecParameters({
      mimeType: 'video/VP8', clockRate: 90000, rtcpFeedback: [useNACK(), usePLI(), useREMB()],
    })],
  },
  headerExtensions: { audio: [useSdesMid()], video: [useSdesMid()] },
};

/** The selected pair of a peer connection: where its media goes. */
export function selectedPair(pc) {
  const pair = pc.iceTransports[0]?.connection.nominated;
  if (!pair) return null;
  return {
    protocol: pair.remoteCandidate.transport.toLowerCase(),
    remoteAddress: pair.remoteCandidate.host,
    remotePort: pair.remoteCandidate.port,
  };
}

/**
 * Sends the file's frames at its frame rate (looped; every loop starts with a key frame, so a
 * PLI restarts the loop) and a 20 ms Opus silence frame per 20 ms, timed from the clock.
 */
export class MediaPump {
  sent = { videoPackets: 0, videoFrames: 0, keyFrames: 0, audioPackets: 0, plis: 0 };
  #frame = 0;
  #pictureId = 0;
  #videoSeq = 0;
  #audioSeq = 0;
  #videoTimestamp = 0;
  #audioTimestamp = 0;
  #timer;

  constructor(audio, video, videoSender, ivf) {
    this.audio = audio;
    this.video = video;
    this.ivf = ivf;
    videoSender.onPictureLossIndication.subscribe(() => {
      this.sent.plis++;
      this.#frame = 0;
    });
    const started = Date.now();
    let audioDue = 0;
    let videoDue = 0;
    this.#timer = setInterval(() => {
      const elapsed = Date.now() - started;
      for (; audioDue <= elapsed; audioDue += 20) this.#sendAudio();
      for (; videoDue <= elapsed; videoDue += 1000 / ivf.fps) this.#sendVideo();
    }, 10);
  }

  #sendAudio() {
    const header = new RtpHeader({
      payloadType: 111, sequenceNumber: this.#audioSeq, timestamp: this.#audioTimestamp, marker: false,
    });
    this.audio.writeRtp(new RtpPacket(header, OPUS_SILENCE));
    this.#audioSeq = (this.#audioSeq + 1) & 0xffff;
    this.#audioTimestamp = (this.#audioTimestamp + 960) >>> 0;
    this.sent.audioPackets++;
  }

  #sendVideo() {
    const frame = this.ivf.frames[this.#frame];
    this.#frame = (this.#frame + 1) % this.ivf.frames.length;
    const payloads = packetize(frame, this.#pictureId);
    this.#pictureId = (this.#pictureId + 1) & 0x7fff;
    payloads.forEach((payload, i) => {
      const header = new RtpHeader({
        payloadType: 96, sequenceNumber: this.#videoSeq, timestamp: this.#videoTimestamp,
        marker: i === payloads.length - 1,
      });
      this.video.writeRtp(new RtpPacket(header, payload));
      this.#videoSeq = (this.#videoSeq + 1) & 0xffff;
      this.sent.videoPackets++;
    });
    this.#videoTimestamp = (this.#videoTimestamp + Math.round(90000 / this.ivf.fps)) >>> 0;
    this.sent.videoFrames++;
    if (frameHeader(frame)?.key) this.sent.keyFrames++;
  }

  stop() {
    clearInterval(this.#timer);
  }
}

/**
 * Counts what arrives on a peer connection per SSRC: packets, and for video the VP8 frames
 * rebuilt from them (key frames with their size). Asks for a key frame (PLI) while none came.
 * Returns a function that lists the counters.
 */
export function countReceived(pc) {
  const streams = new Map(); // ssrc → counters
  pc.onTransceiverAdded.subscribe((transceiver) => transceiver.onTrack.subscribe((track) => {
    track.onReceiveRtp.subscribe((rtp) => {
      const ssrc = rtp.header.ssrc;
      let s = streams.get(ssrc);
      if (!s) {
        s = { ssrc, kind: track.kind, packets: 0, frames: 0, keyFrames: 0, width: 0, height: 0, plis: 0,
          lastKeyAt: Date.now(), vp8: new Vp8Reassembler() };
        streams.set(ssrc, s);
      }
      s.packets++;
      if (track.kind !== 'video') return;
      const frame = s.vp8.push(rtp.header, rtp.payload);
      if (frame) {
        s.frames++;
        if (frame.key) Object.assign(s, { keyFrames: s.keyFrames + 1, width: frame.width, height: frame.height, lastKeyAt: Date.now() });
      }
      if (s.keyFrames === 0 && Date.now() - s.lastKeyAt > KEY_FRAME_WAIT_MS) {
        s.lastKeyAt = Date.now();
        s.plis++;
        transceiver.receiver.sendRtcpPLI(ssrc).catch(() => {});
      }
    });
  }));
  return () => [...streams.values()].map(({ vp8, lastKeyAt, ...s }) => s);
}
