package dev.chorus.im.room;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.AccountService;
import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What happens in a broadcast room beyond showing: the presenters (stored), a viewer's raised hand,
 * inviting someone on stage or taking them off it, and searching everyone in the room (the page
 * only lists the stage and a count). Database work commits before anyone is unshown or told.
 */
@ApplicationScoped
public class RoomBroadcast {
  public static final int MAX_PAGE = 100;

  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject RoomService rooms;
  @Inject RoomOccupancy occupancy;
  @Inject RoomStage stage;
  @Inject AccountService accounts;
  @Inject Event<RoomEvent> events;
  @Inject Clock clock;
  @Inject InTransaction tx;

  /** Someone in the room, as the search lists them. */
  public record Occupant(UserRef user, String role, boolean showing, boolean stage) {}

  /** One page of occupants; {@code nextCursor} is the last username, or null at the end. */
  public record Page(List<Occupant> items, String nextCursor) {}

  /** The room's presenters, for anyone who may see the room. */
  public List<UserRef> presenters(UserRef actor, String roomId) {
    return tx.call(
        () -> {
          rooms.visible(roomId, actor.id());
          return stage.presenterIds(roomId).stream()
              .map(id -> em.find(Account.class, id))
              .filter(a -> a != null)
              .map(UserRef::of)
              .toList();
        });
  }

  /** Makes {@code username} a presenter (owner, admin); idempotent. */
  public void addPresenter(UserRef actor, String roomId, String username) {
    boolean added =
        tx.call(
            () -> {
              var room = rooms.visible(roomId, actor.id());
              rooms.requireModerator(room, actor.id(), "choose presenters");
              var target = user(username);
              var id = RoomMember.idOf(roomId, target.id());
              if (em.find(RoomPresenter.class, id) != null) {
                return false;
              }
              em.persist(new RoomPresenter(roomId, target.id(), actor.id(), clock.instant()));
              return true;
            });
    if (added) {
      events.fire(new RoomEvent.RoomUpdated(roomId));
    }
  }

  /**
   * No longer a presenter (owner, admin); once that committed they are unshown unless they may
   * still show (the owner, or on stage).
   */
  public void removePresenter(UserRef actor, String roomId, String username) {
    var target =
        tx.call(
            () -> {
              var room = rooms.visible(roomId, actor.id());
              rooms.requireModerator(room, actor.id(), "choose presenters");
              var t = user(username);
              var presenter = em.find(RoomPresenter.class, RoomMember.idOf(roomId, t.id()));
              if (presenter == null) {
                throw new NotFoundException("'" + t.username() + "' is not a presenter here.");
              }
              em.remove(presenter);
              return t;
            });
    events.fire(new RoomEvent.RoomUpdated(roomId));
    unshowIfMayNot(roomId, target.id());
  }

  /**
   * A viewer raises or lowers their hand; moderators and presenters hear of it.
   *
   * @throws ForbiddenException {@code not_in_room}, {@code not_broadcast}, or {@code on_stage}
   *     (raising a hand when one may show already)
   */
  public void hand(UserRef user, String roomId, boolean raised) {
    requireIn(roomId, user.id(), "Enter the room first.");
    var standing = stage.standing(roomId, user.id());
    if (!standing.broadcast()) {
      throw new ForbiddenException("not_broadcast", "Everyone may show in this room: no hands.");
    }
    if (raised && RoomStage.mayShow(standing)) {
      throw new ForbiddenException("on_stage", "You may show already.");
    }
    if (stage.hand(roomId, user, raised)) {
      events.fire(new RoomEvent.HandChanged(roomId, user, raised));
    }
  }

