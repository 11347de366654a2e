package dev.chorus.media.sfu;

import dev.chorus.media.dtls.DtlsCertificate;
import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.dtls.DtlsServer;
import dev.chorus.media.ice.IceConfig;
import dev.chorus.media.ice.IceEndpoint;
import dev.chorus.media.srtp.SrtpBackend;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The media server of one application: the shared ICE ports ({@link IceEndpoint}), one DTLS
 * certificate and server, and the {@link WebRtcTransport}s made from them.
 *
 * <p>Threads come from outside, so the container can manage them:
 *
 * <ul>
 *   <li>the {@code scheduler} (e.g. a ManagedScheduledExecutorService) runs ICE timers and clean-up
 *       and delivers state changes; its tasks are short;
 *   <li>the {@code workers} executor runs, for a few seconds each, DTLS handshakes and, in pull
 *       mode (the default), one long-running packet loop per transport; it then needs at least one
 *       thread per live transport plus one per concurrent handshake, so give it a thread factory
 *       (e.g. a ManagedThreadFactory, see {@link #startWithThreads}) or a pool without a small
 *       bound (a ManagedExecutorService with the long-running hint);
 *   <li>in push mode ({@link MediaEngineOptions#packetThreads()} &gt; 0) ice4j's reader thread
 *       hands each UDP datagram to its transport's queue, and the packet work runs on a shared
 *       pool: {@code packetThreads} threads made by the thread factory of {@link
 *       #startWithThreads}, or the {@code workers} executor given to {@link #start}. Only ICE-TCP
 *       transports still get a packet loop thread.
 * </ul>
 *
 * Neither executor is shut down by {@link #close()}; a pool the engine made from a thread factory
 * is.
 */
public final class MediaEngine implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MediaEngine.class.getName());

  private final IceEndpoint iceEndpoint;
  private final DtlsServer dtlsServer;
  private final ScheduledExecutorService scheduler;
  private final Executor workers;
  private final Executor packetWork;
  private final ExecutorService ownedPool;
  private final MediaEngineOptions options;
  private final Map<String, WebRtcTransport> transports = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final SimulatedLoss simulatedLoss = new SimulatedLoss();

  private MediaEngine(
      IceEndpoint iceEndpoint,
      DtlsServer dtlsServer,
      ScheduledExecutorService scheduler,
      Executor workers,
      Executor packetWork,
      ExecutorService ownedPool,
      MediaEngineOptions options) {
    this.iceEndpoint = iceEndpoint;
    this.dtlsServer = dtlsServer;
    this.scheduler = scheduler;
    this.workers = workers;
    this.packetWork = packetWork;
    this.ownedPool = ownedPool;
    this.options = options;
  }

  /**
   * {@link #start(IceConfig, ScheduledExecutorService, Executor, MediaEngineOptions)} with
   * defaults.
   */
  public static MediaEngine start(
      IceConfig config, ScheduledExecutorService scheduler, Executor workers) throws IOException {
    return start(config, scheduler, workers, MediaEngineOptions.defaults());
  }

  /** Like the executor variant, running every worker task on a new thread of {@code threads}. */
  public static MediaEngine startWithThreads(
      IceConfig config, ScheduledExecutorService scheduler, ThreadFactory threads)
      throws IOException {
    return startWithThreads(config, scheduler, threads, MediaEngineOptions.defaults());
  }

  /**
   * Like the executor variant, running DTLS handshakes (and packet loops in pull mode) each on a
   * new thread of {@code threads}; in push mode the packet work runs on a fixed pool of {@link
   * MediaEngineOptions#packetThreads()} threads of {@code threads}, shut down by {@link #close()}.
   */
  public static MediaEngine startWithThreads(
      IceConfig config,
      ScheduledExecutorService scheduler,
      ThreadFactory threads,
      MediaEngineOptions options)
      throws IOException {
    Objects.requireNonNull(threads, "threads");
    Objects.requireNonNull(options, "options");
    Executor perTask =
        task -> {
          Thread thread = threads.newThread(task);
          if (thread == null) {
            throw new RejectedExecutionException("the thread factory refused a thread");
          }
          thread.start();
        };
    if (!options.pushApi()) {
      return start(config, scheduler, perTask, perTask, null, options);
    }
    ExecutorService pool = Executors.newFixedThreadPool(options.packetThreads(), threads);
    try {
      return start(config, scheduler, perTask, pool, pool, options);
    } catch (IOException | RuntimeException e) {
      pool.shutdownNow();
      throw e;
    }
  }

  /**
   * Generates the DTLS certificate, warms up the SRTP crypto and binds the ICE ports.
   *
   * @throws java.net.BindException if a port is taken
   */
  public static MediaEngine start(
      IceConfig config,
      ScheduledExecutorService scheduler,
      Executor workers,
      MediaEngineOptions options)
      throws IOException {
    return start(config, scheduler, workers, workers, null, options);
  }

  private static MediaEngine start(
      IceConfig config,
      ScheduledExecutorService scheduler,
      Executor workers,
      Executor packetWork,
      ExecutorService ownedPool,
      MediaEngineOptions options)
      throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(options, "options");
    // jitsi-srtp benchmarks its crypto providers on first use: do it now, not on a first packet.
    SrtpBackend.describe();
    var random = new SecureRandom();
    var certificate = DtlsCertificate.generate(random);
    var endpoint = IceEndpoint.open(config, scheduler, options.pushApi());
    var engine =
        new MediaEngine(
            endpoint,
            new DtlsServer(certificate, random),
            scheduler,
            workers,
            packetWork,
            ownedPool,
            options);
    LOG.log(
        Level.INFO,
        "Media engine started: {0}; {1}; DTLS certificate {2} {3}",
        endpoint.describe(),
        options.pushApi()
            ? "packet work on a shared pool (ice4j push API)"
            : "one packet thread per transport",
        certificate.commonName(),
        certificate.fingerprint().toSdpValue());
    return engine;
  }

  /**
   * A new transport for one browser peer connection, in state {@link TransportState#NEW}.
   *
   * @param listener told of its state changes
   * @throws IllegalStateException if the engine is closed
   */
  public WebRtcTransport createTransport(TransportStateListener listener) throws IOException {
    if (closed.get()) {
      throw new IllegalStateException("media engine closed");
    }
    var transport = new WebRtcTransport(this, listener);
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

  /**
   * The diagnostics knob that drops a share of the video sent to subscribers (off by default): get
   * and set its percentage there. It applies to every router transport attached from now on and to
   * those attached already.
   */
  public SimulatedLoss simulatedLoss() {
    return simulatedLoss;
  }

  /** Closes every transport, then the ports. Returns once the ports can be bound again. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (var transport : List.copyOf(transports.values())) {
      transport.close();
    }
    iceEndpoint.close();
    if (ownedPool != null) {
      ownedPool.shutdown();
    }
    LOG.log(Level.INFO, "Media engine closed");
  }

  void forget(WebRtcTransport transport) {
    transports.remove(transport.id(), transport);
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

  Executor workers() {
    return workers;
  }

  /** Where pushed datagrams are handled (push mode). */
  Executor packetWork() {
    return packetWork;
  }

  MediaEngineOptions options() {
    return options;
  }
}
