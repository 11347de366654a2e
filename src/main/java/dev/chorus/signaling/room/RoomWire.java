package dev.chorus.signaling.room;

import dev.chorus.im.chat.RoomMessage;
import dev.chorus.im.room.RoomView;
import dev.chorus.signaling.Wire;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** JSON shapes of rooms on the socket (the same as in the REST API). */
final class RoomWire {
  private RoomWire() {}

  static JsonObject room(RoomView r) {
    var b =
        Json.createObjectBuilder()
            .add("id", r.id())
            .add("name", r.name())
            .add("topic", r.topic())
            .add("visibility", r.visibility())
            .add("hasPassword", r.hasPassword())
            .add("memberCount", r.memberCount())
            .add("occupantCount", r.occupantCount());
    if (r.myRole() != null) {
      b.add("myRole", r.myRole());
    } else {
      b.addNull("myRole");
    }
    if (r.unread() != null) {
      b.add("unread", r.unread());
    }
    return b.build();
  }

  static JsonObject message(RoomMessage m) {
    var b =
        Json.createObjectBuilder()
            .add("id", m.id())
            .add("roomId", m.roomId())
            .add("from", Wire.user(m.from()))
            .add("text", m.text())
            .add("sentAt", m.sentAt().toString());
    if (m.clientMessageId() != null) {
      b.add("clientMessageId", m.clientMessageId());
    }
    return b.build();
  }
}
