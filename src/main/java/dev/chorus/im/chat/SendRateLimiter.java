package dev.chorus.im.chat;

import dev.chorus.im.common.ThrottledException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per sender: a burst of {@code capacity} messages, refilled at {@code perSecond}.
 * Keeps one small record per active sender; buckets that are full again are forgotten.
 */
public final class SendRateLimiter {
  private final int capacity;
  private final double perSecond;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long lastNanos;
  }

  public SendRateLimiter(int capacity, double perSecond, Clock clock) {
    this.capacity = capacity;
    this.perSecond = perSecond;
    this.clock = clock;
  }

  /**
   * Takes one token for {@code senderId}.
   *
   * @throws ThrottledException if the bucket is empty
   */
  public void acquire(String senderId) {
    long now = clock.millis() * 1_000_000L;
    var bucket =
        buckets.computeIfAbsent(
            senderId,
            id -> {
              var b = new Bucket();
              b.tokens = capacity;
              b.lastNanos = now;
              return b;
            });
    synchronized (bucket) {
      double elapsed = Math.max(0, now - bucket.lastNanos) / 1e9;
      bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perSecond);
      bucket.lastNanos = now;
      if (bucket.tokens < 1) {
        long waitMillis = (long) Math.ceil((1 - bucket.tokens) / perSecond * 1000);
        throw new ThrottledException(
            "You are sending messages too fast. Wait a moment.", Duration.ofMillis(waitMillis));
      }
      bucket.tokens -= 1;
    }
    if (buckets.size() > 10_000) {
      buckets.values().removeIf(b -> b.tokens >= capacity - 1);
    }
  }
}
