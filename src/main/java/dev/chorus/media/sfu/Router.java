package dev.chorus.media.sfu;

import dev.chorus.media.ice.SerialExecutor;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.sfu.stream.NtpClock;
import dev.chorus.media.sfu.stream.PayloadTypeMap;
import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.media.sfu.transport.MediaListener;
import dev.chorus.media.sfu.transport.RetransmissionBudget;
import dev.chorus.media.sfu.transport.RtcpSink;
import dev.chorus.media.sfu.transport.RtpSink;
import dev.chorus.media.sfu.transport.SimulatedLoss;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The SFU of one room (mediasoup's Router): the {@link RouterTransport}s of its participants, the
 * {@link Producer}s they publish and the {@link Consumer}s that copy each producer to each
 * subscriber, plus the room's {@link ActiveSpeakerDetector}.
 *
 * <p>Use (the signaling layer): {@link #attach} each participant's send and receive {@link
 * WebRtcTransport}; {@link RouterTransport#produce} per published track; {@link
 * RouterTransport#consume} per (producer, other participant); close what goes away. Everything is
 * reported to the {@link RouterListener}, in order, on the given executor.
 *
 * <p>Close cascade (also in docs/media.md), each object reported exactly once, dependants first:
 *
 * <ul>
 *   <li>closing a consumer closes only it;
 *   <li>closing a producer closes its consumers ({@link CloseReason#PRODUCER_CLOSED}), then it;
 *   <li>closing a transport — by {@link RouterTransport#close()} or because its WebRtcTransport
 *       ended (browser gone, ICE or DTLS failure) — closes the consumers on it and the producers on
 *       it with {@link CloseReason#TRANSPORT_CLOSED} (and so their consumers elsewhere), then it,
 *       then its WebRtcTransport;
 *   <li>closing the router closes every transport as above ({@link CloseReason#ROUTER_CLOSED}) and
 *       refuses new ones.
 * </ul>
 *
 * Afterwards nothing refers to the closed objects: the counts go back to zero.
 *
 * <p>Threads and locks: structure changes (add, close) take this router's lock and publish
 * copy-on-write arrays; the packet paths read those arrays and take no lock of the router (the
 * per-slot monitors of the retransmission cache and the active speaker detector's monitor are per
 * router too). Nothing is shared between routers but the {@link MediaEngine}'s transports.
 */
public final class Router implements AutoCloseable {
  private final String id;
  private final RouterOptions options;
  private final RouterListener listener;
  private final SerialExecutor events;
  private final NtpClock clock;
  private final SsrcAllocator ids;
  private final ActiveSpeakerDetector<Producer> activeSpeaker;
  private final Object lock = new Object();
  private final Map<String, RouterTransport> transports = new LinkedHashMap<>();
  private final Map<String, Producer> producers = new LinkedHashMap<>();
  private final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private boolean closed;

  /**
   * @param id a name for logs and stats, e.g. the room id
   * @param notifications runs the listener's calls (one at a time, in order)
   */
  public Router(String id, RouterOptions options, Executor notifications, RouterListener listener) {
    this(id, options, notifications, listener, NtpClock.system(), new SecureRandom());
  }

  Router(
      String id,
      RouterOptions options,
      Executor notifications,
      RouterListener listener,
      NtpClock clock,
      Random random) {
    this.id = Objects.requireNonNull(id, "id");
    this.options = Objects.requireNonNull(options, "options");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.events = new SerialExecutor(notifications);
    this.clock = clock;
    this.ids = new SsrcAllocator(random);
    this.activeSpeaker =
        new ActiveSpeakerDetector<>(
            speaker -> events.execute(() -> this.listener.dominantSpeakerChanged(speaker)));
  }

  public String id() {
    return id;
  }

  public RouterOptions options() {
    return options;
  }

  /**
   * Joins a browser's transport to this router: the router becomes its {@link MediaListener}, and
   * its end closes the router transport (and the reverse).
   */
  public RouterTransport attach(WebRtcTransport transport) {
    RouterTransport attached =
        addTransport(
            transport.id(),
            transport.rtpSink(),
            transport::sendRtcp,
            transport::close,
            transport.simulatedLoss(),
            transport.retransmissionBudget());
    transport.setMediaListener(attached);
    if (transport.state().isTerminal()) {
      // Ended before the listener was in place, so it missed the news.
      closeTransport(attached, CloseReason.TRANSPORT_CLOSED);
    }
    return attached;
  }

  /**
   * A transport over any sinks; its packets are fed in by whoever owns it.
   *
   * @throws IllegalArgumentException if the id is taken
   * @throws IllegalStateException if the router is closed
   */
  public RouterTransport addTransport(String transportId, RtpSink rtp, RtcpSink rtcp) {
    return addTransport(transportId, rtp, rtcp, RetransmissionBudget.defaults());
  }

  /**
   * {@link #addTransport(String, RtpSink, RtcpSink)} whose consumers resend within {@code nacks}.
   */
  RouterTransport addTransport(
      String transportId, RtpSink rtp, RtcpSink rtcp, RetransmissionBudget nacks) {
    return addTransport(transportId, rtp, rtcp, null, new SimulatedLoss(), nacks);
  }

  private RouterTransport addTransport(
      String transportId,
      RtpSink rtp,
      RtcpSink rtcp,
      Runnable onClose,
      SimulatedLoss loss,
      RetransmissionBudget nacks) {
    Objects.requireNonNull(transportId, "transportId");
    Objects.requireNonNull(rtp, "rtp");
    Objects.requireNonNull(rtcp, "rtcp");
    synchronized (lock) {
      checkOpen();
      if (transports.containsKey(transportId)) {
        throw new IllegalArgumentException("transport id taken: " + transportId);
      }
      var t =
          new RouterTransport(
              this, transportId, rtp, rtcp, onClose, ids.nonZeroSsrc(), loss, nacks);
      transports.put(transportId, t);
      return t;
    }
  }

  public List<RouterTransport> transports() {
    synchronized (lock) {
      return List.copyOf(transports.values());
    }
  }

  public List<Producer> producers() {
    synchronized (lock) {
      return List.copyOf(producers.values());
    }
  }

  public List<Consumer> consumers() {
    synchronized (lock) {
      return List.copyOf(consumers.values());
    }
  }

  public Optional<Producer> producer(String producerId) {
    synchronized (lock) {
      return Optional.ofNullable(producers.get(producerId));
    }
  }

  public Optional<Consumer> consumer(String consumerId) {
    synchronized (lock) {
      return Optional.ofNullable(consumers.get(consumerId));
    }
  }

  public Optional<RouterTransport> transport(String transportId) {
    synchronized (lock) {
      return Optional.ofNullable(transports.get(transportId));
    }
  }

  /** The room's dominant speaker detection, fed by audio producers' RFC 6464 levels. */
  public ActiveSpeakerDetector<Producer> activeSpeaker() {
    return activeSpeaker;
  }

  /** Counters of everything in the room (see {@link RouterStats}). */
  public RouterStats stats() {
    var dominant = activeSpeaker.dominant().orElse(null);
    return RouterStats.collect(id, transports(), producers(), consumers(), dominant);
  }

  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** Closes every transport (see the class comment). Idempotent. */
  @Override
  public void close() {
    List<Runnable> hooks = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (RouterTransport t : List.copyOf(transports.values())) {
        Runnable hook = closeTransportLocked(t, CloseReason.ROUTER_CLOSED);
        if (hook != null) {
          hooks.add(hook);
        }
      }
    }
    hooks.forEach(Runnable::run);
  }

  @Override
  public String toString() {
    return "Router[" + id + "]";
  }

  NtpClock clock() {
    return clock;
  }

  Producer produce(RouterTransport transport, ProducerOptions producerOptions) {
    Objects.requireNonNull(producerOptions, "options");
    synchronized (lock) {
      checkOpen();
      checkOpen(transport);
      SsrcAllocator.checkUnused(transport, producerOptions.encodings());
      for (Producer other : transport.producerArray()) {
        if (producerOptions.mid() != null && producerOptions.mid().equals(other.options().mid())) {
          throw new IllegalArgumentException("mid already produced: " + producerOptions.mid());
        }
      }
      var producer = new Producer(this, transport, UUID.randomUUID().toString(), producerOptions);
      for (ProducerStream s : producer.streams()) {
        if (s.ssrc() != 0) {
          transport.addIncoming(s.ssrc(), s, false);
        }
        if (s.rtxSsrc() != 0) {
          transport.addIncoming(s.rtxSsrc(), s, true);
        }
      }
      transport.addProducer(producer);
      producers.put(producer.id(), producer);
      return producer;
    }
  }

  Consumer consume(RouterTransport transport, Producer producer, ConsumerOptions consumerOptions) {
    Objects.requireNonNull(producer, "producer");
    Objects.requireNonNull(consumerOptions, "options");
    Consumer consumer;
    synchronized (lock) {
      checkOpen();
      checkOpen(transport);
      if (producers.get(producer.id()) != producer) {
        throw new IllegalStateException("producer closed or of another router: " + producer);
      }
      boolean video = producer.kind() == MediaKind.VIDEO;
      var types =
          PayloadTypeMap.of(
              producer.options().codecs(),
              consumerOptions.codecs(),
              video && consumerOptions.rtx());
      if (types.consumerCodecs().isEmpty()) {
        throw new IllegalArgumentException("no codec in common with " + producer);
      }
      long ssrc = ids.newSsrc(transport, 0);
      long rtxSsrc =
          video && consumerOptions.rtx() && types.hasRtx() ? ids.newSsrc(transport, ssrc) : 0;
      consumer =
          new Consumer(
              this,
              transport,
              producer,
              UUID.randomUUID().toString(),
              consumerOptions,
              ssrc,
              rtxSsrc,
              types,
              ids.sequenceStart(),
              ids.timestampStart(),
              ids.sequenceStart());
      producer.addConsumer(consumer);
      transport.addConsumer(consumer);
      consumers.put(consumer.id(), consumer);
    }
    if (!consumer.isPaused() && transport.isReady()) {
      long now = clock.nanos();
      producer.requestKeyframe(consumer.effectiveTarget(now), now);
    }
    return consumer;
  }

  /** Binds an SSRC learned from header extensions; on a packet thread, rarely. */
  RouterTransport.Incoming learnSsrc(RouterTransport transport, RtpPacket p) {
    synchronized (lock) {
      return SsrcLearner.bind(transport, p);
    }
  }

  void closeConsumer(Consumer consumer, CloseReason reason) {
    synchronized (lock) {
      closeConsumerLocked(consumer, reason);
    }
  }

  void closeProducer(Producer producer, CloseReason reason) {
    synchronized (lock) {
      closeProducerLocked(producer, reason);
    }
  }

  void closeTransport(RouterTransport transport, CloseReason reason) {
    Runnable hook;
    synchronized (lock) {
      hook = closeTransportLocked(transport, reason);
    }
    if (hook != null) {
      hook.run();
    }
  }

  private void closeConsumerLocked(Consumer consumer, CloseReason reason) {
    if (consumer.isClosed()) {
      return;
    }
    consumer.markClosed();
    consumer.producer().removeConsumer(consumer);
    consumer.transport().removeConsumer(consumer);
    consumers.remove(consumer.id());
    events.execute(() -> listener.consumerClosed(consumer, reason));
    events.execute(() -> consumer.transport().retireSsrcs(consumer));
  }

  private void closeProducerLocked(Producer producer, CloseReason reason) {
    if (producer.isClosed()) {
      return;
    }
    for (Consumer c : producer.consumers()) {
      closeConsumerLocked(c, CloseReason.PRODUCER_CLOSED);
    }
    producer.markClosed();
    producer.transport().removeIncoming(producer);
    producer.transport().removeProducer(producer);
    producers.remove(producer.id());
    events.execute(() -> listener.producerClosed(producer, reason));
    if (producer.kind() == MediaKind.AUDIO) {
      activeSpeaker.remove(producer, clock.nanos());
    }
  }

  /** Returns the hook closing the underlying transport, to run without the lock. */
  private Runnable closeTransportLocked(RouterTransport transport, CloseReason reason) {
    if (transport.isClosed()) {
      return null;
    }
    for (Consumer c : transport.consumerArray()) {
      closeConsumerLocked(c, CloseReason.TRANSPORT_CLOSED);
    }
    for (Producer p : transport.producerArray()) {
      closeProducerLocked(p, CloseReason.TRANSPORT_CLOSED);
    }
    Runnable hook = transport.markClosed();
    transports.remove(transport.id());
    events.execute(() -> listener.transportClosed(transport, reason));
    return hook;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("router closed: " + id);
    }
  }

  private static void checkOpen(RouterTransport transport) {
    if (transport.isClosed()) {
      throw new IllegalStateException("transport closed: " + transport);
    }
  }
}
