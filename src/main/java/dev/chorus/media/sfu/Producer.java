package dev.chorus.media.sfu;

import dev.chorus.media.rtp.HeaderExtensionCursor;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.sfu.stream.NackRequester;
import dev.chorus.media.sfu.stream.RetransmissionCache;
import dev.chorus.media.sfu.stream.RtpCodec;
import dev.chorus.media.sfu.stream.RtxPacket;
import dev.chorus.media.sfu.stream.VideoFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One incoming track of a publisher (mediasoup's Producer): made by {@link RouterTransport#produce}
 * on the publisher's send transport, copied to subscribers by {@link Consumer}s.
 *
 * <p>Its packets arrive on the publisher transport's packet thread. Each is decrypted once (by the
 * transport), counted, unwrapped if it is an RTX retransmission the router asked for, kept in the
 * retransmission cache (video), looked at for a key frame (VP8, H.264) and audio level (RFC 6464),
 * and handed to every consumer, which copies and rewrites it for its subscriber. The consumer list
 * is a copy-on-write array, so forwarding takes no lock.
 *
 * <p>Close cascade: {@link #close()} (or its transport or router closing) closes every consumer of
 * it first, each reported once to the {@link RouterListener} with {@link
 * CloseReason#PRODUCER_CLOSED}, then the producer itself; its SSRCs are forgotten by its transport,
 * and it leaves the active speaker detection.
 */
public final class Producer {
  private static final Consumer[] NO_CONSUMERS = new Consumer[0];

  private final Router router;
  private final RouterTransport transport;
  private final String id;
  private final ProducerOptions options;
  private final ProducerStream[] streams;
  private final RtpCodec[] codecByPayloadType = new RtpCodec[128];
  private final VideoFormat[] formatByPayloadType = new VideoFormat[128];
  private final int[] mediaPayloadTypeByRtx = new int[128];
  final byte[] midBytes;
  final LongAdder keyframeRequestsSent = new LongAdder();
  final LongAdder keyframeRequestsThrottled = new LongAdder();
  final LongAdder nacksSent = new LongAdder();
  final LongAdder unknownPayloadType = new LongAdder();
  private volatile Consumer[] consumers = NO_CONSUMERS;
  private volatile boolean closed;

  Producer(Router router, RouterTransport transport, String id, ProducerOptions options) {
    this.router = router;
    this.transport = transport;
    this.id = id;
    this.options = options;
    this.midBytes = options.mid() == null ? null : options.mid().getBytes(StandardCharsets.UTF_8);
    Arrays.fill(mediaPayloadTypeByRtx, -1);
    for (RtpCodec codec : options.codecs()) {
      codecByPayloadType[codec.payloadType()] = codec;
      formatByPayloadType[codec.payloadType()] = codec.format();
      if (codec.hasRtx()) {
        mediaPayloadTypeByRtx[codec.rtxPayloadType()] = codec.payloadType();
      }
    }
    var routerOptions = router.options();
    int clockRate = options.codecs().get(0).clockRate();
    boolean video = options.kind() == MediaKind.VIDEO;
    streams = new ProducerStream[options.encodings().size()];
    for (int i = 0; i < streams.length; i++) {
      var cache =
          video
              ? new RetransmissionCache(
                  routerOptions.retransmissionSlots(),
                  routerOptions.retransmissionMaxAge().toNanos())
              : null;
      streams[i] =
          new ProducerStream(
              this,
              i,
              options.encodings().get(i),
              clockRate,
              cache,
              routerOptions.keyframeRequestInterval().toNanos());
    }
  }

  public String id() {
    return id;
  }

  public MediaKind kind() {
    return options.kind();
  }

  public ProducerOptions options() {
    return options;
  }

  /** The publisher's transport. */
  public RouterTransport transport() {
    return transport;
  }

  /** Number of encodings: 1, or the simulcast layers. */
  public int layers() {
    return streams.length;
  }

  public boolean isSimulcast() {
    return streams.length > 1;
  }

  public boolean isClosed() {
    return closed;
  }

  /** The consumers of this producer now open. */
  public List<Consumer> consumers() {
    return List.of(consumers);
  }

  /** Closes it and its consumers (see the class comment). Idempotent. */
  public void close() {
    router.closeProducer(this, CloseReason.CLOSED);
  }

  public ProducerStats stats() {
    long now = router.clock().nanos();
    var layers = new ArrayList<ProducerStats.Layer>(streams.length);
    for (ProducerStream s : streams) {
      layers.add(
          new ProducerStats.Layer(
              s.layer,
              s.rid,
              s.ssrc(),
              s.rtxSsrc(),
              s.packets.sum(),
              s.bytes.sum(),
              s.bitrate(now),
              s.statistics.cumulativeLost(),
              s.statistics.fractionLost(),
              s.statistics.jitter(),
              s.keyframes.sum(),
              s.retransmissionsReceived.sum(),
              s.isActive(now)));
    }
    return new ProducerStats(
        id,
        kind(),
        consumers.length,
        keyframeRequestsSent.sum(),
        keyframeRequestsThrottled.sum(),
        nacksSent.sum(),
        unknownPayloadType.sum(),
        layers);
  }

  @Override
  public String toString() {
    return "Producer[" + id + ", " + kind() + ", " + streams.length + " layer(s)]";
  }

  ProducerStream stream(int layer) {
    return streams[layer];
  }

  ProducerStream[] streams() {
    return streams;
  }

  /** The payload format of a payload type of this producer, or null if not negotiated. */
  VideoFormat format(int payloadType) {
    return formatByPayloadType[payloadType & 0x7F];
  }

  boolean isRtxPayloadType(int payloadType) {
    return mediaPayloadTypeByRtx[payloadType & 0x7F] >= 0;
  }

  /** The clock rate of the first codec, which all of a track's codecs share in practice. */
  int clockRate() {
    return options.codecs().get(0).clockRate();
  }

  void addConsumer(Consumer consumer) {
    consumers = CopyOnWriteArrays.append(consumers, consumer);
  }

  void removeConsumer(Consumer consumer) {
    consumers = CopyOnWriteArrays.remove(consumers, consumer);
  }

  /** Called by the router, under its lock, once the consumers are closed. */
  void markClosed() {
    closed = true;
    consumers = NO_CONSUMERS;
  }

  /**
   * Asks the publisher for a key frame of one layer (PLI), at most once per throttle interval.
   *
   * @return true if a PLI went out
   */
  boolean requestKeyframe(int layer, long now) {
    if (closed || options.kind() != MediaKind.VIDEO || layer < 0 || layer >= streams.length) {
      return false;
    }
    ProducerStream s = streams[layer];
    long ssrc = s.ssrc();
    if (ssrc == 0) {
      return false;
    }
    if (!s.keyframeRequests.admit(now)) {
      keyframeRequestsThrottled.increment();
      return false;
    }
    keyframeRequestsSent.increment();
    return transport.sendRtcp(List.of(new PictureLossIndication(transport.rtcpSsrc(), ssrc)));
  }

  /**
   * The forward path, declared here in order: one packet from the publisher, on its transport's
   * packet thread, to every subscriber. Each step is a private method or a plain call (no
   * allocation, no lock, nothing the JIT does not inline; see docs/media.md, "Packet paths").
   *
   * <p>Before it, the receive path of the publisher's transport ({@link
   * dev.chorus.media.sfu.transport.ReceivePath}: demultiplex, DTLS or SRTP decrypt, deliver to the
   * {@link dev.chorus.media.sfu.transport.MediaListener}) and {@link RouterTransport#receiveRtp}
   * (transport-cc record, SSRC to stream, by MID/RID if new).
   *
   * <ol>
   *   <li>{@link #unwrapRtx}: an RTX retransmission the router asked for becomes the original
   *       packet (RFC 4588);
   *   <li>payload format of the payload type (unknown ones end here);
   *   <li>statistics ({@link ProducerStream#onPacket}: RFC 3550 receive statistics, bitrate);
   *   <li>{@link #requestMissing}: uplink NACK for the gaps (video);
   *   <li>{@link #detectKeyframe} (video);
   *   <li>{@link #cache}: the retransmission cache subscribers' NACKs are answered from (video);
   *   <li>{@link #audioLevel}: RFC 6464 level to the active speaker detection (audio);
   *   <li>fan-out: {@link Consumer#forward} for each consumer, which continues with step 8 layer
   *       select, 9 header rewrite, 10 header extensions, 11 VP8 picture numbering, 12 history, 13
   *       encrypt and send.
   * </ol>
   */
  void onRtp(ProducerStream s, boolean rtx, RtpPacket p, long now, PacketScratch scratch) {
    if (closed) {
      return;
    }
    if (rtx && !unwrapRtx(s, p)) {
      return;
    }
    VideoFormat format = formatByPayloadType[p.payloadType()];
    if (format == null) {
      unknownPayloadType.increment();
      return;
    }
    int seq = p.sequenceNumber();
    int step = s.onPacket(seq, p.timestamp(), p.length(), now);
    boolean keyframe = false;
    if (options.kind() == MediaKind.VIDEO) {
      requestMissing(s, seq, step, now, scratch);
      keyframe = detectKeyframe(s, p, format, scratch);
      cache(s, p, seq, now);
    } else {
      audioLevel(p, now);
    }
    for (Consumer c : consumers) {
      c.forward(s, p, keyframe, now, scratch);
    }
  }

  private static boolean detectKeyframe(
      ProducerStream s, RtpPacket p, VideoFormat format, PacketScratch scratch) {
    boolean keyframe =
        format.isKeyframe(p.buffer(), p.payloadOffset(), p.payloadLength(), scratch.vp8);
    if (keyframe && p.timestamp() != s.lastKeyframeTimestamp) {
      s.keyframes.increment();
      s.lastKeyframeTimestamp = p.timestamp();
    }
    return keyframe;
  }

  private static void cache(ProducerStream s, RtpPacket p, int seq, long now) {
    if (s.cache != null) {
      s.cache.store(seq, p.buffer(), p.offset(), p.length(), now);
    }
  }

  private boolean unwrapRtx(ProducerStream s, RtpPacket p) {
    int mediaPt = mediaPayloadTypeByRtx[p.payloadType()];
    long ssrc = s.ssrc();
    if (mediaPt < 0 || ssrc == 0) {
      unknownPayloadType.increment();
      return false;
    }
    int len = RtxPacket.decapsulate(p, ssrc, mediaPt);
    if (len < 0) {
      s.paddingOnly.increment();
      return false;
    }
    if (!p.wrap(p.buffer(), p.offset(), len)) {
      return false;
    }
    s.retransmissionsReceived.increment();
    return true;
  }

  private void requestMissing(
      ProducerStream s, int seq, int step, long now, PacketScratch scratch) {
    NackRequester nacks = s.nacks;
    if (nacks == null) {
      return;
    }
    nacks.onPacket(seq, step, now);
    if (nacks.missing() == 0) {
      return;
    }
    int n = nacks.due(now, scratch.sequenceNumbers);
    if (n > 0) {
      nacksSent.add(n);
      transport.sendRtcp(
          List.of(
              GenericNack.fromLost(
                  transport.rtcpSsrc(), s.ssrc(), Arrays.copyOf(scratch.sequenceNumbers, n))));
    }
  }

  private void audioLevel(RtpPacket p, long now) {
    int extId = options.extensions().audioLevel();
    if (extId == 0 || !p.hasExtension()) {
      return;
    }
    HeaderExtensionCursor c = p.extensions();
    if (c.find(extId) && c.dataLength() >= 1) {
      router.activeSpeaker().onAudioLevel(this, c.dataU8(0) & 0x7F, now);
    }
  }
}
