package dev.chorus.e2e;

import static dev.chorus.e2e.RoomMediaChecks.createRoom;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.Scrape;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The media figures of {@code /api/metrics} move when a room has media: two werift peers (no
 * browser), one publishing a VP8 file and Opus, one subscribing, through the SFU. While they run,
 * the scrape shows their producers and consumers and the RTP packets and bytes in and out grown;
 * afterwards the packet counters stay where they got to (a counter never goes back when its
 * transports close).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsMediaIT {
  private static final String VIDEO = "media/testsrc2-320x240-15fps.ivf";
  private static final Map<String, String> RTP = Map.of("kind", "rtp");

  private final TestClient rest = new TestClient();

  @Test
  void packetsProducersAndConsumersMoveWithARoomsMedia() {
    var publisher = Users.create(rest, "mpub");
    var viewer = Users.create(rest, "mview");
    var roomId = createRoom(rest, publisher, TestClient.uniqueName("metrics"));
    var before = Scrape.of(rest, false);

    double in;
    double out;
    try (var pub = NodePeer.start(publisher, roomId, "--publish", "--video", VIDEO);
        var sub = NodePeer.start(viewer, roomId, "--subscribe")) {
      sub.await(
          "video packets from " + publisher.username(),
          l -> receivedPackets(l, publisher.username()) > 20);
      var during = Scrape.of(rest, false);
      in = during.value("chorus_media_packets_received_total", RTP);
      out = during.value("chorus_media_packets_sent_total", RTP);
      assertTrue(
          in - before.value("chorus_media_packets_received_total", RTP) > 20,
          () -> "RTP in; the publisher said: " + pub.output());
      assertTrue(out - before.value("chorus_media_packets_sent_total", RTP) > 20, "RTP out");
      assertTrue(
          during.value("chorus_media_received_bytes_total", RTP)
              > before.value("chorus_media_received_bytes_total", RTP));
      assertTrue(
          during.value("chorus_media_sent_bytes_total", RTP)
              > before.value("chorus_media_sent_bytes_total", RTP));
      assertTrue(
          during.value("chorus_media_producers") >= before.value("chorus_media_producers") + 2,
          "audio and video published");
      assertTrue(
          during.value("chorus_media_consumers") >= before.value("chorus_media_consumers") + 2,
          "both forwarded to the viewer");
      assertTrue(
          during.value("chorus_media_transports") >= before.value("chorus_media_transports") + 2);
      assertTrue(during.value("chorus_rooms_active") >= 1);
    }
    // The peers hung up and their transports close: the totals keep what was counted.
    var after = Scrape.of(rest, false);
    assertTrue(after.value("chorus_media_packets_received_total", RTP) >= in, "never back");
    assertTrue(after.value("chorus_media_packets_sent_total", RTP) >= out, "never back");
  }

  /** Packets the subscriber's stats line reports from {@code username}'s camera, 0 if none. */
  private static long receivedPackets(JsonObject line, String username) {
    if (!line.getString("event").equals("stats") || line.isNull("recv")) {
      return 0;
    }
    return line.getJsonObject("recv").getJsonArray("streams").stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> username.equals(s.getString("user", null)))
        .filter(s -> "camera".equals(s.getString("source", null)))
        .mapToLong(s -> s.getJsonNumber("packets").longValue())
        .findFirst()
        .orElse(0);
  }
}
