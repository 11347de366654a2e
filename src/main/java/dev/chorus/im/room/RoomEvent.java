package dev.chorus.im.room;

import dev.chorus.im.account.UserRef;
import java.util.Set;

/**
 * Something happened in a room that people in it must hear about. Fired synchronously, in order (a
 * "joined" and a "left" must not overtake each other), and only once the change has committed:
 * observers still use {@code TransactionPhase.AFTER_SUCCESS} so that an event fired inside a
 * transaction could never be heard before, or without, its commit.
 */
public sealed interface RoomEvent {
  String roomId();

  /**
   * A user's first tab entered; {@code stream} when it is a WHIP stream, a pseudo-occupant whose
   * user id starts with {@code stream:}.
   */
  record OccupantJoined(String roomId, UserRef user, RoomRole role, boolean stream)
      implements RoomEvent {
    public OccupantJoined(String roomId, UserRef user, RoomRole role) {
      this(roomId, user, role, false);
    }
  }

  /**
   * A user's last tab left: {@code reason} is left, disconnected, kicked, banned or (a stream)
   * stream_ended.
   */
  record OccupantLeft(String roomId, UserRef user, String reason) implements RoomEvent {}

  /** A user started or stopped showing. */
  record ShowChanged(String roomId, UserRef user, boolean showing) implements RoomEvent {}

  /** A moderator removed a user; {@code tabs} were in the room. */
  record MemberRemoved(
      String roomId, UserRef user, UserRef by, String reason, boolean banned, Set<String> tabs)
      implements RoomEvent {}

  /** Settings or roles changed. */
  record RoomUpdated(String roomId) implements RoomEvent {}

  /**
   * The room was deleted; {@code tabs} were in it. {@code reason} is {@code deleted} (by its owner)
   * or {@code closed_by_admin} (by a Chorus administrator).
   */
  record RoomClosed(String roomId, Set<String> tabs, String reason) implements RoomEvent {
    public RoomClosed(String roomId, Set<String> tabs) {
      this(roomId, tabs, "deleted");
    }
  }

  /** In a broadcast room, a viewer raised or lowered their hand (also lowered when they leave). */
  record HandChanged(String roomId, UserRef user, boolean raised) implements RoomEvent {}

  /**
   * In a broadcast room, {@code by} invited {@code user} on stage (they may show now and are told
   * so), or took them off it (they were unshown if they no longer may show).
   */
  record StageChanged(String roomId, UserRef user, boolean onStage, UserRef by)
      implements RoomEvent {}

  /** A moderator deleted a message. */
  record MessageDeleted(String roomId, long messageId) implements RoomEvent {}
}
