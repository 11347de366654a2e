package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SocketRateLimitsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

  @Test
  void everyRoutedTypeHasARateLimit() throws Exception {
    var routed = HandledTypes.all();
    assertTrue(routed.contains("chat.send"), "found the handlers: " + routed);
    assertEquals(Set.of(), SocketRateLimits.missing(routed));
  }

  @Test
  void overTheBurstIsRateLimitedWithTheRequestIdAndWhenToRetry() throws Exception {
    var limits = new SocketRateLimits(CLOCK, type -> Optional.empty());
    var burst = SocketRateLimits.DEFAULTS.get("ping").burst();
    for (int i = 0; i < burst; i++) {
      limits.acquire("alice", envelope("ping", "p-" + i));
    }
    var error =
        assertThrows(SocketError.class, () -> limits.acquire("alice", envelope("ping", "p-x")));
    var json = error.toJson();
    assertEquals("rate_limited", json.getString("code"));
    assertEquals("p-x", json.getString("id"));
    assertEquals(1000, json.getJsonNumber("retryAfterMs").longValue()); // 1 per second
    limits.acquire("bob", envelope("ping", "b-1")); // per user
    limits.acquire("alice", envelope("chat.read", "r-1")); // per type
  }

  @Test
  void aConfiguredRateOverridesTheDefault() throws Exception {
    var limits =
        new SocketRateLimits(
            CLOCK, type -> type.equals("ping") ? Optional.of("1/0.5") : Optional.empty());
    limits.acquire("alice", envelope("ping", "p-1"));
    var error =
        assertThrows(SocketError.class, () -> limits.acquire("alice", envelope("ping", "p-2")));
    assertEquals(
        Duration.ofSeconds(2).toMillis(), error.toJson().getJsonNumber("retryAfterMs").longValue());
    assertThrows(IllegalArgumentException.class, () -> SocketRateLimits.Rate.parse("5"));
    assertThrows(IllegalArgumentException.class, () -> SocketRateLimits.Rate.parse("0/1"));
  }

  private static Envelope envelope(String type, String id) {
    return new Envelope(type, id, Json.createObjectBuilder().add("type", type).build());
  }
}
