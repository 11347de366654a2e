package dev.chorus.im.room;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.common.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is in each room right now, by tab, and who is showing. In memory: after a restart rooms are
 * empty and the pages re-enter. One lock for all rooms keeps it simple; events are collected under
 * it and fired after it is released, so no observer (and no push) ever runs under it. The caps
 * (people per room, rooms per person) are checked under the same lock as the entry they guard.
 */
@ApplicationScoped
public class RoomOccupancy {
  @Inject Event<RoomEvent> events;

  @Inject
  @ConfigProperty(name = "chorus.rooms.max-occupants", defaultValue = "200")
  int maxOccupants;

  /** The cap of a broadcast room, where most people watch. */
  @Inject
  @ConfigProperty(name = "chorus.rooms.max-broadcast-occupants", defaultValue = "1000")
  int maxBroadcastOccupants;

  @Inject
  @ConfigProperty(name = "chorus.rooms.max-rooms-per-user", defaultValue = "20")
  int maxRoomsPerUser;

  final Object lock = new Object();
  private final Map<String, Map<String, Occupant>> rooms = new HashMap<>();
  private final Map<String, Set<String>> roomsOfTab = new HashMap<>();
  private final Map<String, Set<String>> roomsOfUser = new HashMap<>();

  /** One user in one room; {@code stream} for a WHIP stream (a pseudo-occupant). */
  public record Present(UserRef user, boolean showing, boolean stream) {
    public Present(UserRef user, boolean showing) {
      this(user, showing, false);
    }
  }

  private static final class Occupant {
    final UserRef user;
    final Set<String> tabs = new LinkedHashSet<>();
    final boolean stream;
    boolean showing;

    Occupant(UserRef user, boolean stream) {
      this.user = user;
      this.stream = stream;
    }
  }

  /**
   * A tab enters; announces the user if it is their first tab there.
   *
   * @throws ForbiddenException {@code room_full} or {@code too_many_rooms}
   */
  void enter(String roomId, UserRef user, RoomRole role, String tabId) {
    enter(roomId, user, role, tabId, false);
  }

  /** {@link #enter}, capped as a broadcast room when {@code broadcast}. */
  void enter(String roomId, UserRef user, RoomRole role, String tabId, boolean broadcast) {
    boolean first;
    synchronized (lock) {
      requireRoomForLocked(roomId, user.id(), broadcast);
      var occupants = rooms.computeIfAbsent(roomId, r -> new LinkedHashMap<>());
      var occupant = occupants.get(user.id());
      first = occupant == null;
      if (first) {
        occupant = new Occupant(user, false);
        occupants.put(user.id(), occupant);
        roomsOfUser.computeIfAbsent(user.id(), u -> new LinkedHashSet<>()).add(roomId);
      }
      occupant.tabs.add(tabId);
      roomsOfTab.computeIfAbsent(tabId, t -> new LinkedHashSet<>()).add(roomId);
    }
    if (first) {
      events.fire(new RoomEvent.OccupantJoined(roomId, user, role));
    }
  }

  /**
   * A WHIP stream enters as its own occupant {@code ref} (id {@code stream:…}), already showing;
   * announced as joined (a stream) and shown. The same stream entering again (an encoder that
   * reconnected) only adds its new tab.
   *
   * @throws ForbiddenException {@code room_full}
   */
  void enterStream(String roomId, UserRef ref, String tabId) {
    var fired = new ArrayList<RoomEvent>();
    synchronized (lock) {
      // The larger (broadcast) cap: a stream is a presenter, and the media caps bound streams.
      requireRoomForLocked(roomId, ref.id(), true);
      var occupants = rooms.computeIfAbsent(roomId, r -> new LinkedHashMap<>());
      var occupant = occupants.get(ref.id());
      if (occupant == null) {
        occupant = new Occupant(ref, true);
        occupant.showing = true;
        occupants.put(ref.id(), occupant);
        roomsOfUser.computeIfAbsent(ref.id(), u -> new LinkedHashSet<>()).add(roomId);
        fired.add(new RoomEvent.OccupantJoined(roomId, ref, RoomRole.MEMBER, true));
        fired.add(new RoomEvent.ShowChanged(roomId, ref, true));
      }
      occupant.tabs.add(tabId);
      roomsOfTab.computeIfAbsent(tabId, t -> new LinkedHashSet<>()).add(roomId);
    }
    fired.forEach(events::fire);
  }

