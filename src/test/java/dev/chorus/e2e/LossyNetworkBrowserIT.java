package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Chromium users in one room, both showing, while the SFU drops 10 % of the video it sends to
 * subscribers (the admin's simulated-loss knob): the subscriber's browser NACKs the gaps, the SFU
 * answers from its cache with RTX, the video keeps decoding with almost nothing lost, and the
 * publisher never hears of it (RFC 4585 §6.2.1 NACK terminated at the SFU, RFC 4588 RTX).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LossyNetworkBrowserIT {
  private static final int PERCENT = 10;
  private static final int LOSSY_SECONDS = 12;
  private static final long MEDIA_WAIT_NANOS = 40_000_000_000L;
  private static final String KNOB = "api/admin/media/simulated-loss";
  private static final Logger LOG = Logger.getLogger(LossyNetworkBrowserIT.class.getName());

  /** Keeps every peer connection the page makes, so the test can read their raw stats. */
  private static final String KEEP_PEER_CONNECTIONS =
      "if (!window.__pcs) { window.__pcs = []; const Real = window.RTCPeerConnection;"
          + " window.RTCPeerConnection = class extends Real {"
          + "   constructor(...a) { super(...a); window.__pcs.push(this); } }; }";

  /**
   * Sums of the video inbound-rtp and outbound-rtp stats of the connected peer connections, and
   * each one's selected remote candidate. (Chromium 156 leaves retransmittedPacketsReceived out
   * until the first retransmission arrives.)
   */
  private static final String VIDEO_STATS =
      "const out = { inbound: 0, framesDecoded: 0, packetsReceived: 0, packetsLost: 0,"
          + " nackCount: 0, retransmittedPacketsReceived: 0, outboundNackCount: 0,"
          + " retransmittedPacketsSent: 0, pliCount: 0, freezeCount: 0, ports: [] };"
          + "for (const pc of window.__pcs || []) {"
          + "  if (pc.connectionState !== 'connected') continue;"
          + "  const r = await pc.getStats(); let pairId = null;"
          + "  r.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId)"
          + "    pairId = s.selectedCandidatePairId; });"
          + "  const pair = pairId && r.get(pairId); const remote = pair && r.get(pair.remoteCandidateId);"
          + "  out.ports.push((remote && remote.protocol + ':' + remote.port) || 'none');"
          + "  r.forEach((s) => { if (s.kind !== 'video') return;"
          + "    if (s.type === 'inbound-rtp') { out.inbound++;"
          + "      out.framesDecoded += s.framesDecoded || 0; out.packetsReceived += s.packetsReceived || 0;"
          + "      out.packetsLost += s.packetsLost || 0; out.nackCount += s.nackCount || 0;"
          + "      out.pliCount += s.pliCount || 0; out.freezeCount += s.freezeCount || 0;"
          + "      out.retransmittedPacketsReceived += s.retransmittedPacketsReceived || 0; }"
          + "    if (s.type === 'outbound-rtp') { out.outboundNackCount += s.nackCount || 0;"
          + "      out.retransmittedPacketsSent += s.retransmittedPacketsSent || 0; } }); }"
          + "return out;";

  @RegisterExtension final Browsers browsers = new Browsers();
  private final TestClient rest = new TestClient();
  private MediaAdmin mediaAdmin;
  private String admin;

  /** Runs before the browsers close, so no later test meets a lossy SFU. */
  @AfterEach
  void lossOff() {
    if (admin != null) {
      var off = setLoss(admin, "{\"percent\": 0}");
      assertEquals(200, off.status(), off.text());
      assertEquals(0, off.json().getInt("percent"));
    }
  }

  private void logInAdmin() {
    mediaAdmin = MediaAdmin.logIn(rest);
    admin = mediaAdmin.token();
  }

  @Test
  void nacksFromTheSubscriberAreRepairedByTheSfuWithoutThePublisher() {
    var alice = Users.create(rest, "alice");
    var bob = Users.create(rest, "bob");
    var roomName = TestClient.uniqueName("lossy");
    var roomId = RoomMediaChecks.createRoom(rest, alice, roomName);
    var a = enter(alice, roomId, roomName);
    var b = enter(bob, roomId, roomName);
    a.browser().click("show-button");
    b.browser().click("show-button");
    awaitFrames(a);
    var before = awaitFrames(b);
    var alicePublisherBefore = videoStats(a);
    logInAdmin();
    var serverBefore = videoConsumer(roomId, bob.username(), alice.username());
    var producerBefore = videoProducer(roomId, alice.username());

    var on = setLoss(admin, "{\"percent\": " + PERCENT + "}");
    assertEquals(200, on.status(), on.text());
    assertEquals(PERCENT, on.json().getInt("percent"));

    // Bob keeps decoding Alice's video all through the lossy period.
    var last = before;
    for (int i = 0; i < LOSSY_SECONDS / 3; i++) {
      RoomMediaChecks.sleep(3000);
      var now = videoStats(b);
      assertTrue(
          num(now, "framesDecoded") > num(last, "framesDecoded"),
          "frames stalled under loss: " + last + " -> " + now);
      last = now;
    }
    var after = videoStats(b);
    var alicePublisherAfter = videoStats(a);
    var serverAfter = videoConsumer(roomId, bob.username(), alice.username());
    var producerAfter = videoProducer(roomId, alice.username());
    var report =
        "\nBob (subscriber) "
            + before
            + " -> "
            + after
            + "\nAlice (publisher) "
            + alicePublisherBefore
            + " -> "
            + alicePublisherAfter
            + "\nconsumer "
            + serverBefore
            + " -> "
            + serverAfter
            + "\nproducer "
            + producerBefore
            + " -> "
            + producerAfter;

    LOG.info(() -> "Under " + PERCENT + " % simulated loss:" + report);

    // The SFU dropped about 10 % of what it sent Bob, and answered his NACKs with RTX.
    long dropped = delta(serverBefore, serverAfter, "simulatedLossDrops");
    long sent = delta(serverBefore, serverAfter, "packets");
    assertTrue(dropped > sent * PERCENT / 300, "about " + PERCENT + " % dropped" + report);
    assertTrue(dropped < sent * PERCENT * 2 / 100, "about " + PERCENT + " % dropped" + report);
    assertTrue(delta(serverBefore, serverAfter, "nacksReceived") > 0, "SFU got NACKs" + report);
    long resent = delta(serverBefore, serverAfter, "retransmitted");
    assertTrue(resent >= dropped / 2, "SFU resent most drops" + report);

    // Bob's browser: NACKs sent, retransmissions received, hardly anything left unrepaired.
    long nacks = delta(before, after, "nackCount");
    assertTrue(nacks > 0, "Bob sent NACKs" + report);
    long repaired = delta(before, after, "retransmittedPacketsReceived");
    assertTrue(repaired >= dropped / 2, "Bob received RTX for most drops" + report);
    // Chromium counts a gap in packetsLost even once RTX filled it: what RTX did not fill is
    // the difference. Stats are read a moment apart, so allow a few in flight.
    long lost = delta(before, after, "packetsLost");
    assertTrue(lost - repaired <= 3 + dropped / 10, "RTX repaired the losses" + report);
    // Had the gaps stayed, the decoder would have asked for key frames again and again.
    assertTrue(
        delta(serverBefore, serverAfter, "keyframeRequestsReceived") <= 2,
        "Bob's decoder needed no fresh key frames" + report);

    // Alice's browser never heard those NACKs: at most the SFU's own, for uplink loss.
    long publisherNacks = delta(alicePublisherBefore, alicePublisherAfter, "outboundNackCount");
    assertTrue(
        publisherNacks
            <= producerAfter.getJsonNumber("nacksSent").longValue()
                - producerBefore.getJsonNumber("nacksSent").longValue(),
        "the publisher got only the SFU's own NACKs" + report);
    assertTrue(publisherNacks * 4 < nacks, "far fewer NACKs at the publisher" + report);

    // Media went through the SFU's UDP port on every connection.
    for (var stats : List.of(after, alicePublisherAfter)) {
      assertEquals(2, ((List<?>) stats.get("ports")).size(), "a send and a receive pc: " + stats);
      for (var port : (List<?>) stats.get("ports")) {
        assertEquals("udp:" + ChorusServer.mediaUdpPort(), port, "via the SFU" + report);
      }
    }
  }

  @Test
  void theKnobIsForAdminsOnlyAndRefusesNonsense() {
    var user = Users.create(rest, "user");
    assertEquals(403, setLoss(user.token(), "{\"percent\": 10}").status());
    assertEquals(403, rest.get(KNOB, user.token()).status());
    assertEquals(401, setLoss(null, "{\"percent\": 10}").status());

    logInAdmin();
    for (var bad :
        List.of("{\"percent\": 51}", "{\"percent\": -1}", "{}", "{\"percent\": \"x\"}", "[")) {
      var reply = setLoss(admin, bad);
      assertEquals(400, reply.status(), bad + ": " + reply.text());
      assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
      assertEquals(400, reply.json().getInt("status"), reply.text());
    }
    var got = rest.get(KNOB, admin);
    assertEquals(200, got.status(), got.text());
    assertEquals(0, got.json().getInt("percent"), "off by default and after nonsense");
    assertEquals(50, got.json().getInt("maxPercent"));

    var on = setLoss(admin, "{\"percent\": 25}");
    assertEquals(25, on.json().getInt("percent"));
    assertEquals(25, rest.get(KNOB, admin).json().getInt("percent"));
    var media = rest.get("api/admin/media", admin).json();
    assertEquals(25, media.getJsonObject("simulatedLoss").getInt("percent"), media.toString());
  }

  // ---- browsers ----

  private RoomsPage enter(Users user, String roomId, String roomName) {
    var browser = browsers.open();
    browser.logInWithToken(ChorusServer.https(), user.token());
    browser.script(KEEP_PEER_CONNECTIONS);
    browser.script("location.hash = arguments[0]", "#room/" + roomId);
    var page = new RoomsPage(browser);
    page.awaitInRoom(roomName);
    return page;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> videoStats(RoomsPage page) {
    return (Map<String, Object>)
        page.browser().script("return await (async () => {" + VIDEO_STATS + "})()");
  }

  /** Waits until the page decodes the other's video on a connected send and receive pc. */
  private static Map<String, Object> awaitFrames(RoomsPage page) {
    var deadline = System.nanoTime() + MEDIA_WAIT_NANOS;
    Map<String, Object> last = Map.of();
    while (System.nanoTime() < deadline) {
      last = videoStats(page);
      if (num(last, "framesDecoded") > 10 && ((List<?>) last.get("ports")).size() == 2) {
        return last;
      }
      RoomMediaChecks.sleep(500);
    }
    throw new AssertionError("no video decoded; last stats " + last);
  }

  private static long num(Map<String, Object> stats, String key) {
    return ((Number) stats.get(key)).longValue();
  }

  private static long delta(Map<String, Object> before, Map<String, Object> after, String key) {
    return num(after, key) - num(before, key);
  }

  // ---- REST ----

  private TestClient.Reply setLoss(String token, String body) {
    return rest.send("PUT", KNOB, body, token);
  }

  private JsonObject room(String roomId) {
    var room = mediaAdmin.room(roomId);
    assertTrue(room.containsKey("consumers"), "no media in room " + roomId);
    return room;
  }

  /** The server's stats of the consumer carrying the publisher's camera to the subscriber. */
  private JsonObject videoConsumer(String roomId, String subscriber, String publisher) {
    var room = room(roomId);
    return room.getJsonArray("consumers").stream()
        .map(JsonValue::asJsonObject)
        .filter(
            c ->
                subscriber.equals(c.getString("subscriber"))
                    && publisher.equals(c.getString("publisher"))
                    && c.getJsonObject("stats").getString("kind").equals("VIDEO"))
        .map(c -> c.getJsonObject("stats"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no video consumer: " + room));
  }

  private JsonObject videoProducer(String roomId, String publisher) {
    var room = room(roomId);
    return room.getJsonArray("producers").stream()
        .map(JsonValue::asJsonObject)
        .filter(
            p ->
                publisher.equals(p.getString("username"))
                    && p.getJsonObject("stats").getString("kind").equals("VIDEO"))
        .map(p -> p.getJsonObject("stats"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no video producer: " + room));
  }

  private static long delta(JsonObject before, JsonObject after, String key) {
    return after.getJsonNumber(key).longValue() - before.getJsonNumber(key).longValue();
  }
}
