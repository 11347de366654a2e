package dev.chorus.im.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ValidationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What an audit entry holds and how the filters of a read are checked. */
class AuditRulesTest {
  private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");

  @Test
  void actionsAreLowerCaseDottedNames() {
    assertEquals("user.disabled", AuditRules.action("user.disabled"));
    assertEquals("login.failed", AuditRules.action("login.failed"));
    assertEquals("password.change_failed", AuditRules.action("password.change_failed"));
    for (var bad : new String[] {null, "", "User.Disabled", "user..x", ".user", "user.", "a b"}) {
      assertThrows(IllegalArgumentException.class, () -> AuditRules.action(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> AuditRules.action("a".repeat(65)));
  }

  @Test
  void entriesCopyTheActorAndClipLongFields() {
    var actor = new UserRef("id-1", "alice", "Alice");
    var entry =
        new AuditEntry(
            new AuditEvent(actor, "user.deleted", "bob", "x".repeat(5000), "10.0.0.1"), NOW);
    assertEquals(actor, entry.actor());
    assertEquals(NOW, entry.at());
    assertEquals(AuditEntry.MAX_DETAIL, entry.detail().length());
    assertTrue(entry.detail().endsWith("…"));
    assertEquals("bob", entry.target());
    var anonymous = new AuditEntry(new AuditEvent(null, "login.failed", "who", null, null), NOW);
    assertNull(anonymous.actor());
    assertNull(anonymous.detail());
    assertThrows(
        IllegalArgumentException.class,
        () -> new AuditEntry(new AuditEvent(actor, "Bad Action", null, null, null), NOW));
  }

  @Test
  void filtersAreCheckedAndNamed() {
    assertNull(AuditRules.instant("since", null));
    assertNull(AuditRules.instant("since", " "));
    assertEquals(NOW, AuditRules.instant("since", "2026-12-07T04:00:00Z"));
    var bad = assertThrows(ValidationException.class, () -> AuditRules.instant("until", "today"));
    assertEquals("until", bad.errors().get(0).field());
    assertNull(AuditRules.actionFilter(""));
    assertEquals("user.", AuditRules.actionFilter("user."));
    assertEquals("user.disabled", AuditRules.actionFilter(" user.disabled "));
    assertThrows(ValidationException.class, () -> AuditRules.actionFilter("."));
    assertThrows(ValidationException.class, () -> AuditRules.actionFilter("USER"));
    assertThrows(ValidationException.class, () -> AuditRules.actionFilter("user%"));
  }

  @Test
  void cursorsAreEntryIds() {
    assertNull(AuditLog.decodeCursor(null));
    assertNull(AuditLog.decodeCursor(""));
    assertEquals(42L, AuditLog.decodeCursor("42"));
    for (var bad : new String[] {"abc", "0", "-3", "1e3", "99999999999999999999"}) {
      assertThrows(ValidationException.class, () -> AuditLog.decodeCursor(bad), bad);
    }
  }

  @Test
  void retentionMustBePositive() {
    assertEquals(Duration.ofDays(90), AuditRules.retention(Duration.ofDays(90)));
    assertThrows(IllegalArgumentException.class, () -> AuditRules.retention(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> AuditRules.retention(Duration.ofDays(-1)));
  }
}
