package dev.chorus.media.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.TcpHarvester;

/**
 * ice4j's ICE-TCP listener (passive candidates of RFC 6544, RFC 4571 framing) with two changes this
 * package needs.
 *
 * <ul>
 *   <li>It listens on loopback addresses too: ice4j drops them unconditionally, which would make
 *       ICE-TCP impossible on a development machine and in tests on 127.0.0.1.
 *   <li>{@link #close()} returns once the listening sockets are really closed: ice4j only sets a
 *       flag that its accept thread checks every 3 seconds, so the port would stay bound for up to
 *       3 s after close.
 * </ul>
 */
final class PassiveTcpHarvester extends TcpHarvester {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  PassiveTcpHarvester(List<TransportAddress> addresses) throws IOException {
    super(addresses);
  }

  @Override
  protected void addLocalAddresses(List<TransportAddress> transportAddresses) {
    // Called from the super constructor; uses nothing of this class's own state.
    localAddresses.addAll(transportAddresses);
  }

  /** The addresses listened on. */
  List<TransportAddress> addresses() {
    return List.copyOf(localAddresses);
  }

  @Override
  public void close() {
    super.close();
    for (var address : localAddresses) {
      // A connection attempt wakes the accept thread's select(); it then sees the close flag
      // and closes the server sockets. Repeat until connecting is refused.
      PortProbe.awaitTcpListenerGone(
          new InetSocketAddress(address.getAddress(), address.getPort()), CLOSE_WAIT);
    }
  }
}
