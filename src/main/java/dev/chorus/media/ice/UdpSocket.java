package dev.chorus.media.ice;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One shared UDP port on one host address and its reader: a non-blocking {@link DatagramChannel}
 * read by ONE long-running task (a selector loop) for every session on it. Each datagram is sorted
 * by RFC 7983's first byte: STUN goes to the {@link StunResponder}; anything else from a remote
 * address a valid check has bound to a session goes to that session's handler, on this thread;
 * anything else is dropped and counted.
 *
 * <p>Sending is allowed from any thread and never blocks: a datagram the kernel has no room for is
 * dropped, like a packet lost on the network.
 *
 * <p>Supervised: the reader survives anything but {@link #close}. A datagram whose handling throws
 * costs only itself; any other failure of the loop (an {@link Error} from a handler, a failing
 * selector, the channel closed under it) is logged, counted ({@link #restarts()}) and the loop
 * starts again ({@link Supervisor}), on a newly bound channel on the same address if the old one
 * was closed. The routes, and so every session on the port, are kept.
 */
final class UdpSocket implements Runnable {
  private static final System.Logger LOG = System.getLogger(UdpSocket.class.getName());

  /** Larger than any media datagram; longer ones are truncated and then fail SRTP. */
  static final int MAX_DATAGRAM = 4096;

  private static final long SELECT_MILLIS = 1000;

  private volatile DatagramChannel channel;
  private volatile Selector selector;
  private final InetSocketAddress local;
  private final StunResponder responder;
  private final Map<InetSocketAddress, IceSession> routes = new ConcurrentHashMap<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final LongAdder unrouted = new LongAdder();
  private final LongAdder sendDrops = new LongAdder();
  private final Supervisor supervisor;
  private volatile boolean closing;

  private UdpSocket(
      DatagramChannel channel, Selector selector, InetSocketAddress local, StunResponder r) {
    this.channel = channel;
    this.selector = selector;
    this.local = local;
    this.responder = r;
    this.supervisor = new Supervisor("UDP reader on " + local);
  }

  /**
   * Binds {@code address} (port 0: ephemeral) without SO_REUSEADDR, so a port another process holds
   * fails here instead of being shared.
   *
   * @throws java.net.BindException if the port is taken
   */
  static UdpSocket bind(InetSocketAddress address, StunResponder responder) throws IOException {
    var channel = open(address);
    try {
      var selector = Selector.open();
      try {
        channel.register(selector, SelectionKey.OP_READ);
      } catch (IOException | RuntimeException e) {
        selector.close();
        throw e;
      }
      return new UdpSocket(
          channel, selector, (InetSocketAddress) channel.getLocalAddress(), responder);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static DatagramChannel open(InetSocketAddress address) throws IOException {
    var family =
        address.getAddress() instanceof java.net.Inet6Address
            ? StandardProtocolFamily.INET6
            : StandardProtocolFamily.INET;
    var channel = DatagramChannel.open(family);
    try {
      channel.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, false);
      channel.bind(address);
      channel.configureBlocking(false);
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  InetSocketAddress local() {
    return local;
  }

  boolean isOpen() {
    return channel.isOpen();
  }

  /** Whether the reader task runs its loop now. */
  boolean isReading() {
    return supervisor.isRunning();
  }

  /** The reader and its supervisor: runs until {@link #close()}, whatever happens meanwhile. */
  @Override
  public void run() {
    var buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    try {
      supervisor.run(() -> read(buffer), this::reopenIfClosed);
    } finally {
      closeQuietly();
      finished.countDown();
    }
  }

  /** The read loop, until {@link #close()} or a failure. */
  private void read(ByteBuffer buffer) throws IOException {
    byte[] bytes = buffer.array();
    var selector = this.selector;
    var channel = this.channel;
    while (!closing) {
      // Bounded, so that a channel closed under the selector (which then never fires) is seen.
      selector.select(SELECT_MILLIS);
      selector.selectedKeys().clear();
      if (!channel.isOpen()) {
        throw new ClosedChannelException();
      }
      while (!closing) {
        buffer.clear();
        var remote = (InetSocketAddress) channel.receive(buffer);
        if (remote == null) {
          break;
        }
        onDatagram(bytes, buffer.position(), remote);
      }
    }
  }

  /**
   * After a failure: if the channel or the selector was closed, binds the same address again.
   *
   * @return false if that failed (to be tried again after a pause); true if nothing was closed, it
   *     is bound again, or the socket is closing
   */
  private boolean reopenIfClosed() {
    if (closing || channel.isOpen() && selector.isOpen()) {
      return true;
    }
    closeQuietly(); // also deregisters the old channel, which frees the port
    try {
      var fresh = open(local);
      var freshSelector = Selector.open();
      try {
        fresh.register(freshSelector, SelectionKey.OP_READ);
      } catch (IOException | RuntimeException e) {
        freshSelector.close();
        fresh.close();
        throw e;
      }
      channel = fresh;
      selector = freshSelector;
      if (closing) {
        closeQuietly(); // close() may have closed the old ones only
      }
      LOG.log(Level.WARNING, "UDP port {0} bound again after its socket was closed", local);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "UDP port " + local + " cannot be bound again yet", e);
      return false;
    }
  }

  private void onDatagram(byte[] buf, int len, InetSocketAddress remote) {
    try {
      if (StunIntegrity.looksLikeStun(buf, 0, len)) {
        var path = new UdpPath(this, remote);
        byte[] response = responder.respond(buf, 0, len, path);
        if (response != null) {
          send(response, 0, response.length, remote);
        }
        return;
      }
      var session = routes.get(remote);
      if (session == null) {
        unrouted.increment();
        return;
      }
      session.deliver(buf, 0, len);
    } catch (RuntimeException e) {
      // A bug in a handler must not stop the port for everyone.
      LOG.log(Level.DEBUG, "Datagram from " + remote + " failed", e);
    }
  }

  /** Sends without blocking; false if dropped (kernel buffer full, closed). */
  boolean send(byte[] buf, int off, int len, InetSocketAddress remote) {
    try {
      if (channel.send(ByteBuffer.wrap(buf, off, len), remote) == 0) {
        sendDrops.increment();
        return false;
      }
      return true;
    } catch (IOException | RuntimeException e) {
      sendDrops.increment();
      return false;
    }
  }

  /**
   * Routes {@code remote} to {@code session} unless another session holds it. Sessions give their
   * routes back when they end, so a held route is a live session's: a check for another session
   * from that address (spoofed, or a captured check replayed) must not take its traffic.
   *
   * @return false if another session holds the route
   */
  boolean route(InetSocketAddress remote, IceSession session) {
    var holder = routes.putIfAbsent(remote, session);
    if (holder != null && holder != session) {
      LOG.log(Level.DEBUG, "{0} belongs to {1}, not moved to {2}", remote, holder, session);
      return false;
    }
    return true;
  }

  /** The session {@code remote} is routed to, or null. */
  IceSession routeOf(InetSocketAddress remote) {
    return routes.get(remote);
  }

  void unroute(InetSocketAddress remote, IceSession session) {
    routes.remove(remote, session);
  }

  /** Remote addresses currently routed to a session. */
  int routeCount() {
    return routes.size();
  }

  /** Non-STUN datagrams from addresses no session has validated. */
  long unroutedDatagrams() {
    return unrouted.sum();
  }

  long sendDrops() {
    return sendDrops.sum();
  }

  /** How often the reader failed and was restarted. */
  long restarts() {
    return supervisor.restarts();
  }

  /** Closes the channel under the reader, as a bug elsewhere could; for tests. */
  void closeChannelForTest() throws IOException {
    channel.close();
  }

  /** Stops the reader and closes the channel; waits up to {@code waitMillis} for the reader. */
  void close(long waitMillis) {
    closing = true;
    supervisor.stop();
    selector.wakeup();
    try {
      if (!finished.await(waitMillis, TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING, "UDP reader on {0} did not stop in time", local);
        closeQuietly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly();
    }
  }

  /** For a reader that never started (the executor refused it). */
  void abandon() {
    closing = true;
    supervisor.stop();
    closeQuietly();
    finished.countDown();
  }

  private void closeQuietly() {
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Selector close failed", e);
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Channel close failed", e);
    }
  }

  @Override
  public String toString() {
    return "UdpSocket[" + local + "]";
  }
}
