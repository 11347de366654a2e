package dev.chorus.im.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chorus.im.common.ForbiddenException;
import org.junit.jupiter.api.Test;

/**
 * {@code chorus.auth.local.enabled=false}: every way to a local account is refused before the
 * database or a password hash is touched (so these need no container).
 */
class LocalAccountsSwitchTest {
  private static AccountService withLocalAccountsOff() {
    var service = new AccountService();
    service.localEnabled = false;
    return service;
  }

  @Test
  void registrationIsClosed() {
    var e =
        assertThrows(
            ForbiddenException.class,
            () ->
                withLocalAccountsOff().register("alice", "password-1", "Alice", null, "127.0.0.1"));
    assertEquals("registration_closed", e.code());
  }

  @Test
  void passwordLoginAndAdminCreationAreRefused() {
    var service = withLocalAccountsOff();
    assertEquals(
        "local_accounts_disabled",
        assertThrows(ForbiddenException.class, () -> service.authenticate("alice", "password-1"))
            .code());
    assertEquals(
        "local_accounts_disabled",
        assertThrows(
                ForbiddenException.class,
                () -> service.createByAdmin("alice", "password-1", "Alice"))
            .code());
    assertFalse(service.ensureAdminAccount("root", "password-1"), "no local admin is bootstrapped");
    assertFalse(service.localAccountsEnabled());
  }
}
