package dev.chorus.im.room;

import dev.chorus.im.account.UserRef;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may show in a room. In a meeting room everyone in it may; in a broadcast room only the owner,
 * the presenters ({@link RoomPresenter}), the people a moderator or presenter invited on stage, and
 * WHIP streams published with one of the room's PUBLISH keys. The broadcast flag and the presenters
 * are stored; who is on stage and whose hand is raised is kept here, in memory, as who is in a room
 * is ({@link RoomOccupancy}), and forgotten when they leave.
 *
 * <p>Nothing is fired under the lock; the database is read in {@link InTransaction} outside it.
 */
@ApplicationScoped
public class RoomStage {
  @PersistenceContext(unitName = "chorus")
  EntityManager em;

  @Inject InTransaction tx;
  @Inject Event<RoomEvent> events;

  final Object lock = new Object();
  private final Map<String, Live> rooms = new HashMap<>();

  private static final class Live {
    final Set<String> onStage = new LinkedHashSet<>();
    final Map<String, UserRef> hands = new LinkedHashMap<>();
  }

  /** Who asks to show. */
  public sealed interface Shower {
    /**
     * A person: their tab's {@code room.show}, or a WHIP stream they publish with their session
     * token (which may show exactly when they may).
     */
    record Person(String accountId) implements Shower {}

    /** A WHIP stream published with a PUBLISH stream key of the room {@code keyRoomId}. */
    record KeyStream(String keyRoomId) implements Shower {}
  }

  /** What decides whether a person may show in a room. */
  public record Standing(boolean broadcast, boolean owner, boolean presenter, boolean onStage) {}

  /** The rule: everyone in a meeting room; the owner, presenters and the stage in a broadcast. */
  public static boolean mayShow(Standing s) {
    return !s.broadcast() || s.owner() || s.presenter() || s.onStage();
  }

  /**
   * Whether {@code who} may show in the room now. A stream key of the room may always publish into
   * it (a key is the owner's choice); a key of another room never.
   */
  public boolean mayShow(String roomId, Shower who) {
    if (who instanceof Shower.KeyStream key) {
      return roomId.equals(key.keyRoomId());
    }
    return mayShow(standing(roomId, ((Shower.Person) who).accountId()));
  }

  /** The person's standing in the room (not broadcast if there is no such room). */
  public Standing standing(String roomId, String accountId) {
    var stored =
        tx.call(
            () -> {
              var room = em.find(Room.class, roomId);
              if (room == null || !room.isBroadcast()) {
                return null;
              }
              return new Standing(
                  true,
                  room.ownerId().equals(accountId),
                  em.find(RoomPresenter.class, RoomMember.idOf(roomId, accountId)) != null,
                  false);
            });
    if (stored == null) {
      return new Standing(false, false, false, false);
    }
    return new Standing(true, stored.owner(), stored.presenter(), isOnStage(roomId, accountId));
  }

  public boolean isBroadcast(String roomId) {
    return tx.call(
        () -> {
          var room = em.find(Room.class, roomId);
          return room != null && room.isBroadcast();
        });
  }

  /**
   * The accounts that are the stage of a broadcast room, whether in it or not: the owner, the
   * presenters and those invited on stage.
   */
  public Set<String> stageOf(String roomId) {
    var ids = new LinkedHashSet<String>();
    tx.run(
        () -> {
          var room = em.find(Room.class, roomId);
          if (room != null) {
            ids.add(room.ownerId());
          }
          ids.addAll(presenterIds(roomId));
        });
    synchronized (lock) {
      var live = rooms.get(roomId);
      if (live != null) {
        ids.addAll(live.onStage);
      }
    }
    return ids;
  }

  /** Who hears raised hands and may invite on stage: moderators and presenters. */
  public Set<String> handlersOf(String roomId) {
    return tx.call(
        () -> {
          var ids =
              new LinkedHashSet<>(
                  em.createQuery(
                          "select m.accountId from RoomMember m where m.roomId = :r"
                              + " and m.role in :roles",
                          String.class)
                      .setParameter("r", roomId)
                      .setParameter("roles", List.of(RoomRole.OWNER, RoomRole.ADMIN))
                      .getResultList());
          ids.addAll(presenterIds(roomId));
          return ids;
        });
  }

  /** In a transaction. */
  List<String> presenterIds(String roomId) {
    return em.createQuery(
            "select p.accountId from RoomPresenter p where p.roomId = :r order by p.addedAt",
            String.class)
        .setParameter("r", roomId)
        .getResultList();
  }

  public boolean isOnStage(String roomId, String accountId) {
    synchronized (lock) {
      var live = rooms.get(roomId);
      return live != null && live.onStage.contains(accountId);
    }
  }

  /** Raised hands, in the order they were raised. */
  public List<UserRef> hands(String roomId) {
    synchronized (lock) {
      var live = rooms.get(roomId);
      return live == null ? List.of() : List.copyOf(live.hands.values());
    }
  }

  /** Puts the account on stage and lowers its hand; false if it was on stage already. */
  boolean invite(String roomId, String accountId) {
    synchronized (lock) {
      var live = rooms.computeIfAbsent(roomId, r -> new Live());
      live.hands.remove(accountId);
      return live.onStage.add(accountId);
    }
  }

  /** Takes the account off stage; false if it was not on stage. */
  boolean offStage(String roomId, String accountId) {
    synchronized (lock) {
      var live = rooms.get(roomId);
      if (live == null || !live.onStage.remove(accountId)) {
        return false;
      }
      dropIfEmpty(roomId, live);
      return true;
    }
  }

  /** Raises or lowers the user's hand; false if it already was so. */
  boolean hand(String roomId, UserRef user, boolean raised) {
    synchronized (lock) {
      var live = rooms.computeIfAbsent(roomId, r -> new Live());
      boolean changed =
          raised
              ? live.hands.putIfAbsent(user.id(), user) == null
              : live.hands.remove(user.id()) != null;
      dropIfEmpty(roomId, live);
      return changed;
    }
  }

  private void dropIfEmpty(String roomId, Live live) {
    if (live.onStage.isEmpty() && live.hands.isEmpty()) {
      rooms.remove(roomId);
    }
  }

  /**
   * Someone who leaves is off stage and their hand goes down (an invitation does not outlive the
   * visit). Runs after the other observers of the event, so that those still see who was on stage.
   */
  void on(
      @Observes(during = TransactionPhase.AFTER_SUCCESS)
          @Priority(Interceptor.Priority.LIBRARY_AFTER + 500)
          RoomEvent event) {
    if (event instanceof RoomEvent.OccupantLeft e) {
      left(e.roomId(), e.user());
    } else if (event instanceof RoomEvent.RoomClosed e) {
      synchronized (lock) {
        rooms.remove(e.roomId());
      }
    }
  }

  /** The user left the room: forgets their place on stage and lowers their hand. */
  void left(String roomId, UserRef user) {
    boolean handWasUp;
    synchronized (lock) {
      var live = rooms.get(roomId);
      if (live == null) {
        return;
      }
      live.onStage.remove(user.id());
      handWasUp = live.hands.remove(user.id()) != null;
      dropIfEmpty(roomId, live);
    }
    if (handWasUp) {
      events.fire(new RoomEvent.HandChanged(roomId, user, false));
    }
  }
}
