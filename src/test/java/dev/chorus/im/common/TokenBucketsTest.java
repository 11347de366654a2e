package dev.chorus.im.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void aBurstThenOneTokenPerRefillInterval() {
    var buckets = new TokenBuckets(3, 0.5, 10, clock); // one token every 2 s
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.empty(), buckets.tryTake("a"));
    }
    assertEquals(Optional.of(Duration.ofSeconds(2)), buckets.tryTake("a"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.of(Duration.ofSeconds(1)), buckets.tryTake("a"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), buckets.tryTake("a"));
    assertTrue(buckets.tryTake("a").isPresent());
  }

  @Test
  void keysAreIndependentAndGiveBackRestoresAToken() {
    var buckets = new TokenBuckets(1, 0.001, 10, clock);
    assertEquals(Optional.empty(), buckets.tryTake("a"));
    assertTrue(buckets.tryTake("a").isPresent());
    assertEquals(Optional.empty(), buckets.tryTake("b"));
    buckets.giveBack("a");
    assertEquals(Optional.empty(), buckets.tryTake("a"));
  }

  @Test
  void memoryIsCappedAndFullBucketsAreForgotten() {
    var buckets = new TokenBuckets(1, 1, 2, clock);
    buckets.tryTake("a");
    buckets.tryTake("b");
    assertTrue(buckets.tryTake("c").isPresent(), "no room for a third key while a and b refill");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), buckets.tryTake("c"), "a and b are full again and forgotten");
    assertEquals(1, buckets.size());
  }
}
