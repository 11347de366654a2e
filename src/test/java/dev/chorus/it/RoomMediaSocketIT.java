package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Room media over the socket with browser SDP: who may publish and subscribe, the offer a
 * subscriber gets and the one that follows an unshow, nothing left of the room's media once its
 * tabs have left, one receive transport per tab, and a room that survives its tabs dying in bulk.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomMediaSocketIT {
  /** A browser's answer to a server offer with one audio and one video section. */
  private static final String ANSWER =
      String.join(
          "\r\n",
          "v=0",
          "o=- 1 1 IN IP4 127.0.0.1",
          "s=-",
          "t=0 0",
          "a=group:BUNDLE 0 1",
          "m=audio 9 UDP/TLS/RTP/SAVPF 111",
          "c=IN IP4 0.0.0.0",
          "a=ice-ufrag:brws",
          "a=ice-pwd:browserPassword0123456789",
          "a=fingerprint:sha-256 01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:"
              + "01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF",
          "a=setup:active",
          "a=mid:0",
          "a=recvonly",
          "a=rtcp-mux",
          "a=rtpmap:111 opus/48000/2",
          "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
          "c=IN IP4 0.0.0.0",
          "a=mid:1",
          "a=recvonly",
          "a=rtcp-mux",
          "a=rtpmap:96 VP8/90000",
          "a=rtpmap:97 rtx/90000",
          "a=fmtp:97 apt=96",
          "");

  private static final int STORM_TABS = 20;

  private final TestClient client = new TestClient();

  @Test
  void onlyOccupantsOnTheShowListPublishAndSubscribersGetOffersOneAtATime() {
    var alice = Users.create(client, "ma");
    var bob = Users.create(client, "mb");
    var id = Rooms.create(alice, "public", null).getString("id");
    var offer = Json.createObjectBuilder().add("sdp", chromeOffer()).build();
    try (var a = alice.tab();
        var b = bob.tab()) {
      // Not in the room: nothing. In the room but not showing: no publishing.
      assertEquals("not_in_room", code(Rooms.request(a, "room.media.subscribe", id, empty())));
      Rooms.enter(a, id);
      assertEquals("not_showing", code(Rooms.request(a, "room.media.publish", id, offer)));
      Rooms.request(a, "room.show", id, empty());
      var published = Rooms.request(a, "room.media.publish", id, offer);
      assertEquals("room.media.published", published.getString("type"), published.toString());
      var answer = published.getString("sdp");
      assertTrue(answer.contains("a=ice-lite"), answer);
      assertTrue(answer.contains("a=recvonly"), answer);
      assertTrue(answer.contains(" " + ChorusServer.mediaUdpPort() + " typ host"), answer);

      // Bob subscribes: the reply with his transport, then an offer with Alice's two tracks.
      Rooms.enter(b, id);
      var subscribed = Rooms.request(b, "room.media.subscribe", id, empty());
      assertEquals("room.media.subscribed", subscribed.getString("type"), subscribed.toString());
      var first = b.nextOfType("room.media.offer");
      assertEquals(subscribed.getString("transportId"), first.getString("transportId"));
      assertEquals(1, first.getInt("version"));
      assertEquals(2, first.getJsonArray("tracks").size());
      for (var t : first.getJsonArray("tracks")) {
        assertEquals(
            alice.username(), t.asJsonObject().getJsonObject("user").getString("username"));
      }
      assertTrue(first.getString("sdp").contains("a=sendonly"));
      assertEquals("stale_answer", code(Rooms.request(b, "room.media.answer", id, answer(7))));
      assertEquals("ack", Rooms.request(b, "room.media.answer", id, answer(1)).getString("type"));

      // Alice stops showing: Bob's next offer has no tracks and both sections inactive.
      Rooms.request(a, "room.unshow", id, empty());
      var second = b.nextOfType("room.media.offer");
      assertEquals(2, second.getInt("version"));
      assertEquals(0, second.getJsonArray("tracks").size());
      assertEquals(2, second.getString("sdp").split("a=inactive", -1).length - 1);

      var admin = client.adminToken();
      assertEquals(1, roomsWith(admin, id));
      Rooms.request(a, "room.leave", id, empty());
      Rooms.request(b, "room.media.close", id, empty());
      Rooms.request(b, "room.leave", id, empty());
      var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (roomsWith(admin, id) != 0 && System.nanoTime() < deadline) {
        sleep(100);
      }
      assertEquals(0, roomsWith(admin, id), "the room's router is gone");
    }
  }

  @Test
  void aTabReceivesInOneRoomAtATimeAndARepeatedSubscribeKeepsItsTransport() {
    var carol = Users.create(client, "mc");
    var one = Rooms.create(carol, "public", null).getString("id");
    var two = Rooms.create(carol, "public", null).getString("id");
    try (var c = carol.tab()) {
      Rooms.enter(c, one);
      Rooms.enter(c, two);
      var first = Rooms.request(c, "room.media.subscribe", one, empty());
      assertEquals("room.media.subscribed", first.getString("type"), first.toString());
      assertEquals("media_limit", code(Rooms.request(c, "room.media.subscribe", two, empty())));
      var again = Rooms.request(c, "room.media.subscribe", one, empty());
      assertEquals(first.getString("transportId"), again.getString("transportId"));

      assertEquals("ack", Rooms.request(c, "room.media.close", one, empty()).getString("type"));
      var moved = Rooms.request(c, "room.media.subscribe", two, empty());
      assertEquals("room.media.subscribed", moved.getString("type"), moved.toString());
      Rooms.request(c, "room.leave", one, empty());
      Rooms.request(c, "room.leave", two, empty());
    }
  }

  /**
   * Twenty receive-only tabs of one room close their media and their sockets at the same moment,
   * three rounds in a row (the bulk tab death that once deadlocked a room): each round ends with
   * the admin stats showing only the publisher left, and afterwards a new tab still receives her.
   * No browser connects, so a transport fails 30 s after it was made (ICE never starts): Alice
   * publishes from a new peer connection (a new ufrag) before each round and before the last check.
   */
  @Test
  void tabsClosingAllAtOnceLeaveTheRoomWorking() throws Exception {
    var alice = Users.create(client, "ms");
    var id = Rooms.create(alice, "public", null).getString("id");
    var admin = client.adminToken();
    var pool = Executors.newFixedThreadPool(STORM_TABS);
    try (var a = alice.tab()) {
      Rooms.enter(a, id);
      Rooms.request(a, "room.show", id, empty());
      for (int round = 0; round < 3; round++) {
        publishFresh(a, id, "round" + round);
        // New viewers each round: one user's subscribes are rate-limited (room.media.subscribe).
        var viewers = IntStream.range(0, 5).mapToObj(i -> Users.create(client, "mv")).toList();
        var tabs = new ArrayList<WsClient>();
        for (int i = 0; i < STORM_TABS; i++) {
          var tab = viewers.get(i % viewers.size()).tab();
          tabs.add(tab);
          Rooms.enter(tab, id);
          var subscribed = Rooms.request(tab, "room.media.subscribe", id, empty());
          assertEquals(
              "room.media.subscribed", subscribed.getString("type"), subscribed.toString());
          var version = tab.nextOfType("room.media.offer").getInt("version");
          var ack = Rooms.request(tab, "room.media.answer", id, answer(version));
          assertEquals("ack", ack.getString("type"), ack.toString());
        }

        var go = new CountDownLatch(1);
        var closing = new ArrayList<Future<?>>();
        for (var tab : tabs) {
          closing.add(
              pool.submit(
                  () -> {
                    go.await();
                    tab.send(
                        Json.createObjectBuilder()
                            .add("type", "room.media.close")
                            .add("id", "bye")
                            .add("roomId", id)
                            .build());
                    tab.close();
                    return null;
                  }));
        }
        go.countDown();
        for (var f : closing) {
          f.get(30, TimeUnit.SECONDS);
        }
        for (var tab : tabs) {
          tab.awaitClose(Duration.ofSeconds(30));
        }
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (participants(admin, id) != 1 && System.nanoTime() < deadline) {
          sleep(100);
        }
        assertEquals(1, participants(admin, id), "only Alice is left after round " + round);
      }

      publishFresh(a, id, "later");
      try (var late = Users.create(client, "mv").tab()) {
        Rooms.enter(late, id);
        Rooms.request(late, "room.media.subscribe", id, empty());
        assertEquals(2, late.nextOfType("room.media.offer").getJsonArray("tracks").size());
        Rooms.request(late, "room.leave", id, empty());
      }
      Rooms.request(a, "room.leave", id, empty());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Publishes Chrome's offer from a new peer connection: its own ICE ufrag. */
  private static void publishFresh(WsClient tab, String roomId, String ufrag) {
    var sdp = chromeOffer().replace("a=ice-ufrag:gStE", "a=ice-ufrag:" + ufrag);
    var published =
        Rooms.request(
            tab, "room.media.publish", roomId, Json.createObjectBuilder().add("sdp", sdp).build());
    assertEquals("room.media.published", published.getString("type"), published.toString());
  }

  private static JsonObject empty() {
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  private static JsonObject answer(long version) {
    return Json.createObjectBuilder().add("sdp", ANSWER).add("version", version).build();
  }

  private static String code(JsonObject reply) {
    assertEquals("error", reply.getString("type"), reply.toString());
    return reply.getString("code");
  }

  private static String chromeOffer() {
    return SdpFixtures.chromiumOfferWithoutCandidates();
  }

  /** Tabs with a transport in the room, from the admin stats (0 if it has no media). */
  private int participants(String admin, String roomId) {
    return client.get("api/admin/media", admin).json().getJsonArray("rooms").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> r.getString("roomId").equals(roomId))
        .mapToInt(r -> r.getJsonArray("participants").size())
        .sum();
  }

  private long roomsWith(String admin, String roomId) {
    return client.get("api/admin/media", admin).json().getJsonArray("rooms").stream()
        .filter(r -> r.asJsonObject().getString("roomId").equals(roomId))
        .count();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
