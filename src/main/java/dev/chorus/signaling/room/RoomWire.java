package dev.chorus.signaling.room;

import dev.chorus.im.chat.RoomMessage;
import dev.chorus.im.room.RoomView;
import dev.chorus.wire.WireJson;
import jakarta.json.JsonObject;

/**
 * Rooms on the socket: the very records {@code /api/rooms} returns ({@link RoomView}, and {@link
 * RoomMessage} in room history), serialized as the REST API does.
 */
final class RoomWire {
  private RoomWire() {}

  static JsonObject room(RoomView r) {
    return WireJson.object(r);
  }

  static JsonObject message(RoomMessage m) {
    return WireJson.object(m);
  }
}
