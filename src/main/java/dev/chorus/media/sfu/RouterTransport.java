package dev.chorus.media.sfu;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.rtcp.FullIntraRequest;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.rtp.rtcp.ReceiverReport;
import dev.chorus.media.rtp.rtcp.Remb;
import dev.chorus.media.rtp.rtcp.ReportBlock;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.rtp.rtcp.SenderReport;
import dev.chorus.media.sfu.bwe.LayerAllocator;
import dev.chorus.media.sfu.transport.MediaListener;
import dev.chorus.media.sfu.transport.RetransmissionBudget;
import dev.chorus.media.sfu.transport.RtcpSink;
import dev.chorus.media.sfu.transport.RtpSink;
import dev.chorus.media.sfu.transport.SimulatedLoss;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A transport as its {@link Router} sees it (mediasoup's Transport): the producers a browser
 * publishes on it and the consumers it receives on it, and the demultiplexing between them. Usually
 * made by {@link Router#attach} over a {@link WebRtcTransport}, whose {@link MediaListener} it
 * becomes; {@link Router#addTransport} makes one over any {@link RtpSink} and {@link RtcpSink}
 * (tests, benchmarks).
 *
 * <p>Incoming RTP is matched to a producer stream by SSRC (an immutable table, lock-free); an
 * unknown SSRC is learned from the MID and RID header extensions when it matches a producer's MID
 * and encoding (RFC 8852, RFC 8853). Incoming RTCP is feedback about consumers (PLI, FIR, NACK, RR,
 * REMB) or sender reports about producers; anything else is dropped.
 *
 * <p>Threads: packets arrive on the transport's packet thread (its packet path: one thread at a
 * time, see {@link MediaListener}), one at a time; they use this transport's {@link PacketScratch},
 * which nothing else touches. The public methods may be called from any thread.
 *
 * <p>Close cascade: closing it (or its WebRtcTransport ending, or the router closing) closes its
 * consumers, then its producers (and their consumers on other transports), each reported once, then
 * the transport itself is reported and, if it was attached, its WebRtcTransport is closed.
 */
public final class RouterTransport implements MediaListener {
  private static final Producer[] NO_PRODUCERS = new Producer[0];
  private static final Consumer[] NO_CONSUMERS = new Consumer[0];

  /** An SSRC this transport receives, and whose stream it is. */
  record Incoming(long ssrc, ProducerStream stream, boolean rtx) {}

  private static final Incoming[] NO_INCOMING = new Incoming[0];

  private final Router router;
  private final String id;
  private final RtpSink rtpSink;
  private final RtcpSink rtcpSink;
  private final Runnable onClose;
  private final SimulatedLoss simulatedLoss;
  private final RetransmissionBudget retransmissionBudget;
  private final long rtcpSsrc;
  private final PacketScratch scratch = new PacketScratch();
  private final PublisherFeedback feedback;
  private final LayerAllocator allocator = new LayerAllocator();
  private final SsrcLearner learner = new SsrcLearner();
  final LongAdder unknownSsrc = new LongAdder();
  private volatile Incoming[] incoming = NO_INCOMING;
  private volatile Producer[] producers = NO_PRODUCERS;
  private volatile Consumer[] consumers = NO_CONSUMERS;
  private volatile boolean closed;
  private volatile int transportCcId;

  RouterTransport(
      Router router,
      String id,
      RtpSink rtpSink,
      RtcpSink rtcpSink,
      Runnable onClose,
      long ssrc,
      SimulatedLoss simulatedLoss,
      RetransmissionBudget retransmissionBudget) {
    this.router = router;
    this.simulatedLoss = simulatedLoss;
    this.retransmissionBudget = retransmissionBudget;
    this.id = id;
    this.rtpSink = rtpSink;
    this.rtcpSink = rtcpSink;
    this.onClose = onClose;
    this.rtcpSsrc = ssrc;
    this.feedback = new PublisherFeedback(this, router.options());
  }

  public String id() {
    return id;
  }

  public Router router() {
    return router;
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Adds a track the browser publishes on this transport. Its SSRCs are matched from now on;
   * consumers of other transports can be made with {@link #consume}.
   *
   * @throws IllegalArgumentException if an announced SSRC is already taken on this transport
   * @throws IllegalStateException if the transport or router is closed
   */
  public Producer produce(ProducerOptions options) {
    return router.produce(this, options);
  }

  /**
   * Adds a copy of {@code producer} (of any transport of this router) for the browser receiving on
   * this transport. Unless {@link ConsumerOptions#paused()}, a key frame is requested at once.
   *
   * @throws IllegalArgumentException if the producer belongs to another router
   * @throws IllegalStateException if the producer, transport or router is closed
   */
  public Consumer consume(Producer producer, ConsumerOptions options) {
    return router.consume(this, producer, options);
  }

  public List<Producer> producers() {
    return List.of(producers);
  }

  public List<Consumer> consumers() {
    return List.of(consumers);
  }

  /** The SSRC this transport's RTCP feedback and reports go out with. */
  public long rtcpSsrc() {
    return rtcpSsrc;
  }

  /** The last REMB the subscriber sent on this transport, bits/s, or -1. */
  public long downlinkEstimate() {
    return allocator.estimate();
  }

  /** The last REMB sent to the publisher on this transport, bits/s, or -1. */
  public long uplinkEstimate() {
    return feedback.lastRemb();
  }

  /** Closes it and everything on it (see the class comment). Idempotent. */
  public void close() {
    router.closeTransport(this, CloseReason.CLOSED);
  }

  @Override
  public String toString() {
    return "RouterTransport[" + id + "]";
  }

  @Override
  public void onRtp(WebRtcTransport from, RtpPacket packet) {
    receiveRtp(packet);
  }

  @Override
  public void onRtcp(WebRtcTransport from, List<RtcpPacket> packets) {
    receiveRtcp(packets);
  }

  @Override
  public void onTransportEnded(WebRtcTransport from, TransportState state) {
    router.closeTransport(this, CloseReason.TRANSPORT_CLOSED);
  }

  /** One decrypted RTP packet from the peer; on the packet thread. */
  void receiveRtp(RtpPacket packet) {
    if (closed) {
      return;
    }
    long now = router.clock().nanos();
    // Every packet the browser sent counts for its congestion control, also those dropped below.
    feedback.onPacket(packet, transportCcId, now);
    Incoming in = find(packet.ssrc());
    if (in == null) {
      in = learner.learn(this, packet, now);
    }
    if (in == null) {
      unknownSsrc.increment();
    } else {
      in.stream().producer.onRtp(in.stream(), in.rtx(), packet, now, scratch);
    }
    feedback.maybeSend(now, producers);
  }

  /** One decrypted compound RTCP packet from the peer; on the packet thread. */
  void receiveRtcp(List<RtcpPacket> packets) {
    if (closed) {
      return;
    }
    long now = router.clock().nanos();
    for (RtcpPacket packet : packets) {
      if (packet instanceof SenderReport sr) {
        Incoming in = find(sr.ssrc());
        if (in != null && !in.rtx()) {
          in.stream().onSenderReport(sr, now);
        }
        reportBlocks(sr.reportBlocks(), now);
      } else if (packet instanceof ReceiverReport rr) {
        reportBlocks(rr.reportBlocks(), now);
      } else if (packet instanceof PictureLossIndication pli) {
        Consumer c = consumerBySsrc(pli.mediaSsrc());
        if (c != null) {
          c.onKeyframeRequest(now);
        }
      } else if (packet instanceof FullIntraRequest fir) {
        for (FullIntraRequest.Entry entry : fir.entries()) {
          Consumer c = consumerBySsrc(entry.ssrc());
          if (c != null) {
            c.onKeyframeRequest(now);
          }
        }
      } else if (packet instanceof GenericNack nack) {
        Consumer c = consumerBySsrc(nack.mediaSsrc());
        if (c != null) {
          c.onNack(nack, now, scratch);
        }
      } else if (packet instanceof Remb remb) {
        allocator.onEstimate(remb.bitrate(), consumers, now);
      }
    }
  }

  private void reportBlocks(List<ReportBlock> blocks, long now) {
    for (ReportBlock block : blocks) {
      Consumer c = consumerBySsrc(block.ssrc());
      if (c != null) {
        c.onReceiverReport(block, now);
      }
    }
  }

  /** Whether RTP can go out to the peer now. */
  boolean isReady() {
    return !closed && rtpSink.isReady();
  }

  boolean sendRtp(byte[] buf, int off, int len) {
    return !closed && rtpSink.sendRtp(buf, off, len);
  }

  /** The engine's loss knob (a transport of its own when not attached to a WebRtcTransport). */
  SimulatedLoss simulatedLoss() {
    return simulatedLoss;
  }

  /** What each consumer on this transport may spend on retransmissions (the engine's setting). */
  RetransmissionBudget retransmissionBudget() {
    return retransmissionBudget;
  }

  boolean sendRtcp(List<? extends RtcpPacket> packets) {
    return !closed && rtcpSink.sendRtcp(packets);
  }

  Incoming find(long ssrc) {
    for (Incoming in : incoming) {
      if (in.ssrc() == ssrc) {
        return in;
      }
    }
    return null;
  }

  Consumer consumerBySsrc(long ssrc) {
    for (Consumer c : consumers) {
      if (c.ssrc() == ssrc) {
        return c;
      }
    }
    return null;
  }

  /** Whether {@code ssrc} is in use on this transport, in either direction. */
  boolean usesSsrc(long ssrc) {
    if (ssrc == rtcpSsrc || find(ssrc) != null) {
      return true;
    }
    for (Consumer c : consumers) {
      if (c.ssrc() == ssrc || c.rtxSsrc() == ssrc) {
        return true;
      }
    }
    for (Producer p : producers) {
      for (ProducerStream s : p.streams()) {
        if (s.ssrc() == ssrc || s.rtxSsrc() == ssrc) {
          return true;
        }
      }
    }
    return false;
  }

  // Structure changes below: called by the router with its lock held.

  Producer[] producerArray() {
    return producers;
  }

  Consumer[] consumerArray() {
    return consumers;
  }

  void addIncoming(long ssrc, ProducerStream stream, boolean rtx) {
    Incoming[] current = incoming;
    Incoming[] next = Arrays.copyOf(current, current.length + 1);
    next[current.length] = new Incoming(ssrc, stream, rtx);
    incoming = next;
  }

  void removeIncoming(Producer producer) {
    incoming =
        Arrays.stream(incoming)
            .filter(in -> in.stream().producer != producer)
            .toArray(Incoming[]::new);
  }

  void addProducer(Producer producer) {
    int id = producer.options().extensions().transportCc();
    if (id != 0) {
      transportCcId = id; // one id per BUNDLE transport
    }
    producers = CopyOnWriteArrays.append(producers, producer);
  }

  void removeProducer(Producer producer) {
    producers = CopyOnWriteArrays.remove(producers, producer);
  }

  void addConsumer(Consumer consumer) {
    consumers = CopyOnWriteArrays.append(consumers, consumer);
  }

  void removeConsumer(Consumer consumer) {
    consumers = CopyOnWriteArrays.remove(consumers, consumer);
  }

  /** Tells the sink that the closed {@code consumer}'s SSRCs carry nothing more (no lock held). */
  void retireSsrcs(Consumer consumer) {
    rtpSink.retire(consumer.ssrc());
    if (consumer.rtxSsrc() != 0) {
      rtpSink.retire(consumer.rtxSsrc());
    }
  }

  /** Marks it closed; returns the hook that closes the underlying transport, if any. */
  Runnable markClosed() {
    closed = true;
    incoming = NO_INCOMING;
    return onClose;
  }
}
