package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/admin/connections} (who is connected, from where; disconnecting a user closes all
 * their sockets) and {@code /api/admin/server} (the figures now and the sampler's last hour move
 * with sockets and media). Everyone else is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminLiveIT {
  private final TestClient client = new TestClient();

  @Test
  void nonAdministratorsAreRefusedWithAReason() {
    var eve = Users.create(client, "lv");
    var eveId = AdminRoomsIT.accountId(eve);
    for (var reply :
        List.of(
            eve.get("api/admin/connections"),
            eve.get("api/admin/server"),
            client.send("DELETE", "api/admin/connections/" + eveId, null, eve.token()))) {
      assertEquals(403, reply.status(), reply.text());
      assertTrue(reply.json().getString("detail").contains("administrators"), reply.text());
    }
    assertEquals(401, client.get("api/admin/server", null).status());
  }

  @Test
  void theListShowsEachTabOfAUserAndDisconnectingClosesThemAll() {
    var carol = Users.create(client, "lc");
    var dave = Users.create(client, "ld");
    var admin = client.adminToken();
    var before = Instant.now().minusSeconds(5);
    try (var c1 = WsClient.connect(client, carol.token());
        var c2 = carol.tab();
        var d = dave.tab()) {
      var carolId = c1.nextOfType("welcome").getString("accountId");
      var list = client.get("api/admin/connections", admin);
      assertEquals(200, list.status(), list.text());
      var entry =
          find(list.json(), carol.username()).orElseThrow(() -> new AssertionError(list.text()));
      assertEquals(2, entry.getInt("connections"));
      assertEquals(carolId, entry.getJsonObject("user").getString("id"));
      for (var t : entry.getJsonArray("tabs")) {
        var tab = t.asJsonObject();
        assertFalse(Instant.parse(tab.getString("since")).isBefore(before), tab.toString());
        assertNotNull(tab.getString("id", null));
        assertTrue(tab.getString("userAgent", "").contains("Java"), tab.toString());
        var address = tab.getString("address", "");
        assertTrue(address.contains("127.0.0.1") || address.contains(":"), tab.toString());
      }
      assertTrue(find(list.json(), dave.username()).isPresent());

      var off = client.send("DELETE", "api/admin/connections/" + carolId, null, admin);
      assertEquals(200, off.status(), off.text());
      assertEquals(2, off.json().getInt("closed"));
      var audit = AdminRoomsIT.audited(client, admin, "user.disconnected", carol.username());
      assertEquals("2 socket(s) closed", audit.getString("detail"));
      for (var tab : List.of(c1, c2)) {
        var closed = tab.awaitClose(Duration.ofSeconds(10));
        assertEquals(1008, closed.code());
        assertTrue(closed.reason().contains("administrator"), closed.reason());
      }
      assertTrue(
          find(client.get("api/admin/connections", admin).json(), carol.username()).isEmpty());
      // Dave is untouched.
      assertFalse(d.isClosed());
      assertEquals(
          "pong", Rooms.request(d, "ping", "-", JsonValue.EMPTY_JSON_OBJECT).getString("type"));
    }
    assertEquals(
        404, client.send("DELETE", "api/admin/connections/no-such-user", null, admin).status());
  }

  @Test
  void theServerFiguresMoveWithSocketsAndMediaAndTheSamplerRecordsThem() {
    var admin = client.adminToken();
    var erin = Users.create(client, "se");
    var roomId = Rooms.create(erin, "public", null).getString("id");
    JsonObject during;
    try (var e1 = erin.tab();
        var e2 = erin.tab()) {
      assertFalse(e2.isClosed());
      Rooms.enter(e1, roomId);
      Rooms.request(e1, "room.show", roomId, JsonValue.EMPTY_JSON_OBJECT);
      AdminRoomsIT.publish(e1, roomId);
      var opened = Instant.now();
      during = now(admin);
      assertTrue(during.getInt("sockets") >= 2, during.toString());
      assertTrue(during.getInt("usersOnline") >= 1, during.toString());
      assertTrue(during.getInt("roomsActive") >= 1, during.toString());
      assertTrue(during.getInt("transports") >= 1, during.toString());
      assertTrue(during.getInt("producers") >= 2, during.toString());
      for (var key :
          List.of("bitrateInBps", "bitrateOutBps", "packetsIn", "packetsOut", "errors")) {
        assertTrue(during.getJsonNumber(key).longValue() >= 0, key);
      }

      // The sampler (every 10 s) takes a sample that sees Erin's tabs and transport.
      JsonObject seen = null;
      var deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
      while (seen == null && System.nanoTime() < deadline) {
        var hour = client.get("api/admin/server", admin).json().getJsonArray("lastHour");
        assertTrue(hour.size() <= 360, "at most an hour of samples");
        seen =
            hour.stream()
                .map(JsonValue::asJsonObject)
                .filter(s -> Instant.parse(s.getString("at")).isAfter(opened))
                .filter(s -> s.getInt("sockets") >= 2 && s.getInt("transports") >= 1)
                .findFirst()
                .orElse(null);
        if (seen == null) {
          AdminRoomsIT.sleep(500);
        }
      }
      assertNotNull(seen, "a sample taken while Erin's tabs were open");
    }
    // Erin's two tabs close: the figures go down by at least as much.
    var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    var after = now(admin);
    while (!wentDown(during, after) && System.nanoTime() < deadline) {
      AdminRoomsIT.sleep(200);
      after = now(admin);
    }
    assertTrue(wentDown(during, after), after + " vs " + during);
  }

  private static boolean wentDown(JsonObject during, JsonObject after) {
    return after.getInt("sockets") <= during.getInt("sockets") - 2
        && after.getInt("usersOnline") <= during.getInt("usersOnline") - 1
        && after.getInt("transports") <= during.getInt("transports") - 1;
  }

  private JsonObject now(String admin) {
    var reply = client.get("api/admin/server", admin);
    assertEquals(200, reply.status(), reply.text());
    return reply.json().getJsonObject("now");
  }

  private static Optional<JsonObject> find(JsonObject list, String username) {
    return list.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .filter(u -> u.getJsonObject("user").getString("username").equals(username))
        .findFirst();
  }
}
