package dev.chorus.im.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chorus.im.common.MutableClock;
import dev.chorus.im.common.ThrottledException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The send budget with a clock moved by hand (MessagingIT can only provoke it on a server faster
 * than the refill rate).
 */
class MessageRateLimitTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MessageRateLimit limiter = new MessageRateLimit();

  MessageRateLimitTest() {
    limiter.clock = clock;
    limiter.burst = 3;
    limiter.perSecond = 2;
    limiter.init();
  }

  @Test
  void aBurstThenRefusedWithAWaitThenRefilled() {
    for (int i = 0; i < 3; i++) {
      limiter.acquire("ann");
    }
    var refused = assertThrows(ThrottledException.class, () -> limiter.acquire("ann"));
    assertEquals(Duration.ofMillis(500), refused.retryAfter());
    limiter.acquire("bob"); // budgets are per sender
    clock.advance(Duration.ofMillis(500));
    limiter.acquire("ann");
    assertThrows(ThrottledException.class, () -> limiter.acquire("ann"));
  }
}
