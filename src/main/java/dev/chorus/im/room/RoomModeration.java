package dev.chorus.im.room;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.RoomMessages;
import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.common.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What owners and admins may do: kick, ban and unban, grant and revoke admin, delete messages,
 * invite. Admins may act on members but not on other admins or the owner; nobody acts on the owner.
 * Each change commits (in {@link InTransaction}) before anyone is removed from the room or told.
 */
@ApplicationScoped
public class RoomModeration {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject RoomService rooms;
  @Inject RoomOccupancy occupancy;
  @Inject RoomMessages messages;
  @Inject AccountService accounts;
  @Inject Event<RoomEvent> events;
  @Inject Clock clock;
  @Inject InTransaction tx;

  /** A ban as moderators list it. */
  public record Ban(UserRef user, String reason, Instant bannedAt) {}

  /** Out of the room now and no longer a member. */
  public void kick(UserRef actor, String roomId, String username, String reason) {
    var r = RoomRules.reason(reason);
    var target = tx.call(() -> remove(actor, roomId, username, r, false));
    announceRemoval(actor, roomId, target, r, false);
  }

  /** Kicked, and refused at the door until unbanned. */
  public void ban(UserRef actor, String roomId, String username, String reason) {
    var r = RoomRules.reason(reason);
    var target = tx.call(() -> remove(actor, roomId, username, r, true));
    announceRemoval(actor, roomId, target, r, true);
  }

  public void unban(UserRef actor, String roomId, String username) {
    tx.run(
        () -> {
          var room = rooms.visible(roomId, actor.id());
          rooms.requireModerator(room, actor.id(), "unban people");
          var target = user(username);
          var ban = em.find(RoomBan.class, RoomMember.idOf(roomId, target.id()));
          if (ban == null) {
            throw new NotFoundException("'" + target.username() + "' is not banned here.");
          }
          em.remove(ban);
        });
  }

  public List<Ban> bans(UserRef actor, String roomId) {
    return tx.call(
        () -> {
          var room = rooms.visible(roomId, actor.id());
          rooms.requireModerator(room, actor.id(), "see the bans");
          return em.createQuery(
                  "select b from RoomBan b where b.roomId = :r order by b.bannedAt", RoomBan.class)
              .setParameter("r", roomId)
              .getResultStream()
              .map(
                  b ->
                      new Ban(
                          UserRef.of(em.find(Account.class, b.accountId())),
                          b.reason(),
                          b.bannedAt()))
              .toList();
        });
  }

  /** Grants or revokes admin. */
  public void setRole(UserRef actor, String roomId, String username, String role) {
    RoomRole newRole;
    if ("admin".equals(role)) {
      newRole = RoomRole.ADMIN;
    } else if ("member".equals(role)) {
      newRole = RoomRole.MEMBER;
    } else {
      throw new ValidationException("role", "role is 'admin' or 'member'.");
    }
    tx.run(
        () -> {
          var room = rooms.visible(roomId, actor.id());
          var actorRole = rooms.requireModerator(room, actor.id(), "change roles");
          var target = user(username);
          var member = em.find(RoomMember.class, RoomMember.idOf(roomId, target.id()));
          if (member == null) {
            throw new NotFoundException(
                "'" + target.username() + "' is not a member of this room.");
          }
          requireOutranks(actorRole, member.role(), "change the role of");
          member.setRole(newRole);
        });
    events.fire(new RoomEvent.RoomUpdated(roomId));
  }

  public void deleteMessage(UserRef actor, String roomId, long messageId) {
    tx.run(
        () -> {
          var room = rooms.visible(roomId, actor.id());
          rooms.requireModerator(room, actor.id(), "delete messages");
          if (!messages.delete(roomId, messageId)) {
            throw new NotFoundException("There is no such message in this room.");
          }
        });
    events.fire(new RoomEvent.MessageDeleted(roomId, messageId));
  }

  /** Lets a user into a private room (or any room: it makes finding it easy). */
  public void invite(UserRef actor, String roomId, String username) {
    tx.run(
        () -> {
          var room = rooms.visible(roomId, actor.id());
          rooms.requireModerator(room, actor.id(), "invite people");
          var target = user(username);
          var id = RoomMember.idOf(roomId, target.id());
          if (em.find(RoomMember.class, id) == null && em.find(RoomInvite.class, id) == null) {
            em.persist(new RoomInvite(roomId, target.id(), actor.id(), clock.instant()));
          }
        });
  }

  /** The database part of a kick or ban (in the transaction); the user who is out. */
  private UserRef remove(
      UserRef actor, String roomId, String username, String reason, boolean ban) {
    var room = rooms.visible(roomId, actor.id());
    var actorRole = rooms.requireModerator(room, actor.id(), ban ? "ban people" : "kick people");
    var target = user(username);
    if (target.id().equals(actor.id())) {
      throw new ForbiddenException("You cannot " + (ban ? "ban" : "kick") + " yourself.");
    }
    var id = RoomMember.idOf(roomId, target.id());
    var member = em.find(RoomMember.class, id);
    if (member != null) {
      requireOutranks(actorRole, member.role(), ban ? "ban" : "kick");
      em.remove(member);
    } else if (!ban && !occupancy.isIn(roomId, target.id())) {
      throw new NotFoundException("'" + target.username() + "' is not in this room.");
    }
    if (ban && em.find(RoomBan.class, id) == null) {
      em.persist(new RoomBan(roomId, target.id(), reason, actor.id(), clock.instant()));
    }
    var invite = em.find(RoomInvite.class, id);
    if (invite != null) {
      em.remove(invite);
    }
    return target;
  }

  /** After the commit: out of the room, and everyone told. */
  private void announceRemoval(
      UserRef actor, String roomId, UserRef target, String reason, boolean ban) {
    var tabs = occupancy.remove(roomId, target.id(), ban ? "banned" : "kicked");
    events.fire(new RoomEvent.MemberRemoved(roomId, target, actor, reason, ban, tabs));
  }

  private static void requireOutranks(RoomRole actor, RoomRole target, String what) {
    if (target == RoomRole.OWNER || (target == RoomRole.ADMIN && actor != RoomRole.OWNER)) {
      throw new ForbiddenException("You cannot " + what + " the room's " + target.wire() + ".");
    }
  }

  private UserRef user(String username) {
    return accounts
        .findByUsername(username)
        .map(UserRef::of)
        .orElseThrow(() -> new NotFoundException("There is no user '" + username + "'."));
  }
}