  /**
   * A moderator or presenter invites {@code username} on stage ({@code onStage}) or takes them off
   * it; anyone may step off the stage themselves. Off stage, they are unshown unless they still may
   * show.
   *
   * @throws ForbiddenException {@code not_in_room} (either of them), {@code not_broadcast}, or
   *     forbidden for someone else who may not invite
   * @throws NotFoundException no such user
   */
  public void stage(UserRef actor, String roomId, String username, boolean onStage) {
    requireIn(roomId, actor.id(), "Enter the room first.");
    var target = tx.call(() -> UserRef.of(user(username)));
    var self = target.id().equals(actor.id());
    if (!stage.isBroadcast(roomId)) {
      throw new ForbiddenException("not_broadcast", "Everyone may show in this room: no stage.");
    }
    if (!(self && !onStage) && !stage.handlersOf(roomId).contains(actor.id())) {
      throw new ForbiddenException(
          "Only the room's owner, admins and presenters invite people on stage.");
    }
    requireIn(roomId, target.id(), "'" + target.username() + "' is not in the room.");
    var handWasUp = stage.hands(roomId).stream().anyMatch(u -> u.id().equals(target.id()));
    boolean changed =
        onStage ? stage.invite(roomId, target.id()) : stage.offStage(roomId, target.id());
    if (onStage && handWasUp) {
      // A raised hand went down with the invitation; the hand's watchers hear it as well.
      events.fire(new RoomEvent.HandChanged(roomId, target, false));
    }
    if (changed || onStage) {
      events.fire(new RoomEvent.StageChanged(roomId, target, onStage, actor));
    }
    if (!onStage) {
      unshowIfMayNot(roomId, target.id());
    }
  }

  /**
   * Everyone in the room whose username or display name contains {@code q}, by username, after the
   * username {@code after}; for anyone who may see the room and is not banned from it.
   */
  public Page occupants(String accountId, String roomId, String q, int limit, String after) {
    tx.run(() -> rooms.requireNotBanned(roomId, accountId));
    var needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
    var from = after == null ? "" : after;
    var matches =
        occupancy.occupants(roomId).stream()
            .filter(p -> p.user().username().compareTo(from) > 0)
            .filter(
                p ->
                    needle.isEmpty()
                        || p.user().username().toLowerCase(Locale.ROOT).contains(needle)
                        || p.user().displayName().toLowerCase(Locale.ROOT).contains(needle))
            .sorted(Comparator.comparing(p -> p.user().username()))
            .limit(limit + 1L)
            .toList();
    var broadcast = stage.isBroadcast(roomId);
    var stageIds = broadcast ? stage.stageOf(roomId) : java.util.Set.<String>of();
    var page = matches.subList(0, Math.min(limit, matches.size()));
    var items = new ArrayList<Occupant>();
    tx.run(
        () -> {
          for (var p : page) {
            var role = rooms.role(roomId, p.user().id()).map(RoomRole::wire).orElse(null);
            items.add(
                new Occupant(
                    p.user(),
                    role,
                    p.showing(),
                    !broadcast || p.showing() || stageIds.contains(p.user().id())));
          }
        });
    var next = matches.size() > limit ? page.get(page.size() - 1).user().username() : null;
    return new Page(List.copyOf(items), next);
  }

  /**
   * How many people in the room watch: not on its stage and not showing (0 in a meeting room, where
   * everyone is listed).
   */
  public int viewerCount(String roomId) {
    if (!stage.isBroadcast(roomId)) {
      return 0;
    }
    var stageIds = stage.stageOf(roomId);
    return (int)
        occupancy.occupants(roomId).stream()
            .filter(p -> !p.showing() && !stageIds.contains(p.user().id()))
            .count();
  }

  /** Whether the user is part of what a broadcast room lists (always, in a meeting room). */
  public boolean listed(String roomId, String accountId) {
    var standing = stage.standing(roomId, accountId);
    return !standing.broadcast() || RoomStage.mayShow(standing);
  }

  private void unshowIfMayNot(String roomId, String accountId) {
    if (occupancy.isIn(roomId, accountId)
        && !stage.mayShow(roomId, new RoomStage.Shower.Person(accountId))) {
      occupancy.setShowing(roomId, accountId, false);
    }
  }

  private void requireIn(String roomId, String accountId, String message) {
    if (!occupancy.isIn(roomId, accountId)) {
      throw new ForbiddenException("not_in_room", message);
    }
  }

  private Account user(String username) {
    return accounts
        .findByUsername(username == null ? "" : username)
        .orElseThrow(() -> new NotFoundException("There is no user '" + username + "'."));
  }
}
