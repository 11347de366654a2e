package dev.chorus.im.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.common.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock);

  @Test
  void blocksAfterMaxFailuresUntilTheOldestLeavesTheWindow() {
    throttle.recordFailure("u:alice");
    clock.advance(Duration.ofMinutes(1));
    throttle.recordFailure("u:alice");
    assertEquals(Optional.empty(), throttle.blockedFor("u:alice"));
    throttle.recordFailure("u:alice");
    assertEquals(Optional.of(Duration.ofMinutes(4)), throttle.blockedFor("u:alice"));
    clock.advance(Duration.ofMinutes(4));
    assertEquals(Optional.empty(), throttle.blockedFor("u:alice"), "first failure has expired");
  }

  @Test
  void keysAreIndependentAndResetForgives() {
    for (int i = 0; i < 3; i++) {
      throttle.recordFailure("u:bob");
    }
    assertTrue(throttle.blockedFor("u:bob").isPresent());
    assertTrue(throttle.blockedFor("u:carol").isEmpty());
    throttle.reset("u:bob");
    assertTrue(throttle.blockedFor("u:bob").isEmpty());
  }

  @Test
  void evictionDropsKeysWithNoRecentFailure() {
    throttle.recordFailure("c:10.0.0.1");
    clock.advance(Duration.ofMinutes(6));
    throttle.evictExpired();
    throttle.recordFailure("c:10.0.0.1");
    throttle.recordFailure("c:10.0.0.1");
    assertTrue(throttle.blockedFor("c:10.0.0.1").isEmpty(), "the old failure no longer counts");
  }

  @Test
  void retryAfterRoundsUpToWholeSeconds() {
    assertEquals(1, SessionService.roundUpSeconds(Duration.ofMillis(1)));
    assertEquals(2, SessionService.roundUpSeconds(Duration.ofMillis(1001)));
    assertEquals(1, SessionService.roundUpSeconds(Duration.ZERO));
  }
}
