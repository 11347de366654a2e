package dev.chorus.api.dto;

import dev.chorus.im.account.Account;

/** An account as its owner and others see it: never the password hash. */
public record AccountView(String id, String username, String displayName) {
  public static AccountView of(Account a) {
    return new AccountView(a.id(), a.username(), a.displayName());
  }
}
