package dev.chorus.im.call;

import dev.chorus.im.account.UserRef;
import java.util.Objects;

/**
 * A user acting from one of their tabs. {@code tab} is opaque here: the edge that knows tabs names
 * them, and a call only compares them.
 */
public record Party(UserRef user, String tab) {
  public Party {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(tab, "tab");
  }

  boolean is(UserRef other) {
    return user.id().equals(other.id());
  }
}
