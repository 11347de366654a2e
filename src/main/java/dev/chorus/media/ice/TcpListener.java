package dev.chorus.media.ice;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
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
 * every session. Connections that no valid check has bound to a session within {@code
 * unboundTimeout} are closed, so port scanners and abandoned attempts do not pile up.
 */
final class TcpListener implements Runnable {
  private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());
  private static final long SWEEP_MILLIS = 500;

  private final Selector selector;
  private final List<ServerSocketChannel> servers;
  private final StunResponder responder;
  private final long unboundTimeoutNanos;
  private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final LongAdder sendDrops = new LongAdder();
  private volatile boolean closing;

  private TcpListener(
      Selector selector,
      List<ServerSocketChannel> servers,
      StunResponder responder,
      Duration unboundTimeout) {
    this.selector = selector;
    this.servers = servers;
    this.responder = responder;
    this.unboundTimeoutNanos = unboundTimeout.toNanos();
  }

  /**
   * Listens on every address of {@code addresses}.
   *
   * @throws java.net.BindException if the port is taken on one of them
   */
  static TcpListener listen(
      List<InetSocketAddress> addresses, StunResponder responder, Duration unboundTimeout)
      throws IOException {
    var selector = Selector.open();
    var servers = new ArrayList<ServerSocketChannel>();
    try {
      for (var address : addresses) {
        var server = ServerSocketChannel.open();
        servers.add(server);
        // Rebinding right after a close must not wait for TIME_WAIT connections.
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(address);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
      }
    } catch (IOException | RuntimeException e) {
      for (var server : servers) {
        server.close();
      }
      selector.close();
      throw e;
    }
    return new TcpListener(selector, List.copyOf(servers), responder, unboundTimeout);
  }

  /** Number of open connections, bound to a session or not. */
  int connectionCount() {
    return connections.size();
  }

  /** Listening sockets still open. */
  int listeningCount() {
    return (int) servers.stream().filter(ServerSocketChannel::isOpen).count();
  }

  long sendDrops() {
    return sendDrops.sum();
  }

  void countSendDrop() {
    sendDrops.increment();
  }

  void forget(TcpConnection connection) {
    connections.remove(connection);
  }

  @Override
  public void run() {
    long nextSweep = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
    try {
      while (!closing) {
        selector.select(SWEEP_MILLIS);
        for (var key : selector.selectedKeys()) {
          onReady(key);
        }
        selector.selectedKeys().clear();
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
          sweep(now);
          nextSweep = now + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
        }
      }
    } catch (ClosedSelectorException e) {
      // close() gave up waiting and closed it.
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        LOG.log(Level.ERROR, "ICE-TCP selector loop stopped", e);
      }
    } finally {
      closeAll();
      finished.countDown();
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

  private void accept(ServerSocketChannel server) throws IOException {
    SocketChannel channel;
    while ((channel = server.accept()) != null) {
      try {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        var key = channel.register(selector, SelectionKey.OP_READ);
        var connection =
            new TcpConnection(
                this,
                channel,
                key,
                (InetSocketAddress) channel.getLocalAddress(),
                (InetSocketAddress) channel.getRemoteAddress());
        key.attach(connection);
        connections.add(connection);
      } catch (IOException | RuntimeException e) {
        channel.close();
        LOG.log(Level.DEBUG, "ICE-TCP accept failed: {0}", e.toString());
      }
    }
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
    for (var server : servers) {
      try {
        server.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "ICE-TCP listener close failed", e);
      }
    }
  }
}
