package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Room media over the socket with browser SDP: who may publish and subscribe, the offer a
 * subscriber gets and the one that follows an unshow, and nothing left of the room's media once its
 * tabs have left.
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

      var admin = adminToken();
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

  /** Chrome's offer from the SDP fixtures, without its candidates (tests reach only 127.0.0.1). */
  private static String chromeOffer() {
    try (var in =
        RoomMediaSocketIT.class.getResourceAsStream(
            "/sdp/chromium-156-audio-video-datachannel-offer.sdp")) {
      var text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.replace("\r\n", "\n")
          .replaceAll("a=candidate:[^\n]*\n", "")
          .replace("\n", "\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String adminToken() {
    return client.adminToken();
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
