package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rooms over the socket: notices to exactly the occupants, show list, chat, access, moderation. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomsSocketIT {

  private final TestClient client = new TestClient();

  @Test
  void joinLeaveAndShowNoticesReachExactlyTheOccupants() {
    var alice = Users.create(client, "ja");
    var bob = Users.create(client, "jb");
    var carol = Users.create(client, "jc");
    var id = Rooms.create(alice, "public", null).getString("id");
    try (var a = alice.tab();
        var c = carol.tab()) {
      var entered = Rooms.enter(a, id);
      assertEquals("room.entered", entered.getString("type"), entered.toString());
      assertEquals(1, entered.getJsonArray("occupants").size());
      var b = bob.tab();
      var bobEntered = Rooms.enter(b, id);
      assertEquals(2, bobEntered.getJsonArray("occupants").size());
      // Everyone listed with their role (looked up for all occupants at once: RoomRoles).
      var roles = new HashMap<String, String>();
      for (var o : bobEntered.getJsonArray("occupants").getValuesAs(JsonObject.class)) {
        roles.put(o.getJsonObject("user").getString("username"), o.getString("role"));
      }
      assertEquals(
          Map.of(alice.username(), "owner", bob.username(), "member"),
          roles,
          bobEntered.toString());
      assertEquals(1, bobEntered.getJsonObject("room").getInt("occupantCount") - 1);
      var joined = a.nextOfType("room.joined");
      assertEquals(bob.username(), joined.getJsonObject("user").getString("username"));
      assertEquals("member", joined.getString("role"));

      assertEquals(
          "ack", Rooms.request(b, "room.show", id, JsonObject.EMPTY_JSON_OBJECT).getString("type"));
      assertEquals(
          bob.username(), a.nextOfType("room.shown").getJsonObject("user").getString("username"));
      // Carol is not in the room: she entered nothing and heard nothing.
      var carolEntered = Rooms.enter(c, id);
      assertEquals(bob.username(), carolEntered.getJsonArray("showing").getString(0));
      Rooms.request(c, "room.leave", id, JsonObject.EMPTY_JSON_OBJECT);
      assertEquals(
          "left",
          a.next(
                  m ->
                      m.getString("type").equals("room.left")
                          && m.getJsonObject("user").getString("username").equals(carol.username()),
                  Duration.ofSeconds(10))
              .getString("reason"));

      // Bob's tab dies: unshown, then left as disconnected.
      b.close();
      assertEquals(
          bob.username(), a.nextOfType("room.unshown").getJsonObject("user").getString("username"));
      var left =
          a.next(
              m ->
                  m.getString("type").equals("room.left")
                      && m.getJsonObject("user").getString("username").equals(bob.username()),
              Duration.ofSeconds(10));
      assertEquals("disconnected", left.getString("reason"));
      var members = alice.get("api/rooms/" + id + "/members").json().getJsonArray("items");
      assertEquals(3, members.size());
      assertTrue(
          members.stream()
              .map(JsonObject.class::cast)
              .anyMatch(m -> m.getString("role").equals("owner") && m.getBoolean("inRoom")));
    }
  }

  @Test
  void groupChatIsStoredThenAckedThenFannedOutToTheRoomOnly() {
    var alice = Users.create(client, "ga");
    var bob = Users.create(client, "gb");
    var outsider = Users.create(client, "go");
    var id = Rooms.create(alice, "public", null).getString("id");
    try (var a = alice.tab();
        var b = bob.tab();
        var o = outsider.tab()) {
      Rooms.enter(a, id);
      Rooms.enter(b, id);
      var ack = Rooms.send(a, id, "Hello <b>room</b>");
      assertEquals("room.ack", ack.getString("type"), ack.toString());
      var message = ack.getJsonObject("message");
      assertEquals(alice.username(), message.getJsonObject("from").getString("username"));
      assertEquals(message, b.nextOfType("room.message").getJsonObject("message"));
      assertThrowsNothing(o, "room.message");
      // Someone outside the room cannot post into it.
      var refused = Rooms.send(o, id, "let me in");
      assertEquals("not_in_room", refused.getString("code"));
      assertEquals("invalid_message", Rooms.send(a, id, " ").getString("code"));
    }
    var history = bob.get("api/rooms/" + id + "/messages").json();
    assertEquals(
        "Hello <b>room</b>", history.getJsonArray("items").getJsonObject(0).getString("text"));
    var nonMember = outsider.get("api/rooms/" + id + "/messages");
    assertEquals(403, nonMember.status());
  }

  @Test
  void membersWhoWereAwayHaveUnreadCounts() {
    var alice = Users.create(client, "ua");
    var bob = Users.create(client, "ub");
    var id = Rooms.create(alice, "public", null).getString("id");
    try (var b = bob.tab()) {
      Rooms.enter(b, id);
    }
    long last;
    try (var a = alice.tab()) {
      Rooms.enter(a, id);
      Rooms.send(a, id, "one");
      last = Rooms.send(a, id, "two").getJsonObject("message").getJsonNumber("id").longValue();
    }
    var room = bob.get("api/rooms/" + id).json();
    assertEquals(2, room.getInt("unread"));
    try (var b = bob.tab()) {
      var read =
          Rooms.request(b, "room.read", id, Json.createObjectBuilder().add("upTo", last).build());
      assertEquals("ack", read.getString("type"), read.toString());
    }
    assertEquals(0, bob.get("api/rooms/" + id).json().getInt("unread"));
  }

  @Test
  void passwordAndPrivateRoomsGuardTheDoor() {
    var alice = Users.create(client, "pwa");
    var bob = Users.create(client, "pwb");
    var locked = Rooms.create(alice, "public", "open sesame").getString("id");
    var priv = Rooms.create(alice, "private", null).getString("id");
    try (var b = bob.tab()) {
      assertEquals("wrong_password", Rooms.enter(b, locked).getString("code"));
      assertEquals(
          "wrong_password",
          Rooms.request(
                  b,
                  "room.enter",
                  locked,
                  Json.createObjectBuilder().add("password", "nope").build())
              .getString("code"));
      assertEquals(
          "room.entered",
          Rooms.request(
                  b,
                  "room.enter",
                  locked,
                  Json.createObjectBuilder().add("password", "open sesame").build())
              .getString("type"));
      Rooms.request(b, "room.leave", locked, JsonObject.EMPTY_JSON_OBJECT);
      assertEquals(
          "room.entered", Rooms.enter(b, locked).getString("type"), "members need no password");
      assertEquals("not_found", Rooms.enter(b, priv).getString("code"));
      Rooms.post(
          alice,
          "api/rooms/" + priv + "/invites",
          Json.createObjectBuilder().add("username", bob.username()).build());
      assertEquals("room.entered", Rooms.enter(b, priv).getString("type"));
    }
  }

  @Test
  void kickBanRolesAndMessageDeletion() {
    var alice = Users.create(client, "ka");
    var bob = Users.create(client, "kb");
    var carol = Users.create(client, "kc");
    var id = Rooms.create(alice, "public", null).getString("id");
    try (var a = alice.tab();
        var b = bob.tab();
        var c = carol.tab()) {
      Rooms.enter(a, id);
      Rooms.enter(b, id);
      Rooms.enter(c, id);
      // A member may not moderate.
      var refused =
          Rooms.post(
              bob,
              "api/rooms/" + id + "/kicks",
              Json.createObjectBuilder().add("username", carol.username()).build());
      assertEquals(403, refused.status());
      assertTrue(refused.json().getString("detail").contains("owner or an admin"));

      var kick =
          Rooms.post(
              alice,
              "api/rooms/" + id + "/kicks",
              Json.createObjectBuilder()
                  .add("username", carol.username())
                  .add("reason", "Off topic")
                  .build());
      assertEquals(204, kick.status(), kick.text());
      var kicked = c.nextOfType("room.kicked");
      assertEquals("Off topic", kicked.getString("reason"));
      assertFalse(kicked.getBoolean("banned"));
      assertEquals(
          "kicked",
          b.next(
                  m ->
                      m.getString("type").equals("room.left")
                          && m.getJsonObject("user").getString("username").equals(carol.username()),
                  Duration.ofSeconds(10))
              .getString("reason"));
      assertEquals("not_in_room", Rooms.send(c, id, "still here?").getString("code"));

      // Banned: refused at the door until unbanned.
      Rooms.enter(c, id);
      assertEquals(
          204,
          Rooms.post(
                  alice,
                  "api/rooms/" + id + "/bans",
                  Json.createObjectBuilder()
                      .add("username", carol.username())
                      .add("reason", "Spam")
                      .build())
              .status());
      assertTrue(c.nextOfType("room.kicked").getBoolean("banned"));
      assertEquals("banned", Rooms.enter(c, id).getString("code"));
      assertEquals(
          carol.username(),
          alice
              .get("api/rooms/" + id + "/bans")
              .json()
              .getJsonArray("items")
              .getJsonObject(0)
              .getJsonObject("user")
              .getString("username"));
      assertEquals(
          204,
          alice
              .client()
              .delete("api/rooms/" + id + "/bans/" + carol.username(), alice.token())
              .status());
      assertEquals("room.entered", Rooms.enter(c, id).getString("type"));

      // Bob made admin may kick a member but not the owner.
      var grant =
          alice
              .client()
              .send(
                  "PUT",
                  "api/rooms/" + id + "/members/" + bob.username() + "/role",
                  "{\"role\":\"admin\"}",
                  alice.token());
      assertEquals(200, grant.status(), grant.text());
      assertEquals("admin", b.nextOfType("room.updated").getJsonObject("room").getString("myRole"));
      var ownerKick =
          Rooms.post(
              bob,
              "api/rooms/" + id + "/kicks",
              Json.createObjectBuilder().add("username", alice.username()).build());
      assertEquals(403, ownerKick.status());

      // Deleting a message removes it for everyone in the room and from history.
      var messageId =
          Rooms.send(c, id, "regrettable").getJsonObject("message").getJsonNumber("id").longValue();
      assertEquals(
          204,
          bob.client().delete("api/rooms/" + id + "/messages/" + messageId, bob.token()).status());
      assertEquals(
          messageId, a.nextOfType("room.message.deleted").getJsonNumber("messageId").longValue());
      assertEquals(
          0, alice.get("api/rooms/" + id + "/messages").json().getJsonArray("items").size());
      assertEquals(
          403,
          carol
              .client()
              .delete("api/rooms/" + id + "/messages/" + messageId, carol.token())
              .status());

      // Deleting the room closes it for everyone in it.
      assertEquals(204, alice.client().delete("api/rooms/" + id, alice.token()).status());
      assertEquals("deleted", c.nextOfType("room.closed").getString("reason"));
      assertEquals("not_found", Rooms.enter(b, id).getString("code"));
    }
  }

  private static void assertThrowsNothing(WsClient ws, String type) {
    try {
      var m = ws.next(x -> x.getString("type").equals(type), Duration.ofMillis(1500));
      throw new IllegalStateException("unexpected " + m);
    } catch (AssertionError expected) {
      // nothing arrived
    }
  }
}
