package dev.chorus.im.room;

import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.common.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a Chorus administrator (not a room's owner or admin) may do to any room, private ones
 * included: list them all, close one, give it a new owner, take a user out of it. The caller has
 * checked that the actor is an administrator; the room rules that still hold (the owner cannot be
 * removed, only replaced) are checked here. Like {@link RoomModeration}, each change commits before
 * anyone is removed or told.
 */
@ApplicationScoped
public class RoomAdministration {
  /** The most rooms one page lists. */
  public static final int MAX_PAGE = 100;

  static final String CLOSED_BY_ADMIN = "closed_by_admin";

  /**
   * The reason of the removal notice; the admin API audits these as {@code room.member_removed}.
   */
  public static final String REMOVED_REASON = "Removed by a Chorus administrator.";

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject RoomService rooms;
  @Inject RoomOccupancy occupancy;
  @Inject AccountService accounts;
  @Inject Event<RoomEvent> events;
  @Inject Clock clock;
  @Inject InTransaction tx;

  /**
   * One room as an administrator sees it. {@code owner} is null if the owner's account is gone.
   * {@code occupants} are the people in it now, {@code showing} those of them who show.
   */
  public record Listed(
      String id,
      String name,
      String visibility,
      UserRef owner,
      long members,
      int occupants,
      int showing) {}

  /** A page of rooms; {@code nextCursor} (a room name) is null on the last page. */
  public record Page(List<Listed> items, String nextCursor) {}

  /** A room's owner changed from {@code previous} (null if gone) to {@code owner}. */
  public record OwnerChange(String roomId, String roomName, UserRef previous, UserRef owner) {}

  /** A user taken out of a room. */
  public record Removal(String roomId, String roomName, UserRef user) {}

  /**
   * Every room whose name or topic contains {@code q}, by name, after {@code cursor}.
   *
   * @param limit capped to {@link #MAX_PAGE}
   */
  public Page list(String q, String cursor, int limit) {
    var size = Math.max(1, Math.min(limit, MAX_PAGE));
    var like = "%" + RoomService.escape(q == null ? "" : q.strip().toLowerCase(Locale.ROOT)) + "%";
    return tx.call(
        () -> {
          var found =
              em.createQuery(
                      "select r from Room r where r.nameKey > :after"
                          + " and (r.nameKey like :q escape '!' or lower(r.topic) like :q escape '!')"
                          + " order by r.nameKey",
                      Room.class)
                  .setParameter("after", cursor == null ? "" : cursor)
                  .setParameter("q", like)
                  .setMaxResults(size + 1)
                  .getResultList();
          var items = new ArrayList<Listed>();
          for (var room : found.subList(0, Math.min(size, found.size()))) {
            items.add(listed(room));
          }
          var next = found.size() > size ? found.get(size - 1).nameKey() : null;
          return new Page(items, next);
        });
  }

  /**
   * One room as {@link #list} shows it.
   *
   * @throws NotFoundException no such room
   */
  public Listed get(String roomId) {
    return tx.call(() -> listed(existing(roomId)));
  }

  private Listed listed(Room room) {
    var members =
        em.createQuery("select count(m) from RoomMember m where m.roomId = :r", Long.class)
            .setParameter("r", room.id())
            .getSingleResult();
    return new Listed(
        room.id(),
        room.name(),
        room.isPrivate() ? "private" : "public",
        accounts.findById(room.ownerId()).map(UserRef::of).orElse(null),
        members,
        occupancy.count(room.id()),
        occupancy.showingCount(room.id()));
  }

  /**
   * Deletes the room with its messages and memberships, then empties it: everyone in it is told it
   * was closed by an administrator, and their media in it is closed. Returns the room's name.
   *
   * @throws NotFoundException no such room
   */
  public String close(String roomId) {
    var name =
        tx.call(
            () -> {
              var room = existing(roomId);
              rooms.purge(room);
              return room.name();
            });
    var tabs = occupancy.close(roomId);
    events.fire(new RoomEvent.RoomClosed(roomId, tabs, CLOSED_BY_ADMIN));
    return name;
  }

  /**
   * Makes {@code userId} the room's owner; the previous owner stays as a room admin. A ban or
   * invitation of the new owner is dropped: an administrator chose them.
   *
   * @throws NotFoundException no such room
   * @throws ValidationException no {@code userId}, or no such user
   */
  public OwnerChange changeOwner(String roomId, String userId) {
    if (userId == null || userId.isBlank()) {
      throw new ValidationException("userId", "Send {\"userId\": \"...\"}: the new owner's id.");
    }
    var change =
        tx.call(
            () -> {
              var room = existing(roomId);
              var owner =
                  accounts
                      .findById(userId.strip())
                      .map(UserRef::of)
                      .orElseThrow(
                          () ->
                              new ValidationException("userId", "There is no user with this id."));
              var previous = accounts.findById(room.ownerId()).map(UserRef::of).orElse(null);
              if (owner.id().equals(room.ownerId())) {
                return new OwnerChange(roomId, room.name(), previous, owner);
              }
              var old = em.find(RoomMember.class, RoomMember.idOf(roomId, room.ownerId()));
              if (old != null) {
                old.setRole(RoomRole.ADMIN);
              }
              var id = RoomMember.idOf(roomId, owner.id());
              var member = em.find(RoomMember.class, id);
              if (member == null) {
                em.persist(new RoomMember(roomId, owner.id(), RoomRole.OWNER, clock.instant()));
              } else {
                member.setRole(RoomRole.OWNER);
              }
              for (var leftover : List.of(RoomBan.class, RoomInvite.class)) {
                var row = em.find(leftover, id);
                if (row != null) {
                  em.remove(row);
                }
              }
              room.setOwnerId(owner.id());
              return new OwnerChange(roomId, room.name(), previous, owner);
            });
    events.fire(new RoomEvent.RoomUpdated(roomId));
    return change;
  }

  /**
   * Takes a user out of the room: no longer a member (nor invited), out of it now with all their
   * tabs, told so on their socket, their media in it closed. They may enter again unless the room
   * is private; to keep them out for good, a room moderator bans them.
   *
   * @throws NotFoundException no such room or user, or the user is neither a member nor in it
   * @throws ConflictException the user is the owner: give the room a new owner first
   */
  public Removal removeMember(UserRef actor, String roomId, String userId) {
    var removal =
        tx.call(
            () -> {
              var room = existing(roomId);
              var user =
                  accounts
                      .findById(userId)
                      .map(UserRef::of)
                      .orElseThrow(() -> new NotFoundException("There is no such user."));
              if (user.id().equals(room.ownerId())) {
                throw new ConflictException(
                    "owner",
                    "'" + user.username() + "' owns this room: give it a new owner first.");
              }
              var id = RoomMember.idOf(roomId, user.id());
              var member = em.find(RoomMember.class, id);
              if (member == null && !occupancy.isIn(roomId, user.id())) {
                throw new NotFoundException(
                    "'" + user.username() + "' is not a member of this room.");
              }
              if (member != null) {
                em.remove(member);
              }
              var invite = em.find(RoomInvite.class, id);
              if (invite != null) {
                em.remove(invite);
              }
              return new Removal(roomId, room.name(), user);
            });
    var tabs = occupancy.remove(roomId, removal.user().id(), "kicked");
    events.fire(
        new RoomEvent.MemberRemoved(roomId, removal.user(), actor, REMOVED_REASON, false, tabs));
    return removal;
  }

  private Room existing(String roomId) {
    var room = roomId == null ? null : em.find(Room.class, roomId);
    if (room == null) {
      throw new NotFoundException("There is no such room.");
    }
    return room;
  }
}
