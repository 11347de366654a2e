package dev.chorus.im.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (a username, a client address) in a sliding window. Once a key has
 * {@code maxFailures} failures inside the window it is refused until the oldest of them leaves the
 * window, even with the right password, so guessing stays slow.
 *
 * <p>In memory on purpose: a restart forgives everyone, which is acceptable for a lockout measured
 * in minutes.
 */
final class LoginThrottle {
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  LoginThrottle(int maxFailures, Duration window, Clock clock) {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("maxFailures >= 1 and a positive window are required");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** How long the key must wait, or empty if it may try now. */
  Optional<Duration> blockedFor(String key) {
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

  void recordFailure(String key) {
    var now = clock.instant();
    var times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
      // Only the newest maxFailures matter for the decision; older ones are dropped.
      while (times.size() > maxFailures) {
        times.removeFirst();
      }
    }
  }

  void reset(String key) {
    failures.remove(key);
  }

  /** Forgets keys with no failure inside the window, so memory stays bounded. */
  void evictExpired() {
    var now = clock.instant();
    failures
        .entrySet()
        .removeIf(
            e -> {
              synchronized (e.getValue()) {
                prune(e.getValue(), now);
                return e.getValue().isEmpty();
              }
            });
  }

  private void prune(Deque<Instant> times, Instant now) {
    var cutoff = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }
}
