package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who is online: snapshot on connect, live pushes, tabs, status, dead sockets, search. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PresenceIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestClient client = new TestClient();

  @Test
  void snapshotOnConnectThenLivePushesAcrossTabs() {
    var alice = Users.create(client, "pa");
    var bob = Users.create(client, "pb");
    try (var a = WsClient.connect(client, alice.token())) {
      a.nextOfType("welcome");
      assertFalse(
          a.presenceSnapshotUsers().stream()
              .anyMatch(u -> u.getString("username").equals(bob.username())));

      var bobTab1 = bob.tab();
      var online = a.next(presenceOf(bob, "online"), WAIT);
      assertEquals(bob.displayName(), online.getJsonObject("user").getString("displayName"));
      var bobSnapshot = bobTab1.presenceSnapshotUsers();
      assertTrue(
          bobSnapshot.stream().anyMatch(u -> u.getString("username").equals(alice.username())),
          "bob's snapshot lists alice: " + bobSnapshot);

      // A second tab: no new push; closing one of two tabs keeps bob online.
      var bobTab2 = bob.tab();
      bobTab1.close();
      assertEquals("online", statusOf(bob));
      assertNoPresence(a, bob, Duration.ofSeconds(3));

      bobTab2.close();
      var offline = a.next(presenceOf(bob, "offline"), WAIT);
      assertEquals(bob.username(), offline.getJsonObject("user").getString("username"));
      assertEquals("offline", statusOf(bob));
    }
  }

  @Test
  void chosenStatusIsPushedAndShownInSearch() {
    var alice = Users.create(client, "sa");
    var bob = Users.create(client, "sb");
    try (var a = alice.tab();
        var b = bob.tab()) {
      a.next(presenceOf(bob, "online"), WAIT);
      b.send(
          Json.createObjectBuilder()
              .add("type", "presence.set")
              .add("id", "s1")
              .add("status", "dnd")
              .build());
      assertEquals("s1", b.nextOfType("ack").getString("id"));
      a.next(presenceOf(bob, "dnd"), WAIT);
      assertEquals("dnd", statusOf(bob));

      b.send(
          Json.createObjectBuilder()
              .add("type", "presence.set")
              .add("id", "s2")
              .add("status", "offline")
              .build());
      var error = b.nextOfType("error");
      assertEquals("bad_request", error.getString("code"));
      assertEquals("s2", error.getString("id"));
    }
  }

  @Test
  @SuppressWarnings("try") // the silent socket only has to stay open, never answering pings
  void aSilentSocketIsDroppedByTheHeartbeat() throws Exception {
    var alice = Users.create(client, "ha");
    var ghost = Users.create(client, "hg");
    try (var a = alice.tab();
        var silent = SilentSocket.open(ChorusServer.wss(), ghost.token())) {
      a.next(presenceOf(ghost, "online"), WAIT);
      long start = System.nanoTime();
      // Never answers pings: dropped after 3 missed 3 s beats, then 2 s of grace.
      a.next(presenceOf(ghost, "offline"), Duration.ofSeconds(25));
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      assertTrue(seconds >= 8, "not before the heartbeat limit: " + seconds + " s");
    }
  }

  @Test
  void searchFindsByUsernameAndDisplayNamePrefixWithPaging() {
    var tag = TestClient.uniqueName("zq");
    for (int i = 0; i < 5; i++) {
      assertEquals(201, client.register(tag + "-" + i, "password-1", "Zed Quux " + i).status());
    }
    var me = Users.create(client, "searcher");
    var first = me.get("api/users?q=" + tag.toUpperCase() + "&limit=2");
    assertEquals(200, first.status(), first.text());
    var items = first.json().getJsonArray("items");
    assertEquals(2, items.size());
    assertEquals(tag + "-0", items.getJsonObject(0).getString("username"));
    assertFalse(items.getJsonObject(0).getBoolean("online"));
    assertEquals("offline", items.getJsonObject(0).getString("status"));
    var cursor = first.json().getString("nextCursor");
    var second = me.get("api/users?q=" + tag + "&limit=2&cursor=" + cursor);
    assertEquals(
        tag + "-2", second.json().getJsonArray("items").getJsonObject(0).getString("username"));
    var third =
        me.get("api/users?q=" + tag + "&limit=2&cursor=" + second.json().getString("nextCursor"));
    assertEquals(1, third.json().getJsonArray("items").size());
    assertTrue(third.json().isNull("nextCursor"), "last page: " + third.text());

    // Display-name words match too, case-insensitively; wildcards are literal.
    var byWord = me.get("api/users?q=QUUX&limit=100");
    assertTrue(byWord.json().getJsonArray("items").size() >= 5);
    assertEquals(0, me.get("api/users?q=%25&limit=100").json().getJsonArray("items").size());

    assertEquals(400, me.get("api/users?limit=0").status());
    assertEquals(400, me.get("api/users?limit=abc").status());
    assertEquals(400, me.get("api/users?cursor=***").status());
    assertEquals(401, client.get("api/users", null).status());
  }

  @Test
  @SuppressWarnings("try") // Bob's tab only has to be open: that is what makes him online
  void searchShowsWhoIsOnline() {
    var me = Users.create(client, "looker");
    var bob = Users.create(client, "onl");
    try (var b = bob.tab()) {
      var result = me.get("api/users?q=" + bob.username()).json().getJsonArray("items");
      assertTrue(result.getJsonObject(0).getBoolean("online"));
    }
  }

  private String statusOf(Users user) {
    var found = user.get("api/users?q=" + user.username()).json().getJsonArray("items");
    return found.getJsonObject(0).getString("status");
  }

  private static Predicate<JsonObject> presenceOf(Users user, String status) {
    return m ->
        m.getString("type").equals("presence")
            && m.getJsonObject("user").getString("username").equals(user.username())
            && m.getString("status").equals(status);
  }

  private static void assertNoPresence(WsClient ws, Users user, Duration during) {
    try {
      var m =
          ws.next(
              x ->
                  x.getString("type").equals("presence")
                      && x.getJsonObject("user").getString("username").equals(user.username()),
              during);
      throw new AssertionError("unexpected presence push: " + m);
    } catch (AssertionError expected) {
      if (expected.getMessage().startsWith("unexpected")) {
        throw expected;
      }
    }
  }
}
