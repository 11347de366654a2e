package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WHIP and WHEP with peers that are not browsers: {@code src/test/peers/whip-peer.mjs} (werift)
 * publishes a VP8 file and Opus silence into a room with a stream key, as an encoder does; the
 * stream is listed by {@code GET /api/rooms/{id}/streams}; {@code whep-peer.mjs} plays it with a
 * view key and rebuilds its VP8 frames (the file's size, key frames among them) and receives its
 * audio, and plays a second stream at the same time: the camera a room participant publishes over
 * the socket ({@code room-peer.mjs}). Both sessions end with DELETE (200), and the WHIP stream
 * leaves the list.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NonBrowserWhipIT {
  private static final String VIDEO = "media/testsrc2-320x240-15fps.ivf";

  private final TestClient rest = new TestClient();

  @Test
  void aWhipPublisherWithAKeyIsPlayedByAWhepPlayerAlongWithARoomCamera() {
    var owner = Users.create(rest, "whipowner");
    var camera = Users.create(rest, "whipcamera");
    var roomId = RoomMediaChecks.createRoom(rest, owner, TestClient.uniqueName("whip"));
    var publishKey = key(owner, roomId, "Studio encoder", "publish");
    var viewKey = key(owner, roomId, "Intranet player", "view");

    try (var encoder =
            NodePeer.script(
                "whip-peer.mjs", "whip", publishKey, roomId, "--video", VIDEO, "--name", "Studio");
        var participant = NodePeer.start(camera, roomId, "--publish", "--video", VIDEO)) {
      var created = encoder.await("the WHIP 201", l -> l.getString("event").equals("created"));
      assertEquals("application/sdp", created.getString("contentType"), created.toString());
      assertTrue(created.getString("location").contains("/api/rooms/" + roomId + "/whip/"));
      assertTrue(created.getString("etag").startsWith("\""), created.toString());
      assertTrue(created.getString("answer").contains("a=ice-lite"), created.toString());
      encoder.await(
          "the encoder connected",
          l ->
              l.getString("event").equals("stats")
                  && l.getString("connection").equals("connected"));

      var whip = awaitStream(owner, roomId, s -> s.getBoolean("whip"));
      assertEquals("Studio", whip.getJsonObject("user").getString("displayName"), whip.toString());
      assertTrue(whip.getBoolean("audio"), whip.toString());
      assertTrue(
          whip.getJsonObject("video").getString("codec").toUpperCase().endsWith("VP8"),
          whip.toString());
      var cam =
          awaitStream(
              owner,
              roomId,
              s -> s.getJsonObject("user").getString("username").equals(camera.username()));
      assertTrue(!cam.getBoolean("whip"), cam.toString());
      assertTrue(whip.getString("whepUrl").endsWith("/streams/" + whip.getString("id") + "/whep"));

      try (var player =
          NodePeer.script(
              "whep-peer.mjs",
              "whep",
              viewKey,
              roomId,
              "--stream",
              whip.getString("id"),
              "--stream",
              cam.getString("id"))) {
        for (var stream : List.of(whip.getString("id"), cam.getString("id"))) {
          var line =
              player.await(
                  "key frames and audio of " + stream,
                  l ->
                      received(l, stream, "video").map(v -> count(v, "keyFrames") > 0).orElse(false)
                          && received(l, stream, "audio")
                              .map(a -> count(a, "packets") > 0)
                              .orElse(false));
          var video = received(line, stream, "video").orElseThrow();
          assertEquals(320, count(video, "width"), line.toString());
          assertEquals(240, count(video, "height"), line.toString());
          assertTrue(count(video, "frames") >= count(video, "keyFrames"), line.toString());
          var pair = streamOf(line, stream).orElseThrow().get("pair");
          assertEquals(JsonValue.ValueType.OBJECT, pair.getValueType(), line.toString());
          assertEquals(
              ChorusServer.mediaUdpPort(), pair.asJsonObject().getInt("remotePort"), "the SFU");
        }
        var listed =
            awaitStream(owner, roomId, s -> s.getInt("players") > 0 && s.getBoolean("whip"));
        assertEquals(1, listed.getInt("players"), listed.toString());
        player.close();
        var deleted =
            player.lines().stream().filter(l -> l.getString("event").equals("deleted")).toList();
        assertEquals(2, deleted.size(), player.output());
        assertTrue(deleted.stream().allMatch(l -> l.getInt("status") == 200), deleted.toString());
      }
      encoder.close();
      assertTrue(
          encoder.lines().stream()
              .anyMatch(l -> l.getString("event").equals("deleted") && l.getInt("status") == 200),
          encoder.output());
      awaitGone(owner, roomId);
    }
  }

  /** A new key's secret. */
  private static String key(Users owner, String roomId, String name, String purpose) {
    var reply =
        owner
            .client()
            .send(
                "POST",
                "api/rooms/" + roomId + "/stream-keys",
                Json.createObjectBuilder()
                    .add("name", name)
                    .add("purpose", purpose)
                    .build()
                    .toString(),
                owner.token());
    assertEquals(201, reply.status(), reply.text());
    return reply.json().getString("secret");
  }

  private static List<JsonObject> streams(Users user, String roomId) {
    var reply = user.get("api/rooms/" + roomId + "/streams");
    assertEquals(200, reply.status(), reply.text());
    try (var r = Json.createReader(new StringReader(reply.text()))) {
      return r.readArray().getValuesAs(JsonObject.class);
    }
  }

  private static JsonObject awaitStream(
      Users user, String roomId, java.util.function.Predicate<JsonObject> which) {
    var deadline = System.nanoTime() + RoomMediaChecks.MEDIA_WAIT_NANOS;
    List<JsonObject> last = List.of();
    while (System.nanoTime() < deadline) {
      last = streams(user, roomId);
      var found = last.stream().filter(which).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      RoomMediaChecks.sleep(500);
    }
    throw new AssertionError("no such stream in " + last);
  }

  private static void awaitGone(Users user, String roomId) {
    var deadline = System.nanoTime() + RoomMediaChecks.MEDIA_WAIT_NANOS;
    while (System.nanoTime() < deadline) {
      if (streams(user, roomId).stream().noneMatch(s -> s.getBoolean("whip"))) {
        return;
      }
      RoomMediaChecks.sleep(500);
    }
    throw new AssertionError("the WHIP stream outlived its DELETE: " + streams(user, roomId));
  }

  private static Optional<JsonObject> streamOf(JsonObject line, String stream) {
    if (!line.getString("event").equals("stats")) {
      return Optional.empty();
    }
    return line.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
        .filter(s -> s.getString("stream").equals(stream))
        .findFirst();
  }

  /** What the player received of {@code kind} on {@code stream}, in a stats line. */
  private static Optional<JsonObject> received(JsonObject line, String stream, String kind) {
    return streamOf(line, stream)
        .flatMap(
            s ->
                s.getJsonArray("received").getValuesAs(JsonObject.class).stream()
                    .filter(r -> r.getString("kind").equals(kind))
                    .findFirst());
  }

  private static long count(JsonObject o, String key) {
    return o.getJsonNumber(key).longValue();
  }
}
