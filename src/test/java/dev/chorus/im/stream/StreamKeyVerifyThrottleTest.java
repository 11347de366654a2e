package dev.chorus.im.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.audit.AuditEvent;
import dev.chorus.im.common.ThrottledException;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamKeys#verify}'s guard in front of the database: a secret of the wrong shape is
 * refused without a lookup (nothing here has a database), audited with the address and never the
 * secret, and counts against its address until that address is refused with 429 for the window.
 */
class StreamKeyVerifyThrottleTest {
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

  private final Recorded audit = new Recorded();

  private StreamKeys keys(Clock clock) {
    var keys = new StreamKeys();
    keys.clock = clock;
    keys.audit = audit;
    keys.maxFailuresPerClient = 3;
    keys.failureWindow = Duration.ofMinutes(5);
    keys.init();
    return keys;
  }

  @Test
  void malformedKeysAreRefusedAuditedAndThrottledPerAddress() {
    var keys = keys(Clock.fixed(T0, ZoneOffset.UTC));
    var secret = "csk_not-a-real-key";
    for (int i = 0; i < 3; i++) {
      assertTrue(keys.verify(secret, "10.0.0.1").isEmpty());
    }
    var e = assertThrows(ThrottledException.class, () -> keys.verify(secret, "10.0.0.1"));
    assertEquals("rate_limited", e.code());
    assertTrue(e.retryAfterSeconds() > 0 && e.retryAfterSeconds() <= 300, "" + e.retryAfter());
    assertThrows(
        ThrottledException.class,
        () -> keys.verify(StreamKeyRules.newSecret(), "10.0.0.1"),
        "even a well-formed key waits");
    assertTrue(keys.verify("Bearer junk", "10.0.0.2").isEmpty(), "another address may try");

    assertEquals(4, audit.fired.size(), "each refusal once, none for the throttled tries");
    for (var a : audit.fired) {
      assertEquals("stream_key.rejected", a.action());
      assertNull(a.actor());
      assertFalse(a.toString().contains(secret), "never the secret: " + a);
    }
    assertEquals(
        List.of("10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.2"),
        audit.fired.stream().map(AuditEvent::address).toList());
  }

  @Test
  void theWindowForgives() {
    var now = new Instant[] {T0};
    var clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    var keys = keys(clock);
    for (int i = 0; i < 3; i++) {
      keys.verify("junk", "10.0.0.1");
    }
    assertThrows(ThrottledException.class, () -> keys.verify("junk", "10.0.0.1"));
    now[0] = T0.plus(Duration.ofMinutes(5)).plusSeconds(1);
    assertTrue(keys.verify("junk", "10.0.0.1").isEmpty(), "refused again, but not throttled");
  }

  /** Records the audit events that are fired. */
  private static final class Recorded implements Event<AuditEvent> {
    final List<AuditEvent> fired = new CopyOnWriteArrayList<>();

    @Override
    public void fire(AuditEvent event) {
      fired.add(event);
    }

    @Override
    public <U extends AuditEvent> CompletionStage<U> fireAsync(U event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends AuditEvent> CompletionStage<U> fireAsync(
        U event, NotificationOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Event<AuditEvent> select(Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends AuditEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends AuditEvent> Event<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}
