package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Direct messages: ack, delivery, persistence, history, unread, receipts, errors, authz. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessagingIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestClient client = new TestClient();

  @Test
  void ackThenDeliveryToEveryTabOfTheRecipientAndTheSendersOtherTabs() {
    var alice = Users.create(client, "ma");
    var bob = Users.create(client, "mb");
    try (var a1 = alice.tab();
        var a2 = alice.tab();
        var b1 = bob.tab();
        var b2 = bob.tab()) {
      var before = Instant.now().minusSeconds(1);
      var ack = Users.send(a1, bob.username(), "Hello <b>Bob</b> 👋", "c-1");
      assertEquals("chat.ack", ack.getString("type"), ack.toString());
      var message = ack.getJsonObject("message");
      assertTrue(message.getJsonNumber("id").longValue() > 0);
      assertTrue(Instant.parse(message.getString("sentAt")).isAfter(before));
      assertEquals(alice.username(), message.getJsonObject("from").getString("username"));
      assertEquals(bob.username(), message.getJsonObject("to").getString("username"));
      assertEquals("Hello <b>Bob</b> 👋", message.getString("text"));

      for (var tab : new WsClient[] {b1, b2, a2}) {
        var pushed = tab.nextOfType("chat.message").getJsonObject("message");
        assertEquals(message, pushed);
      }
      // Stored: the history shows it to both participants.
      var history = bob.get("api/conversations/" + alice.username() + "/messages").json();
      assertEquals(
          message.getJsonNumber("id"),
          history.getJsonArray("items").getJsonObject(0).getJsonNumber("id"));
    }
  }

  @Test
  void theSenderIsStampedByTheServerNeverTakenFromTheClient() {
    var alice = Users.create(client, "spa");
    var bob = Users.create(client, "spb");
    var mallory = Users.create(client, "spm");
    try (var m = mallory.tab();
        var b = bob.tab()) {
      m.send(
          Json.createObjectBuilder()
              .add("type", "chat.send")
              .add("id", "x")
              .add("to", bob.username())
              .add("text", "it's alice, honest")
              .add("from", Json.createObjectBuilder().add("username", alice.username()))
              .build());
      m.nextOfType("chat.ack");
      var got = b.nextOfType("chat.message").getJsonObject("message");
      assertEquals(mallory.username(), got.getJsonObject("from").getString("username"));
    }
    // Nothing landed in the alice-bob conversation.
    var aliceBob = bob.get("api/conversations/" + alice.username() + "/messages").json();
    assertEquals(0, aliceBob.getJsonArray("items").size());
  }

  @Test
  void invalidMessagesAreRefusedWithTheRequestIdAndNothingIsStored() {
    var alice = Users.create(client, "va");
    var bob = Users.create(client, "vb");
    try (var a = alice.tab()) {
      assertError(Users.send(a, bob.username(), "   ", "e1"), "e1", "invalid_message");
      assertError(Users.send(a, bob.username(), "x".repeat(4001), "e2"), "e2", "invalid_message");
      assertError(Users.send(a, "nobody-" + bob.username(), "hi", "e3"), "e3", "unknown_user");
      assertError(Users.send(a, alice.username(), "me", "e4"), "e4", "invalid_message");
      a.send(
          "{\"type\":\"chat.send\",\"id\":\"e5\",\"to\":\"" + bob.username() + "\",\"text\":42}");
      assertError(a.nextOfType("error"), "e5", "bad_request");
      a.send("{\"type\":\"chat.send\",\"id\":\"e6\",\"text\":\"no recipient\"}");
      assertError(a.nextOfType("error"), "e6", "bad_request");
      // 4000 characters (emoji count once each) is fine.
      assertEquals(
          "chat.ack", Users.send(a, bob.username(), "😀".repeat(4000), "ok").getString("type"));
    }
    var history = alice.get("api/conversations/" + bob.username() + "/messages").json();
    assertEquals(1, history.getJsonArray("items").size(), "only the valid message was stored");
  }

  @Test
  void resendingWithTheSameClientMessageIdStoresOnce() {
    var alice = Users.create(client, "ra");
    var bob = Users.create(client, "rb");
    try (var a = alice.tab()) {
      var send =
          Json.createObjectBuilder()
              .add("type", "chat.send")
              .add("to", bob.username())
              .add("text", "only once")
              .add("clientMessageId", "5b1e8c4e-0000-4000-8000-000000000001")
              .build();
      a.send(Json.createObjectBuilder(send).add("id", "first").build());
      var first = a.nextOfType("chat.ack").getJsonObject("message");
      a.send(Json.createObjectBuilder(send).add("id", "again").build());
      var again = a.nextOfType("chat.ack");
      assertEquals("again", again.getString("id"));
      assertEquals(first.getJsonNumber("id"), again.getJsonObject("message").getJsonNumber("id"));
    }
    var items =
        alice.get("api/conversations/" + bob.username() + "/messages").json().getJsonArray("items");
    assertEquals(1, items.size());
  }

  @Test
  void offlineDeliveryUnreadCountsAndReadReceipts() {
    var alice = Users.create(client, "oa");
    var bob = Users.create(client, "ob");
    long lastId;
    try (var a = alice.tab()) {
      Users.send(a, bob.username(), "one", "1");
      Users.send(a, bob.username(), "two", "2");
      lastId =
          Users.send(a, bob.username(), "three", "3")
              .getJsonObject("message")
              .getJsonNumber("id")
              .longValue();
    }
    // Bob was offline: it is all there, unread, when he logs in.
    var convs = bob.get("api/conversations").json().getJsonArray("items");
    var conv = convs.getJsonObject(0);
    assertEquals(alice.username(), conv.getJsonObject("with").getString("username"));
    assertEquals(3, conv.getJsonNumber("unread").longValue());
    assertEquals("three", conv.getJsonObject("lastMessage").getString("text"));
    // Alice's marker covers her own messages.
    assertEquals(lastId, conv.getJsonNumber("otherReadUpTo").longValue());
    assertEquals(0, conv.getJsonNumber("readUpTo").longValue());
    // Alice has nothing unread: her own messages count as read.
    var aliceConv = alice.get("api/conversations").json().getJsonArray("items").getJsonObject(0);
    assertEquals(0, aliceConv.getJsonNumber("unread").longValue());

    try (var a = alice.tab();
        var b1 = bob.tab();
        var b2 = bob.tab()) {
      b1.send(
          Json.createObjectBuilder()
              .add("type", "chat.read")
              .add("id", "r1")
              .add("with", alice.username())
              .add("upTo", lastId)
              .build());
      assertEquals("r1", b1.nextOfType("ack").getString("id"));
      var receipt = a.nextOfType("chat.read");
      assertEquals(bob.username(), receipt.getString("reader"));
      assertEquals(alice.username(), receipt.getString("with"));
      assertEquals(lastId, receipt.getJsonNumber("upTo").longValue());
      // Bob's other tab hears it too, to clear its badge.
      assertEquals(lastId, b2.nextOfType("chat.read").getJsonNumber("upTo").longValue());
    }
    assertEquals(
        0,
        bob.get("api/conversations")
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonNumber("unread")
            .longValue());
    var aliceView = alice.get("api/conversations/" + bob.username() + "/messages").json();
    assertEquals(
        lastId, aliceView.getJsonNumber("otherReadUpTo").longValue(), "read ticks on next load");
  }

  @Test
  void historyIsPagedNewestFirst() {
    var alice = Users.create(client, "hpa");
    var bob = Users.create(client, "hpb");
    try (var a = alice.tab();
        var b = bob.tab()) {
      for (int i = 1; i <= 7; i++) {
        var tab = i % 2 == 0 ? b : a;
        var to = i % 2 == 0 ? alice.username() : bob.username();
        assertEquals("chat.ack", Users.send(tab, to, "m" + i, "p" + i).getString("type"));
      }
    }
    var page1 = alice.get("api/conversations/" + bob.username() + "/messages?limit=3").json();
    assertEquals("m7,m6,m5", texts(page1));
    var page2 =
        alice
            .get(
                "api/conversations/"
                    + bob.username()
                    + "/messages?limit=3&before="
                    + page1.getJsonNumber("nextCursor"))
            .json();
    assertEquals("m4,m3,m2", texts(page2));
    var page3 =
        alice
            .get(
                "api/conversations/"
                    + bob.username()
                    + "/messages?limit=3&before="
                    + page2.getJsonNumber("nextCursor"))
            .json();
    assertEquals("m1", texts(page3));
    assertTrue(page3.isNull("nextCursor"));
    assertEquals(
        400, alice.get("api/conversations/" + bob.username() + "/messages?limit=101").status());
    assertEquals(
        400, alice.get("api/conversations/" + bob.username() + "/messages?before=x").status());
    var nobody = alice.get("api/conversations/no-such-user-xyz/messages");
    assertEquals(404, nobody.status());
    // The same code as chat.send to an unknown user on the socket.
    assertEquals("unknown_user", nobody.json().getString("code"));
    assertEquals(401, client.get("api/conversations", null).status());
  }

  @Test
  void aThirdUserCanNeitherReadNorInjectIntoAConversation() {
    var alice = Users.create(client, "ta");
    var bob = Users.create(client, "tb");
    var eve = Users.create(client, "te");
    try (var a = alice.tab()) {
      Users.send(a, bob.username(), "secret", "s");
    }
    // Eve's view of "bob" is her own (empty) conversation with him, never alice's.
    var eveView = eve.get("api/conversations/" + bob.username() + "/messages").json();
    assertEquals(0, eveView.getJsonArray("items").size());
    assertEquals(0, eve.get("api/conversations").json().getJsonArray("items").size());
    // Eve marking "alice" read touches nothing of alice-bob.
    try (var e = eve.tab();
        var a = alice.tab()) {
      e.send(
          "{\"type\":\"chat.read\",\"id\":\"z\",\"with\":\""
              + alice.username()
              + "\",\"upTo\":999999999}");
      e.nextOfType("ack");
      assertThrowsNoMessage(a, "chat.read");
    }
    assertEquals(
        1,
        bob.get("api/conversations")
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonNumber("unread")
            .longValue());
  }

  @Test
  void typingIsForwardedThrottledAndNotStored() {
    var alice = Users.create(client, "tya");
    var bob = Users.create(client, "tyb");
    try (var a = alice.tab();
        var b = bob.tab()) {
      for (int i = 0; i < 5; i++) {
        a.send("{\"type\":\"chat.typing\",\"to\":\"" + bob.username() + "\"}");
      }
      var typing = b.nextOfType("chat.typing");
      assertEquals(alice.username(), typing.getJsonObject("from").getString("username"));
      assertThrowsNoMessage(b, "chat.typing");
    }
    assertEquals(0, bob.get("api/conversations").json().getJsonArray("items").size());
  }

  @Test
  void firstMessagesSentAtOnceFromSeveralTabsOfBothUsersAreAllStored() {
    var alice = Users.create(client, "ra");
    var bob = Users.create(client, "rb");
    // Five tabs race to start one conversation: each commit must find the others' row, not fail.
    var tabs = new WsClient[] {alice.tab(), alice.tab(), alice.tab(), bob.tab(), bob.tab()};
    try {
      int perTab = 3;
      for (int i = 0; i < perTab; i++) {
        for (int t = 0; t < tabs.length; t++) {
          var to = t < 3 ? bob.username() : alice.username();
          tabs[t].send(
              Json.createObjectBuilder()
                  .add("type", "chat.send")
                  .add("id", "r" + t + "-" + i)
                  .add("to", to)
                  .add("text", "race " + t + "-" + i)
                  .build());
        }
      }
      long newest = 0;
      for (var tab : tabs) {
        for (int i = 0; i < perTab; i++) {
          var reply = tab.next(m -> m.getString("id", "").startsWith("r"), WAIT);
          assertEquals("chat.ack", reply.getString("type"), reply.toString());
          newest = Math.max(newest, reply.getJsonObject("message").getJsonNumber("id").longValue());
        }
      }
      var history = alice.get("api/conversations/" + bob.username() + "/messages?limit=50").json();
      assertEquals(perTab * tabs.length, history.getJsonArray("items").size());
      var listed = bob.get("api/conversations").json().getJsonArray("items");
      assertEquals(1, listed.size());
      assertEquals(
          newest,
          listed.getJsonObject(0).getJsonObject("lastMessage").getJsonNumber("id").longValue(),
          "the conversation's last message is the newest one");
    } finally {
      for (var tab : tabs) {
        tab.close();
      }
    }
  }

  @Test
  void sendingTooFastIsRateLimited() {
    var alice = Users.create(client, "fa");
    var bob = Users.create(client, "fb");
    // From three tabs at once, none waiting for its acks: the budget is the user's, and a server
    // slowed down by a busy machine must still get messages faster than the budget refills.
    var tabs = new WsClient[] {alice.tab(), alice.tab(), alice.tab()};
    try {
      int perTab = 40;
      for (int i = 0; i < perTab; i++) {
        for (int t = 0; t < tabs.length; t++) {
          tabs[t].send(
              Json.createObjectBuilder()
                  .add("type", "chat.send")
                  .add("id", "f" + t + "-" + i)
                  .add("to", bob.username())
                  .add("text", "spam " + t + "-" + i)
                  .build());
        }
      }
      JsonObject limited = null;
      for (var tab : tabs) {
        for (int i = 0; i < perTab; i++) {
          var reply = tab.next(m -> m.getString("id", "").startsWith("f"), WAIT);
          if (reply.getString("type").equals("error") && limited == null) {
            limited = reply;
          }
        }
      }
      assertTrue(limited != null, "no message of " + perTab * tabs.length + " was refused");
      assertEquals("rate_limited", limited.getString("code"), limited.toString());
    } finally {
      for (var tab : tabs) {
        tab.close();
      }
    }
  }

  private static void assertError(JsonObject reply, String id, String code) {
    assertEquals("error", reply.getString("type"), reply.toString());
    assertEquals(id, reply.getString("id"));
    assertEquals(code, reply.getString("code"));
    assertFalse(reply.getString("message").isBlank());
  }

  private static void assertThrowsNoMessage(WsClient ws, String type) {
    try {
      var m = ws.next(x -> x.getString("type").equals(type), Duration.ofMillis(1500));
      throw new IllegalStateException("unexpected " + m);
    } catch (AssertionError expected) {
      // nothing arrived: as it should be
    }
  }

  private static String texts(JsonObject page) {
    return String.join(
        ",",
        page.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("text")).toList());
  }
}
