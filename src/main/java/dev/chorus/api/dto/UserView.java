package dev.chorus.api.dto;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.presence.PresenceStatus;

/** A user in search results and conversation lists, with their presence. */
public record UserView(
    String id, String username, String displayName, boolean online, String status) {
  public static UserView of(UserRef u, PresenceStatus status) {
    return new UserView(
        u.id(), u.username(), u.displayName(), status != PresenceStatus.OFFLINE, status.wire());
  }
}
