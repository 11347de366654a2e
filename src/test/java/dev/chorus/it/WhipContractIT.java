package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WHIP contract (RFC 9725) over real HTTP: the 201 and its headers, the answer's ICE lines, the
 * stream as a pseudo-occupant of the room (joined, shown, listed, in room.entered), trickle PATCH
 * and its preconditions, OPTIONS and CORS, DELETE, a moderator's stop, and every refusal with its
 * status and code.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WhipContractIT {
  static final String SDP = "application/sdp";
  static final String SDPFRAG = "application/trickle-ice-sdpfrag";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestClient client = new TestClient();

  static TestClient.Reply post(TestClient client, String path, String body, String token) {
    return client.send("POST", path, body, SDP, token, Map.of());
  }

  static String path(URI location) {
    var p = location.getPath();
    return p.startsWith("/") ? p.substring(1) : p;
  }

  @Test
  void aPublishedStreamIsAnOccupantThatShowsUntilItsSessionIsDeleted() {
    var alice = Users.create(client, "wa");
    var bob = Users.create(client, "wb");
    var carol = Users.create(client, "wc");
    var roomId = Rooms.create(alice, "public", null).getString("id");
    try (var b = bob.tab()) {
      Rooms.enter(b, roomId);
      var reply =
          post(
              client,
              "api/rooms/" + roomId + "/whip?name=Lobby%20camera",
              SdpFixtures.obsWhipOffer(),
              alice.token());
      assertEquals(201, reply.status(), reply.text());
      assertTrue(reply.contentType().startsWith(SDP), reply.contentType());
      var location = URI.create(reply.headers().firstValue("location").orElseThrow());
      assertTrue(location.isAbsolute(), location.toString());
      assertTrue(
          location.getPath().matches("/api/rooms/" + roomId + "/whip/[A-Za-z0-9_-]{22}"),
          location.toString());
      var etag = reply.headers().firstValue("etag").orElseThrow();
      assertTrue(etag.matches("\"[^\"]+\""), etag);
      assertEquals(SDPFRAG, reply.headers().firstValue("accept-patch").orElseThrow());
      var answer = reply.text();
      assertTrue(answer.contains("a=ice-lite"), answer);
      assertTrue(answer.contains("a=candidate:"), answer);
      assertTrue(answer.contains("a=end-of-candidates"), answer);
      assertTrue(answer.contains("a=setup:passive"), answer);
      assertTrue(answer.contains("a=recvonly"), answer);
      assertTrue(answer.contains("H264/90000"), answer);

      // The room hears of a stream joining and showing, with its own name and a ~ username.
      var joined = b.next(m -> m.getString("type").equals("room.joined"), WAIT);
      assertTrue(joined.getBoolean("stream", false), joined.toString());
      var user = joined.getJsonObject("user");
      assertEquals("Lobby camera", user.getString("displayName"));
      assertTrue(user.getString("username").startsWith("~"), user.toString());
      var shown = b.next(m -> m.getString("type").equals("room.shown"), WAIT);
      assertEquals(user.getString("id"), shown.getJsonObject("user").getString("id"));

      // Listed among the room's streams, with its WHEP URL; and in room.entered for newcomers.
      var list = streams(carol, roomId);
      assertEquals(1, list.size(), list.toString());
      var stream = list.getJsonObject(0);
      assertTrue(stream.getBoolean("whip"));
      assertTrue(stream.getBoolean("audio"));
      assertEquals("video/H264", stream.getJsonObject("video").getString("codec"));
      assertEquals(user.getString("id"), stream.getJsonObject("user").getString("id"));
      assertTrue(
          stream
              .getString("whepUrl")
              .endsWith("/api/rooms/" + roomId + "/streams/" + stream.getString("id") + "/whep"),
          stream.toString());
      try (var c = carol.tab()) {
        var entered = Rooms.enter(c, roomId);
        var occupant =
            entered.getJsonArray("occupants").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getJsonObject("user").getString("id").equals(user.getString("id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(entered.toString()));
        assertTrue(occupant.getBoolean("stream"), occupant.toString());
        assertTrue(occupant.getBoolean("showing"), occupant.toString());
        assertTrue(
            entered.getJsonArray("showing").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(s -> s.getString().equals(user.getString("username"))),
            entered.toString());
      }

      // Trickle: its preconditions, then candidates taken.
      var session = path(location);
      var frag =
          String.join(
              "\r\n",
              "a=ice-ufrag:04Xb",
              "a=ice-pwd:EU66ixjK4b3wVw7lwjBQma",
              "m=audio 9 UDP/TLS/RTP/SAVPF 0",
              "a=mid:0",
              "a=candidate:1 1 UDP 2114977791 127.0.0.1 60489 typ host",
              "a=end-of-candidates",
              "");
      var noMatch = client.send("PATCH", session, frag, SDPFRAG, alice.token(), Map.of());
      assertProblem(noMatch, 428, "precondition_required");
      var stale =
          client.send(
              "PATCH", session, frag, SDPFRAG, alice.token(), Map.of("If-Match", "\"nope\""));
      assertProblem(stale, 412, "stale_etag");
      var restart =
          client.send("PATCH", session, frag, SDPFRAG, alice.token(), Map.of("If-Match", "*"));
      assertProblem(restart, 422, "ice_restart_unsupported");
      var wrongType =
          client.send(
              "PATCH", session, frag, "text/plain", alice.token(), Map.of("If-Match", etag));
      assertProblem(wrongType, 415, "unsupported_media_type");
      var malformed =
          client.send(
              "PATCH",
              session,
              "m=audio 9 x 0\r\na=mid:0\r\na=candidate:nonsense\r\n",
              SDPFRAG,
              alice.token(),
              Map.of("If-Match", etag));
      assertProblem(malformed, 400, "bad_sdpfrag");
      var trickled =
          client.send("PATCH", session, frag, SDPFRAG, alice.token(), Map.of("If-Match", etag));
      assertEquals(204, trickled.status(), trickled.text());
      assertTrue(trickled.headers().firstValue("etag").isEmpty());

      var sessionOptions = client.send("OPTIONS", session, null, null, null, Map.of());
      assertEquals(204, sessionOptions.status());
      assertTrue(sessionOptions.headers().firstValue("allow").orElse("").contains("PATCH"));

      // DELETE ends it: the stream leaves the room; a second DELETE finds nothing.
      var deleted = client.send("DELETE", session, null, null, alice.token(), Map.of());
      assertEquals(200, deleted.status(), deleted.text());
      var left =
          b.next(
              m ->
                  m.getString("type").equals("room.left")
                      && m.getJsonObject("user").getString("id").equals(user.getString("id")),
              WAIT);
      assertEquals("stream_ended", left.getString("reason"));
      assertEquals(user.getString("id"), left.getJsonObject("user").getString("id"));
      assertProblem(
          client.send("DELETE", session, null, null, alice.token(), Map.of()),
          404,
          "no_such_session");
      assertEquals(0, streams(carol, roomId).size());
    }
  }

  @Test
  void optionsAndCorsAnswerAPageOnAnotherOrigin() {
    var alice = Users.create(client, "wo");
    var roomId = Rooms.create(alice, "public", null).getString("id");
    var endpoint = "api/rooms/" + roomId + "/whip";
    var preflight =
        client.send(
            "OPTIONS",
            endpoint,
            null,
            null,
            null,
            Map.of(
                "Origin", "https://intranet.example",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type"));
    assertEquals(204, preflight.status(), preflight.text());
    assertEquals("*", preflight.headers().firstValue("access-control-allow-origin").orElse(""));
    var methods = preflight.headers().firstValue("access-control-allow-methods").orElse("");
    assertTrue(
        methods.contains("POST") && methods.contains("PATCH") && methods.contains("DELETE"),
        methods);
    var allowed =
        preflight.headers().firstValue("access-control-allow-headers").orElse("").toLowerCase();
    assertTrue(
        allowed.contains("authorization")
            && allowed.contains("content-type")
            && allowed.contains("if-match"),
        allowed);
    assertTrue(preflight.headers().firstValue("access-control-max-age").isPresent());
    assertTrue(preflight.headers().allValues("link").isEmpty(), "no Link on a preflight");
    assertEquals(SDP, preflight.headers().firstValue("accept-post").orElse(""));
    assertTrue(preflight.headers().firstValue("allow").orElse("").contains("POST"));

    // The POST's answer exposes its headers to the page; errors carry CORS too.
    var created =
        client.send(
            "POST",
            endpoint,
            SdpFixtures.obsWhipOffer(),
            SDP,
            alice.token(),
            Map.of("Origin", "https://intranet.example"));
    assertEquals(201, created.status(), created.text());
    var exposed = created.headers().firstValue("access-control-expose-headers").orElse("");
    assertTrue(
        exposed.contains("Location") && exposed.contains("ETag") && exposed.contains("Link"),
        exposed);
    var refused =
        client.send(
            "POST", endpoint, "v=0", SDP, null, Map.of("Origin", "https://intranet.example"));
    assertProblem(refused, 401, "unauthorized");
    assertEquals("*", refused.headers().firstValue("access-control-allow-origin").orElse(""));
    client.send(
        "DELETE",
        path(URI.create(created.headers().firstValue("location").orElseThrow())),
        null,
        null,
        alice.token(),
        Map.of());
  }

  @Test
  void everyRefusalHasItsStatusAndCode() {
    var alice = Users.create(client, "we");
    var mallory = Users.create(client, "wm");
    var roomId = Rooms.create(alice, "public", null).getString("id");
    var endpoint = "api/rooms/" + roomId + "/whip";
    var offer = SdpFixtures.obsWhipOffer();

    var none = client.send("POST", endpoint, offer, SDP, null, Map.of());
    assertProblem(none, 401, "unauthorized");
    assertEquals(
        "Bearer realm=\"chorus\"", none.headers().firstValue("www-authenticate").orElse(""));
    assertProblem(post(client, endpoint, offer, "not-a-token"), 401, "unauthorized");
    assertProblem(
        post(client, endpoint, offer, "csk_unknownkeyunknownkeyunknownkey"), 401, "unauthorized");

    assertProblem(
        client.send("POST", endpoint, offer, "application/json", alice.token(), Map.of()),
        415,
        "unsupported_media_type");
    assertProblem(post(client, endpoint, "this is not sdp", alice.token()), 400, "bad_sdp");
    var noFingerprint = offer.replaceAll("a=fingerprint:[^\r\n]*\r\n", "");
    assertProblem(post(client, endpoint, noFingerprint, alice.token()), 400, "bad_sdp");
    var recvonly = offer.replace("a=sendonly", "a=recvonly");
    assertProblem(post(client, endpoint, recvonly, alice.token()), 400, "bad_sdp");
    var passive = offer.replace("a=setup:actpass", "a=setup:passive");
    assertProblem(post(client, endpoint, passive, alice.token()), 422, "dtls_role");
    var high = offer.replace("profile-level-id=42e01f", "profile-level-id=640c1f");
    var refusedCodec = post(client, endpoint, high, alice.token());
    assertProblem(refusedCodec, 406, "unsupported_codec");
    assertTrue(refusedCodec.json().getString("detail").contains("640c1f"), refusedCodec.text());
    var twoVideos =
        offer
            + offer
                .substring(offer.indexOf("m=video"))
                .replace("a=mid:1", "a=mid:2")
                .replace("2222", "3333");
    assertProblem(
        post(client, endpoint, twoVideos.replace("BUNDLE 0 1", "BUNDLE 0 1 2"), alice.token()),
        406,
        "too_many_tracks");
    assertProblem(
        post(client, endpoint, offer + "a=x:" + "y".repeat(70_000) + "\r\n", alice.token()),
        413,
        "too_large");
    assertProblem(
        post(client, "api/rooms/no-such-room/whip", offer, alice.token()), 404, "not_found");
    var privateRoom = Rooms.create(alice, "private", null).getString("id");
    assertProblem(
        post(client, "api/rooms/" + privateRoom + "/whip", offer, mallory.token()),
        404,
        "not_found");
    var passwordRoom = Rooms.create(alice, "public", "secret-pass").getString("id");
    assertProblem(
        post(client, "api/rooms/" + passwordRoom + "/whip", offer, mallory.token()),
        403,
        "not_member");
    var ban =
        Rooms.post(
            alice,
            "api/rooms/" + roomId + "/bans",
            Json.createObjectBuilder()
                .add("username", mallory.username())
                .add("reason", "spam")
                .build());
    assertTrue(ban.status() / 100 == 2, ban.text());
    assertProblem(post(client, endpoint, offer, mallory.token()), 403, "banned");
    assertProblem(
        post(client, endpoint + "?name=%3Cscript%3E", offer, alice.token()), 400, "bad_request");

    var get = client.send("GET", endpoint, null, null, alice.token(), Map.of());
    assertEquals(405, get.status(), get.text());
    assertTrue(
        get.headers().firstValue("allow").orElse("").contains("POST"), get.headers().toString());

    // A moderator may stop a stream; nobody else may.
    var created = post(client, endpoint, offer, alice.token());
    assertEquals(201, created.status(), created.text());
    var streamId = streams(alice, roomId).getJsonObject(0).getString("id");
    var bob = Users.create(client, "wn");
    assertProblem(
        client.send(
            "DELETE",
            "api/rooms/" + roomId + "/streams/" + streamId,
            null,
            null,
            bob.token(),
            Map.of()),
        403,
        "forbidden");
    var stopped =
        client.send(
            "DELETE",
            "api/rooms/" + roomId + "/streams/" + streamId,
            null,
            null,
            alice.token(),
            Map.of());
    assertEquals(204, stopped.status(), stopped.text());
    assertEquals(0, streams(alice, roomId).size());
    assertProblem(
        client.send(
            "DELETE",
            path(URI.create(created.headers().firstValue("location").orElseThrow())),
            null,
            null,
            alice.token(),
            Map.of()),
        404,
        "no_such_session");
    assertProblem(
        client.send(
            "DELETE",
            "api/rooms/" + roomId + "/streams/" + streamId,
            null,
            null,
            alice.token(),
            Map.of()),
        404,
        "no_such_stream");
  }

  @Test
  void postsAreRateLimitedPerAddress() {
    var alice = Users.create(client, "wr");
    var roomId = Rooms.create(alice, "public", null).getString("id");
    // From a second address ([::1]), so the rest of the suite keeps its own budget.
    var elsewhere =
        new TestClient(URI.create("https://[::1]:" + ChorusServer.https().getPort() + "/"));
    TestClient.Reply last = null;
    for (int i = 0; i < 200; i++) {
      last =
          elsewhere.send(
              "POST", "api/rooms/" + roomId + "/whip", "x", "text/plain", alice.token(), Map.of());
      if (last.status() == 429) {
        break;
      }
      assertEquals(415, last.status(), last.text());
    }
    assertProblem(last, 429, "rate_limited");
    assertTrue(last.headers().firstValue("retry-after").isPresent());
  }

  @Test
  void aSessionThatNeverConnectsEndsByItself() {
    var alice = Users.create(client, "wt");
    var bob = Users.create(client, "wu");
    var roomId = Rooms.create(alice, "public", null).getString("id");
    try (var b = bob.tab()) {
      Rooms.enter(b, roomId);
      // No ICE ever comes for this offer: the suite's chorus.streams.connect-timeout is 12 s.
      var reply =
          post(client, "api/rooms/" + roomId + "/whip", SdpFixtures.obsWhipOffer(), alice.token());
      assertEquals(201, reply.status(), reply.text());
      var joined = b.next(m -> m.getString("type").equals("room.joined"), WAIT);
      var id = joined.getJsonObject("user").getString("id");
      var left =
          b.next(
              m ->
                  m.getString("type").equals("room.left")
                      && m.getJsonObject("user").getString("id").equals(id),
              Duration.ofSeconds(40));
      assertEquals("stream_ended", left.getString("reason"));
      var session = path(URI.create(reply.headers().firstValue("location").orElseThrow()));
      assertProblem(
          client.send("DELETE", session, null, null, alice.token(), Map.of()),
          404,
          "no_such_session");
    }
  }

  @Test
  void theRoomsPublisherCapIsAConflict() {
    var alice = Users.create(client, "wk");
    var roomId = Rooms.create(alice, "public", null).getString("id");
    var endpoint = "api/rooms/" + roomId + "/whip";
    var sessions = new java.util.ArrayList<String>();
    try {
      TestClient.Reply reply;
      int n = 0;
      do {
        // Distinct SSRCs per stream: the router refuses an SSRC already in use in the room.
        var offer =
            SdpFixtures.obsWhipOffer()
                .replace("1111", Integer.toString(5000 + n))
                .replace("2222", Integer.toString(7000 + n));
        reply = post(client, endpoint, offer, alice.token());
        if (reply.status() == 201) {
          sessions.add(path(URI.create(reply.headers().firstValue("location").orElseThrow())));
        }
        n++;
      } while (reply.status() == 201 && n < 40);
      // chorus.media.max-publishers-per-room (25) in the suite.
      assertEquals(25, sessions.size(), reply.text());
      assertProblem(reply, 409, "media_limit");
    } finally {
      sessions.forEach(s -> client.send("DELETE", s, null, null, alice.token(), Map.of()));
    }
  }

  static JsonArray streams(Users user, String roomId) {
    var reply = user.get("api/rooms/" + roomId + "/streams");
    assertEquals(200, reply.status(), reply.text());
    try (var r = Json.createReader(new StringReader(reply.text()))) {
      return r.readArray();
    }
  }

  static void assertProblem(TestClient.Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply.text());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    var json = reply.json();
    assertEquals(status, json.getInt("status"), reply.text());
    assertEquals(code, json.getString("code", null), reply.text());
    assertFalse(json.getString("detail", "").isBlank(), reply.text());
  }
}
