package dev.chorus.signaling.room;

import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.im.room.RoomService;
import dev.chorus.signaling.Connection;
import dev.chorus.signaling.Connections;
import dev.chorus.signaling.Envelope;
import dev.chorus.signaling.Fields;
import dev.chorus.signaling.SocketClosed;
import dev.chorus.signaling.SocketError;
import dev.chorus.signaling.SocketHandler;
import dev.chorus.signaling.Wire;
import dev.chorus.wire.JsonP;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Room messages from a tab: enter, leave, show, unshow, send, read. Domain failures pass through to
 * {@link dev.chorus.signaling.SocketRouter}, which answers with the same code REST shows.
 */
@ApplicationScoped
public class RoomHandler implements SocketHandler {
  @Inject RoomService rooms;
  @Inject RoomOccupancy occupancy;
  @Inject Connections connections;

  @Override
  public Set<String> types() {
    return Set.of("room.enter", "room.leave", "room.show", "room.unshow", "room.send", "room.read");
  }

  @Override
  public void handle(Connection from, Envelope m) throws SocketError {
    var roomId = Fields.string(m, "roomId");
    var user = from.user();
    switch (m.type()) {
      case "room.enter" -> enter(from, m, roomId);
      case "room.leave" -> {
        rooms.leave(user, roomId, from.id());
        from.send(m.reply("ack").build());
      }
      case "room.show", "room.unshow" -> {
        requireTab(from, m, roomId);
        rooms.show(user, roomId, m.type().equals("room.show"));
        from.send(m.reply("ack").build());
      }
      case "room.send" -> send(from, m, roomId);
      case "room.read" -> {
        var upTo = Fields.positiveLong(m, "upTo");
        var moved = rooms.markRead(user.id(), roomId, upTo);
        from.send(m.reply("ack").build());
        moved.ifPresent(
            to ->
                connections.sendTo(
                    user.id(),
                    Wire.push("room.read").add("roomId", roomId).add("upTo", to).build(),
                    from));
      }
      default -> throw new IllegalArgumentException(m.type());
    }
  }

  private void enter(Connection from, Envelope m, String roomId) throws SocketError {
    var entered = rooms.enter(from.user(), roomId, Fields.optionalString(m, "password"), from.id());
    var occupants = JsonP.array();
    var showing = JsonP.array();
    for (var o : entered.occupants()) {
      var entry = JsonP.object().add("user", Wire.user(o.user())).add("showing", o.showing());
      if (o.role() != null) {
        entry.add("role", o.role());
      } else {
        entry.addNull("role");
      }
      if (o.stream()) {
        entry.add("stream", true);
      }
      occupants.add(entry);
      if (o.showing()) {
        showing.add(o.user().username());
      }
    }
    var reply =
        m.reply("room.entered")
            .add("room", RoomWire.room(entered.room()))
            .add("occupants", occupants)
            .add("showing", showing);
    if (entered.viewerCount() != null) {
      reply.add("viewerCount", entered.viewerCount());
    }
    from.send(reply.build());
  }

  private void send(Connection from, Envelope m, String roomId) throws SocketError {
    requireTab(from, m, roomId);
    var text = Fields.string(m, "text");
    var clientId = Fields.optionalString(m, "clientMessageId");
    var stored = rooms.send(from.user(), roomId, text, clientId);
    var json = RoomWire.message(stored);
    from.send(m.reply("room.ack").add("message", json).build());
    var push = Wire.push("room.message").add("message", json).build();
    connections.toTabs(occupancy.tabs(roomId), c -> c != from, push);
  }

  /** Showing and chatting happen in a tab that has entered the room. */
  private void requireTab(Connection from, Envelope m, String roomId) throws SocketError {
    if (!occupancy.isTabIn(roomId, from.id())) {
      throw new SocketError(m.id(), "not_in_room", "Enter the room first.");
    }
  }

  void onSocketClosed(@Observes SocketClosed event) {
    occupancy.tabClosed(event.connection().id());
  }
}
