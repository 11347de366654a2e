package dev.chorus.it;

import static dev.chorus.it.WhipContractIT.SDP;
import static dev.chorus.it.WhipContractIT.SDPFRAG;
import static dev.chorus.it.WhipContractIT.assertProblem;
import static dev.chorus.it.WhipContractIT.path;
import static dev.chorus.it.WhipContractIT.post;
import static dev.chorus.it.WhipContractIT.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WHEP contract over real HTTP: a browser's camera and a WHIP stream played with Chromium's
 * recvonly offer (201, Location, ETag, sendonly answer with candidates), players counted in the
 * list, trickle and OPTIONS, who may watch (members of a private room, not strangers, not the
 * banned), the refusals (no such stream, no codec in common, two video lines, passive DTLS), and a
 * session that ends with its publisher.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WhepContractIT {
  private final TestClient client = new TestClient();

  @Test
  void aBrowserCameraIsPlayedUntilItsPublisherStops() {
    var alice = Users.create(client, "pa");
    var bob = Users.create(client, "pb");
    var roomId = Rooms.create(alice, "public", null).getString("id");
    try (var a = alice.tab()) {
      Rooms.enter(a, roomId);
      Rooms.request(a, "room.show", roomId, JsonObject.EMPTY_JSON_OBJECT);
      var published =
          Rooms.request(
              a,
              "room.media.publish",
              roomId,
              Json.createObjectBuilder()
                  .add("sdp", SdpFixtures.chromiumOfferWithoutCandidates())
                  .build());
      assertEquals("room.media.published", published.getString("type"), published.toString());
      var list = streams(bob, roomId);
      assertEquals(1, list.size(), list.toString());
      var stream = list.getJsonObject(0);
      assertEquals(false, stream.getBoolean("whip"));
      assertEquals("camera", stream.getString("source"));
      var whep = URI.create(stream.getString("whepUrl"));

      var reply = post(client, path(whep), SdpFixtures.chromiumWhepOffer(), bob.token());
      assertEquals(201, reply.status(), reply.text());
      assertTrue(reply.contentType().startsWith(SDP), reply.contentType());
      var location = URI.create(reply.headers().firstValue("location").orElseThrow());
      assertTrue(
          location.getPath().startsWith(whep.getPath() + "/") && location.isAbsolute(),
          location.toString());
      var etag = reply.headers().firstValue("etag").orElseThrow();
      assertEquals(SDPFRAG, reply.headers().firstValue("accept-patch").orElseThrow());
      var answer = reply.text();
      assertTrue(answer.contains("a=sendonly"), answer);
      assertTrue(answer.contains("a=ice-lite"), answer);
      assertTrue(answer.contains("a=candidate:"), answer);
      assertTrue(answer.contains("a=end-of-candidates"), answer);
      assertTrue(answer.contains("a=rtpmap:96 VP8/90000"), answer);
      assertTrue(answer.contains("a=ssrc-group:FID"), answer);
      assertEquals(1, streams(bob, roomId).getJsonObject(0).getInt("players"));

      var session = path(location);
      var frag = "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\na=end-of-candidates\r\n";
      assertEquals(
          204,
          client
              .send("PATCH", session, frag, SDPFRAG, bob.token(), Map.of("If-Match", etag))
              .status());
      assertProblem(
          client.send("PATCH", session, frag, SDPFRAG, bob.token(), Map.of()),
          428,
          "precondition_required");
      var options = client.send("OPTIONS", path(whep), null, null, null, Map.of());
      assertEquals(204, options.status());
      assertEquals(SDP, options.headers().firstValue("accept-post").orElse(""));

      // A WHEP session URL is not a WHIP one.
      var asWhip = session.replace("/streams/" + stream.getString("id") + "/whep/", "/whip/");
      assertProblem(
          client.send("DELETE", asWhip, null, null, bob.token(), Map.of()), 404, "no_such_session");

      // The publisher stops: the player's session ends with it, so a DELETE finds nothing.
      Rooms.request(a, "room.media.close", roomId, JsonObject.EMPTY_JSON_OBJECT);
      // PATCH (204 while the session lives) until it is gone: the end is asynchronous.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      TestClient.Reply patched;
      do {
        sleep(100);
        patched =
            client.send("PATCH", session, frag, SDPFRAG, bob.token(), Map.of("If-Match", etag));
      } while (patched.status() == 204 && System.nanoTime() < deadline);
      assertProblem(patched, 404, "no_such_session");
      var deleted = client.send("DELETE", session, null, null, bob.token(), Map.of());
      assertProblem(deleted, 404, "no_such_session");
      assertEquals(0, streams(bob, roomId).size());
    }
  }

  @Test
  void aWhipStreamIsPlayedAndEveryRefusalHasItsCode() {
    var alice = Users.create(client, "pw");
    var stranger = Users.create(client, "ps");
    var member = Users.create(client, "pm");
    var roomId = Rooms.create(alice, "private", null).getString("id");
    var invite =
        Rooms.post(
            alice,
            "api/rooms/" + roomId + "/invites",
            Json.createObjectBuilder().add("username", member.username()).build());
    assertTrue(invite.status() / 100 == 2, invite.text());
    var whip =
        post(client, "api/rooms/" + roomId + "/whip", SdpFixtures.obsWhipOffer(), alice.token());
    assertEquals(201, whip.status(), whip.text());
    var stream = streams(alice, roomId).getJsonObject(0);
    var endpoint = path(URI.create(stream.getString("whepUrl")));
    var offer = SdpFixtures.chromiumWhepOffer();

    // Who may watch a private room's stream: its members and invitees, not strangers.
    assertProblem(post(client, endpoint, offer, stranger.token()), 404, "not_found");
    assertProblem(
        client.send(
            "GET", "api/rooms/" + roomId + "/streams", null, null, stranger.token(), Map.of()),
        404,
        "not_found");
    var played = post(client, endpoint, offer, member.token());
    assertEquals(201, played.status(), played.text());
    assertTrue(played.text().contains("H264/90000"), played.text());

    assertProblem(post(client, endpoint, offer, null), 401, "unauthorized");
    assertProblem(post(client, endpoint, offer, "csk_notakeynotakeynotakey"), 401, "unauthorized");
    assertProblem(
        client.send("POST", endpoint, offer, "text/plain", alice.token(), Map.of()),
        415,
        "unsupported_media_type");
    assertProblem(
        post(client, "api/rooms/" + roomId + "/streams/nobody-camera/whep", offer, alice.token()),
        404,
        "no_such_stream");
    var noH264 = offer.replaceAll("a=rtpmap:(\\d+) H264/90000", "a=rtpmap:$1 H265/90000");
    var refused = post(client, endpoint, noH264, alice.token());
    assertProblem(refused, 406, "unsupported_codec");
    assertTrue(refused.json().getString("detail").contains("H.264"), refused.text());
    assertProblem(
        post(client, endpoint, offer.replace("a=setup:actpass", "a=setup:passive"), alice.token()),
        422,
        "dtls_role");
    assertProblem(
        post(
            client,
            endpoint,
            SdpFixtures.withoutCandidates("chromium-156-recvonly-offer.sdp"),
            alice.token()),
        406,
        "too_many_tracks");
    assertProblem(post(client, endpoint, "v=0\r\n", alice.token()), 400, "bad_sdp");

    client.send(
        "DELETE",
        path(URI.create(whip.headers().firstValue("location").orElseThrow())),
        null,
        null,
        alice.token(),
        Map.of());
    var after = post(client, endpoint, offer, member.token());
    assertProblem(after, 404, "no_such_stream");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
