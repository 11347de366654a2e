package dev.chorus.im.room;

import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.PasswordHasher;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.RoomMessage;
import dev.chorus.im.chat.RoomMessages;
import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.FieldError;
import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.common.ThrottledException;
import dev.chorus.im.common.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rooms and who may do what in them: create, see, change, delete; enter and leave; show; chat;
 * history. Moderation lives in {@link RoomModeration}, the daily creation cap in {@link
 * RoomCreationCap}, the password check in {@link RoomPasswordGate}. Every refusal says why.
 *
 * <p>Database work runs in {@link InTransaction}; password hashes are computed before it and
 * occupancy changes and {@link RoomEvent}s happen after it committed.
 */
@ApplicationScoped
public class RoomService {
  private static final String SETTINGS = "change the room's settings";

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject AccountService accounts;
  @Inject PasswordHasher hasher;
  @Inject RoomOccupancy occupancy;
  @Inject RoomMessages messages;
  @Inject Event<RoomEvent> events;
  @Inject Clock clock;
  @Inject InTransaction tx;
  @Inject RoomCreationCap creationCap;
  @Inject RoomPasswordGate passwordGate;
  @Inject RoomStage stage;
  @Inject RoomRoles roles;

  /** What the door needs to know before letting a tab in. */
  record Door(RoomRole role, String passwordHash, boolean broadcast) {}

  /**
   * What a tab learns when it enters. In a broadcast room {@code occupants} is only the stage (and
   * whoever shows) and the entering user, and {@code viewerCount} counts everyone else; it is null
   * in a meeting room, where {@code occupants} is everyone.
   */
  public record Entered(RoomView room, List<Occupant> occupants, Integer viewerCount) {}

  /** Someone in the room, with their role and whether they show; {@code stream}: a WHIP stream. */
  public record Occupant(UserRef user, String role, boolean showing, boolean stream) {
    public Occupant(UserRef user, String role, boolean showing) {
      this(user, role, showing, false);
    }
  }

  /** A member, or someone in a public room without being one (role null). */
  public record Member(UserRef user, String role, boolean inRoom, boolean showing) {}

  /**
   * A new room owned by its creator.
   *
   * @throws ThrottledException the creator made {@code chorus.rooms.max-created-per-day} rooms in
   *     the last 24 hours
   */
  public RoomView create(
      UserRef owner, String name, String topic, String visibility, String password) {
    var valid = RoomRules.validate(name, topic, visibility, password);
    // Refused before the password is hashed: a capped user costs no Argon2.
    tx.run(() -> creationCap.require(owner.id()));
    var hash = valid.password() == null ? null : hasher.hash(valid.password());
    var created =
        tx.call(
            () -> {
              creationCap.require(owner.id());
              if (!em.createQuery("select r.id from Room r where r.nameKey = :k", String.class)
                  .setParameter("k", valid.nameKey())
                  .getResultList()
                  .isEmpty()) {
                throw new ConflictException("A room named '" + valid.name() + "' already exists.");
              }
              var room =
                  new Room(
                      valid.name(),
                      valid.nameKey(),
                      valid.topic(),
                      valid.privateRoom(),
                      owner.id(),
                      clock.instant());
              room.setPasswordHash(hash);
              em.persist(room);
              em.persist(new RoomMember(room.id(), owner.id(), RoomRole.OWNER, clock.instant()));
              em.flush();
              return view(room, owner.id());
            });
    creationCap.created(owner.id());
    return created;
  }

  /** A page of the rooms the caller may see whose name or topic contains {@code q}. */
  public List<RoomView> search(String accountId, String q, int limit, String afterName) {
    var like = "%" + escape(q == null ? "" : q.strip().toLowerCase(java.util.Locale.ROOT)) + "%";
    var rooms =
        em.createQuery(
                "select r from Room r where r.nameKey > :after"
                    + " and (r.nameKey like :q escape '!' or lower(r.topic) like :q escape '!')"
                    + " and (r.privateRoom = false"
                    + " or exists (select m from RoomMember m where m.roomId = r.id and m.accountId = :me)"
                    + " or exists (select i from RoomInvite i where i.roomId = r.id and i.accountId = :me))"
                    + " order by r.nameKey",
                Room.class)
            .setParameter("after", afterName == null ? "" : afterName)
            .setParameter("q", like)
            .setParameter("me", accountId)
            .setMaxResults(limit)
            .getResultList();
    return rooms.stream().map(r -> view(r, accountId)).toList();
  }

