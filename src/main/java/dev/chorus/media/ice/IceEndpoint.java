package dev.chorus.media.ice;

import dev.chorus.media.ice.HostAddresses.HostAddress;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The ICE side of the media server, one per application: one UDP port and one ICE-TCP port (RFC
 * 6544) shared by every {@link IceSession}, each bound once per host address (see {@link
 * HostAddresses}), on sockets this class owns. The server is an ICE-lite agent (RFC 8445 §2.5): it
 * only answers checks, so a session costs a map entry, not a socket or a thread.
 *
 * <p>Demultiplexing: a STUN check is matched to its session by the ufrag in its USERNAME and
 * authenticated with that session's password; its source address (or ICE-TCP connection) then
 * belongs to the session, and other datagrams from there go to the session's handler.
 *
 * <p>Threads: a fixed number of long-running reader tasks on the {@code readers} executor given to
 * {@link #open} — one per UDP host address and one selector loop for all of ICE-TCP, whatever the
 * number of sessions; they end in {@link #close()}. The {@code scheduler} runs the consent watchdog
 * and delivers state changes; neither executor is shut down here.
 */
public final class IceEndpoint implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(IceEndpoint.class.getName());
  private static final Duration PORT_RELEASE_WAIT = Duration.ofSeconds(1);
  private static final long READER_STOP_MILLIS = 2000;
  private static final char[] ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  private static final int UFRAG_LENGTH = 8;
  private static final int PASSWORD_LENGTH = 24;

  private final IceConfig config;
  private final ScheduledExecutorService scheduler;
  private final List<HostAddress> hostAddresses;
  private final List<UdpSocket> udpSockets;
  private final TcpListener tcpListener;
  private final StunResponder responder;
  private final List<IceCandidate> localCandidates;
  private final Map<String, IceSession> sessions;
  private final SecureRandom random = new SecureRandom();
  private final ScheduledFuture<?> watchdog;
  private final AtomicBoolean closed = new AtomicBoolean();

  private IceEndpoint(
      IceConfig config,
      ScheduledExecutorService scheduler,
      List<HostAddress> hostAddresses,
      Map<String, IceSession> sessions,
      StunResponder responder,
      List<UdpSocket> udpSockets,
      TcpListener tcpListener,
      ScheduledFuture<?> watchdog) {
    this.config = config;
    this.scheduler = scheduler;
    this.hostAddresses = hostAddresses;
    this.sessions = sessions;
    this.responder = responder;
    this.udpSockets = udpSockets;
    this.tcpListener = tcpListener;
    this.localCandidates =
        CandidateMapping.localCandidates(
            hostAddresses, udpSockets.get(0).local().getPort(), tcpPort());
    this.watchdog = watchdog;
  }

  /**
   * Binds the ports and starts reading them.
   *
   * @param config ports and addresses
   * @param scheduler runs the watchdog and listener callbacks (e.g. a container's
   *     ManagedScheduledExecutorService); its tasks are short
   * @param readers runs the long-running reader tasks, one per UDP host address plus one if ICE-TCP
   *     is on (e.g. a thread per task from a ManagedThreadFactory)
   * @throws java.net.BindException if a port is taken
   * @throws IOException also if {@code readers} refuses a task or {@code scheduler} the watchdog;
   *     then nothing stays bound or running
   */
  public static IceEndpoint open(
      IceConfig config, ScheduledExecutorService scheduler, Executor readers) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(readers, "readers");
    var hosts = HostAddresses.resolve(config, HostAddresses.systemNics());
    Map<String, IceSession> sessions = new ConcurrentHashMap<>();
    var responder = new StunResponder(sessions::get);
    var udp = new ArrayList<UdpSocket>();
    TcpListener tcp = null;
    int readersStarted = 0;
    ScheduledFuture<?> watchdog;
    try {
      int port = config.udpPort();
      for (var host : hosts) {
        var socket = UdpSocket.bind(new InetSocketAddress(host.local(), port), responder);
        udp.add(socket);
        // Same port on every host address, also when the first one was ephemeral.
        port = socket.local().getPort();
      }
      if (config.tcpEnabled()) {
        var addresses =
            hosts.stream().map(h -> new InetSocketAddress(h.local(), config.tcpPort())).toList();
        tcp =
            TcpListener.listen(
                addresses, responder, TcpListener.Limits.defaults(config.consentTimeout()));
      }
      for (var socket : udp) {
        readers.execute(socket);
        readersStarted++;
      }
      if (tcp != null) {
        readers.execute(tcp);
        readersStarted++;
      }
      long tickMillis = Math.max(50, Math.min(1000, config.consentTimeout().toMillis() / 10));
      watchdog =
          scheduler.scheduleWithFixedDelay(
              () -> checkLiveness(sessions), tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    } catch (IOException | RuntimeException e) {
      // Readers that started are stopped and waited for; the others never ran.
      for (int i = 0; i < udp.size(); i++) {
        if (i < readersStarted) {
          udp.get(i).close(READER_STOP_MILLIS);
        } else {
          udp.get(i).abandon();
        }
      }
      if (tcp != null) {
        if (readersStarted > udp.size()) {
          tcp.close(READER_STOP_MILLIS);
        } else {
          tcp.abandon();
        }
      }
      if (e instanceof RejectedExecutionException) {
        throw new IOException(
            readersStarted < udp.size() + (tcp == null ? 0 : 1)
                ? "no thread for the ICE readers"
                : "the scheduler refused the ICE consent watchdog",
            e);
      }
      throw e;
    }
    var endpoint =
        new IceEndpoint(
            config, scheduler, hosts, sessions, responder, List.copyOf(udp), tcp, watchdog);
    LOG.log(Level.INFO, "ICE-lite endpoint listening: {0}", endpoint.describe());
    return endpoint;
  }

  /**
   * Creates a session (one per WebRTC transport) with fresh local credentials.
   *
   * @param listener receives its state changes, in order, on the scheduler
   * @throws IllegalStateException if the endpoint is closed
   */
  public IceSession createSession(IceSessionListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (closed.get()) {
      throw new IllegalStateException("ICE endpoint closed");
    }
    IceSession session;
    do {
      var credentials =
          new IceSession.Credentials(randomIceChars(UFRAG_LENGTH), randomIceChars(PASSWORD_LENGTH));
      session =
          new IceSession(
              this,
              credentials,
              localCandidates,
              listener,
              new SerialExecutor(scheduler),
              config.consentTimeout());
    } while (sessions.putIfAbsent(session.id(), session) != null);
    if (closed.get()) {
      // Lost a race with close(), which may not have seen this session.
      session.close();
      throw new IllegalStateException("ICE endpoint closed");
    }
    return session;
  }

  /** The UDP port shared by all sessions (the bound one when configured as 0). */
  public int udpPort() {
    return udpSockets.get(0).local().getPort();
  }

  /** The ICE-TCP port, or 0 when ICE-TCP is off. */
  public int tcpPort() {
    return tcpListener == null ? 0 : config.tcpPort();
  }

  /** Number of sessions not yet closed or failed. */
  public int sessionCount() {
    return sessions.size();
  }

  /** Open ICE-TCP connections, whether a session owns them yet or not. */
  public int tcpConnectionCount() {
    return tcpListener == null ? 0 : tcpListener.connectionCount();
  }

  /** Open sockets: the UDP sockets, the ICE-TCP listening sockets and connections. */
  public int openSocketCount() {
    int udp = (int) udpSockets.stream().filter(UdpSocket::isOpen).count();
    return udp + (tcpListener == null ? 0 : tcpListener.listeningCount() + tcpConnectionCount());
  }

  /**
   * Reader tasks running their loop now: {@link #readerTaskCount()} while all is well; fewer once
   * one ended, or while one has not started yet just after open.
   */
  public int readersRunning() {
    int udp = (int) udpSockets.stream().filter(UdpSocket::isReading).count();
    return udp + (tcpListener != null && tcpListener.isLooping() ? 1 : 0);
  }

  /** Whether every UDP socket and every ICE-TCP listening socket is bound and open. */
  public boolean portsBound() {
    return !closed.get()
        && udpSockets.stream().allMatch(UdpSocket::isOpen)
        && (tcpListener == null || tcpListener.allListening());
  }

  /** How many long-running reader tasks the endpoint runs (fixed at open). */
  public int readerTaskCount() {
    return udpSockets.size() + (tcpListener == null ? 0 : 1);
  }

  /**
   * How often a reader (a UDP port's or the ICE-TCP loop) failed and was restarted since open; each
   * is logged at ERROR.
   */
  public long readerRestarts() {
    long udp = udpSockets.stream().mapToLong(UdpSocket::restarts).sum();
    return udp + (tcpListener == null ? 0 : tcpListener.restarts());
  }

  /** The UDP sockets, for tests that break one. */
  List<UdpSocket> udpSockets() {
    return udpSockets;
  }

  /** The ICE-TCP listener or null, for tests that break it. */
  TcpListener tcpListener() {
    return tcpListener;
  }

  /** STUN checks answered since open. */
  public long stunAnswered() {
    return responder.answered();
  }

  /** STUN messages dropped since open (not a check, unknown ufrag, failed integrity). */
  public long stunRejected() {
    return responder.rejected();
  }

  /** Datagrams dropped on send because a socket had no room. */
  public long sendDrops() {
    long udp = udpSockets.stream().mapToLong(UdpSocket::sendDrops).sum();
    return udp + (tcpListener == null ? 0 : tcpListener.sendDrops());
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
        + (tcpListener == null ? ", ICE-TCP off" : ", ICE-TCP port " + tcpPort())
        + " on "
        + addresses;
  }

  /**
   * Closes every session, then the sockets, and waits for the reader tasks to end. Returns once the
   * ports can be bound again. Idempotent.
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
    udpSockets.forEach(s -> s.close(READER_STOP_MILLIS));
    if (tcpListener != null) {
      tcpListener.close(READER_STOP_MILLIS);
    }
    udpSockets.forEach(s -> PortProbe.awaitUdpPortFree(s.local(), PORT_RELEASE_WAIT));
    LOG.log(Level.INFO, "ICE endpoint closed ({0})", describe());
  }

  void forget(IceSession session) {
    sessions.remove(session.id(), session);
  }

  boolean canUse(IceCandidate remote) {
    return CandidateMapping.usable(remote, hostAddresses);
  }

  private String randomIceChars(int length) {
    var chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
    }
    return new String(chars);
  }

  /**
   * The consent watchdog's tick. It catches everything, per session and as a whole: a scheduled
   * task that throws is never run again, and then no silent session would ever be failed.
   */
  private static void checkLiveness(Map<String, IceSession> sessions) {
    try {
      long now = System.nanoTime();
      for (var session : sessions.values()) {
        try {
          session.checkLiveness(now);
        } catch (RuntimeException | Error e) {
          LOG.log(Level.WARNING, "Liveness check of " + session + " failed", e);
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "ICE consent watchdog tick failed", e);
    }
  }
}
