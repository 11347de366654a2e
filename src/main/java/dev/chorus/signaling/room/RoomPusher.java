package dev.chorus.signaling.room;

import dev.chorus.im.room.RoomEvent;
import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.im.room.RoomService;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Collection;

/**
 * Pushes what happens in a room to exactly the tabs that are in it, after the change committed
 * (never for a change that rolled back).
 */
@ApplicationScoped
public class RoomPusher {
  @Inject RoomOccupancy occupancy;
  @Inject RoomService rooms;
  @Inject Connections connections;

  void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoomEvent event) {
    var roomId = event.roomId();
    if (event instanceof RoomEvent.OccupantJoined e) {
      var joined =
          Wire.push("room.joined")
              .add("roomId", roomId)
              .add("user", Wire.user(e.user()))
              .add("role", e.role().wire());
      if (e.stream()) {
        joined.add("stream", true);
      }
      var push = joined.build();
      for (var tab : occupancy.tabs(roomId)) {
        connections
            .byId(tab)
            .filter(c -> !c.accountId().equals(e.user().id()))
            .ifPresent(c -> c.send(push));
      }
    } else if (event instanceof RoomEvent.OccupantLeft e) {
      toRoom(
          roomId,
          Wire.push("room.left")
              .add("roomId", roomId)
              .add("user", Wire.user(e.user()))
              .add("reason", e.reason())
              .build());
    } else if (event instanceof RoomEvent.ShowChanged e) {
      toRoom(
          roomId,
          (e.showing() ? Wire.push("room.shown") : Wire.push("room.unshown"))
              .add("roomId", roomId)
              .add("user", Wire.user(e.user()))
              .build());
    } else if (event instanceof RoomEvent.MemberRemoved e) {
      var push =
          Wire.push("room.kicked")
              .add("roomId", roomId)
              .add("by", Wire.user(e.by()))
              .add("reason", e.reason() == null ? "" : e.reason())
              .add("banned", e.banned())
              .build();
      connections.sendTo(e.user().id(), push, null);
    } else if (event instanceof RoomEvent.RoomUpdated) {
      for (var tab : occupancy.tabs(roomId)) {
        connections
            .byId(tab)
            .ifPresent(
                c ->
                    c.send(
                        Wire.push("room.updated")
                            .add("room", RoomWire.room(rooms.get(c.accountId(), roomId)))
                            .build()));
      }
    } else if (event instanceof RoomEvent.RoomClosed e) {
      toTabs(
          e.tabs(),
          Wire.push("room.closed")
              .add("roomId", roomId)
              .add("reason", e.reason())
              .add("message", closedNotice(e.reason()))
              .build());
    } else if (event instanceof RoomEvent.MessageDeleted e) {
      toRoom(
          roomId,
          Wire.push("room.message.deleted")
              .add("roomId", roomId)
              .add("messageId", e.messageId())
              .build());
    }
  }

  /** What the page shows the people who were in a closed room. */
  static String closedNotice(String reason) {
    return "closed_by_admin".equals(reason)
        ? "A Chorus administrator closed this room."
        : "The room's owner deleted this room.";
  }

  private void toRoom(String roomId, JsonObject message) {
    toTabs(occupancy.tabs(roomId), message);
  }

  private void toTabs(Collection<String> tabs, JsonObject message) {
    for (var tab : tabs) {
      connections.byId(tab).ifPresent(c -> c.send(message));
    }
  }
}
