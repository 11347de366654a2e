package dev.chorus.media.ice;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The listening sockets of a {@link TcpListener}, one per host address on the shared ICE-TCP port,
 * registered for accepts on its selector; one that was closed under the loop is bound again on its
 * address by {@link #rebind}.
 */
final class ListeningSockets {
  private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());

  private final List<InetSocketAddress> addresses;
  private volatile List<ServerSocketChannel> servers;

  private ListeningSockets(List<InetSocketAddress> addresses, List<ServerSocketChannel> servers) {
    this.addresses = addresses;
    this.servers = servers;
  }

  /**
   * Listens on every address of {@code addresses}, registered with {@code selector}; none stays
   * open if one fails.
   *
   * @throws java.net.BindException if the port is taken on one of them
   */
  static ListeningSockets open(List<InetSocketAddress> addresses, Selector selector)
      throws IOException {
    var servers = new ArrayList<ServerSocketChannel>();
    var bound = new ArrayList<InetSocketAddress>();
    try {
      for (var address : addresses) {
        var server = listen(address, selector);
        servers.add(server);
        bound.add((InetSocketAddress) server.getLocalAddress());
      }
    } catch (IOException | RuntimeException e) {
      for (var server : servers) {
        server.close();
      }
      throw e;
    }
    return new ListeningSockets(List.copyOf(bound), List.copyOf(servers));
  }

  private static ServerSocketChannel listen(InetSocketAddress address, Selector selector)
      throws IOException {
    var server = ServerSocketChannel.open();
    try {
      // Rebinding right after a close must not wait for TIME_WAIT connections.
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(address);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Whether none was closed (no accept would ever fire again for a closed one). */
  boolean allOpen() {
    for (var server : servers) {
      if (!server.isOpen()) {
        return false;
      }
    }
    return true;
  }

  int openCount() {
    return (int) servers.stream().filter(ServerSocketChannel::isOpen).count();
  }

  /**
   * Binds again, on its address, each one that is closed or not registered with {@code selector}.
   */
  void rebind(Selector selector) throws IOException {
    var reopened = new ArrayList<ServerSocketChannel>();
    for (int i = 0; i < addresses.size(); i++) {
      var server = servers.get(i);
      if (!server.isOpen() || server.keyFor(selector) == null) {
        closeQuietly(server);
        server = listen(addresses.get(i), selector);
        LOG.log(Level.WARNING, "ICE-TCP port {0} listening again", addresses.get(i));
      }
      reopened.add(server);
    }
    servers = List.copyOf(reopened);
  }

  /** Turns accepting on or off on {@code selector}. */
  void setAccepting(Selector selector, boolean on) {
    for (var server : servers) {
      var key = server.keyFor(selector);
      if (key != null && key.isValid()) {
        key.interestOps(on ? SelectionKey.OP_ACCEPT : 0);
      }
    }
  }

  void closeAll() {
    servers.forEach(ListeningSockets::closeQuietly);
  }

  private static void closeQuietly(ServerSocketChannel server) {
    try {
      server.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "ICE-TCP listener close failed", e);
    }
  }
}
