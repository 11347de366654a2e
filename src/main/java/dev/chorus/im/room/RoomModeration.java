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
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What owners and admins may do: kick, ban and unban, grant and revoke admin, delete messages,
 * invite. Admins may act on members but not on other admins or the owner; nobody acts on the owner.
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

  /** A ban as moderators list it. */
  public record Ban(UserRef user, String reason, Instant bannedAt) {}

  /** Out of the room now and no longer a member. */
  @Transactional
  public void kick(UserRef actor, String roomId, String username, String reason) {
    remove(actor, roomId, username, RoomRules.reason(reason), false);
  }

  /** Kicked, and refused at the door until unbanned. */
  @Transactional
  public void ban(UserRef actor, String roomId, String username, String reason) {
    remove(actor, roomId, username, RoomRules.reason(reason), true);
  }

  @Transactional
  public void unban(UserRef actor, String roomId, String username) {
    var room = rooms.visible(roomId, actor.id());
    rooms.requireModerator(room, actor.id(), "unban people");
    var target = user(username);
    var ban = em.find(RoomBan.class, RoomMember.idOf(roomId, target.id()));
    if (ban == null) {
      throw new NotFoundException("'" + target.username() + "' is not banned here.");
    }
    em.remove(ban);
  }

  public List<Ban> bans(UserRef actor, String roomId) {
    var room = rooms.visible(roomId, actor.id());
    rooms.requireModerator(room, actor.id(), "see the bans");
    return em.createQuery(
            "select b from RoomBan b where b.roomId = :r order by b.bannedAt", RoomBan.class)
        .setParameter("r", roomId)
        .getResultStream()
        .map(
            b ->
                new Ban(
                    UserRef.of(em.find(Account.class, b.accountId())), b.reason(), b.bannedAt()))
        .toList();
  }

  /** Grants or revokes admin. */
  @Transactional
  public void setRole(UserRef actor, String roomId, String username, String role) {
    var room = rooms.visible(roomId, actor.id());
    var actorRole = rooms.requireModerator(room, actor.id(), "change roles");
    RoomRole newRole;
    if ("admin".equals(role)) {
      newRole = RoomRole.ADMIN;
    } else if ("member".equals(role)) {
      newRole = RoomRole.MEMBER;
    } else {
      throw new ValidationException("role", "role is 'admin' or 'member'.");
    }
    var target = user(username);
    var member = em.find(RoomMember.class, RoomMember.idOf(roomId, target.id()));
    if (member == null) {
      throw new NotFoundException("'" + target.username() + "' is not a member of this room.");
    }
    requireOutranks(actorRole, member.role(), "change the role of");
    member.setRole(newRole);
    events.fire(new RoomEvent.RoomUpdated(roomId));
  }

  @Transactional
  public void deleteMessage(UserRef actor, String roomId, long messageId) {
    var room = rooms.visible(roomId, actor.id());
    rooms.requireModerator(room, actor.id(), "delete messages");
    if (!messages.delete(roomId, messageId)) {
      throw new NotFoundException("There is no such message in this room.");
    }
    events.fire(new RoomEvent.MessageDeleted(roomId, messageId));
  }

  /** Lets a user into a private room (or any room: it makes finding it easy). */
  @Transactional
  public void invite(UserRef actor, String roomId, String username) {
    var room = rooms.visible(roomId, actor.id());
    rooms.requireModerator(room, actor.id(), "invite people");
    var target = user(username);
    var id = RoomMember.idOf(roomId, target.id());
    if (em.find(RoomMember.class, id) == null && em.find(RoomInvite.class, id) == null) {
      em.persist(new RoomInvite(roomId, target.id(), actor.id(), clock.instant()));
    }
  }

  private void remove(UserRef actor, String roomId, String username, String reason, boolean ban) {
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
