package dev.chorus.media.ice;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many ICE-TCP connections (<a href="https://www.rfc-editor.org/rfc/rfc6544#section-7.2">RFC
 * 6544 §7.2</a>) may wait for their first valid check, in all and per source address. Anyone can
 * open a TCP connection to the passive candidate; until a check authenticated with a session's
 * password binds it, it is a stranger's, so strangers get a bounded share of sockets and memory and
 * one address cannot take all of it.
 *
 * <p>Thread safety: any thread.
 */
final class UnboundQuota {
  private final int total;
  private final int perAddress;
  private final AtomicInteger used = new AtomicInteger();
  private final Map<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();

  /**
   * @param total connections waiting for a check, from anywhere
   * @param perAddress of those, from one source address
   */
  UnboundQuota(int total, int perAddress) {
    if (total < 1 || perAddress < 1) {
      throw new IllegalArgumentException("limits must be positive: " + total + ", " + perAddress);
    }
    this.total = total;
    this.perAddress = perAddress;
  }

  /**
   * Takes one place for a connection from {@code source}.
   *
   * @return false if a limit is reached: refuse the connection
   */
  boolean tryAdmit(InetAddress source) {
    if (used.incrementAndGet() > total) {
      used.decrementAndGet();
      return false;
    }
    boolean[] admitted = {false};
    byAddress.compute(
        source,
        (address, count) -> {
          int current = count == null ? 0 : count;
          if (current >= perAddress) {
            return count;
          }
          admitted[0] = true;
          return current + 1;
        });
    if (!admitted[0]) {
      used.decrementAndGet();
    }
    return admitted[0];
  }

  /** Gives back the place of an admitted connection (it was bound to a session, or closed). */
  void release(InetAddress source) {
    byAddress.computeIfPresent(source, (address, count) -> count <= 1 ? null : count - 1);
    used.decrementAndGet();
  }

  /** Places taken. */
  int used() {
    return used.get();
  }
}
