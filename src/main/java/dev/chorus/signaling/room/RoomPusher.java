package dev.chorus.signaling.room;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.room.RoomBroadcast;
import dev.chorus.im.room.RoomEvent;
import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.im.room.RoomService;
import dev.chorus.im.room.RoomStage;
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
 * (never for a change that rolled back). In a broadcast room a viewer's arrival or departure is not
 * pushed on its own but counted by {@link ViewerCountPusher}; raised hands go only to those who may
 * invite on stage.
 */
@ApplicationScoped
public class RoomPusher {
  @Inject RoomOccupancy occupancy;
  @Inject RoomService rooms;
  @Inject Connections connections;
  @Inject RoomBroadcast broadcast;
  @Inject RoomStage stage;
  @Inject ViewerCountPusher viewers;

  void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) RoomEvent event) {
    var roomId = event.roomId();
    if ((event instanceof RoomEvent.OccupantJoined || event instanceof RoomEvent.OccupantLeft)
        && !broadcast.listed(roomId, user(event).id())) {
      viewers.changed(roomId);
      return;
    }
    if (event instanceof RoomEvent.OccupantJoined e) {
      var joined =
          Wire.push("room.joined")
              .add("roomId", roomId)
              .add("user", Wire.user(e.user()))
              .add("role", e.role().wire());
      if (e.stream()) {
        joined.add("stream", true);
      }
      connections.toTabs(
          occupancy.tabs(roomId), c -> !c.accountId().equals(e.user().id()), joined.build());
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
    } else if (event instanceof RoomEvent.HandChanged e) {
      hand(e);
    } else if (event instanceof RoomEvent.StageChanged e) {
      stageChanged(e);
    } else if (event instanceof RoomEvent.RoomClosed e) {
      viewers.closed(roomId);
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

  private static UserRef user(RoomEvent event) {
    return event instanceof RoomEvent.OccupantJoined j
        ? j.user()
        : ((RoomEvent.OccupantLeft) event).user();
  }

  /** To the tabs in the room of those who may invite on stage (moderators and presenters). */
  private void hand(RoomEvent.HandChanged e) {
    var handlers = stage.handlersOf(e.roomId());
    var push =
        Wire.push("room.hand")
            .add("roomId", e.roomId())
            .add("user", Wire.user(e.user()))
            .add("raised", e.raised())
            .build();
    connections.toTabs(
        occupancy.tabs(e.roomId()),
        c -> handlers.contains(c.accountId()) || c.accountId().equals(e.user().id()),
        push);
  }

  /** To the room; the person invited also gets {@code room.stage.invited} in each of their tabs. */
  private void stageChanged(RoomEvent.StageChanged e) {
    var roomId = e.roomId();
    toRoom(
        roomId,
        Wire.push("room.stage")
            .add("roomId", roomId)
            .add("user", Wire.user(e.user()))
            .add("onStage", e.onStage())
            .add("by", Wire.user(e.by()))
            .build());
    if (e.onStage()) {
      var invited =
          Wire.push("room.stage.invited")
              .add("roomId", roomId)
              .add("by", Wire.user(e.by()))
              .build();
      connections.toTabs(occupancy.tabs(roomId), c -> c.accountId().equals(e.user().id()), invited);
    }
    viewers.changed(roomId);
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
    connections.toTabs(tabs, message);
  }
}
