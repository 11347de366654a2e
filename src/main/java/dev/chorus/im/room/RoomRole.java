package dev.chorus.im.room;

import java.util.Locale;

/** What a member may do in a room: owners and admins moderate; only the owner deletes. */
public enum RoomRole {
  OWNER,
  ADMIN,
  MEMBER;

  public boolean moderates() {
    return this == OWNER || this == ADMIN;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
