package dev.chorus.im.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.ForbiddenException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExternalSignInTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static Account ldap(String subject, String username, boolean admin) {
    return Account.external(AccountOrigin.LDAP, subject, username, username, admin, NOW);
  }

  @Test
  void firstSignInCreatesTheAccountUnderTheNormalisedUsername() {
    var d =
        ExternalSignIn.decide(
            AccountOrigin.LDAP, " Alice.B ", " Alice B ", Optional.empty(), Optional.empty());
    var create = assertInstanceOf(ExternalSignIn.Create.class, d);
    assertEquals("alice.b", create.username());
    assertEquals("Alice B", create.displayName());
  }

  @Test
  void laterSignInsFindTheAccountBySubjectAndSyncTheDisplayName() {
    var existing = ldap("uuid-1", "alice", false);
    // The directory renamed the person: the account stays, under its first username.
    var d =
        ExternalSignIn.decide(
            AccountOrigin.LDAP,
            "alice.smith",
            "Alice Smith",
            Optional.of(existing),
            Optional.empty());
    var sync = assertInstanceOf(ExternalSignIn.Sync.class, d);
    assertSame(existing, sync.account());
    assertEquals("Alice Smith", sync.displayName());
  }

  @Test
  void aUsernameOfALocalAccountIsRefusedNotLinked() {
    var local = new Account("alice", "Alice", "hash", NOW);
    var e =
        assertThrows(
            ConflictException.class,
            () ->
                ExternalSignIn.decide(
                    AccountOrigin.LDAP, "Alice", "Alice", Optional.empty(), Optional.of(local)));
    assertEquals("username_taken", e.code());
    assertTrue(e.getMessage().contains("a local Chorus account"), e.getMessage());
  }

  @Test
  void aUsernameOfAnotherExternalAccountIsRefused() {
    var other = ldap("uuid-other", "bob", false);
    var e =
        assertThrows(
            ConflictException.class,
            () ->
                ExternalSignIn.decide(
                    AccountOrigin.OIDC, "bob", "Bob", Optional.empty(), Optional.of(other)));
    assertEquals("username_taken", e.code());
    assertTrue(e.getMessage().contains("the directory (LDAP)"), e.getMessage());
  }

  @Test
  void aUsernameBreakingTheChorusRulesIsRefusedWithTheReason() {
    for (var bad : new String[] {"al ice", "a", "alice@example.com", "", null}) {
      var e =
          assertThrows(
              ForbiddenException.class,
              () ->
                  ExternalSignIn.decide(
                      AccountOrigin.LDAP, bad, "X", Optional.empty(), Optional.empty()),
              String.valueOf(bad));
      assertEquals("username_not_allowed", e.code());
    }
  }

  @Test
  void displayNamesAreCleanedCutAndDefaultToTheUsername() {
    assertEquals("alice", ExternalSignIn.displayNameOf(null, "alice"));
    assertEquals("alice", ExternalSignIn.displayNameOf("  \t ", "alice"));
    assertEquals("AliceB", ExternalSignIn.displayNameOf("Alice\u0007B", "alice"));
    var longName = "é".repeat(100);
    assertEquals(
        AccountRules.DISPLAY_NAME_MAX,
        ExternalSignIn.displayNameOf(longName, "alice").codePointCount(0, 64));
  }

  @Test
  void externalAccountsHaveNoPasswordAndRefuseOne() {
    var a = ldap("uuid-1", "alice", false);
    assertTrue(a.isExternal());
    assertNull(a.passwordHash());
    assertEquals("uuid-1", a.externalSubject());
    assertThrows(IllegalStateException.class, () -> a.changePasswordHash("x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Account.external(AccountOrigin.LOCAL, "s", "alice", "A", false, NOW));
    var local = new Account("bob", "Bob", "hash", NOW);
    assertFalse(local.isExternal());
    assertEquals(AccountOrigin.LOCAL, local.origin());
  }

  @Test
  void adminIsTheConfiguredListOrTheDirectoryFlagOfTheLastSignIn() {
    var policy = new AdminPolicy(Optional.of("root"));
    var member = ldap("uuid-1", "alice", true);
    assertTrue(policy.isAdmin(member));
    member.syncExternal("Alice", false);
    assertFalse(policy.isAdmin(member), "removed from the group: no longer admin");
    assertTrue(policy.isAdmin(ldap("uuid-2", "root", false)), "named in chorus.admins");
    assertFalse(policy.isAdmin(new Account("carol", "Carol", "hash", NOW)));
  }
}
