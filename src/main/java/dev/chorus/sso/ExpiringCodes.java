package dev.chorus.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Single-use secrets that expire: the state of a sign-in under way at the provider, and the
 * one-time code that hands a finished sign-in to the page. Kept in memory (a sign-in lasts minutes,
 * and losing them on a restart only means clicking the button again), bounded by a cap so a flood
 * of started sign-ins cannot exhaust the heap.
 *
 * <p>Entries go in with a constant lifetime, so the oldest are always at the head of the
 * insertion-ordered map and purging expired ones stops at the first live entry.
 *
 * @param <V> what a code stands for
 */
final class ExpiringCodes<V> {
  /** Why {@link #take} found nothing usable. */
  enum Miss {
    /** Never issued, already used, or purged long ago. */
    UNKNOWN,
    /** Issued but older than the lifetime. */
    EXPIRED
  }

  /** What {@link #take} found: the value, or why not. */
  sealed interface Taken<V> {}

  record Found<V>(V value) implements Taken<V> {}

  record Missing<V>(Miss reason) implements Taken<V> {}

  private record Entry<V>(V value, Instant expiresAt) {}

  private final Duration lifetime;
  private final int capacity;
  private final Clock clock;
  private final Map<String, Entry<V>> entries = new LinkedHashMap<>();
  // Expired entries kept a while longer, so a late callback says "expired", not "unknown".
  private final Duration grace;

  ExpiringCodes(Duration lifetime, int capacity, Clock clock) {
    if (lifetime.isNegative() || lifetime.isZero() || capacity < 1) {
      throw new IllegalArgumentException("lifetime and capacity must be positive");
    }
    this.lifetime = lifetime;
    this.capacity = capacity;
    this.clock = clock;
    this.grace = lifetime;
  }

  /**
   * Remembers {@code value} under {@code code}.
   *
   * @return false when full of live entries: the caller refuses the sign-in (try again later)
   */
  synchronized boolean put(String code, V value) {
    Objects.requireNonNull(code);
    Objects.requireNonNull(value);
    var now = clock.instant();
    purge(now);
    if (entries.size() >= capacity) {
      dropExpired(now);
    }
    if (entries.size() >= capacity) {
      return false;
    }
    entries.put(code, new Entry<>(value, now.plus(lifetime)));
    return true;
  }

  /** Removes the code (a code is good once, whatever the outcome) and says what it held. */
  synchronized Taken<V> take(String code) {
    if (code == null) {
      return new Missing<>(Miss.UNKNOWN);
    }
    var now = clock.instant();
    purge(now);
    var entry = entries.remove(code);
    if (entry == null) {
      return new Missing<>(Miss.UNKNOWN);
    }
    if (!now.isBefore(entry.expiresAt())) {
      return new Missing<>(Miss.EXPIRED);
    }
    return new Found<>(entry.value());
  }

  synchronized int size() {
    return entries.size();
  }

  /** Forgets entries past their lifetime plus the grace period. */
  private void purge(Instant now) {
    removeHeadWhile(e -> !now.isBefore(e.expiresAt().plus(grace)));
  }

  /** Under pressure, expired entries go at once, grace or not. */
  private void dropExpired(Instant now) {
    removeHeadWhile(e -> !now.isBefore(e.expiresAt()));
  }

  private void removeHeadWhile(Predicate<Entry<V>> dead) {
    Iterator<Entry<V>> it = entries.values().iterator();
    while (it.hasNext() && dead.test(it.next())) {
      it.remove();
    }
  }
}
