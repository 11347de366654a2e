package dev.chorus.signaling.room;

import dev.chorus.im.room.RoomBroadcast;
import dev.chorus.im.room.RoomOccupancy;
import dev.chorus.signaling.Connection;
import dev.chorus.signaling.Envelope;
import dev.chorus.signaling.Fields;
import dev.chorus.signaling.SocketError;
import dev.chorus.signaling.SocketHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * The stage of a broadcast room from a tab: {@code room.hand} raises or lowers the user's hand,
 * {@code room.stage} invites someone on stage or takes them off it. The domain ({@link
 * RoomBroadcast}) decides and fires the events that {@link RoomPusher} pushes.
 */
@ApplicationScoped
public class StageHandler implements SocketHandler {
  @Inject RoomBroadcast broadcast;
  @Inject RoomOccupancy occupancy;

  @Override
  public Set<String> types() {
    return Set.of("room.hand", "room.stage");
  }

  @Override
  public void handle(Connection from, Envelope m) throws SocketError {
    var roomId = Fields.string(m, "roomId");
    if (!occupancy.isTabIn(roomId, from.id())) {
      throw new SocketError(m.id(), "not_in_room", "Enter the room first.");
    }
    switch (m.type()) {
      case "room.hand" -> broadcast.hand(from.user(), roomId, bool(m, "raised"));
      case "room.stage" ->
          broadcast.stage(from.user(), roomId, Fields.string(m, "username"), bool(m, "onStage"));
      default -> throw new IllegalArgumentException(m.type());
    }
    from.send(m.reply("ack").build());
  }

  private static boolean bool(Envelope m, String name) throws SocketError {
    var v = m.body().get(name);
    if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
      return v == JsonValue.TRUE;
    }
    throw new SocketError(m.id(), "bad_request", "'" + name + "' must be true or false.");
  }
}
