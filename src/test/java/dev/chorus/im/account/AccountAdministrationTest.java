package dev.chorus.im.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.common.ConflictException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The account's own administration rules: disable, enable, grant, delete, and who may do what. */
class AccountAdministrationTest {
  private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");
  private static final String PHC =
      "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

  private static Account local(String name) {
    return new Account(name, "Name " + name, PHC, NOW);
  }

  private static Account ldap(String name, boolean admin) {
    return Account.external(AccountOrigin.LDAP, "sub-" + name, name, name, admin, NOW);
  }

  @Test
  void disableAndEnableChangeOnlyOnceAndStopAdminRights() {
    var policy = new AdminPolicy(Optional.of("root"));
    var root = local("root");
    assertTrue(policy.isAdmin(root));
    assertTrue(root.disable(NOW));
    assertFalse(root.disable(NOW.plusSeconds(5)), "already disabled");
    assertEquals(NOW, root.disabledAt());
    assertTrue(root.isDisabled());
    assertFalse(policy.isAdmin(root), "a disabled account administers nothing");
    assertTrue(root.enable());
    assertFalse(root.enable());
    assertFalse(root.isDisabled());
    assertTrue(policy.isAdmin(root));
  }

  @Test
  void grantedAdminCountsAndCanBeTakenBack() {
    var policy = new AdminPolicy(Optional.empty());
    var carol = local("carol");
    assertFalse(policy.isAdmin(carol));
    assertTrue(carol.grantAdmin());
    assertFalse(carol.grantAdmin());
    assertTrue(policy.isAdmin(carol));
    assertFalse(policy.isConfigured(carol));
    assertTrue(carol.revokeGrantedAdmin());
    assertFalse(carol.revokeGrantedAdmin());
    assertFalse(policy.isAdmin(carol));
  }

  @Test
  void deletingLeavesAnUnusableRenamedTombstone() {
    var dave = local("dave");
    dave.grantAdmin();
    dave.markDeleted(NOW);
    assertTrue(dave.isDeleted());
    assertTrue(dave.isDisabled());
    assertFalse(dave.grantedAdmin());
    assertTrue(dave.username().startsWith("deleted-"), dave.username());
    assertTrue(dave.username().length() <= AccountRules.USERNAME_MAX, dave.username());
    assertEquals(Account.DELETED_DISPLAY_NAME, dave.displayName());
    assertNotEquals(PHC, dave.passwordHash());
    assertFalse(
        new PasswordHasher(new PasswordHasher.Params(1024, 1, 1))
            .verify("deleted", dave.passwordHash()),
        "no password opens a deleted account");
    assertThrows(IllegalStateException.class, () -> dave.markDeleted(NOW));
    assertThrows(IllegalStateException.class, dave::enable);
    assertThrows(IllegalStateException.class, dave::grantAdmin);

    var erin = ldap("erin", true);
    erin.markDeleted(NOW);
    assertFalse(erin.externalAdmin());
    assertEquals("deleted:" + erin.id(), erin.externalSubject(), "the subject is freed");
  }

  @Test
  void nobodyRemovesThemselvesOrTheLastAdministrator() {
    var me = local("me");
    var other = local("other");
    var self =
        assertThrows(
            ConflictException.class,
            () -> AccountAdminRules.checkRemoval(me, me, "disable", true, 5));
    assertEquals("cannot_change_self", self.code());
    var last =
        assertThrows(
            ConflictException.class,
            () -> AccountAdminRules.checkRemoval(me, other, "delete", true, 1));
    assertEquals("last_admin", last.code());
    AccountAdminRules.checkRemoval(me, other, "disable", true, 2);
    AccountAdminRules.checkRemoval(me, other, "disable", false, 1);
  }

  @Test
  void onlyGrantsMadeThroughTheApiAreRevokedThere() {
    var me = local("me");
    var granted = local("granted");
    granted.grantAdmin();
    assertEquals(
        "cannot_change_self",
        assertThrows(
                ConflictException.class,
                () -> AccountAdminRules.checkAdminRevocation(me, me, false, 3))
            .code());
    assertEquals(
        "admin_by_config",
        assertThrows(
                ConflictException.class,
                () -> AccountAdminRules.checkAdminRevocation(me, local("root"), true, 3))
            .code());
    assertEquals(
        "admin_by_directory",
        assertThrows(
                ConflictException.class,
                () -> AccountAdminRules.checkAdminRevocation(me, ldap("lee", true), false, 3))
            .code());
    assertEquals(
        "last_admin",
        assertThrows(
                ConflictException.class,
                () -> AccountAdminRules.checkAdminRevocation(me, granted, false, 1))
            .code());
    AccountAdminRules.checkAdminRevocation(me, granted, false, 2);
  }

  @Test
  void passwordsOfExternalAccountsAreNotResetAndDisabledOnesAreNotPromoted() {
    AccountAdminRules.checkPasswordReset(local("loc"));
    assertEquals(
        "external_account",
        assertThrows(
                ConflictException.class,
                () -> AccountAdminRules.checkPasswordReset(ldap("ext", false)))
            .code());
    var off = local("off");
    off.disable(NOW);
    assertEquals(
        "account_disabled",
        assertThrows(ConflictException.class, () -> AccountAdminRules.checkAdminGrant(off)).code());
    AccountAdminRules.checkAdminGrant(local("on"));
  }
}
