package dev.chorus.media.ice;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The passive ICE-TCP candidates (<a href="https://www.rfc-editor.org/rfc/rfc6544#section-4.1">RFC
 * 6544 §4.1</a>): one listening socket per host address on the shared TCP port, and ONE selector
 * loop, a single long-running task, that accepts, reads and finishes writes for every connection of
 * every session.
 *
 * <p>Strangers are bounded ({@link Limits}): a connection that no valid check has bound to a
 * session yet counts against a global and a per-source-address {@link UnboundQuota} (beyond it a
 * new connection is closed at once), holds only a small input buffer, and is closed after {@code
 * unboundTimeout}, so port scanners, floods and abandoned attempts do not pile up. When accepting
 * fails (e.g. "Too many open files"), accepting pauses briefly instead of spinning the selector.
 *
 * <p>Supervised like {@link UdpSocket}: one connection's failure closes only that connection; any
 * other failure of the loop (an {@link Error}, a listening socket closed under it) is logged,
 * counted ({@link #restarts()}) and the loop starts again, binding a closed listening socket again
 * on its address. Only if the selector itself was closed are the open connections lost (their
 * sessions fail by consent, and the browser may connect again).
 */
final class TcpListener implements Runnable {
  private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());
  private static final long SWEEP_MILLIS = 500;
  private static final long ACCEPT_PAUSE_MILLIS = 200;

  /**
   * Bounds on connections that no valid check has bound to a session yet.
   *
   * @param unboundTimeout how long one may wait for its first valid check
   * @param maxUnbound how many may wait at once
   * @param maxUnboundPerAddress how many of those may come from one source address
   */
  record Limits(Duration unboundTimeout, int maxUnbound, int maxUnboundPerAddress) {
    /** A browser checks a new connection at once; 5 s covers a slow start, not an idle socket. */
    static final Duration UNBOUND_TIMEOUT = Duration.ofSeconds(5);

    static final int MAX_UNBOUND = 256;
    static final int MAX_UNBOUND_PER_ADDRESS = 16;

    /** The defaults, with the timeout shortened to {@code consentTimeout} if that is shorter. */
    static Limits defaults(Duration consentTimeout) {
      var timeout =
          consentTimeout.compareTo(UNBOUND_TIMEOUT) < 0 ? consentTimeout : UNBOUND_TIMEOUT;
      return new Limits(timeout, MAX_UNBOUND, MAX_UNBOUND_PER_ADDRESS);
    }
  }

  private volatile Selector selector;
  private final ListeningSockets servers;
  private final StunResponder responder;
  private final long unboundTimeoutNanos;
  private final UnboundQuota quota;
  private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final LongAdder sendDrops = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final Supervisor supervisor = new Supervisor("ICE-TCP selector loop");
  private long acceptResumeAt; // selector thread only; 0 while accepting
  private volatile boolean closing;

  private TcpListener(
      Selector selector, ListeningSockets servers, StunResponder responder, Limits limits) {
    this.selector = selector;
    this.servers = servers;
    this.responder = responder;
    this.unboundTimeoutNanos = limits.unboundTimeout().toNanos();
    this.quota = new UnboundQuota(limits.maxUnbound(), limits.maxUnboundPerAddress());
  }

  /**
   * Listens on every address of {@code addresses}.
   *
   * @throws java.net.BindException if the port is taken on one of them
   */
  static TcpListener listen(
      List<InetSocketAddress> addresses, StunResponder responder, Limits limits)
      throws IOException {
    var selector = Selector.open();
    ListeningSockets servers;
    try {
      servers = ListeningSockets.open(addresses, selector);
    } catch (IOException | RuntimeException e) {
      selector.close();
      throw e;
    }
    return new TcpListener(selector, servers, responder, limits);
  }

  /** Number of open connections, bound to a session or not. */
  int connectionCount() {
    return connections.size();
  }

  /** Listening sockets still open. */
  int listeningCount() {
    return servers.openCount();
  }

  /** Whether every listening socket is open. */
  boolean allListening() {
    return servers.allOpen();
  }

  /** Whether the selector loop runs now. */
  boolean isLooping() {
    return supervisor.isRunning();
  }

  long sendDrops() {
    return sendDrops.sum();
  }

  void countSendDrop() {
    sendDrops.increment();
  }

  /** Connections closed at once because the {@link UnboundQuota} was full. */
  long refusedConnections() {
    return refused.sum();
  }

  /** Connections waiting for their first valid check. */
  int unboundCount() {
    return quota.used();
  }

  /** An admitted connection was bound to a session or closed before that: it no longer waits. */
  void releaseUnbound(TcpConnection connection) {
    quota.release(connection.remote().getAddress());
  }

  void forget(TcpConnection connection) {
    connections.remove(connection);
  }

  /** Closes the listening sockets under the loop, as a bug elsewhere could; for tests. */
  void closeServersForTest() {
    servers.closeAll();
  }

  /** How often the loop failed and was restarted. */
  long restarts() {
    return supervisor.restarts();
  }

  /** The loop and its supervisor: runs until {@link #close}, whatever happens meanwhile. */
  @Override
  public void run() {
    try {
      supervisor.run(this::loop, this::reopenIfClosed);
    } finally {
      closeAll();
      finished.countDown();
    }
  }

  private void loop() throws IOException {
    var selector = this.selector;
    long nextSweep = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
    while (!closing) {
      selector.select(acceptResumeAt != 0 ? ACCEPT_PAUSE_MILLIS : SWEEP_MILLIS);
      for (var key : selector.selectedKeys()) {
        onReady(key);
      }
      selector.selectedKeys().clear();
      if (!servers.allOpen()) {
        throw new ClosedChannelException(); // no accept would ever fire for it again
      }
      long now = System.nanoTime();
      if (acceptResumeAt != 0 && now - acceptResumeAt >= 0) {
        setAccepting(true);
      }
      if (now - nextSweep >= 0) {
        sweep(now);
        nextSweep = now + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
      }
    }
  }

  /**
   * After a failure: a new selector if it was closed (its connections are lost), and every closed
   * listening socket bound again on its address.
   *
   * @return false if that failed (to be tried again after a pause)
   */
  private boolean reopenIfClosed() {
    if (closing) {
      return true;
    }
    try {
      if (!selector.isOpen()) {
        for (var connection : List.copyOf(connections)) {
          connection.close();
        }
        servers.closeAll();
        selector = Selector.open();
      }
      servers.rebind(selector);
      acceptResumeAt = 0;
      if (closing) {
        closeAll(); // close() may have closed the old ones only
      }
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "ICE-TCP port cannot be listened on again yet", e);
      return false;
    }
  }

  private void onReady(SelectionKey key) {
    try {
      if (!key.isValid()) {
        return;
      }
      if (key.isAcceptable()) {
        accept((ServerSocketChannel) key.channel());
        return;
      }
      var connection = (TcpConnection) key.attachment();
      if (key.isWritable()) {
        connection.onWritable();
      }
      if (key.isValid() && key.isReadable()) {
        connection.onReadable(responder);
      }
    } catch (IOException | RuntimeException e) {
      // One connection's trouble (reset, cancelled key) is that connection's end only.
      if (key.attachment() instanceof TcpConnection connection) {
        connection.close();
      }
      LOG.log(Level.DEBUG, "ICE-TCP connection failed: {0}", e.toString());
    }
  }

  private void accept(ServerSocketChannel server) {
    while (true) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (IOException e) {
        // Typically out of file descriptors: the pending connection stays in the backlog and the
        // key stays ready, so retrying now would spin. Give the sweep and closes time to free some.
        LOG.log(Level.WARNING, "ICE-TCP accept failed, pausing accepts: {0}", e.toString());
        setAccepting(false);
        return;
      }
      if (channel == null) {
        return;
      }
      register(channel);
    }
  }

  private void register(SocketChannel channel) {
    try {
      var remote = (InetSocketAddress) channel.getRemoteAddress();
      if (!quota.tryAdmit(remote.getAddress())) {
        refused.increment();
        LOG.log(Level.DEBUG, "Refusing ICE-TCP connection from {0}: too many unbound", remote);
        channel.close();
        return;
      }
      try {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        var key = channel.register(selector, SelectionKey.OP_READ);
        var connection =
            new TcpConnection(
                this, channel, key, (InetSocketAddress) channel.getLocalAddress(), remote);
        key.attach(connection);
        connections.add(connection);
      } catch (IOException | RuntimeException e) {
        quota.release(remote.getAddress());
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing more to free.
      }
      LOG.log(Level.DEBUG, "ICE-TCP accept failed: {0}", e.toString());
    }
  }

  private void setAccepting(boolean on) {
    acceptResumeAt =
        on
            ? 0
            : Math.max(1, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_PAUSE_MILLIS));
    servers.setAccepting(selector, on);
  }

  private void sweep(long now) {
    for (var connection : connections) {
      if (!connection.isBound() && now - connection.openedAt() > unboundTimeoutNanos) {
        LOG.log(Level.DEBUG, "Closing ICE-TCP connection without a valid check: {0}", connection);
        connection.close();
      }
    }
  }

  /** Stops the loop, closes every connection and listening socket, waits for the loop to end. */
  void close(long waitMillis) {
    closing = true;
    supervisor.stop();
    selector.wakeup();
    try {
      if (!finished.await(waitMillis, TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING, "ICE-TCP selector loop did not stop in time");
        closeAll();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeAll();
    }
  }

  /** For a loop that never started (the executor refused it). */
  void abandon() {
    closing = true;
    supervisor.stop();
    closeAll();
    finished.countDown();
  }

  private void closeAll() {
    for (var connection : List.copyOf(connections)) {
      connection.close();
    }
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Selector close failed", e);
    }
    servers.closeAll();
  }
}
