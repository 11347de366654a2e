package dev.chorus.media.sfu;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.rtp.rtcp.ReportBlock;
import dev.chorus.media.sfu.bwe.LayeredConsumer;
import dev.chorus.media.sfu.bwe.RateMeter;
import dev.chorus.media.sfu.stream.ExtensionRewriter;
import dev.chorus.media.sfu.stream.LayerSelector;
import dev.chorus.media.sfu.stream.PayloadTypeMap;
import dev.chorus.media.sfu.stream.RtpCodec;
import dev.chorus.media.sfu.stream.SentHistory;
import dev.chorus.media.sfu.stream.StreamRewriter;
import dev.chorus.media.sfu.stream.VideoFormat;
import dev.chorus.media.sfu.stream.Vp8PictureRewriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One outgoing copy of a {@link Producer} for one subscriber transport (mediasoup's Consumer), made
 * by {@link RouterTransport#consume}.
 *
 * <p>It has its own SSRC (and RTX SSRC), chosen by the router and announced in the subscriber's
 * SDP, and rewrites each packet so that the subscriber sees one continuous stream whatever happens
 * upstream: SSRC, payload type, sequence number and timestamp ({@link StreamRewriter}), header
 * extensions ({@link ExtensionRewriter}), VP8 picture numbering ({@link Vp8PictureRewriter}). For
 * video it forwards one layer at a time, switching on key frames ({@link LayerSelector}) to the
 * target layer that the subscriber's bandwidth allows and {@link #setPreferredLayer} caps.
 *
 * <p>Feedback from the subscriber is terminated here: PLI/FIR become a throttled key frame request
 * to the publisher, NACKs are answered from the producer's cache ({@link NackResponder}), receiver
 * reports feed the stats; it sends sender reports mapped from the publisher's (lip sync).
 *
 * <p>Threads: {@code forward} runs on the publisher transport's packet thread only; feedback
 * arrives on the subscriber transport's packet thread; the public methods may be called from any
 * thread. Close cascade: see {@link Router}; the listener hears of a consumer's close once.
 */
public final class Consumer implements LayeredConsumer {
  private final Router router;
  private final RouterTransport transport;
  private final Producer producer;
  private final String id;
  private final ConsumerOptions options;
  private final long ssrc;
  private final long rtxSsrc;
  private final PayloadTypeMap payloadTypes;
  final ExtensionRewriter extensions;
  private final StreamRewriter rewriter;
  private final Vp8PictureRewriter vp8 = new Vp8PictureRewriter();
  private final LayerSelector selector = new LayerSelector();
  final SentHistory history;
  private final SenderReportWriter reports;
  private final NackResponder nacks;
  final RateMeter rate = new RateMeter();
  final LongAdder packets = new LongAdder();
  final LongAdder bytes = new LongAdder();
  final LongAdder notSent = new LongAdder();
  final LongAdder keyframeRequestsReceived = new LongAdder();
  final LongAdder simulatedDrops = new LongAdder();
  private volatile boolean paused;
  private volatile boolean closed;
  private volatile boolean resync;
  private volatile int preferredLayer;
  private volatile int targetLayer;
  private volatile int currentLayer = -1;

  Consumer(
      Router router,
      RouterTransport transport,
      Producer producer,
      String id,
      ConsumerOptions options,
      long ssrc,
      long rtxSsrc,
      PayloadTypeMap payloadTypes,
      int initialSeq,
      long initialTimestamp,
      int initialRtxSeq) {
    this.router = router;
    this.transport = transport;
    this.producer = producer;
    this.id = id;
    this.options = options;
    this.ssrc = ssrc;
    this.rtxSsrc = rtxSsrc;
    this.payloadTypes = payloadTypes;
    byte[] mid = options.mid() == null ? null : options.mid().getBytes(StandardCharsets.UTF_8);
    this.extensions =
        new ExtensionRewriter(producer.options().extensions(), options.extensions(), mid);
    this.rewriter = new StreamRewriter(producer.clockRate(), initialSeq, initialTimestamp);
    boolean video = producer.kind() == MediaKind.VIDEO;
    this.history = video ? new SentHistory(1024) : null;
    this.reports = new SenderReportWriter(this, router.options().reportInterval().toNanos());
    this.nacks =
        new NackResponder(
            this, initialRtxSeq, transport.retransmissionBudget(), router.clock().nanos());
    this.paused = options.paused();
    int highest = producer.layers() - 1;
    this.preferredLayer =
        options.preferredLayer() < 0 ? highest : Math.min(options.preferredLayer(), highest);
    this.targetLayer = preferredLayer;
  }

  public String id() {
    return id;
  }

  public Producer producer() {
    return producer;
  }

  /** The subscriber's transport. */
  public RouterTransport transport() {
    return transport;
  }

  public MediaKind kind() {
    return producer.kind();
  }

  public ConsumerOptions options() {
    return options;
  }

  /** The SSRC the subscriber receives this stream under (announce it in the SDP). */
  public long ssrc() {
    return ssrc;
  }

  /** The RTX SSRC ({@code a=ssrc-group:FID ssrc rtxSsrc}), or 0 without RTX. */
  public long rtxSsrc() {
    return rtxSsrc;
  }

  /** The payload types the subscriber receives, in the producer's codec order. */
  public List<RtpCodec> codecs() {
    return payloadTypes.consumerCodecs();
  }

  @Override
  public boolean isPaused() {
    return paused;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** Stops forwarding (the subscriber's track goes silent; reports continue). */
  public void pause() {
    paused = true;
  }

  /** Forwards again from the next key frame, which it asks for. */
  public void resume() {
    if (!paused) {
      return;
    }
    resync = true;
    paused = false;
    if (transport.isReady()) {
      long now = router.clock().nanos();
      producer.requestKeyframe(effectiveTarget(now), now);
    }
  }

  /** Caps the simulcast layer (0 = lowest), e.g. by the size of the subscriber's video tile. */
  public void setPreferredLayer(int layer) {
    preferredLayer = Math.max(0, Math.min(layer, producer.layers() - 1));
  }

  @Override
  public int preferredLayer() {
    return preferredLayer;
  }

  /** The layer being forwarded; -1 while waiting for a key frame. */
  public int currentLayer() {
    return currentLayer;
  }

  /** The layer the subscriber's feedback allows, before the preference cap. */
  @Override
  public int targetLayer() {
    return targetLayer;
  }

  /** Closes it. Idempotent. */
  public void close() {
    router.closeConsumer(this, CloseReason.CLOSED);
  }

  public ConsumerStats stats() {
    long now = router.clock().nanos();
    return new ConsumerStats(
        id,
        producer.id(),
        kind(),
        ssrc,
        rtxSsrc,
        paused,
        packets.sum(),
        bytes.sum(),
        rate.bitsPerSecond(now),
        notSent.sum(),
        currentLayer,
        Math.min(targetLayer, preferredLayer),
        nacks.requested.sum(),
        nacks.retransmitted.sum(),
        nacks.misses.sum(),
        nacks.overBudget.sum(),
        nacks.overRepeatLimit.sum(),
        keyframeRequestsReceived.sum(),
        reports.fractionLost(),
        reports.packetsLost(),
        reports.jitter(),
        reports.rttMicros(),
        simulatedDrops.sum());
  }

  @Override
  public String toString() {
    return "Consumer[" + id + " of " + producer.id() + ", ssrc " + ssrc + "]";
  }

  Router router() {
    return router;
  }

  PayloadTypeMap payloadTypes() {
    return payloadTypes;
  }

  StreamRewriter rewriter() {
    return rewriter;
  }

  void markClosed() {
    closed = true;
  }

  @Override
  public boolean isSimulcast() {
    return producer.isSimulcast();
  }

  @Override
  public long layerBitrate(int layer, long now) {
    return producer.stream(layer).bitrate(now);
  }

  @Override
  public boolean isLayerActive(int layer, long now) {
    return producer.stream(layer).isActive(now);
  }

  @Override
  public void setTargetLayer(int layer) {
    targetLayer = Math.max(0, Math.min(layer, producer.layers() - 1));
  }

  /** The layer to aim for now: the target capped by the preference, lowered to a live layer. */
  int effectiveTarget(long now) {
    int wanted = Math.min(targetLayer, preferredLayer);
    for (int layer = wanted; layer >= 0; layer--) {
      if (producer.stream(layer).isActive(now)) {
        return layer;
      }
    }
    return wanted;
  }

  /**
   * Steps 8 to 13 of the forward path (the whole path, from the socket on, is listed on {@link
   * Producer#onRtp}): one producer packet, on the publisher's packet thread, copied into the
   * transport's scratch buffer, rewritten in place and sent. Each step is a private method (no
   * allocation, nothing the JIT does not inline); a step returning false ends the packet.
   *
   * <ol start="8">
   *   <li>{@link #selectLayer}: which simulcast layer goes through ({@link LayerSelector}), asking
   *       for a key frame of the target layer while it is not there yet;
   *   <li>{@link #rewriteHeader}: copy, then SSRC, payload type, sequence number, timestamp ({@link
   *       StreamRewriter}, {@link PayloadTypeMap});
   *   <li>header extensions ({@link ExtensionRewriter}: MID, abs-send-time, ids);
   *   <li>{@link #rewriteVp8}: VP8 picture id and TL0PICIDX ({@link Vp8PictureRewriter});
   *   <li>{@link #remember}: the history NACKs are answered from ({@link SentHistory});
   *   <li>{@link #send}: encrypt and send ({@code RtpSink}: the subscriber's transport, {@code
   *       SrtpSender}), counters, sender report when due.
   * </ol>
   */
  void forward(ProducerStream s, RtpPacket src, boolean keyframe, long now, PacketScratch scratch) {
    if (paused || closed || !transport.isReady()) {
      return;
    }
    int layer = s.layer;
    int seq = src.sequenceNumber();
    VideoFormat format = producer.format(src.payloadType());
    if (!selectLayer(layer, seq, src, keyframe, format, now, scratch)) {
      return;
    }
    int outSeq = rewriteHeader(src, seq, scratch);
    if (outSeq < 0) {
      return;
    }
    RtpPacket out = scratch.view;
    extensions.rewrite(out, router.clock().ntp(now));
    boolean vp8Rewritten = rewriteVp8(out, format, scratch);
    remember(layer, seq, outSeq, out.timestamp(), vp8Rewritten, now);
    send(s, out, outSeq, now);
  }

  /** Step 8: false if the packet's layer is not forwarded now. */
  private boolean selectLayer(
      int layer,
      int seq,
      RtpPacket src,
      boolean keyframe,
      VideoFormat format,
      long now,
      PacketScratch scratch) {
    if (producer.kind() == MediaKind.VIDEO) {
      if (resync) {
        resync = false;
        selector.reset();
        currentLayer = -1;
      }
      boolean startable = keyframe || (format == VideoFormat.OTHER && selector.current() < 0);
      int target = effectiveTarget(now);
      int decision = selector.decide(layer, startable, target);
      if (selector.current() != target) {
        producer.requestKeyframe(target, now);
      }
      if (decision == LayerSelector.DROP) {
        return false;
      }
      if (decision == LayerSelector.SWITCH) {
        rewriter.switchTo(layer, seq, src.timestamp(), now);
        if (format == VideoFormat.VP8
            && scratch.vp8.wrap(src.buffer(), src.payloadOffset(), src.payloadLength())) {
          vp8.switchTo(scratch.vp8);
        }
        currentLayer = layer;
      }
    } else if (rewriter.source() != layer) {
      rewriter.switchTo(layer, seq, src.timestamp(), now);
    }
    return true;
  }

  /**
   * Step 9: copies the packet into {@code scratch.view} with this consumer's header.
   *
   * @return the outgoing sequence number, or -1 if the packet is not sent
   */
  private int rewriteHeader(RtpPacket src, int seq, PacketScratch scratch) {
    int outSeq = rewriter.sequenceNumber(seq);
    int pt = payloadTypes.consumerPayloadType(src.payloadType());
    int len = src.length();
    if (outSeq < 0 || pt < 0 || len > PacketScratch.maxPacket()) {
      notSent.increment();
      return -1;
    }
    long outTs = rewriter.timestamp(src.timestamp());
    byte[] buf = scratch.buf;
    System.arraycopy(src.buffer(), src.offset(), buf, 0, len);
    RtpPacket out = scratch.view;
    if (!out.wrap(buf, 0, len)) {
      notSent.increment();
      return -1;
    }
    out.setSsrc(ssrc);
    out.setPayloadType(pt);
    out.setSequenceNumber(outSeq);
    out.setTimestamp(outTs);
    return outSeq;
  }

  /** Step 11: true if the VP8 descriptor was rewritten (its deltas then go into the history). */
  private boolean rewriteVp8(RtpPacket out, VideoFormat format, PacketScratch scratch) {
    if (format == VideoFormat.VP8
        && scratch.vp8.wrap(out.buffer(), out.payloadOffset(), out.payloadLength())) {
      vp8.rewrite(scratch.vp8);
      return true;
    }
    return false;
  }

  /** Step 12: the history (video) and the rewriter learn what went out. */
  private void remember(
      int layer, int sourceSeq, int outSeq, long outTs, boolean vp8Rewritten, long now) {
    if (history != null) {
      history.record(
          outSeq,
          layer,
          sourceSeq,
          outTs,
          vp8Rewritten ? vp8.pictureIdDelta() : 0,
          vp8Rewritten ? vp8.tl0Delta() : 0);
    }
    rewriter.sent(outSeq, outTs, now);
  }

  /** Step 13: encrypt and send (the sink encrypts in place), count, sender report when due. */
  private void send(ProducerStream s, RtpPacket out, int outSeq, long now) {
    int outLen = out.length();
    int payloadLen = out.payloadLength();
    // A simulated drop counts as sent, as a packet lost on the network would.
    boolean dropped = history != null && transport.simulatedLoss().drops(ssrc, outSeq);
    if (dropped) {
      simulatedDrops.increment();
    }
    if (dropped || transport.sendRtp(out.buffer(), 0, outLen)) {
      packets.increment();
      bytes.add(outLen);
      rate.add(now, outLen);
      reports.sent(payloadLen);
    } else {
      notSent.increment();
    }
    reports.maybeSend(s, now);
  }

  /** A PLI or FIR entry from the subscriber about this consumer. */
  void onKeyframeRequest(long now) {
    keyframeRequestsReceived.increment();
    if (producer.kind() != MediaKind.VIDEO || paused) {
      return;
    }
    int current = currentLayer;
    producer.requestKeyframe(current >= 0 ? current : effectiveTarget(now), now);
  }

  void onNack(GenericNack nack, long now, PacketScratch scratch) {
    nacks.onNack(nack, now, scratch);
  }

  void onReceiverReport(ReportBlock block, long now) {
    reports.onReceiverReport(block, now);
  }
}
