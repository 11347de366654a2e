package dev.chorus.e2e;

import static dev.chorus.e2e.MediaAdmin.roomOf;
import static dev.chorus.e2e.MediaAdmin.transportsOf;
import static dev.chorus.e2e.RoomMediaChecks.assertPairIsTheServer;
import static dev.chorus.e2e.RoomMediaChecks.awaitMedia;
import static dev.chorus.e2e.RoomMediaChecks.createRoom;
import static dev.chorus.e2e.RoomMediaChecks.tileOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A WebRTC peer that is not a browser — werift, a TypeScript WebRTC stack, driven by {@code
 * src/test/peers/room-peer.mjs} with the room signaling the page uses — and Chromium in one room,
 * both through Chorus's SFU. The peer publishes a VP8 file (packetised per RFC 7741) and Opus
 * silence, which Chromium decodes; Chromium publishes its camera, and the peer rebuilds VP8 frames,
 * key frames among them, from the RTP it receives.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NonBrowserPeerIT {
  private static final String VIDEO = "media/testsrc2-320x240-15fps.ivf";

  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void aWeriftPeerAndChromiumSendEachOtherVideoThroughTheSfu() {
    var person = Users.create(rest, "chromium");
    var bot = Users.create(rest, "werift");
    var roomName = TestClient.uniqueName("peers");
    var roomId = createRoom(rest, person, roomName);
    var admin = MediaAdmin.logIn(rest);

    try (var peer = NodePeer.start(bot, roomId, "--publish", "--video", VIDEO, "--subscribe")) {
      var page = RoomMediaChecks.enter(browsers.open(), person, roomId, roomName);
      page.browser().click("show-button");

      // werift → SFU → Chromium: Chromium decodes the file's frames and plays the silence, over
      // selected pairs that end at the SFU's port.
      var stats = awaitMedia(page, Set.of(bot.username()));
      assertPairIsTheServer(stats, "recv");
      assertPairIsTheServer(stats, "send");
      // The decoded picture is the file's: its size, not a browser camera's.
      var size =
          page.browser()
              .until(
                  d ->
                      page.browser()
                          .script(
                              "const v = document.querySelector(arguments[0]);"
                                  + " return v && v.videoWidth ? v.videoWidth + 'x' + v.videoHeight : null",
                              tileOf(bot.username()) + " video"));
      assertEquals("320x240", size);

      // Chromium → SFU → werift: whole VP8 frames rebuilt from the RTP of Chromium's camera, key
      // frames among them with a real size, and audio packets from its microphone.
      var line =
          peer.await(
              "a VP8 key frame of " + person.username() + "'s camera",
              l ->
                  stream(l, person.username(), "camera")
                          .map(s -> count(s, "keyFrames") > 0)
                          .orElse(false)
                      && stream(l, person.username(), "mic")
                          .map(s -> count(s, "packets") > 0)
                          .orElse(false));
      var camera = stream(line, person.username(), "camera").orElseThrow();
      assertEquals("video", camera.getString("kind"), line.toString());
      assertTrue(count(camera, "frames") >= count(camera, "keyFrames"), line.toString());
      assertTrue(count(camera, "width") > 0 && count(camera, "height") > 0, line.toString());

      // Both of the peer's connections go to the SFU's UDP port, not to Chromium.
      for (var direction : new String[] {"send", "recv"}) {
        var pair = line.getJsonObject(direction).get("pair");
        assertEquals(JsonValue.ValueType.OBJECT, pair.getValueType(), direction + ": " + line);
        assertEquals("udp", pair.asJsonObject().getString("protocol"), line.toString());
        assertEquals(
            ChorusServer.mediaUdpPort(), pair.asJsonObject().getInt("remotePort"), line.toString());
      }
      assertTrue(count(line.getJsonObject("send"), "keyFrames") > 0, line.toString());
      assertEquals(2, transportsOf(admin.room(roomId), bot.username()).size(), "send and recv");
    }

    // The peer hung up: the server released its transports as it does a closed tab's.
    admin.await(media -> transportsOf(roomOf(media, roomId), bot.username()).isEmpty());
  }

  /** The peer's received stream of {@code username}'s {@code source} in a stats line. */
  private static Optional<JsonObject> stream(JsonObject line, String username, String source) {
    if (!line.getString("event").equals("stats") || line.isNull("recv")) {
      return Optional.empty();
    }
    return line.getJsonObject("recv").getJsonArray("streams").stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> username.equals(s.getString("user", null)))
        .filter(s -> source.equals(s.getString("source", null)))
        .findFirst();
  }

  private static long count(JsonObject o, String key) {
    return o.getJsonNumber(key).longValue();
  }
}