  /**
   * Refuses early (before a password is checked or a membership stored) when {@link #enter} would
   * be refused for a cap; {@link #enter} checks again, under the lock.
   *
   * @throws ForbiddenException {@code room_full} or {@code too_many_rooms}
   */
  void requireRoomFor(String roomId, String accountId, boolean broadcast) {
    synchronized (lock) {
      requireRoomForLocked(roomId, accountId, broadcast);
    }
  }

  private void requireRoomForLocked(String roomId, String accountId, boolean broadcast) {
    var occupants = rooms.get(roomId);
    if (occupants != null && occupants.containsKey(accountId)) {
      return; // another tab of someone already in: no new place is taken
    }
    int cap = broadcast ? Math.max(maxOccupants, maxBroadcastOccupants) : maxOccupants;
    if (occupants != null && occupants.size() >= cap) {
      throw new ForbiddenException(
          "room_full", "This room is full (" + cap + " people). Try again later.");
    }
    var mine = roomsOfUser.get(accountId);
    if (mine != null && mine.size() >= maxRoomsPerUser) {
      throw new ForbiddenException(
          "too_many_rooms",
          "You are in " + maxRoomsPerUser + " rooms already. Leave one to enter another.");
    }
  }

  /** A tab leaves; announces the user if it was their last tab there. */
  public void leave(String roomId, String accountId, String tabId, String reason) {
    var fired = new ArrayList<RoomEvent>();
    synchronized (lock) {
      var occupants = rooms.get(roomId);
      var occupant = occupants == null ? null : occupants.get(accountId);
      if (occupant == null || !occupant.tabs.remove(tabId)) {
        return;
      }
      forgetTab(tabId, roomId);
      if (occupant.tabs.isEmpty()) {
        removeOccupant(roomId, occupants, occupant, reason, fired);
      }
    }
    fired.forEach(events::fire);
  }

  /** A tab closed: it leaves every room it was in. */
  public void tabClosed(String tabId) {
    List<String> roomIds;
    synchronized (lock) {
      var set = roomsOfTab.get(tabId);
      roomIds = set == null ? List.of() : List.copyOf(set);
    }
    for (var roomId : roomIds) {
      String accountId = null;
      synchronized (lock) {
        var occupants = rooms.get(roomId);
        if (occupants != null) {
          for (var o : occupants.values()) {
            if (o.tabs.contains(tabId)) {
              accountId = o.user.id();
            }
          }
        }
      }
      if (accountId != null) {
        leave(roomId, accountId, tabId, "disconnected");
      }
    }
  }

  /** Removes a user with all their tabs (kick, ban); returns the tabs that were in the room. */
  Set<String> remove(String roomId, String accountId, String reason) {
    var fired = new ArrayList<RoomEvent>();
    Set<String> tabs;
    synchronized (lock) {
      var occupants = rooms.get(roomId);
      var occupant = occupants == null ? null : occupants.get(accountId);
      if (occupant == null) {
        return Set.of();
      }
      tabs = Set.copyOf(occupant.tabs);
      tabs.forEach(t -> forgetTab(t, roomId));
      occupant.tabs.clear();
      removeOccupant(roomId, occupants, occupant, reason, fired);
    }
    fired.forEach(events::fire);
    return tabs;
  }

