package dev.chorus.im.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FailureThrottle throttle = new FailureThrottle(3, Duration.ofMinutes(5), clock);

  @Test
  void blocksAfterMaxFailuresUntilTheOldestLeavesTheWindow() {
    throttle.recordFailure("bob|room-1");
    clock.advance(Duration.ofMinutes(1));
    throttle.recordFailure("bob|room-1");
    assertEquals(Optional.empty(), throttle.blockedFor("bob|room-1"));
    throttle.recordFailure("bob|room-1");
    assertEquals(Optional.of(Duration.ofMinutes(4)), throttle.blockedFor("bob|room-1"));
    assertTrue(throttle.blockedFor("bob|room-2").isEmpty(), "keys are independent");
    clock.advance(Duration.ofMinutes(4));
    assertEquals(Optional.empty(), throttle.blockedFor("bob|room-1"), "first failure expired");
  }

  @Test
  void resetForgivesAndEvictionForgetsQuietKeys() {
    for (int i = 0; i < 3; i++) {
      throttle.recordFailure("a");
    }
    throttle.recordFailure("b");
    assertTrue(throttle.blockedFor("a").isPresent());
    throttle.reset("a");
    assertTrue(throttle.blockedFor("a").isEmpty());
    assertEquals(1, throttle.size());
    clock.advance(Duration.ofMinutes(6));
    throttle.evictExpired();
    assertEquals(0, throttle.size());
  }

  @Test
  void anEvictedFailureNoLongerCounts() {
    throttle.recordFailure("c:10.0.0.1");
    clock.advance(Duration.ofMinutes(6));
    throttle.evictExpired();
    throttle.recordFailure("c:10.0.0.1");
    throttle.recordFailure("c:10.0.0.1");
    assertTrue(throttle.blockedFor("c:10.0.0.1").isEmpty(), "the old failure no longer counts");
  }

  @Test
  void manyKeysDoNotPileUpBeyondOneWindow() {
    for (int i = 0; i < 1000; i++) {
      throttle.recordFailure("k" + i);
      clock.advance(Duration.ofSeconds(1));
    }
    // Evicted as failures come in: only keys of the last five minutes (and one batch) remain.
    assertTrue(throttle.size() < 300 + 256, "remembered " + throttle.size());
  }

  @Test
  void refusesNonsenseSettings() {
    assertThrows(
        IllegalArgumentException.class, () -> new FailureThrottle(0, Duration.ZERO, clock));
  }

  @Test
  void retryAfterIsRoundedUpToWholeSeconds() {
    assertEquals(1, ThrottledException.seconds(Duration.ofMillis(1)));
    assertEquals(2, ThrottledException.seconds(Duration.ofMillis(1001)));
    assertEquals(1, ThrottledException.seconds(Duration.ZERO));
  }
}
