package dev.chorus.im.room;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The room's rules for streams that come over HTTP (WHIP publishing, WHEP playing), beside the door
 * a tab goes through ({@link RoomService#enter}): who may stream into or watch a room, and a WHIP
 * stream entering and leaving as its own occupant.
 */
@ApplicationScoped
public class RoomStreamDoor {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject RoomService rooms;
  @Inject RoomOccupancy occupancy;
  @Inject RoomStage stage;
  @Inject InTransaction tx;

  /**
   * Whether {@code accountId} may publish a stream into the room (WHIP with a session token): the
   * room is visible to them, they are not banned, they are a member or the room has no password,
   * and in a broadcast room they may show. Publishing does not make them a member.
   *
   * @throws NotFoundException no such room, or a private one they may not see
   * @throws ForbiddenException {@code banned}, {@code not_member} for a password room, or {@code
   *     not_presenter} in a broadcast room for someone who may not show there
   */
  public void requirePublisher(String accountId, String roomId) {
    tx.run(
        () -> {
          var door = rooms.door(accountId, roomId);
          if (door.role() == null && door.passwordHash() != null) {
            throw new ForbiddenException(
                "not_member", "Enter this room once with its password before streaming into it.");
          }
        });
    if (!stage.mayShow(roomId, new RoomStage.Shower.Person(accountId))) {
      throw new ForbiddenException(
          "not_presenter",
          "In this broadcast room only the owner, presenters and people invited on stage stream.");
    }
  }

  /**
   * Whether {@code accountId} may watch the room's streams (WHEP with a session token): the room is
   * visible to them and they are not banned.
   *
   * @throws NotFoundException no such room, or a private one they may not see
   * @throws ForbiddenException {@code banned}
   */
  public void requireViewer(String accountId, String roomId) {
    tx.run(() -> rooms.door(accountId, roomId));
  }

  /**
   * Whether the room exists (a stream key names its room; it is checked before this).
   *
   * @throws NotFoundException the room was deleted
   */
  public void requireRoom(String roomId) {
    tx.run(
        () -> {
          if (roomId == null || em.find(Room.class, roomId) == null) {
            throw new NotFoundException("There is no such room.");
          }
        });
  }

  /**
   * A WHIP stream, already publishing, enters the room as its own occupant {@code ref} and shows
   * (announced as a stream). The caller checked the credential and the door before publishing.
   *
   * @throws ForbiddenException {@code room_full}
   */
  public void enterStream(String roomId, UserRef ref, String tabId) {
    occupancy.enterStream(roomId, ref, tabId);
  }

  /** A WHIP stream's session ended: its pseudo-occupant leaves ({@code stream_ended}). */
  public void leaveStream(String roomId, UserRef ref, String tabId) {
    occupancy.leave(roomId, ref.id(), tabId, "stream_ended");
  }
}