  /** Empties a room that is being deleted; returns every tab that was in it. */
  Set<String> close(String roomId) {
    synchronized (lock) {
      var occupants = rooms.remove(roomId);
      if (occupants == null) {
        return Set.of();
      }
      var tabs = new LinkedHashSet<String>();
      occupants.values().forEach(o -> tabs.addAll(o.tabs));
      tabs.forEach(t -> forgetTab(t, roomId));
      occupants.keySet().forEach(accountId -> forgetUserRoom(accountId, roomId));
      return tabs;
    }
  }

  /** Sets whether the user shows; false if they are not in the room. */
  boolean setShowing(String roomId, String accountId, boolean showing) {
    RoomEvent fired = null;
    synchronized (lock) {
      var occupants = rooms.get(roomId);
      var occupant = occupants == null ? null : occupants.get(accountId);
      if (occupant == null) {
        return false;
      }
      if (occupant.showing != showing) {
        occupant.showing = showing;
        fired = new RoomEvent.ShowChanged(roomId, occupant.user, showing);
      }
    }
    if (fired != null) {
      events.fire(fired);
    }
    return true;
  }

  public boolean isIn(String roomId, String accountId) {
    synchronized (lock) {
      var occupants = rooms.get(roomId);
      return occupants != null && occupants.containsKey(accountId);
    }
  }

  public boolean isTabIn(String roomId, String tabId) {
    synchronized (lock) {
      var set = roomsOfTab.get(tabId);
      return set != null && set.contains(roomId);
    }
  }

  /** Everyone in the room now, in order of arrival. */
  public List<Present> occupants(String roomId) {
    synchronized (lock) {
      var occupants = rooms.get(roomId);
      return occupants == null
          ? List.of()
          : occupants.values().stream().map(o -> new Present(o.user, o.showing, o.stream)).toList();
    }
  }

  /** Every tab in the room now. */
  public Set<String> tabs(String roomId) {
    synchronized (lock) {
      var occupants = rooms.get(roomId);
      var tabs = new LinkedHashSet<String>();
      if (occupants != null) {
        occupants.values().forEach(o -> tabs.addAll(o.tabs));
      }
      return tabs;
    }
  }

  /** How many of the people in the room show (camera, microphone or screen). */
  public int showingCount(String roomId) {
    synchronized (lock) {
      var occupants = rooms.get(roomId);
      return occupants == null
          ? 0
          : (int) occupants.values().stream().filter(o -> o.showing).count();
    }
  }

  /** Rooms with at least one person in them now. */
  public int activeRoomCount() {
    synchronized (lock) {
      return rooms.size();
    }
  }

  /** People in rooms now, each counted once per room they are in. */
  public int occupantCount() {
    synchronized (lock) {
      return rooms.values().stream().mapToInt(Map::size).sum();
    }
  }

  public int count(String roomId) {
    synchronized (lock) {
      var occupants = rooms.get(roomId);
      return occupants == null ? 0 : occupants.size();
    }
  }

  private void removeOccupant(
      String roomId,
      Map<String, Occupant> occupants,
      Occupant o,
      String reason,
      List<RoomEvent> fired) {
    occupants.remove(o.user.id());
    forgetUserRoom(o.user.id(), roomId);
    if (occupants.isEmpty()) {
      rooms.remove(roomId);
    }
    if (o.showing) {
      fired.add(new RoomEvent.ShowChanged(roomId, o.user, false));
    }
    fired.add(new RoomEvent.OccupantLeft(roomId, o.user, reason));
  }

  private void forgetUserRoom(String accountId, String roomId) {
    var set = roomsOfUser.get(accountId);
    if (set != null) {
      set.remove(roomId);
      if (set.isEmpty()) {
        roomsOfUser.remove(accountId);
      }
    }
  }

  private void forgetTab(String tabId, String roomId) {
    var set = roomsOfTab.get(tabId);
    if (set != null) {
      set.remove(roomId);
      if (set.isEmpty()) {
        roomsOfTab.remove(tabId);
      }
    }
  }
}
