package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/admin/rooms}: every room listed for an administrator (private ones included) with
 * occupancy and media load; closing a room tells its occupants and closes its media; a new owner; a
 * user taken out of a room is told and loses their media there. Everyone else is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminRoomsIT {
  private final TestClient client = new TestClient();

  @Test
  void nonAdministratorsAreRefusedWithAReason() {
    var alice = Users.create(client, "ar");
    var room = Rooms.create(alice, "public", null).getString("id");
    var bobId = accountId(Users.create(client, "ar"));
    var owner = Json.createObjectBuilder().add("userId", bobId).build().toString();
    for (var reply :
        List.of(
            alice.get("api/admin/rooms"),
            client.send("DELETE", "api/admin/rooms/" + room, null, alice.token()),
            client.send("PUT", "api/admin/rooms/" + room + "/owner", owner, alice.token()),
            client.send(
                "DELETE", "api/admin/rooms/" + room + "/members/" + bobId, null, alice.token()))) {
      assertEquals(403, reply.status(), reply.text());
      assertTrue(reply.json().getString("detail").contains("administrators"), reply.text());
    }
    assertEquals(401, client.get("api/admin/rooms", null).status());
    // Nothing happened: the room is still there, still Alice's.
    assertEquals("owner", alice.get("api/rooms/" + room).json().getString("myRole"));
  }

  @Test
  void theListHasPrivateRoomsWithWhoIsInThemAndTheirMediaPagedByName() {
    var alice = Users.create(client, "al");
    var tag = TestClient.uniqueName("list");
    var first = create(alice, tag + "-a", "private");
    var second = create(alice, tag + "-b", "public");
    var admin = client.adminToken();
    try (var a = alice.tab()) {
      Rooms.enter(a, first);
      Rooms.request(a, "room.show", first, JsonValue.EMPTY_JSON_OBJECT);
      publish(a, first);

      var page = client.get("api/admin/rooms?limit=1&q=" + tag, admin);
      assertEquals(200, page.status(), page.text());
      var items = page.json().getJsonArray("items");
      assertEquals(1, items.size());
      var room = items.getJsonObject(0);
      assertEquals(first, room.getString("id"));
      assertEquals("private", room.getString("visibility"));
      assertEquals(alice.username(), room.getJsonObject("owner").getString("username"));
      assertEquals(1, room.getInt("members"));
      assertEquals(1, room.getInt("occupants"));
      assertEquals(1, room.getInt("showing"));
      assertEquals(1, room.getInt("transports"), room.toString());
      assertEquals(2, room.getInt("producers"), room.toString());
      assertEquals(0, room.getInt("consumers"));

      var cursor = page.json().getString("nextCursor");
      var next = client.get("api/admin/rooms?limit=1&q=" + tag + "&cursor=" + cursor, admin);
      var rest = next.json().getJsonArray("items");
      assertEquals(1, rest.size(), next.text());
      assertEquals(second, rest.getJsonObject(0).getString("id"));
      assertEquals(0, rest.getJsonObject(0).getInt("occupants"));
      assertTrue(
          !next.json().containsKey("nextCursor") || next.json().isNull("nextCursor"), next.text());
    }
    var bad = client.get("api/admin/rooms?limit=0", admin);
    assertEquals(400, bad.status(), bad.text());
    assertEquals(400, client.get("api/admin/rooms?limit=x", admin).status());
  }

  @Test
  void closingARoomTellsEveryoneInItClosesItsMediaAndDeletesIt() {
    var alice = Users.create(client, "cl");
    var bob = Users.create(client, "cl");
    var id = Rooms.create(alice, "public", null).getString("id");
    var admin = client.adminToken();
    try (var a = alice.tab();
        var b = bob.tab()) {
      Rooms.enter(a, id);
      Rooms.request(a, "room.show", id, JsonValue.EMPTY_JSON_OBJECT);
      publish(a, id);
      Rooms.enter(b, id);
      assertTrue(mediaRooms(admin).contains(id));

      var name = alice.get("api/rooms/" + id).json().getString("name");
      var closed = client.send("DELETE", "api/admin/rooms/" + id, null, admin);
      assertEquals(204, closed.status(), closed.text());
      assertTrue(audited(client, admin, "room.closed", name).getString("detail").contains(id));
      for (var tab : List.of(a, b)) {
        var notice = tab.nextOfType("room.closed");
        assertEquals(id, notice.getString("roomId"));
        assertEquals("closed_by_admin", notice.getString("reason"));
        assertTrue(notice.getString("message").contains("administrator"), notice.toString());
      }
      var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (mediaRooms(admin).contains(id) && System.nanoTime() < deadline) {
        sleep(100);
      }
      assertFalse(mediaRooms(admin).contains(id), "the room's media is closed");
      assertEquals(404, alice.get("api/rooms/" + id).status());
      assertEquals(404, client.send("DELETE", "api/admin/rooms/" + id, null, admin).status());
      // The tabs stay open and usable.
      assertEquals("error", Rooms.enter(a, id).getString("type"));
    }
  }

  @Test
  void aNewOwnerTakesOverAndThePreviousOneStaysAsRoomAdmin() {
    var alice = Users.create(client, "ow");
    var bob = Users.create(client, "ow");
    var bobId = accountId(bob);
    var id = Rooms.create(alice, "private", null).getString("id");
    var admin = client.adminToken();

    var changed = put(admin, "api/admin/rooms/" + id + "/owner", bobId);
    assertEquals(200, changed.status(), changed.text());
    assertEquals(bob.username(), changed.json().getJsonObject("owner").getString("username"));
    assertEquals(2, changed.json().getInt("members"));
    assertEquals("owner", bob.get("api/rooms/" + id).json().getString("myRole"));
    assertEquals("admin", alice.get("api/rooms/" + id).json().getString("myRole"));
    var entry = audited(client, admin, "room.owner_changed", changed.json().getString("name"));
    assertTrue(
        entry.getString("detail").contains(alice.username() + " -> " + bob.username()),
        entry.toString());

    assertEquals(400, put(admin, "api/admin/rooms/" + id + "/owner", "no-such-user").status());
    var noBody = client.send("PUT", "api/admin/rooms/" + id + "/owner", "{}", admin);
    assertEquals(400, noBody.status(), noBody.text());
    assertEquals(404, put(admin, "api/admin/rooms/no-such-room/owner", bobId).status());
  }

  @Test
  void aRemovedUserIsToldLeavesWithAllTabsAndLosesTheirMediaThere() {
    var alice = Users.create(client, "rm");
    var bob = Users.create(client, "rm");
    var id = Rooms.create(alice, "public", null).getString("id");
    var admin = client.adminToken();
    try (var a = alice.tab();
        var b1 = WsClient.connect(client, bob.token());
        var b2 = bob.tab()) {
      var bobId = b1.nextOfType("welcome").getString("accountId");
      Rooms.enter(a, id);
      Rooms.enter(b1, id);
      Rooms.enter(b2, id);
      Rooms.request(b1, "room.show", id, JsonValue.EMPTY_JSON_OBJECT);
      publish(b1, id);
      assertEquals(1, participants(admin, id));

      var path = "api/admin/rooms/" + id + "/members/" + bobId;
      var removed = client.send("DELETE", path, null, admin);
      assertEquals(204, removed.status(), removed.text());
      audited(client, admin, "room.member_removed", bob.username() + " in room ");
      var kicks = client.get("api/admin/audit?action=room.kicked&limit=50", admin);
      assertFalse(
          kicks.text().contains(bob.username() + " in room " + id),
          "one entry (room.member_removed) for an admin's removal, not also room.kicked");
      for (var tab : List.of(b1, b2)) {
        var kicked = tab.nextOfType("room.kicked");
        assertEquals(id, kicked.getString("roomId"));
        assertEquals("Removed by a Chorus administrator.", kicked.getString("reason"));
        assertFalse(kicked.getBoolean("banned"));
      }
      var left = a.nextOfType("room.left");
      assertEquals(bob.username(), left.getJsonObject("user").getString("username"));
      var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (participants(admin, id) != 0 && System.nanoTime() < deadline) {
        sleep(100);
      }
      assertEquals(0, participants(admin, id), "Bob's transport in the room is closed");
      var members = alice.get("api/rooms/" + id + "/members").json().getJsonArray("items");
      assertEquals(1, members.size(), members.toString());

      assertEquals(404, client.send("DELETE", path, null, admin).status());
      var ownerId = accountId(alice);
      var owner =
          client.send("DELETE", "api/admin/rooms/" + id + "/members/" + ownerId, null, admin);
      assertEquals(409, owner.status(), owner.text());
      assertNull(owner.json().get("errors"));
    }
  }

  /** The newest audit entry with this action whose target contains {@code target}, waited for. */
  static JsonObject audited(TestClient client, String admin, String action, String target) {
    var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      var reply = client.get("api/admin/audit?action=" + action + "&limit=50", admin);
      assertEquals(200, reply.status(), reply.text());
      var found =
          reply.json().getJsonArray("items").stream()
              .map(JsonValue::asJsonObject)
              .filter(e -> e.getString("target", "").contains(target))
              .findFirst();
      if (found.isPresent()) {
        var entry = found.get();
        assertEquals(ChorusServer.ADMIN, entry.getJsonObject("actor").getString("username"));
        assertTrue(entry.containsKey("address"), entry.toString());
        return entry;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + action + " entry for " + target + ": " + reply.text());
      }
      sleep(200);
    }
  }

  static String accountId(Users user) {
    try (var tab = WsClient.connect(user.client(), user.token())) {
      return tab.nextOfType("welcome").getString("accountId");
    }
  }

  private TestClient.Reply put(String admin, String path, String userId) {
    return client.send(
        "PUT", path, Json.createObjectBuilder().add("userId", userId).build().toString(), admin);
  }

  private static String create(Users owner, String name, String visibility) {
    var body =
        Json.createObjectBuilder()
            .add("name", name)
            .add("topic", "admin list")
            .add("visibility", visibility)
            .build();
    var reply = owner.client().send("POST", "api/rooms", body.toString(), owner.token());
    assertEquals(201, reply.status(), reply.text());
    return reply.json().getString("id");
  }

  static void publish(WsClient tab, String roomId) {
    var offer = Json.createObjectBuilder().add("sdp", SdpFixtures.chromiumOfferWithoutCandidates());
    var published = Rooms.request(tab, "room.media.publish", roomId, offer.build());
    assertEquals("room.media.published", published.getString("type"), published.toString());
  }

  private List<String> mediaRooms(String admin) {
    return client.get("api/admin/media", admin).json().getJsonArray("rooms").stream()
        .map(r -> r.asJsonObject().getString("roomId"))
        .toList();
  }

  private int participants(String admin, String roomId) {
    return client.get("api/admin/media", admin).json().getJsonArray("rooms").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> r.getString("roomId").equals(roomId))
        .mapToInt(r -> r.getJsonArray("participants").size())
        .sum();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
