package dev.chorus.im.common;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key: a burst of {@code capacity}, refilled at {@code perSecond}. Buckets that
 * are full again carry no information and are forgotten, so memory follows the keys active within
 * one refill time; beyond {@code maxKeys} active keys, new keys are refused until some refill.
 */
public final class TokenBuckets {
  private final int capacity;
  private final double perSecond;
  private final int maxKeys;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long lastMillis;
  }

  public TokenBuckets(int capacity, double perSecond, int maxKeys, Clock clock) {
    if (capacity < 1 || !(perSecond > 0) || maxKeys < 1) {
      throw new IllegalArgumentException("capacity >= 1, perSecond > 0 and maxKeys >= 1 required");
    }
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.maxKeys = maxKeys;
    this.clock = clock;
  }

  /** Takes one token for {@code key}; empty if taken, else how long until one is available. */
  public Optional<Duration> tryTake(String key) {
    long now = clock.millis();
    var bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxKeys) {
        evictFull(now);
        if (buckets.size() >= maxKeys) {
          return Optional.of(Duration.ofMillis(refillMillis(1)));
        }
      }
      bucket = buckets.computeIfAbsent(key, k -> newBucket(now));
    }
    synchronized (bucket) {
      refill(bucket, now);
      if (bucket.tokens < 1) {
        return Optional.of(Duration.ofMillis(refillMillis(1 - bucket.tokens)));
      }
      bucket.tokens -= 1;
      return Optional.empty();
    }
  }

  /** Gives back a token taken by {@link #tryTake} for work that was refused later on. */
  public void giveBack(String key) {
    var bucket = buckets.get(key);
    if (bucket != null) {
      synchronized (bucket) {
        bucket.tokens = Math.min(capacity, bucket.tokens + 1);
      }
    }
  }

  /** Keys currently tracked (for tests and stats). */
  public int size() {
    return buckets.size();
  }

  private Bucket newBucket(long now) {
    var b = new Bucket();
    b.tokens = capacity;
    b.lastMillis = now;
    return b;
  }

  private void refill(Bucket bucket, long now) {
    double elapsed = Math.max(0, now - bucket.lastMillis) / 1000.0;
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perSecond);
    bucket.lastMillis = now;
  }

  private void evictFull(long now) {
    buckets
        .values()
        .removeIf(
            b -> {
              synchronized (b) {
                refill(b, now);
                return b.tokens >= capacity;
              }
            });
  }

  private long refillMillis(double tokens) {
    return Math.max(1, (long) Math.ceil(tokens / perSecond * 1000));
  }
}
