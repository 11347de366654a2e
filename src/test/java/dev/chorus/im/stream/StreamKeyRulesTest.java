package dev.chorus.im.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.account.Tokens;
import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.ValidationException;
import dev.chorus.im.stream.StreamGrant.Purpose;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamKeyRulesTest {
  @Test
  void aSecretIsThePrefixAnd256RandomBitsAndOnlyItsShapePasses() {
    var a = StreamKeyRules.newSecret();
    var b = StreamKeyRules.newSecret();
    assertTrue(a.startsWith("csk_"), a);
    assertEquals(4 + 43, a.length());
    assertNotEquals(a, b);
    assertTrue(StreamKeyRules.looksValid(a));
    assertTrue(StreamKeyRules.isStreamKey(a));

    assertFalse(StreamKeyRules.looksValid(null));
    assertFalse(StreamKeyRules.looksValid("csk_"));
    assertFalse(StreamKeyRules.looksValid(a.substring(4)), "a session token is not a key");
    assertFalse(StreamKeyRules.isStreamKey(Tokens.newToken()));
    assertFalse(StreamKeyRules.looksValid(a + "x"));
    assertFalse(StreamKeyRules.looksValid(a.substring(0, 46) + "="));
    assertFalse(StreamKeyRules.looksValid("CSK_" + a.substring(4)));
    assertEquals(64, Tokens.hash(a).length(), "stored as a SHA-256, like sessions");
    assertNotEquals(Tokens.hash(a), Tokens.hash(b));
  }

  @Test
  void aNameIsStrippedAndAtMost40CharactersWithoutControls() {
    assertEquals("OBS studio", StreamKeyRules.name("  OBS studio \t"));
    assertEquals("x".repeat(40), StreamKeyRules.name("x".repeat(40)));
    assertEquals("😀".repeat(40), StreamKeyRules.name("😀".repeat(40)), "code points, not chars");
    for (var bad : new String[] {null, "", "   ", "x".repeat(41), "a\nb", "a\u0000b"}) {
      var e = assertThrows(ValidationException.class, () -> StreamKeyRules.name(bad), "" + bad);
      assertEquals("name", e.errors().get(0).field());
    }
  }

  @Test
  void purposeIsPublishByDefaultOrView() {
    assertEquals(Purpose.PUBLISH, StreamKeyRules.purpose(null));
    assertEquals(Purpose.PUBLISH, StreamKeyRules.purpose(" "));
    assertEquals(Purpose.PUBLISH, StreamKeyRules.purpose("publish"));
    assertEquals(Purpose.VIEW, StreamKeyRules.purpose("View"));
    var e = assertThrows(ValidationException.class, () -> StreamKeyRules.purpose("admin"));
    assertEquals("purpose", e.errors().get(0).field());
    assertEquals("publish", StreamKeyRules.wire(Purpose.PUBLISH));
    assertEquals("view", StreamKeyRules.wire(Purpose.VIEW));
  }

  @Test
  void aRoomHasAtMost20LiveKeys() {
    StreamKeyRules.requireRoomForAnother(0);
    StreamKeyRules.requireRoomForAnother(19);
    var e = assertThrows(ConflictException.class, () -> StreamKeyRules.requireRoomForAnother(20));
    assertEquals("too_many_keys", e.code());
    assertThrows(ConflictException.class, () -> StreamKeyRules.requireRoomForAnother(21));
  }

  @Test
  void lastUseIsWrittenAtMostOnceAMinute() {
    var t0 = Instant.parse("2026-12-07T12:00:00Z");
    var minute = Duration.ofMinutes(1);
    assertTrue(StreamKeyRules.dueForTouch(null, t0, minute), "never used");
    assertFalse(StreamKeyRules.dueForTouch(t0, t0, minute));
    assertFalse(StreamKeyRules.dueForTouch(t0, t0.plusSeconds(59), minute));
    assertTrue(StreamKeyRules.dueForTouch(t0, t0.plusSeconds(60), minute));

    var key = new StreamKey("room", "OBS", Purpose.PUBLISH, "hash", "owner", t0);
    assertTrue(key.touch(t0, minute));
    assertFalse(key.touch(t0.plusSeconds(30), minute));
    assertEquals(t0, key.lastUsedAt().orElseThrow());
    assertTrue(key.touch(t0.plusSeconds(61), minute));
    assertEquals(t0.plusSeconds(61), key.lastUsedAt().orElseThrow());
  }

  @Test
  void aRevokedKeyStaysRevokedAtItsFirstTime() {
    var t0 = Instant.parse("2026-12-07T12:00:00Z");
    var key = new StreamKey("room", "OBS", Purpose.VIEW, "hash", "owner", t0);
    assertFalse(key.isRevoked());
    var grant = key.grant();
    assertEquals(new StreamGrant(key.id(), "room", Purpose.VIEW, "OBS", "owner"), grant);
    key.revoke(t0);
    key.revoke(t0.plusSeconds(5));
    assertTrue(key.isRevoked());
  }
}
