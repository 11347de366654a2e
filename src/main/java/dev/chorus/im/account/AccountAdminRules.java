package dev.chorus.im.account;

import dev.chorus.im.common.ConflictException;

/**
 * What an administrator may do to an account: plain rules, checked before any change, so that
 * Chorus always keeps at least one administrator who can log in and nobody locks themselves out.
 */
public final class AccountAdminRules {
  private AccountAdminRules() {}

  /**
   * Disabling or deleting: never yourself, never the last administrator.
   *
   * @param what "disable" or "delete", for the message
   * @param targetIsAdmin whether the target administers Chorus now
   * @param activeAdmins how many enabled administrators there are, the target included
   * @throws ConflictException {@code cannot_change_self} or {@code last_admin}
   */
  public static void checkRemoval(
      Account actor, Account target, String what, boolean targetIsAdmin, long activeAdmins) {
    if (actor.id().equals(target.id())) {
      throw new ConflictException(
          "cannot_change_self", "You cannot " + what + " your own account.");
    }
    if (targetIsAdmin && activeAdmins <= 1) {
      throw new ConflictException(
          "last_admin",
          "'" + target.username() + "' is the last administrator; make someone else one first.");
    }
  }

  /**
   * Taking a grant of admin away: not from yourself, not from the last administrator, and only a
   * grant the API made (configuration and directory are the operator's).
   *
   * @param configured whether {@code chorus.admins} names the target
   * @param activeAdmins how many enabled administrators there are, the target included
   * @throws ConflictException {@code cannot_change_self}, {@code admin_by_config}, {@code
   *     admin_by_directory}, {@code last_admin}
   */
  public static void checkAdminRevocation(
      Account actor, Account target, boolean configured, long activeAdmins) {
    if (actor.id().equals(target.id())) {
      throw new ConflictException(
          "cannot_change_self", "You cannot take away your own administrator rights.");
    }
    if (configured) {
      throw new ConflictException(
          "admin_by_config",
          "'"
              + target.username()
              + "' is an administrator by the server's configuration (chorus.admins); change it"
              + " there.");
    }
    if (target.externalAdmin()) {
      throw new ConflictException(
          "admin_by_directory",
          "'"
              + target.username()
              + "' is an administrator by their "
              + target.origin().label()
              + " group; change it there.");
    }
    if (target.grantedAdmin() && !target.isDisabled() && activeAdmins <= 1) {
      throw new ConflictException(
          "last_admin", "'" + target.username() + "' is the last administrator.");
    }
  }

  /**
   * Only Chorus's own accounts have a password an administrator can reset.
   *
   * @throws ConflictException {@code external_account}
   */
  public static void checkPasswordReset(Account target) {
    if (target.isExternal()) {
      throw new ConflictException(
          "external_account",
          "'"
              + target.username()
              + "' signs in through "
              + target.origin().label()
              + ": reset the password there.");
    }
  }

  /**
   * Granting admin to a disabled account would count it nowhere; refuse so the admin notices.
   *
   * @throws ConflictException {@code account_disabled}
   */
  public static void checkAdminGrant(Account target) {
    if (target.isDisabled()) {
      throw new ConflictException(
          "account_disabled", "'" + target.username() + "' is disabled; enable it first.");
    }
  }
}
