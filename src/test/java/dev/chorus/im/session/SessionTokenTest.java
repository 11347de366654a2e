package dev.chorus.im.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionTokenTest {
  @Test
  void sessionExpiresAtItsDeadlineAndWhenRevoked() {
    var start = Instant.parse("2026-01-01T00:00:00Z");
    var s = new SessionToken("h", "acc", start, start.plus(Duration.ofHours(12)));
    assertTrue(s.isValidAt(start.plus(Duration.ofHours(12)).minusMillis(1)));
    assertFalse(s.isValidAt(start.plus(Duration.ofHours(12))), "expired exactly at expiresAt");
    s.revoke(start.plusSeconds(1));
    assertFalse(s.isValidAt(start.plusSeconds(2)));
  }
}
