package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.im.account.UserRef;
import dev.chorus.im.chat.CallRecord;
import dev.chorus.im.chat.ChatMessage;
import dev.chorus.im.presence.OnlineUser;
import dev.chorus.im.presence.PresenceStatus;
import dev.chorus.wire.MessageView;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A direct message on the socket ({@code chat.ack}, {@code chat.message}) has exactly the keys and
 * values of the REST API's message (history, conversation list), which JSON-B makes of {@link
 * MessageView}; a user is the same {@code {id, username, displayName}} on both.
 */
class WireTest {
  private static final UserRef ALICE = new UserRef("u-1", "alice", "Alice");
  private static final UserRef BOB = new UserRef("u-2", "bob", "Bob");
  private static final Instant SENT = Instant.parse("2026-11-21T08:00:00.123Z");

  @Test
  void aTextMessageIsTheRestMessage() throws Exception {
    var message = new ChatMessage(7, ALICE, BOB, "Lunch?", SENT, "5b1e", null);
    var socket = Wire.message(message);
    assertEquals(rest(MessageView.of(message)), socket);
    assertEquals(Set.of("id", "from", "to", "text", "sentAt", "clientMessageId"), socket.keySet());
    assertEquals("2026-11-21T08:00:00.123Z", socket.getString("sentAt"));
    assertEquals("bob", socket.getJsonObject("to").getString("username"));
  }

  @Test
  void aCallRecordIsTheRestCallRecord() throws Exception {
    var message =
        new ChatMessage(
            8,
            ALICE,
            BOB,
            "Video call, 0:42",
            SENT,
            null,
            new CallRecord("video", "completed", 42_000));
    var socket = Wire.message(message);
    assertEquals(rest(MessageView.of(message)), socket);
    assertEquals(Set.of("id", "from", "to", "text", "sentAt", "call"), socket.keySet());
    assertEquals(Set.of("media", "outcome", "durationMs"), socket.getJsonObject("call").keySet());
    assertEquals(42_000, socket.getJsonObject("call").getInt("durationMs"));
  }

  @Test
  void aUserIsTheRestUser() throws Exception {
    assertEquals(rest(ALICE), Wire.user(ALICE).build());
    var online = Wire.onlineUser(new OnlineUser(ALICE, PresenceStatus.AWAY));
    assertEquals(Set.of("id", "username", "displayName", "status"), online.keySet());
  }

  private static JsonObject rest(Object record) throws Exception {
    try (var jsonb = JsonbBuilder.create();
        var reader = Json.createReader(new StringReader(jsonb.toJson(record)))) {
      return reader.readObject();
    }
  }
}
