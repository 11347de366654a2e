package dev.chorus.im.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistrationInviteTest {
  private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
  private final RegistrationInvite invite =
      new RegistrationInvite("hash", "admin-id", start, start.plus(Duration.ofDays(7)));

  @Test
  void usableUntilItExpires() {
    assertEquals(Optional.empty(), invite.refusalAt(start.plus(Duration.ofDays(7)).minusMillis(1)));
    var expired = invite.refusalAt(start.plus(Duration.ofDays(7)));
    assertTrue(expired.orElseThrow().contains("expired"));
  }

  @Test
  void usableOnce() {
    invite.useFor("new-account", start.plusSeconds(1));
    assertTrue(invite.refusalAt(start.plusSeconds(2)).orElseThrow().contains("already been used"));
  }
}
