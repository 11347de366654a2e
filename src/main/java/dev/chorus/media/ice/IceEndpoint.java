package dev.chorus.media.ice;

import dev.chorus.media.ice.HostAddresses.HostAddress;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;

/**
 * The ICE side of the media server, one per application: one UDP port and one ICE-TCP port (RFC
 * 6544) shared by every {@link IceSession}, as Jitsi Videobridge does.
 *
 * <p>ice4j demultiplexes the shared UDP port by the ufrag in the USERNAME of a peer's first STUN
 * check, then by its source address; ICE-TCP connections are matched the same way on their first
 * RFC 4571 frame. The ports are bound once per host address (see {@link HostAddresses}) because
 * ice4j needs a specific local address to build candidates from.
 *
 * <p>Threads: ice4j runs its own reader threads (one per UDP host address, two for ICE-TCP, one per
 * connected peer address inside each session, plus static pools). The executor passed to {@link
 * #open} runs the consent watchdog, listener callbacks and agent clean-up; it is not shut down by
 * {@link #close()}.
 */
public final class IceEndpoint implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IceEndpoint.class.getName());
  private static final String STREAM_NAME = "media";

  private final IceConfig config;
  private final ScheduledExecutorService executor;
  private final List<HostAddress> hostAddresses;
  private final List<SinglePortUdpHarvester> udpHarvesters;
  private final PassiveTcpHarvester tcpHarvester;
  private final Map<String, IceSession> sessions = new ConcurrentHashMap<>();
  private final ScheduledFuture<?> watchdog;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final boolean pushApi;

  private IceEndpoint(
      IceConfig config,
      ScheduledExecutorService executor,
      List<HostAddress> hostAddresses,
      List<SinglePortUdpHarvester> udpHarvesters,
      PassiveTcpHarvester tcpHarvester,
      boolean pushApi) {
    this.config = config;
    this.pushApi = pushApi;
    this.executor = executor;
    this.hostAddresses = hostAddresses;
    this.udpHarvesters = udpHarvesters;
    this.tcpHarvester = tcpHarvester;
    long tickMillis = Math.max(50, Math.min(1000, config.consentTimeout().toMillis() / 10));
    this.watchdog =
        executor.scheduleWithFixedDelay(
            this::checkLiveness, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Binds the ports and starts listening.
   *
   * @param config ports and addresses
   * @param executor runs the watchdog, listener callbacks and clean-up (e.g. a container's
   *     ManagedScheduledExecutorService)
   * @throws java.net.BindException if a port is taken (also when taken by a socket with
   *     SO_REUSEADDR, which ice4j alone would not notice)
   */
  public static IceEndpoint open(IceConfig config, ScheduledExecutorService executor)
      throws IOException {
    return open(config, executor, false);
  }

  /**
   * Like {@link #open(IceConfig, ScheduledExecutorService)}, choosing how sessions get UDP data.
   *
   * @param pushApi true: ice4j's reader thread hands each UDP datagram to the session's {@link
   *     DatagramHandler} (no thread per session waits in {@link IceSession#receive}, which then
   *     returns ICE-TCP data only); false: every datagram is read with {@link IceSession#receive}.
   *     ice4j keeps this switch process-wide: endpoints open at the same time must agree
   */
  public static IceEndpoint open(
      IceConfig config, ScheduledExecutorService executor, boolean pushApi) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(executor, "executor");
    Ice4jSettings.apply();
    Ice4jSettings.usePushApi(pushApi);
    var hosts = HostAddresses.resolve(config, HostAddresses.systemNics());
    var udp = new ArrayList<SinglePortUdpHarvester>();
    PassiveTcpHarvester tcp = null;
    try {
      int port = config.udpPort();
      for (var host : hosts) {
        if (port != 0) {
          PortProbe.requireUdpPortFree(new InetSocketAddress(host.local(), port));
        }
        var harvester =
            new SinglePortUdpHarvester(new TransportAddress(host.local(), port, Transport.UDP));
        udp.add(harvester);
        // Same port on every host address, also when the first one was ephemeral.
        port = harvester.getLocalAddress().getPort();
      }
      if (config.tcpEnabled()) {
        var addresses =
            hosts.stream()
                .map(h -> new TransportAddress(h.local(), config.tcpPort(), Transport.TCP))
                .toList();
        tcp = new PassiveTcpHarvester(addresses);
      }
    } catch (IOException | RuntimeException e) {
      udp.forEach(SinglePortUdpHarvester::close);
      throw e;
    }
    var endpoint = new IceEndpoint(config, executor, hosts, List.copyOf(udp), tcp, pushApi);
    LOG.log(Level.INFO, "ICE endpoint listening: {0}", endpoint.describe());
    return endpoint;
  }

  /**
   * Creates a session (one per WebRTC transport) with fresh local credentials and candidates.
   *
   * @param listener receives its state changes
   * @throws IllegalStateException if the endpoint is closed
   */
  public IceSession createSession(IceSessionListener listener) throws IOException {
    if (closed.get()) {
      throw new IllegalStateException("ICE endpoint closed");
    }
    var agent = new Agent();
    IceSession session;
    try {
      agent.setControlling(false);
      agent.setUseDynamicPorts(false);
      agent.setPerformConsentFreshness(true);
      udpHarvesters.forEach(agent::addCandidateHarvester);
      if (tcpHarvester != null) {
        agent.addCandidateHarvester(tcpHarvester);
      }
      var stream = agent.createMediaStream(STREAM_NAME);
      // The component socket merges all of the session's UDP and TCP paths into one socket that
      // IceSession reads; it is also what ICE-TCP data is delivered to.
      var component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
      var candidates = CandidateMapping.localCandidates(component, hostAddresses);
      if (candidates.isEmpty()) {
        throw new IOException("ice4j produced no host candidates");
      }
      session =
          new IceSession(
              this,
              agent,
              component,
              candidates,
              listener,
              executor,
              config.consentTimeout(),
              pushApi);
    } catch (IOException | RuntimeException e) {
      agent.free();
      throw e;
    }
    sessions.put(agent.getLocalUfrag(), session);
    if (closed.get()) {
      // Lost a race with close(), which may not have seen this session.
      session.close();
      throw new IllegalStateException("ICE endpoint closed");
    }
    return session;
  }

  /** The UDP port shared by all sessions (the bound one when configured as 0). */
  public int udpPort() {
    return udpHarvesters.get(0).getLocalAddress().getPort();
  }

  /** The ICE-TCP port, or 0 when ICE-TCP is off. */
  public int tcpPort() {
    return tcpHarvester == null ? 0 : config.tcpPort();
  }

  /** Whether UDP data is pushed to each session's {@link DatagramHandler}. */
  public boolean usesPushApi() {
    return pushApi;
  }

  /** Number of sessions not yet closed or failed. */
  public int sessionCount() {
    return sessions.size();
  }

  /** What is bound and advertised, for the startup log and the admin API. */
  public String describe() {
    var addresses =
        hostAddresses.stream()
            .map(
                h ->
                    h.local().equals(h.advertised())
                        ? h.local().getHostAddress()
                        : h.local().getHostAddress()
                            + " (advertised as "
                            + h.advertised().getHostAddress()
                            + ")")
            .collect(Collectors.joining(", "));
    return "UDP port "
        + udpPort()
        + (tcpHarvester == null ? ", ICE-TCP off" : ", ICE-TCP port " + tcpPort())
        + " on "
        + addresses;
  }

  private static final java.time.Duration PORT_RELEASE_WAIT = java.time.Duration.ofSeconds(1);

  /**
   * Closes every session, then the shared ports. Returns once the ports can be bound again.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    watchdog.cancel(false);
    for (var session : List.copyOf(sessions.values())) {
      session.close();
    }
    var udpAddresses =
        udpHarvesters.stream().map(h -> (InetSocketAddress) h.getLocalAddress()).toList();
    udpHarvesters.forEach(SinglePortUdpHarvester::close);
    if (tcpHarvester != null) {
      tcpHarvester.close();
    }
    // Return only once the ports can be bound again, so a redeploy never finds them taken.
    udpAddresses.forEach(a -> PortProbe.awaitUdpPortFree(a, PORT_RELEASE_WAIT));
    LOG.log(Level.INFO, "ICE endpoint closed ({0})", describe());
  }

  void forget(IceSession session) {
    sessions.remove(session.id(), session);
  }

  private void checkLiveness() {
    long now = System.nanoTime();
    for (var session : sessions.values()) {
      try {
        session.checkLiveness(now);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Liveness check of " + session + " failed", e);
      }
    }
  }
}
