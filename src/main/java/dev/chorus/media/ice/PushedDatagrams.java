package dev.chorus.media.ice;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.ice4j.TransportAddress;
import org.ice4j.util.Buffer;
import org.ice4j.util.BufferPool;

/**
 * One session's end of ice4j's push API: what ice4j's reader thread hands over is passed to the
 * session's {@link DatagramHandler} if it comes from a remote address whose pair succeeded (the
 * rule ice4j's own component socket applies in pull mode), and every buffer goes back to the pool
 * right after.
 */
final class PushedDatagrams {
  private static final System.Logger LOG = System.getLogger(PushedDatagrams.class.getName());

  private final Object lock = new Object();
  private volatile DatagramHandler handler;
  private volatile Set<SocketAddress> validated = Set.of();

  void setHandler(DatagramHandler newHandler) {
    this.handler = Objects.requireNonNull(newHandler, "handler");
  }

  /** Accepts data from {@code remote} from now on. */
  void validate(TransportAddress remote) {
    synchronized (lock) {
      Set<SocketAddress> next = new HashSet<>(validated);
      // A plain InetSocketAddress, equal to what the reader thread reports as the source.
      next.add(new InetSocketAddress(remote.getAddress(), remote.getPort()));
      validated = Set.copyOf(next);
    }
  }

  /**
   * Delivers one pushed buffer, or drops it.
   *
   * @return true if the handler got it
   */
  boolean deliver(Buffer buffer, boolean sessionEnded) {
    try {
      DatagramHandler h = handler;
      if (h == null || sessionEnded || !validated.contains(buffer.getRemoteAddress())) {
        return false;
      }
      h.onDatagram(buffer.getBuffer(), buffer.getOffset(), buffer.getLength());
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "Datagram handler failed", e);
      return false;
    } finally {
      BufferPool.returnBuffer.invoke(buffer);
    }
  }
}
