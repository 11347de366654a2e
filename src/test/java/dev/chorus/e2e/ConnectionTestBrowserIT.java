package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chromium on /connection-test.html: its camera goes to Chorus's own media server and comes back;
 * the returned video is decoded, over the server's UDP port and over its ICE-TCP port, and keeps
 * flowing while garbage is thrown at the media port.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnectionTestBrowserIT {

  private final TestClient client = new TestClient();
  private Browser browser;

  @BeforeEach
  void openPage() {
    browser = new Browser();
    openConnectionTest(browser, client);
  }

  /** Opens the connection test page on {@code browser}, logged in as a new user. */
  static void openConnectionTest(Browser browser, TestClient client) {
    var user = Users.create(client, "echo");
    browser.open(ChorusServer.https().resolve("index.html").toString());
    browser.script("localStorage.setItem('chorus.token', arguments[0])", user.token());
    browser.open(ChorusServer.https().resolve("connection-test.html").toString());
  }

  @AfterEach
  void close() {
    browser.close();
  }

  @Test
  void ownVideoComesBackFromTheServerOverUdpAndSurvivesGarbage() throws Exception {
    browser.click("start");
    var stats = awaitFrames(browser, 0);
    @SuppressWarnings("unchecked")
    var pair = (Map<String, Object>) stats.get("pair");
    assertEquals("udp", pair.get("protocol"));
    assertEquals((long) ChorusServer.mediaUdpPort(), pair.get("remotePort"), "the server's port");
    assertTrue(((Long) stats.get("audioPacketsReceived")) > 0, "audio came back too: " + stats);
    assertEquals("Connected", browser.visible("state").getText());

    // Random and truncated datagrams at the media port: the session keeps flowing.
    long before = (Long) stats.get("framesDecoded");
    var random = new Random(7983);
    try (var garbage = new DatagramSocket()) {
      for (int i = 0; i < 3000; i++) {
        var bytes = new byte[random.nextInt(1400) + 1];
        random.nextBytes(bytes);
        if (i % 3 == 0) {
          bytes[0] = (byte) (128 + random.nextInt(64)); // looks like RTP/RTCP
        } else if (i % 3 == 1) {
          bytes[0] = (byte) (20 + random.nextInt(44)); // looks like DTLS
        }
        garbage.send(
            new DatagramPacket(
                bytes,
                bytes.length,
                InetAddress.getLoopbackAddress(),
                ChorusServer.mediaUdpPort()));
      }
    }
    var after = awaitFrames(browser, before + 30);
    assertEquals("Connected", after.get("state"));

    // The admin view of the same session: connected, over the UDP port, counting packets.
    var admin = client.adminToken();
    var media = client.get("api/admin/media", admin).json();
    assertTrue(media.getBoolean("running"));
    assertEquals(ChorusServer.mediaUdpPort(), media.getInt("udpPort"));
    var transport =
        media.getJsonArray("transports").stream()
            .map(v -> v.asJsonObject())
            .filter(t -> t.getString("state").equals("connected"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no connected transport: " + media));
    assertEquals("udp", transport.getJsonObject("selectedPair").getString("protocol"));
    assertTrue(
        transport
            .getJsonObject("selectedPair")
            .getString("local")
            .endsWith(":" + ChorusServer.mediaUdpPort()));
    assertTrue(transport.getJsonObject("counters").getJsonNumber("rtpPacketsIn").longValue() > 100);
    assertTrue(
        transport.getJsonObject("counters").getJsonNumber("rtpPacketsOut").longValue() > 100);
    // Everyone else is refused.
    var user = Users.create(client, "nosy");
    assertEquals(403, client.get("api/admin/media", user.token()).status());
    assertEquals(401, client.get("api/admin/media", null).status());
  }

  @Test
  void ownVideoComesBackOverIceTcp() {
    browser.click("start-tcp");
    var stats = awaitFrames(browser, 0);
    @SuppressWarnings("unchecked")
    var pair = (Map<String, Object>) stats.get("pair");
    assertEquals("tcp", pair.get("protocol"));
    assertEquals((long) ChorusServer.mediaTcpPort(), pair.get("remotePort"));
    assertEquals("Connected (TCP only)", browser.visible("state").getText());
  }

  /** Polls the page's own getStats() summary until more than {@code frames} frames decoded. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> awaitFrames(Browser browser, long frames) {
    var deadline = System.nanoTime() + 40_000_000_000L;
    Map<String, Object> last = Map.of();
    while (System.nanoTime() < deadline) {
      last =
          (Map<String, Object>) browser.script("return await window.chorusConnectionTest.stats()");
      var decoded = (Long) last.getOrDefault("framesDecoded", 0L);
      if (decoded > frames && last.get("pair") != null) {
        return last;
      }
      sleep(500);
    }
    throw new AssertionError(
        "no returned video frames beyond "
            + frames
            + "; last stats "
            + last
            + "; page error: "
            + browser.driver().findElement(Browser.byTest("error")).getText());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
