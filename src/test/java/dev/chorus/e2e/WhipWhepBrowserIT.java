package dev.chorus.e2e;

import static dev.chorus.e2e.RoomMediaChecks.MEDIA_WAIT_NANOS;
import static dev.chorus.e2e.RoomMediaChecks.createRoom;
import static dev.chorus.e2e.RoomMediaChecks.sleep;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * WHIP and WHEP from plain {@code fetch()} + {@code RTCPeerConnection} in Chromium, through the
 * SFU: a page on a second origin (a plain page served by the test on {@code http://127.0.0.1}, so
 * the POST goes through a real CORS preflight) publishes its fake camera and microphone by WHIP; a
 * second page plays that stream by WHEP and decodes it over a pair that ends at the SFU's port; a
 * room member's room page shows the stream in the occupant list with its "Stream" badge and decodes
 * its tile; the room's owner stops it from the occupant's menu, and it leaves the room. And what
 * OBS sends, H.264 Constrained Baseline in packetization mode 1, is published and played as H.264.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WhipWhepBrowserIT {
  /** Publishes the fake camera and microphone by WHIP; resolves to the POST's outcome. */
  private static final String PUBLISH =
      "const [url, token, h264] = arguments;"
          + "const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: true});"
          + "const pc = new RTCPeerConnection();"
          + "for (const t of stream.getTracks()) {"
          + "  const tr = pc.addTransceiver(t, {direction: 'sendonly', streams: [stream]});"
          // As OBS sends it: H.264 Constrained Baseline, packetization mode 1, and nothing else.
          + "  if (h264 && t.kind === 'video') tr.setCodecPreferences("
          + "    RTCRtpSender.getCapabilities('video').codecs.filter((c) =>"
          + "      c.mimeType === 'video/H264' && /packetization-mode=1/.test(c.sdpFmtpLine)"
          + "      && /profile-level-id=42e01f/.test(c.sdpFmtpLine))); }"
          + "await pc.setLocalDescription(await pc.createOffer());"
          + "const res = await fetch(url, {method: 'POST', headers: {'Authorization': 'Bearer '"
          + "  + token, 'Content-Type': 'application/sdp'}, body: pc.localDescription.sdp});"
          + "const text = await res.text();"
          + "if (res.status !== 201) return {status: res.status, text};"
          + "await pc.setRemoteDescription({type: 'answer', sdp: text});"
          + "window.__whip = {pc, location: res.headers.get('Location')};"
          + "return {status: res.status, location: res.headers.get('Location'),"
          + "  etag: res.headers.get('ETag'), acceptPatch: res.headers.get('Accept-Patch')};";

  /** Plays a stream by WHEP with a recvonly audio and video transceiver. */
  private static final String PLAY =
      "const [url, token] = arguments;"
          + "const pc = new RTCPeerConnection();"
          + "pc.addTransceiver('audio', {direction: 'recvonly'});"
          + "pc.addTransceiver('video', {direction: 'recvonly'});"
          + "await pc.setLocalDescription(await pc.createOffer());"
          + "const res = await fetch(url, {method: 'POST', headers: {'Authorization': 'Bearer '"
          + "  + token, 'Content-Type': 'application/sdp'}, body: pc.localDescription.sdp});"
          + "const text = await res.text();"
          + "if (res.status !== 201) return {status: res.status, text};"
          + "await pc.setRemoteDescription({type: 'answer', sdp: text});"
          + "window.__whep = pc;"
          + "return {status: res.status, location: res.headers.get('Location')};";

  /** The player's video frames, audio packets and selected pair's remote port. */
  private static final String PLAYER_STATS =
      "const r = await window.__whep.getStats(); const out = {frames: 0, audio: 0};"
          + "r.forEach((s) => {"
          + "  if (s.type === 'inbound-rtp' && s.kind === 'video') {"
          + "    out.frames = s.framesDecoded || 0; out.width = s.frameWidth || 0;"
          + "    out.codec = s.codecId && r.get(s.codecId) ? r.get(s.codecId).mimeType : ''; }"
          + "  if (s.type === 'inbound-rtp' && s.kind === 'audio') out.audio = s.packetsReceived;"
          + "  if (s.type === 'transport' && s.selectedCandidatePairId) {"
          + "    const pair = r.get(s.selectedCandidatePairId);"
          + "    const remote = pair && r.get(pair.remoteCandidateId);"
          + "    if (remote) { out.port = remote.port; out.protocol = remote.protocol; } } });"
          + "return out;";

  private static final String DELETE =
      "const [token] = arguments;"
          + "const res = await fetch(window.__whip.location, {method: 'DELETE',"
          + "  headers: {'Authorization': 'Bearer ' + token}});"
          + "window.__whip.pc.close(); return res.status;";

  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();
  private HttpServer intranet;
  private String intranetPage;

  /**
   * An "intranet page" of another origin: plain HTTP on 127.0.0.1 (a secure context for Chromium,
   * so getUserMedia works), without Chorus's Content-Security-Policy.
   */
  @BeforeEach
  void startIntranetPage() throws IOException {
    intranet = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    intranet.createContext(
        "/",
        exchange -> {
          var body = "<!doctype html><title>Intranet</title><p>Player</p>".getBytes(UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    intranet.start();
    intranetPage = "http://127.0.0.1:" + intranet.getAddress().getPort() + "/player.html";
  }

  @AfterEach
  void stopIntranetPage() {
    intranet.stop(0);
  }

  @Test
  void aWhipStreamFromAPageIsPlayedByWhepAndSeenInTheRoom() {
    var alice = Users.create(rest, "whippub");
    var bob = Users.create(rest, "whipview");
    var roomName = TestClient.uniqueName("whip");
    var roomId = createRoom(rest, alice, roomName);

    // Alice, the owner, is in the room first: her page subscribes and gets the stream when it
    // comes. Bob publishes it (a member of a public room may).
    var room = RoomMediaChecks.enter(browsers.open(), alice, roomId, roomName);

    // A page on another origin publishes by WHIP (its fetch makes Chromium send a preflight).
    var https = ChorusServer.https();
    var publisher = browsers.open();
    publisher.open(intranetPage);
    var whipUrl = https.resolve("api/rooms/" + roomId + "/whip?name=Whip%20camera").toString();
    @SuppressWarnings("unchecked")
    var published = (Map<String, Object>) publisher.script(PUBLISH, whipUrl, bob.token(), false);
    assertEquals(201L, published.get("status"), published.toString());
    assertTrue(
        String.valueOf(published.get("location")).startsWith(https.toString()), "" + published);
    assertNotNull(published.get("etag"), "ETag exposed to the page: " + published);
    assertEquals("application/trickle-ice-sdpfrag", published.get("acceptPatch"));

    var streams = rest.get("api/rooms/" + roomId + "/streams", bob.token());
    assertEquals(200, streams.status(), streams.text());
    var stream = Json.createReader(new StringReader(streams.text())).readArray().getJsonObject(0);
    var username = stream.getJsonObject("user").getString("username");

    // Alice's room page: the stream is an occupant with its badge, and its tile decodes.
    room.browser()
        .visible(
            By.cssSelector(
                "[data-test='occupant'][data-username='"
                    + username
                    + "'] [data-test='stream-badge']"));
    var roomStats = RoomMediaChecks.awaitMedia(room, Set.of(username));
    RoomMediaChecks.assertPairIsTheServer(roomStats, "recv");

    // Another page plays it by WHEP and decodes it through the SFU.
    var player = browsers.open();
    player.open(intranetPage);
    @SuppressWarnings("unchecked")
    var played =
        (Map<String, Object>) player.script(PLAY, stream.getString("whepUrl"), bob.token());
    assertEquals(201L, played.get("status"), played.toString());
    var stats = awaitFrames(player);
    long port =
        "tcp".equals(stats.get("protocol"))
            ? ChorusServer.mediaTcpPort()
            : ChorusServer.mediaUdpPort();
    assertEquals(port, ((Number) stats.get("port")).longValue(), "the SFU's port: " + stats);
    assertTrue(((Number) stats.get("width")).longValue() > 0, stats.toString());
    assertEquals(
        1,
        Json.createReader(
                new StringReader(rest.get("api/rooms/" + roomId + "/streams", bob.token()).text()))
            .readArray()
            .getJsonObject(0)
            .getInt("players"));

    // Alice stops the stream from its menu: it leaves the room, and the publisher's session is
    // gone (its page's DELETE, a CORS request again, finds nothing).
    room.moderate(username, "stop-stream-button");
    room.browser().click("stop-stream-submit");
    room.browser().awaitGone(Browser.byTest("stop-stream-dialog"));
    room.browser()
        .awaitGone(By.cssSelector("[data-test='occupant'][data-username='" + username + "']"));
    assertEquals(404L, publisher.script(DELETE, bob.token()));
  }

  /** What OBS sends (H.264 Constrained Baseline, mode 1), published by WHIP, played by WHEP. */
  @Test
  void anH264WhipStreamIsPlayedByWhepAsH264() {
    var carol = Users.create(rest, "whiph264");
    var roomId = createRoom(rest, carol, TestClient.uniqueName("h264"));
    var publisher = browsers.open();
    publisher.open(intranetPage);
    var whipUrl = ChorusServer.https().resolve("api/rooms/" + roomId + "/whip").toString();
    @SuppressWarnings("unchecked")
    var published = (Map<String, Object>) publisher.script(PUBLISH, whipUrl, carol.token(), true);
    assertEquals(201L, published.get("status"), published.toString());
    var streams = rest.get("api/rooms/" + roomId + "/streams", carol.token());
    var stream = Json.createReader(new StringReader(streams.text())).readArray().getJsonObject(0);
    assertTrue(stream.toString().toLowerCase().contains("h264"), "published as H.264: " + stream);

    var player = browsers.open();
    player.open(intranetPage);
    @SuppressWarnings("unchecked")
    var played =
        (Map<String, Object>) player.script(PLAY, stream.getString("whepUrl"), carol.token());
    assertEquals(201L, played.get("status"), played.toString());
    var stats = awaitFrames(player);
    assertEquals("video/H264", stats.get("codec"), stats.toString());
    assertEquals(200L, publisher.script(DELETE, carol.token()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitFrames(Browser player) {
    var deadline = System.nanoTime() + MEDIA_WAIT_NANOS;
    Map<String, Object> last = Map.of();
    while (System.nanoTime() < deadline) {
      last = (Map<String, Object>) player.script(PLAYER_STATS);
      if (((Number) last.get("frames")).longValue() > 0
          && ((Number) last.get("audio")).longValue() > 0
          && last.get("port") != null) {
        return last;
      }
      sleep(500);
    }
    throw new AssertionError("the WHEP player decoded nothing; last stats " + last);
  }
}
