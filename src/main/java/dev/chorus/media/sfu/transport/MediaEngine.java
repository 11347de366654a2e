package dev.chorus.media.sfu.transport;

import dev.chorus.media.dtls.DtlsCertificate;
import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.dtls.DtlsServer;
import dev.chorus.media.ice.IceConfig;
import dev.chorus.media.ice.IceEndpoint;
import dev.chorus.media.srtp.SrtpBackend;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The media server of one application: the shared ICE ports ({@link IceEndpoint}), one DTLS
 * certificate and server, and the {@link WebRtcTransport}s made from them.
 *
 * <p>Threads come from outside, so the container can manage them, and their number does not grow
 * with participants:
 *
 * <ul>
 *   <li>the {@code scheduler} (e.g. a ManagedScheduledExecutorService) runs ICE timers and clean-up
 *       and delivers state changes; its tasks are short;
 *   <li>with {@link #startWithThreads} (a ManagedThreadFactory in the container) the engine makes a
 *       fixed set of threads: the ICE endpoint's readers (one per UDP host address, one for
 *       ICE-TCP), {@link MediaEngineOptions#packetThreads()} for the packet work of every transport
 *       and {@link MediaEngineOptions#handshakeThreads()} for DTLS handshakes (more wait in a
 *       queue). {@link #threadCount()} tells how many are alive; {@link #close()} ends them all;
 *   <li>with {@link #start} the same tasks run on the given executor instead (the readers as
 *       long-running tasks, at most {@code handshakeThreads} handshakes at once).
 * </ul>
 *
 * Neither given executor is shut down by {@link #close()}.
 */
public final class MediaEngine implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MediaEngine.class.getName());

  private final IceEndpoint iceEndpoint;
  private final DtlsServer dtlsServer;
  private final ScheduledExecutorService scheduler;
  private final EngineThreads threads;
  private final MediaEngineOptions options;
  private final Map<String, WebRtcTransport> transports = new ConcurrentHashMap<>();
  private final AtomicInteger transportCount = new AtomicInteger();
  private final HandshakeAdmission admission;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final SimulatedLoss simulatedLoss = new SimulatedLoss();
  // Counters of the transports already forgotten, so the engine's totals never go back (metrics).
  private final AtomicReference<TransportStats.Counters> retired =
      new AtomicReference<>(TransportStats.Counters.ZERO);
  private final LongAdder dtlsFailures = new LongAdder();

  private MediaEngine(
      IceEndpoint iceEndpoint,
      DtlsServer dtlsServer,
      ScheduledExecutorService scheduler,
      EngineThreads threads,
      MediaEngineOptions options) {
    this.iceEndpoint = iceEndpoint;
    this.dtlsServer = dtlsServer;
    this.scheduler = scheduler;
    this.threads = threads;
    this.options = options;
    this.admission =
        new HandshakeAdmission(
            threads.handshakes(),
            options.maxHandshakesPerAddress(),
            options.maxHandshakesPerOwner());
  }

  /**
   * {@link #startWithThreads(IceConfig, ScheduledExecutorService, ThreadFactory,
   * MediaEngineOptions)} with defaults.
   */
  public static MediaEngine startWithThreads(
      IceConfig config, ScheduledExecutorService scheduler, ThreadFactory threads)
      throws IOException {
    return startWithThreads(config, scheduler, threads, MediaEngineOptions.defaults());
  }

  /**
   * Starts the engine on a fixed set of threads from {@code threads} (see the class comment), all
   * ended by {@link #close()}.
   *
   * @throws java.net.BindException if a port is taken
   */
  public static MediaEngine startWithThreads(
      IceConfig config,
      ScheduledExecutorService scheduler,
      ThreadFactory threads,
      MediaEngineOptions options)
      throws IOException {
    Objects.requireNonNull(options, "options");
    var own = EngineThreads.own(threads, options);
    try {
      return start(config, scheduler, own, options);
    } catch (IOException | RuntimeException e) {
      own.abandon();
      throw e;
    }
  }

  /**
   * {@link #start(IceConfig, ScheduledExecutorService, Executor, MediaEngineOptions)} with
   * defaults.
   */
  public static MediaEngine start(
      IceConfig config, ScheduledExecutorService scheduler, Executor workers) throws IOException {
    return start(config, scheduler, workers, MediaEngineOptions.defaults());
  }

  /**
   * Starts the engine with every task on {@code workers}: the ICE readers (long-running, so it must
   * not be a small bounded pool), the packet work and the handshakes (at most {@link
   * MediaEngineOptions#handshakeThreads()} at once). {@link #threadCount()} is then 0.
   *
   * @throws java.net.BindException if a port is taken
   */
  public static MediaEngine start(
      IceConfig config,
      ScheduledExecutorService scheduler,
      Executor workers,
      MediaEngineOptions options)
      throws IOException {
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(options, "options");
    return start(
        config, scheduler, EngineThreads.borrow(workers, options.handshakeThreads()), options);
  }

  private static MediaEngine start(
      IceConfig config,
      ScheduledExecutorService scheduler,
      EngineThreads threads,
      MediaEngineOptions options)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(scheduler, "scheduler");
    // jitsi-srtp benchmarks its crypto providers on first use: do it now, not on a first packet.
    SrtpBackend.describe();
    var random = new SecureRandom();
    var certificate = DtlsCertificate.generate(random);
    var endpoint = IceEndpoint.open(config, scheduler, threads.readers());
    var engine =
        new MediaEngine(endpoint, new DtlsServer(certificate, random), scheduler, threads, options);
    LOG.log(
        Level.INFO,
        "Media engine started: {0}; {1} packet thread(s), {2} DTLS handshake(s) at once; DTLS"
            + " certificate {3} {4}",
        endpoint.describe(),
        options.packetThreads(),
        options.handshakeThreads(),
        certificate.commonName(),
        certificate.fingerprint().toSdpValue());
    return engine;
  }

  /**
   * {@link #createTransport(TransportStateListener, String)} of no particular owner: its DTLS
   * handshake is admitted by its remote address only.
   */
  public WebRtcTransport createTransport(TransportStateListener listener) throws IOException {
    return createTransport(listener, null);
  }

  /**
   * A new transport for one browser peer connection, in state {@link TransportState#NEW}.
   *
   * @param listener told of its state changes
   * @param owner an opaque key of whoever the transport is for (e.g. a user id), or null: at most
   *     {@link MediaEngineOptions#maxHandshakesPerOwner()} DTLS handshakes of one owner run at once
   * @throws IllegalStateException if the engine is closed or holds {@link
   *     MediaEngineOptions#maxTransports()} transports already
   * @throws IOException not at present (an ICE-lite session needs no socket of its own); kept so
   *     that callers handle a transport that cannot be opened
   */
  public WebRtcTransport createTransport(TransportStateListener listener, String owner)
      throws IOException {
    if (closed.get()) {
      throw new IllegalStateException("media engine closed");
    }
    if (transportCount.incrementAndGet() > options.maxTransports()) {
      transportCount.decrementAndGet();
      throw new IllegalStateException(
          "media engine full: it holds its maximum of " + options.maxTransports() + " transports");
    }
    WebRtcTransport transport;
    try {
      transport = new WebRtcTransport(this, listener, owner);
    } catch (RuntimeException e) {
      transportCount.decrementAndGet();
      throw e;
    }
    transports.put(transport.id(), transport);
    if (closed.get()) {
      // Lost a race with close(), which may not have seen it.
      transport.close();
      throw new IllegalStateException("media engine closed");
    }
    return transport;
  }

  /** The fingerprint every transport's answer announces. */
  public DtlsFingerprint fingerprint() {
    return dtlsServer.certificate().fingerprint();
  }

  /** The shared UDP port. */
  public int udpPort() {
    return iceEndpoint.udpPort();
  }

  /** The shared ICE-TCP port, 0 if off. */
  public int tcpPort() {
    return iceEndpoint.tcpPort();
  }

  /** Ports and addresses, for logs and the admin API. */
  public String describe() {
    return iceEndpoint.describe();
  }

  /** Transports not yet closed or failed. */
  public List<WebRtcTransport> transports() {
    return List.copyOf(transports.values());
  }

  /** ICE sessions still held on the shared ports (should match {@link #transports()}). */
  public int iceSessionCount() {
    return iceEndpoint.sessionCount();
  }

  /** Open ICE-TCP connections. */
  public int tcpConnectionCount() {
    return iceEndpoint.tcpConnectionCount();
  }

  /** Open sockets of the ICE endpoint: UDP, ICE-TCP listening and connections. */
  public int openSocketCount() {
    return iceEndpoint.openSocketCount();
  }

  /**
   * Threads made from the factory given to {@link #startWithThreads} that are alive: readers,
   * packet pool and handshake pool, a constant while the engine runs and 0 after {@link #close()};
   * always 0 for an engine started with an executor.
   */
  public int threadCount() {
    return threads.alive();
  }

  /** DTLS handshakes running now (at most {@link MediaEngineOptions#handshakeThreads()}). */
  public int handshakesRunning() {
    return admission.running();
  }

  /**
   * DTLS handshakes waiting for their remote address's or owner's turn ({@link
   * MediaEngineOptions#maxHandshakesPerAddress()}), not yet handed to the handshake pool.
   */
  public int handshakesWaiting() {
    return admission.waiting();
  }

  /**
   * How often a socket reader (UDP or ICE-TCP) died of an unexpected error and was restarted, its
   * port bound again if the socket had been closed.
   */
  public long readerRestarts() {
    return iceEndpoint.readerRestarts();
  }

  /**
   * The diagnostics knob that drops a share of the video sent to subscribers (off by default): get
   * and set its percentage there. It applies to every router transport attached from now on and to
   * those attached already.
   */
  public SimulatedLoss simulatedLoss() {
    return simulatedLoss;
  }

  /**
   * Closes every transport, then the ports, then the engine's own threads. Returns once the ports
   * can be bound again.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (var transport : List.copyOf(transports.values())) {
      transport.close();
    }
    iceEndpoint.close();
    threads.close();
    LOG.log(Level.INFO, "Media engine closed");
  }

  void forget(WebRtcTransport transport) {
    if (transports.remove(transport.id(), transport)) {
      transportCount.decrementAndGet();
      var last = transport.stats().counters();
      retired.accumulateAndGet(last, TransportStats.Counters::plus);
    }
  }

  /**
   * Every transport's counters added up since the engine started, those already closed included, so
   * each figure only grows (what a Prometheus counter needs). Read on demand, never on the packet
   * path.
   */
  public TransportStats.Counters totals() {
    var sum = retired.get();
    for (var t : transports.values()) {
      sum = sum.plus(t.stats().counters());
    }
    return sum;
  }

  /**
   * DTLS handshakes that failed and DTLS sessions the peer ended with a fatal alert, since start.
   */
  public long dtlsFailures() {
    return dtlsFailures.sum();
  }

  void countDtlsFailure() {
    dtlsFailures.increment();
  }

  /** Socket reader tasks running their loop now (see {@link #readerTaskCount()}). */
  public int readersRunning() {
    return iceEndpoint.readersRunning();
  }

  /**
   * Socket reader tasks the engine runs while all is well: one per UDP address, one for ICE-TCP.
   */
  public int readerTaskCount() {
    return iceEndpoint.readerTaskCount();
  }

  /** Whether the media ports (UDP, ICE-TCP listening) are bound and open. */
  public boolean portsBound() {
    return !closed.get() && iceEndpoint.portsBound();
  }

  IceEndpoint iceEndpoint() {
    return iceEndpoint;
  }

  DtlsServer dtlsServer() {
    return dtlsServer;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Where every transport's packet work runs. */
  Executor packetWork() {
    return threads.packetWork();
  }

  /**
   * Runs a blocking DTLS handshake on the bounded handshake pool once {@code address} and {@code
   * owner} (either may be null) have fewer than their share of handshakes there ({@link
   * HandshakeAdmission}).
   */
  void admitHandshake(InetAddress address, String owner, Runnable handshake) {
    admission.submit(address, owner, handshake);
  }

  MediaEngineOptions options() {
    return options;
  }
}
