package dev.chorus.im.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chorus.im.common.ThrottledException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The send budget with a clock moved by hand (MessagingIT can only provoke it on a server faster
 * than the refill rate).
 */
class SendRateLimiterTest {
  private final HandClock clock = new HandClock();
  private final SendRateLimiter limiter = new SendRateLimiter(3, 2, clock);

  @Test
  void aBurstThenRefusedWithAWaitThenRefilled() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("ann");
    }
    var refused = assertThrows(ThrottledException.class, () -> limiter.acquire("ann"));
    assertEquals(Duration.ofMillis(500), refused.retryAfter());
    limiter.acquire("bob"); // budgets are per sender
    clock.now = clock.now.plusMillis(500);
    limiter.acquire("ann");
    assertThrows(ThrottledException.class, () -> limiter.acquire("ann"));
  }

  private static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public long millis() {
      return now.toEpochMilli();
    }
  }
}
