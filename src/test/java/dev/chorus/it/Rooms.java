package dev.chorus.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;

/** Helpers for room tests: create rooms over REST, enter and act over the socket. */
final class Rooms {
  private Rooms() {}

  static JsonObject create(Users owner, String visibility, String password) {
    var b =
        Json.createObjectBuilder()
            .add("name", "Room " + TestClient.uniqueName("r"))
            .add("topic", "Topic of the room")
            .add("visibility", visibility);
    if (password != null) {
      b.add("password", password);
    }
    var reply = owner.client().send("POST", "api/rooms", b.build().toString(), owner.token());
    if (reply.status() != 201) {
      throw new AssertionError(reply.status() + " " + reply.text());
    }
    return reply.json();
  }

  /** Sends a room request and returns the reply to it (its answer or an error). */
  static JsonObject request(WsClient tab, String type, String roomId, JsonObject extra) {
    var id = type + "-" + System.nanoTime();
    var b = Json.createObjectBuilder(extra).add("type", type).add("id", id).add("roomId", roomId);
    tab.send(b.build());
    return tab.next(m -> id.equals(m.getString("id", null)), Duration.ofSeconds(10));
  }

  static JsonObject enter(WsClient tab, String roomId) {
    return request(tab, "room.enter", roomId, JsonObject.EMPTY_JSON_OBJECT);
  }

  static JsonObject send(WsClient tab, String roomId, String text) {
    return request(tab, "room.send", roomId, Json.createObjectBuilder().add("text", text).build());
  }

  static TestClient.Reply post(Users user, String path, JsonObject body) {
    return user.client().send("POST", path, body.toString(), user.token());
  }
}
