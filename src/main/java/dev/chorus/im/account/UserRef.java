package dev.chorus.im.account;

/** How a user appears next to their messages, in lists and in notices. */
public record UserRef(String id, String username, String displayName) {
  public static UserRef of(Account a) {
    return new UserRef(a.id(), a.username(), a.displayName());
  }
}
