package dev.chorus.signaling.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.RoomMessage;
import dev.chorus.im.room.RoomView;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A room and a room message on the socket ({@code room.entered}, {@code room.updated}, {@code
 * room.message}) have exactly the keys and values {@code GET /api/rooms} and {@code GET
 * /api/rooms/{id}/messages} give, which JSON-B (the REST API's serializer) makes of the same
 * records.
 */
class RoomWireTest {
  private static final UserRef ALICE = new UserRef("u-1", "alice", "Alice");

  @Test
  void aMembersRoomIsTheRestRoom() throws Exception {
    var room =
        new RoomView("r-1", "Lobby", "Hello", "public", true, 3, 2, "owner", 5L, "broadcast", true);
    var socket = RoomWire.room(room);
    assertEquals(rest(room), socket);
    assertEquals(
        Set.of(
            "id",
            "name",
            "topic",
            "visibility",
            "hasPassword",
            "memberCount",
            "occupantCount",
            "myRole",
            "unread",
            "mode",
            "presenter"),
        socket.keySet());
    assertEquals(5, socket.getInt("unread"));
    assertEquals("owner", socket.getString("myRole"));
    assertEquals("broadcast", socket.getString("mode"));
  }

  @Test
  void aNonMembersRoomLeavesOutRoleAndUnreadOnBoth() throws Exception {
    var room =
        new RoomView("r-1", "Lobby", "", "public", false, 3, 0, null, null, "meeting", false);
    var socket = RoomWire.room(room);
    assertEquals(rest(room), socket);
    assertEquals(
        Set.of(
            "id",
            "name",
            "topic",
            "visibility",
            "hasPassword",
            "memberCount",
            "occupantCount",
            "mode",
            "presenter"),
        socket.keySet());
  }

  @Test
  void aRoomMessageIsTheRestRoomMessage() throws Exception {
    var message =
        new RoomMessage(
            41, "r-1", ALICE, "Hi all", Instant.parse("2026-11-21T08:00:00.123Z"), "c1");
    var socket = RoomWire.message(message);
    assertEquals(rest(message), socket);
    assertEquals(
        Set.of("id", "roomId", "from", "text", "sentAt", "clientMessageId"), socket.keySet());
    assertEquals("2026-11-21T08:00:00.123Z", socket.getString("sentAt"));
    assertEquals(Set.of("id", "username", "displayName"), socket.getJsonObject("from").keySet());
  }

  /** What the REST API sends for the record: the container serializes it with JSON-B. */
  static JsonObject rest(Object record) throws Exception {
    try (var jsonb = JsonbBuilder.create();
        var reader = Json.createReader(new StringReader(jsonb.toJson(record)))) {
      return reader.readObject();
    }
  }
}
