package dev.chorus.im.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failures per key (a user and a room, a room, a username, a client address) in a sliding
 * window. Once a key has {@code maxFailures} failures inside the window it is refused until the
 * oldest of them leaves the window, even when the next try would be right, so guessing stays slow
 * and every refused try is cheap (no password hash is checked).
 *
 * <p>In memory on purpose: a restart forgives everyone, which is acceptable for a lockout measured
 * in minutes. Keys without a recent failure are forgotten now and then, so memory stays bounded by
 * the failures of one window.
 */
public final class FailureThrottle {
  private static final int EVICT_EVERY = 256;

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final AtomicInteger sinceEviction = new AtomicInteger();

  public FailureThrottle(int maxFailures, Duration window, Clock clock) {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("maxFailures >= 1 and a positive window are required");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** How long the key must wait, or empty if it may try now. */
  public Optional<Duration> blockedFor(String key) {
    var now = clock.instant();
    var times = failures.get(key);
    if (times == null) {
      return Optional.empty();
    }
    synchronized (times) {
      prune(times, now);
      if (times.size() < maxFailures) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
    }
  }

  public void recordFailure(String key) {
    var now = clock.instant();
    // compute() keeps eviction from dropping a deque while a failure is being added to it.
    failures.compute(
        key,
        (k, times) -> {
          var t = times == null ? new ArrayDeque<Instant>() : times;
          synchronized (t) {
            prune(t, now);
            t.addLast(now);
            // Only the newest maxFailures matter for the decision; older ones are dropped.
            while (t.size() > maxFailures) {
              t.removeFirst();
            }
          }
          return t;
        });
    if (sinceEviction.incrementAndGet() >= EVICT_EVERY) {
      sinceEviction.set(0);
      evictExpired();
    }
  }

  /** A success: the key starts afresh. */
  public void reset(String key) {
    failures.remove(key);
  }

  /** Forgets keys with no failure inside the window. */
  public void evictExpired() {
    var now = clock.instant();
    for (var key : failures.keySet()) {
      failures.computeIfPresent(
          key,
          (k, times) -> {
            synchronized (times) {
              prune(times, now);
              return times.isEmpty() ? null : times;
            }
          });
    }
  }

  /** How many keys are remembered now. */
  public int size() {
    return failures.size();
  }

  private void prune(Deque<Instant> times, Instant now) {
    var cutoff = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }
}
