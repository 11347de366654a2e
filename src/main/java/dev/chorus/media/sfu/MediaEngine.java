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
 *   <li>the {@code workers} executor runs one long-running packet loop per transport and, for a few
 *       seconds each, DTLS handshakes; it needs at least one thread per live transport plus one per
 *       concurrent handshake, so give it a thread factory (e.g. a ManagedThreadFactory, see {@link
 *       #startWithThreads}) or a pool without a small bound (a ManagedExecutorService with the
 *       long-running hint).
 * </ul>
 *
 * Neither is shut down by {@link #close()}.
 */
public final class MediaEngine implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MediaEngine.class.getName());

  private final IceEndpoint iceEndpoint;
  private final DtlsServer dtlsServer;
  private final ScheduledExecutorService scheduler;
  private final Executor workers;
  private final MediaEngineOptions options;
  private final Map<String, WebRtcTransport> transports = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private MediaEngine(
      IceEndpoint iceEndpoint,
      DtlsServer dtlsServer,
      ScheduledExecutorService scheduler,
      Executor workers,
      MediaEngineOptions options) {
    this.iceEndpoint = iceEndpoint;
    this.dtlsServer = dtlsServer;
    this.scheduler = scheduler;
    this.workers = workers;
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
    Objects.requireNonNull(threads, "threads");
    Executor perTask =
        task -> {
          Thread thread = threads.newThread(task);
          if (thread == null) {
            throw new RejectedExecutionException("the thread factory refused a thread");
          }
          thread.start();
        };
    return start(config, scheduler, perTask, MediaEngineOptions.defaults());
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
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(options, "options");
    // jitsi-srtp benchmarks its crypto providers on first use: do it now, not on a first packet.
    SrtpBackend.describe();
    var random = new SecureRandom();
    var certificate = DtlsCertificate.generate(random);
    var endpoint = IceEndpoint.open(config, scheduler);
    var engine =
        new MediaEngine(endpoint, new DtlsServer(certificate, random), scheduler, workers, options);
    LOG.log(
        Level.INFO,
        "Media engine started: {0}; DTLS certificate {1} {2}",
        endpoint.describe(),
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

  MediaEngineOptions options() {
    return options;
  }
}
