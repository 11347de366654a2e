package dev.chorus.media.sfu.transport;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands DTLS handshakes to the small handshake pool fairly. A handshake blocks its thread until it
 * completes or times out, so a peer that sends ClientHellos and then nothing could otherwise fill
 * every thread for the length of the timeout and stall everyone's joins. Here at most {@code
 * perAddress} handshakes from one remote IP address, and at most {@code perOwner} of one owner key
 * (a user, when the caller says), are in the pool at once, running or queued there; the others wait
 * here, in arrival order, and are admitted as their address's and owner's handshakes end. Those
 * that wait past their deadline fail by their transport's own watchdog and, once admitted, return
 * at once.
 *
 * <p>Thread-safe; the lock guards only the counts and the waiting list, never a handshake or the
 * pool's {@code execute}. It also counts the handshakes running, for the admin stats.
 */
final class HandshakeAdmission {
  /** One handshake: where it comes from, whose it is (either may be null), what to run. */
  private record Entry(InetAddress address, String owner, Runnable task) {}

  private final Executor pool;
  private final AtomicInteger running = new AtomicInteger();
  private final int perAddress;
  private final int perOwner;
  private final Object lock = new Object();
  private final Map<InetAddress, Integer> byAddress = new HashMap<>();
  private final Map<String, Integer> byOwner = new HashMap<>();
  private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
  private long deferred;

  HandshakeAdmission(Executor pool, int perAddress, int perOwner) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.perAddress = perAddress;
    this.perOwner = perOwner;
  }

  /**
   * Runs {@code task} on the pool now, or once its address and owner have room.
   *
   * @throws RejectedExecutionException if the pool refuses it now (then it is not remembered)
   */
  void submit(InetAddress address, String owner, Runnable task) {
    var entry = new Entry(address, owner, Objects.requireNonNull(task, "task"));
    synchronized (lock) {
      if (!fits(entry)) {
        waiting.add(entry);
        deferred++;
        return;
      }
      take(entry);
    }
    start(entry);
  }

  /** Handshakes running on the pool now. */
  int running() {
    return running.get();
  }

  /** Handshakes waiting here for their address's or owner's turn. */
  int waiting() {
    synchronized (lock) {
      return waiting.size();
    }
  }

  /** Handshakes that had to wait here, since start. */
  long deferred() {
    synchronized (lock) {
      return deferred;
    }
  }

  private void start(Entry entry) {
    Runnable run =
        () -> {
          running.incrementAndGet();
          try {
            entry.task().run();
          } finally {
            running.decrementAndGet();
            finished(entry);
          }
        };
    try {
      pool.execute(run);
    } catch (RejectedExecutionException e) {
      give(entry);
      throw e;
    }
  }

  private void finished(Entry entry) {
    List<Entry> admitted = new ArrayList<>();
    synchronized (lock) {
      give(entry);
      for (Iterator<Entry> it = waiting.iterator(); it.hasNext(); ) {
        Entry next = it.next();
        if (fits(next)) {
          it.remove();
          take(next);
          admitted.add(next);
        }
      }
    }
    for (Entry next : admitted) {
      try {
        start(next);
      } catch (RejectedExecutionException e) {
        // The engine is closing and has closed every transport: the task returns at once, and
        // running it lets its transport see that its handshake ended.
        next.task().run();
      }
    }
  }

  private boolean fits(Entry entry) {
    return (entry.address() == null || byAddress.getOrDefault(entry.address(), 0) < perAddress)
        && (entry.owner() == null || byOwner.getOrDefault(entry.owner(), 0) < perOwner);
  }

  private void take(Entry entry) {
    if (entry.address() != null) {
      byAddress.merge(entry.address(), 1, Integer::sum);
    }
    if (entry.owner() != null) {
      byOwner.merge(entry.owner(), 1, Integer::sum);
    }
  }

  private void give(Entry entry) {
    synchronized (lock) {
      if (entry.address() != null) {
        byAddress.computeIfPresent(entry.address(), (k, n) -> n > 1 ? n - 1 : null);
      }
      if (entry.owner() != null) {
        byOwner.computeIfPresent(entry.owner(), (k, n) -> n > 1 ? n - 1 : null);
      }
    }
  }
}
