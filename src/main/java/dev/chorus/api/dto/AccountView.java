package dev.chorus.api.dto;

import dev.chorus.im.account.Account;

/**
 * An account as its owner and others see it: never the password hash. {@code origin} is {@code
 * local}, {@code ldap} or {@code oidc}: only local accounts change their password in Chorus.
 */
public record AccountView(String id, String username, String displayName, String origin) {
  public static AccountView of(Account a) {
    return new AccountView(a.id(), a.username(), a.displayName(), a.origin().wire());
  }
}
