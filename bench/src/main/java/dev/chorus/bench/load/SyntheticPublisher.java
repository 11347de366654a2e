package dev.chorus.bench.load;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.chorus.media.rtp.RtpPacketBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A camera and microphone without a camera or microphone: 100 video packets/s per simulcast layer
 * (VP8-shaped: payload descriptor with a 15-bit PictureID, a key frame's payload header and start
 * code, four packets per frame at 25 frames/s, the marker on a frame's last packet) and 50 Opus-
 * sized audio packets/s, SRTP-protected, with a sender report per SSRC every second. A PLI or FIR
 * makes the next frame a key frame. Every payload ends with a {@link Stamp}: which stream, its
 * running count and the send time, which the subscribers read back.
 */
final class SyntheticPublisher implements ReceiveLoop.Handler {
  static final int FRAME_PACKETS = 4;
  static final int VIDEO_PAYLOAD = 1200;
  static final int LOW_LAYER_PAYLOAD = 400;
  static final int AUDIO_PAYLOAD = 100;

  final int index;
  final MediaPeer peer;
  final Sdp.PublishSsrcs ssrcs;
  final int layers;
  private final int[] videoSeq;
  private final long[] videoTs;
  private final int[] pictureId;
  private final long[] videoRtpSent;
  private final long[] videoOctets;
  private int audioSeq;
  private long audioTs;
  private long audioOctets;
  private int packetInFrame;
  private long tick;
  private final boolean[] keyframeNow;
  private volatile boolean keyframeRequested = true;
  final AtomicLong[] videoCount;
  final AtomicLong audioCount = new AtomicLong();
  final AtomicLong keyframeRequests = new AtomicLong();
  final AtomicLong nacks = new AtomicLong();
  private final byte[] plain = new byte[MediaPeer.MTU];
  private final byte[] payload = new byte[VIDEO_PAYLOAD];
  private final byte[] rtcp = new byte[64];

  SyntheticPublisher(int index, MediaPeer peer, int layers, java.util.Random random) {
    this.index = index;
    this.peer = peer;
    this.layers = layers;
    var video = new long[layers];
    var rtx = new long[layers];
    for (int i = 0; i < layers; i++) {
      video[i] = random.nextInt() & 0xFFFFFFFFL;
      rtx[i] = random.nextInt() & 0xFFFFFFFFL;
    }
    this.ssrcs = new Sdp.PublishSsrcs(random.nextInt() & 0xFFFFFFFFL, video, rtx);
    this.videoSeq = new int[layers];
    this.videoTs = new long[layers];
    this.pictureId = new int[layers];
    this.videoRtpSent = new long[layers];
    this.videoOctets = new long[layers];
    this.keyframeNow = new boolean[layers];
    this.videoCount = new AtomicLong[layers];
    for (int i = 0; i < layers; i++) {
      videoSeq[i] = random.nextInt(0x10000);
      videoTs[i] = random.nextInt() & 0xFFFFFFFFL;
      pictureId[i] = random.nextInt(0x8000);
      videoCount[i] = new AtomicLong();
    }
    audioSeq = random.nextInt(0x10000);
    audioTs = random.nextInt() & 0xFFFFFFFFL;
  }

  /** One 10 ms tick: a video packet per layer, audio every other tick, SRs every second. */
  void tick() throws IOException {
    if (packetInFrame == 0) {
      boolean key = keyframeRequested;
      keyframeRequested = false;
      for (int l = 0; l < layers; l++) {
        keyframeNow[l] = key;
        pictureId[l] = (pictureId[l] + 1) & 0x7FFF;
        videoTs[l] = (videoTs[l] + 3600) & 0xFFFFFFFFL;
      }
    }
    for (int l = 0; l < layers; l++) {
      sendVideo(l);
    }
    packetInFrame = (packetInFrame + 1) % FRAME_PACKETS;
    if (tick % 2 == 0) {
      sendAudio();
    }
    if (tick % 100 == 0) {
      sendReports();
    }
    tick++;
  }

  private void sendVideo(int layer) throws IOException {
    int size = layers > 1 && layer == 0 ? LOW_LAYER_PAYLOAD : VIDEO_PAYLOAD;
    boolean first = packetInFrame == 0;
    int at = 0;
    payload[at++] = (byte) (0x80 | (first ? 0x10 : 0)); // X, S on the frame's first packet, PID 0
    payload[at++] = (byte) 0x80; // I: a PictureID follows
    payload[at++] = (byte) (0x80 | (pictureId[layer] >>> 8)); // M: 15 bits
    payload[at++] = (byte) pictureId[layer];
    if (first) {
      int tag = keyframeNow[layer] ? 0x10 : 0x11; // show_frame, P = 0 for a key frame
      payload[at++] = (byte) tag;
      payload[at++] = 0;
      payload[at++] = 0;
      if (keyframeNow[layer]) {
        payload[at++] = (byte) 0x9d; // the key frame's start code, then 640x360
        payload[at++] = 0x01;
        payload[at++] = 0x2a;
        payload[at++] = (byte) 0x80;
        payload[at++] = 0x02;
        payload[at++] = 0x68;
        payload[at++] = 0x01;
      }
    }
    for (int i = at; i < size - Stamp.LENGTH; i++) {
      payload[i] = (byte) i;
    }
    long count = videoCount[layer].getAndIncrement();
    Stamp.write(payload, size - Stamp.LENGTH, Stamp.video(index, layer), count);
    var b =
        new RtpPacketBuilder()
            .payloadType(Sdp.VP8_PT)
            .sequenceNumber(videoSeq[layer])
            .timestamp(videoTs[layer])
            .ssrc(ssrcs.video()[layer])
            .marker(packetInFrame == FRAME_PACKETS - 1)
            .extension(Sdp.MID_EXT, "1".getBytes(US_ASCII));
    if (layers > 1) {
      b.extension(Sdp.RID_EXT, Sdp.rid(layer).getBytes(US_ASCII));
    }
    int len = b.payload(payload, 0, size).writeTo(plain, 0);
    videoSeq[layer] = (videoSeq[layer] + 1) & 0xFFFF;
    videoRtpSent[layer]++;
    videoOctets[layer] += size;
    peer.sendRtp(plain, len);
  }

  private void sendAudio() throws IOException {
    for (int i = 0; i < AUDIO_PAYLOAD - Stamp.LENGTH; i++) {
      payload[i] = (byte) (0xF8 + i);
    }
    long count = audioCount.getAndIncrement();
    Stamp.write(payload, AUDIO_PAYLOAD - Stamp.LENGTH, Stamp.audio(index), count);
    int len =
        new RtpPacketBuilder()
            .payloadType(Sdp.OPUS_PT)
            .sequenceNumber(audioSeq)
            .timestamp(audioTs)
            .ssrc(ssrcs.audio())
            .marker(count == 0)
            .extension(Sdp.MID_EXT, "0".getBytes(US_ASCII))
            .payload(payload, 0, AUDIO_PAYLOAD)
            .writeTo(plain, 0);
    audioSeq = (audioSeq + 1) & 0xFFFF;
    audioTs = (audioTs + 960) & 0xFFFFFFFFL;
    audioOctets += AUDIO_PAYLOAD;
    peer.sendRtp(plain, len);
  }

  /** A sender report (RFC 3550 §6.4.1) per SSRC. */
  private void sendReports() throws IOException {
    long ntp = Rtcp.ntpNow();
    for (int l = 0; l < layers; l++) {
      int n =
          Rtcp.senderReport(
              rtcp, ssrcs.video()[l], ntp, videoTs[l], videoRtpSent[l], videoOctets[l]);
      peer.sendRtcp(rtcp, n);
    }
    int n = Rtcp.senderReport(rtcp, ssrcs.audio(), ntp, audioTs, audioCount.get(), audioOctets);
    peer.sendRtcp(rtcp, n);
  }

  /** RTCP from the server: PLI/FIR ask for a key frame, NACKs are counted (and not repaired). */
  @Override
  public void onDatagram(byte[] buf, int len, long receivedNanos) {
    switch (dev.chorus.media.rtp.DatagramDemux.classify(buf, 0, len)) {
      case STUN -> peer.consentAnswered();
      case RTCP -> {
        int n = peer.decryptRtcp(buf, len);
        if (n > 0) {
          onRtcp(ByteBuffer.wrap(buf, 0, n));
        }
      }
      default -> {
        // nothing else is expected on a send transport
      }
    }
  }

  private void onRtcp(ByteBuffer b) {
    while (b.remaining() >= 4) {
      int start = b.position();
      int first = b.get(start) & 0xFF;
      int pt = b.get(start + 1) & 0xFF;
      int words = b.getShort(start + 2) & 0xFFFF;
      int fmt = first & 0x1F;
      if (pt == 206 && (fmt == 1 || fmt == 4)) {
        keyframeRequests.incrementAndGet();
        keyframeRequested = true;
      } else if (pt == 205 && fmt == 1) {
        nacks.incrementAndGet();
      }
      int next = start + (words + 1) * 4;
      if (next > b.limit()) {
        return;
      }
      b.position(next);
    }
  }

  @Override
  public MediaPeer peer() {
    return peer;
  }
}