  public RoomView get(String accountId, String roomId) {
    return tx.call(() -> view(visible(roomId, accountId), accountId));
  }

  public RoomView update(
      UserRef actor, String roomId, String topic, String visibility, String password) {
    return update(actor, roomId, topic, visibility, password, null);
  }

  /**
   * Changes the settings given (null: unchanged). Switching to {@code broadcast} unshows, once it
   * committed, everyone in the room who may not show there.
   */
  public RoomView update(
      UserRef actor, String roomId, String topic, String visibility, String password, String mode) {
    var errors = new ArrayList<FieldError>();
    var t = topic == null ? null : RoomRules.topic(topic, errors);
    var v = visibility == null ? null : RoomRules.visibility(visibility, errors);
    var p = password == null ? null : RoomRules.password(password, errors);
    var broadcast = RoomRules.mode(mode, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    String hash = null;
    if (p != null) {
      // Only moderators get as far as a (costly) hash; checked again when storing.
      tx.run(() -> requireModerator(visible(roomId, actor.id()), actor.id(), SETTINGS));
      hash = hasher.hash(p);
    }
    var newHash = hash;
    var view =
        tx.call(
            () -> {
              var room = visible(roomId, actor.id());
              requireModerator(room, actor.id(), SETTINGS);
              if (t != null) {
                room.setTopic(t);
              }
              if (v != null) {
                room.setPrivate(v);
              }
              if (password != null) {
                room.setPasswordHash(newHash);
              }
              if (broadcast != null) {
                room.setBroadcast(broadcast);
              }
              return view(room, actor.id());
            });
    events.fire(new RoomEvent.RoomUpdated(roomId));
    if (Boolean.TRUE.equals(broadcast)) {
      unshowThoseWhoMayNot(roomId);
    }
    return view;
  }

  public void delete(UserRef actor, String roomId) {
    tx.run(
        () -> {
          var room = visible(roomId, actor.id());
          if (role(roomId, actor.id()).orElse(null) != RoomRole.OWNER) {
            throw new ForbiddenException("Only the room's owner can delete it.");
          }
          purge(room);
        });
    var tabs = occupancy.close(roomId);
    events.fire(new RoomEvent.RoomClosed(roomId, tabs));
  }

  /**
   * Deletes the room with its messages, members, bans, invitations and stream keys (in the
   * transaction).
   */
  void purge(Room room) {
    messages.deleteAll(room.id());
    for (var entity :
        List.of("RoomMember", "RoomBan", "RoomInvite", "RoomPresenter", "StreamKey")) {
      em.createQuery("delete from " + entity + " x where x.roomId = :r")
          .setParameter("r", room.id())
          .executeUpdate();
    }
    em.remove(room);
  }

  // In a transaction: called right after a moderation transaction in the same request, Payara
  // would otherwise hand it an entity manager that is already closed.
  public List<Member> members(String accountId, String roomId) {
    return tx.call(() -> membersNow(accountId, roomId));
  }

  private List<Member> membersNow(String accountId, String roomId) {
    var room = visible(roomId, accountId);
    var result = new ArrayList<Member>();
    var present = occupancy.occupants(room.id());
    for (var m :
        em.createQuery(
                "select m from RoomMember m where m.roomId = :r order by m.joinedAt",
                RoomMember.class)
            .setParameter("r", roomId)
            .getResultList()) {
      var here = present.stream().filter(p -> p.user().id().equals(m.accountId())).findFirst();
      accounts
          .findById(m.accountId())
          .ifPresent(
              a ->
                  result.add(
                      new Member(
                          UserRef.of(a),
                          m.role().wire(),
                          here.isPresent(),
                          here.map(RoomOccupancy.Present::showing).orElse(false))));
    }
    return result;
  }

  /**
   * A tab enters. Entering a room one may see makes one a member; a password is needed unless one
   * already is; a private room needs membership or an invitation. Wrong passwords are throttled per
   * user and room and per room; a throttled try is refused without checking the password.
   *
   * @throws ThrottledException too many wrong passwords lately
   * @throws ForbiddenException banned, wrong_password, room_full, too_many_rooms
   */
  public Entered enter(UserRef user, String roomId, String password, String tabId) {
    var door = tx.call(() -> door(user.id(), roomId));
    occupancy.requireRoomFor(roomId, user.id(), door.broadcast());
    var role = door.role();
    if (role == null) {
      if (door.passwordHash() != null) {
        passwordGate.check(user.id(), roomId, password, door.passwordHash());
      }
      role = tx.call(() -> admit(user.id(), roomId));
    }
    occupancy.enter(roomId, user, role, tabId, door.broadcast());
    if (!door.broadcast()) {
      return tx.call(() -> entered(user.id(), roomId, null));
    }
    var stageIds = stage.stageOf(roomId);
    return tx.call(() -> entered(user.id(), roomId, stageIds));
  }

  /** The door of a visible room for the account (in a transaction). */
  Door door(String accountId, String roomId) {
    var room = visible(roomId, accountId);
    if (em.find(RoomBan.class, RoomMember.idOf(roomId, accountId)) != null) {
      throw new ForbiddenException("banned", "You are banned from this room.");
    }
    return new Door(role(roomId, accountId).orElse(null), room.passwordHash(), room.isBroadcast());
  }

  /** Makes the account a member (it passed the door); its role. */
  private RoomRole admit(String accountId, String roomId) {
    var door = door(accountId, roomId);
    if (door.role() != null) {
      return door.role();
    }
    em.persist(new RoomMember(roomId, accountId, RoomRole.MEMBER, clock.instant()));
    var invite = em.find(RoomInvite.class, RoomMember.idOf(roomId, accountId));
    if (invite != null) {
      em.remove(invite);
    }
    return RoomRole.MEMBER;
  }

  /** Everyone in the room, or (in a broadcast room) the stage, those who show and the caller. */
  private Entered entered(String accountId, String roomId, java.util.Set<String> stageIds) {
    var present = occupancy.occupants(roomId);
    var listed =
        present.stream()
            .filter(
                p ->
                    stageIds == null
                        || p.showing()
                        || stageIds.contains(p.user().id())
                        || p.user().id().equals(accountId))
            .toList();
    var roleOf = roles.of(roomId, listed.stream().map(p -> p.user().id()).toList());
    var occupants =
        listed.stream()
            .map(
                p -> {
                  var role = p.stream() ? RoomRole.MEMBER : roleOf.get(p.user().id());
                  return new Occupant(
                      p.user(), role == null ? null : role.wire(), p.showing(), p.stream());
                })
            .toList();
    Integer viewers = null;
    if (stageIds != null) {
      viewers =
          (int)
              present.stream()
                  .filter(p -> !p.showing() && !stageIds.contains(p.user().id()))
                  .count();
    }
    return new Entered(view(visible(roomId, accountId), accountId), occupants, viewers);
  }

  /**
   * Whether {@code accountId} moderates the room (owner or admin).
   *
   * @throws ForbiddenException for anyone else
   */
  public void requireModerator(String accountId, String roomId, String what) {
    tx.run(() -> requireModerator(visible(roomId, accountId), accountId, what));
  }

  public void leave(UserRef user, String roomId, String tabId) {
    occupancy.leave(roomId, user.id(), tabId, "left");
  }

  /**
   * Starts or stops showing.
   *
   * @throws ForbiddenException {@code not_in_room}; {@code not_presenter} in a broadcast room for
   *     someone who is not its owner, a presenter or on stage
   */
  public void show(UserRef user, String roomId, boolean showing) {
    if (showing
        && occupancy.isIn(roomId, user.id())
        && !stage.mayShow(roomId, new RoomStage.Shower.Person(user.id()))) {
      throw new ForbiddenException(
          "not_presenter",
          "In this broadcast room only the owner, presenters and people invited on stage show."
              + " Raise your hand to ask.");
    }
    if (!occupancy.setShowing(roomId, user.id(), showing)) {
      throw new ForbiddenException("not_in_room", "Enter the room first.");
    }
  }

  /** Unshows everyone in the room who may not show there now (after a change committed). */
  void unshowThoseWhoMayNot(String roomId) {
    for (var p : occupancy.occupants(roomId)) {
      if (p.showing() && !stage.mayShow(roomId, new RoomStage.Shower.Person(p.user().id()))) {
        occupancy.setShowing(roomId, p.user().id(), false);
      }
    }
  }

  /** A message from someone in the room. */
  public RoomMessage send(UserRef user, String roomId, String text, String clientMessageId) {
    if (!occupancy.isIn(roomId, user.id())) {
      throw new ForbiddenException("not_in_room", "Enter the room first.");
    }
    return messages.send(roomId, user, text, clientMessageId);
  }

  public RoomMessages.Page history(String accountId, String roomId, Long before, Integer limit) {
    return tx.call(
        () -> {
          requireMember(visible(roomId, accountId), accountId);
          return messages.history(roomId, accountId, before, limit);
        });
  }

  public Optional<Long> markRead(String accountId, String roomId, long upTo) {
    return tx.call(
        () -> {
          requireMember(visible(roomId, accountId), accountId);
          return messages.markRead(roomId, accountId, upTo);
        });
  }

  /** The room as this account sees it. */
  public RoomView view(Room room, String accountId) {
    var memberCount =
        em.createQuery("select count(m) from RoomMember m where m.roomId = :r", Long.class)
            .setParameter("r", room.id())
            .getSingleResult();
    var myRole = role(room.id(), accountId);
    return new RoomView(
        room.id(),
        room.name(),
        room.topic(),
        room.isPrivate() ? "private" : "public",
        room.hasPassword(),
        memberCount,
        occupancy.count(room.id()),
        myRole.map(RoomRole::wire).orElse(null),
        myRole.isPresent() ? messages.unread(room.id(), accountId) : null,
        RoomRules.mode(room.isBroadcast()),
        em.find(RoomPresenter.class, RoomMember.idOf(room.id(), accountId)) != null);
  }

  /** The room, if this account may see it; a private room one may not see does not exist. */
  Room visible(String roomId, String accountId) {
    var room = roomId == null ? null : em.find(Room.class, roomId);
    if (room == null
        || (room.isPrivate()
            && role(roomId, accountId).isEmpty()
            && em.find(RoomInvite.class, RoomMember.idOf(roomId, accountId)) == null)) {
      throw new NotFoundException("There is no such room.");
    }
    return room;
  }

  Optional<RoomRole> role(String roomId, String accountId) {
    return Optional.ofNullable(em.find(RoomMember.class, RoomMember.idOf(roomId, accountId)))
        .map(RoomMember::role);
  }

  /** The caller's room: visible and not a ban away (in a transaction). */
  Room requireNotBanned(String roomId, String accountId) {
    var room = visible(roomId, accountId);
    if (em.find(RoomBan.class, RoomMember.idOf(roomId, accountId)) != null) {
      throw new ForbiddenException("banned", "You are banned from this room.");
    }
    return room;
  }

  /**
   * Fails unless the account owns the room; for other domain services, inside their transaction.
   *
   * @throws NotFoundException no such room, or one the account may not see
   * @throws ForbiddenException the account is not the owner ({@code what} says of what)
   */
  public void requireOwner(String accountId, String roomId, String what) {
    var room = visible(roomId, accountId);
    if (role(room.id(), accountId).orElse(null) != RoomRole.OWNER) {
      throw new ForbiddenException("Only the room's owner can " + what + ".");
    }
  }

  RoomRole requireModerator(Room room, String accountId, String what) {
    var role = role(room.id(), accountId).orElse(null);
    if (role == null || !role.moderates()) {
      throw new ForbiddenException("Only the room's owner or an admin can " + what + ".");
    }
    return role;
  }

  private void requireMember(Room room, String accountId) {
    if (role(room.id(), accountId).isEmpty()) {
      throw new ForbiddenException("Enter the room to read its messages.");
    }
  }

  static String escape(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
