package dev.chorus.e2e;

import static dev.chorus.e2e.RoomMediaChecks.MEDIA_WAIT_NANOS;
import static dev.chorus.e2e.RoomMediaChecks.createRoom;
import static dev.chorus.e2e.RoomMediaChecks.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * H.264 in a room (RFC 6184 packetization mode 1, Constrained Baseline): a Chromium page told to
 * prefer it (localStorage {@code chorus.videoCodec=h264}, which makes the page call {@code
 * setCodecPreferences}) publishes its camera in H.264 simulcast, another Chromium that publishes
 * VP8 decodes it through the SFU in H.264 (and is decoded in VP8). A subscriber whose browser
 * cannot decode H.264 (here Chromium with H.264 taken out of its receive codecs, as Firefox ESR
 * without OpenH264 is) is told so.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class H264RoomBrowserIT {
  /** Keeps every peer connection the page makes, to read its codec stats. */
  private static final String RECORD_PEER_CONNECTIONS =
      "const Real = window.RTCPeerConnection; window.__pcs = [];"
          + "window.RTCPeerConnection = class extends Real {"
          + "  constructor(...args) { super(...args); window.__pcs.push(this); } };";

  /** Video streams of the page's live peer connections: direction, codec, frames. */
  private static final String VIDEO_CODECS =
      "const out = [];"
          + "for (const pc of window.__pcs) {"
          + "  if (pc.connectionState === 'closed') continue;"
          + "  const r = await pc.getStats();"
          + "  r.forEach((s) => {"
          + "    if ((s.type !== 'inbound-rtp' && s.type !== 'outbound-rtp') || s.kind !== 'video')"
          + "      return;"
          + "    const c = s.codecId ? r.get(s.codecId) : null;"
          + "    out.push({ type: s.type, mimeType: c ? c.mimeType : '', fmtp: c ? c.sdpFmtpLine"
          + "      || '' : '', frames: (s.framesDecoded || s.framesEncoded || 0), rid: s.rid || '' });"
          + "  }); }"
          + "return out;";

  /** Takes H.264 out of what the page's receive side answers: a browser that cannot decode it. */
  private static final String CANNOT_DECODE_H264 =
      "const answer = RTCPeerConnection.prototype.createAnswer;"
          + "RTCPeerConnection.prototype.createAnswer = function (...args) {"
          + "  const codecs = RTCRtpReceiver.getCapabilities('video').codecs"
          + "    .filter((c) => c.mimeType !== 'video/H264');"
          + "  for (const t of this.getTransceivers()) {"
          + "    if (t.receiver.track.kind === 'video' && !t.stopped) t.setCodecPreferences(codecs);"
          + "  }"
          + "  return answer.apply(this, args); };";

  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void chromiumPreferringH264IsDecodedInH264ThroughTheSfu() {
    var alice = Users.create(rest, "h264pub");
    var bob = Users.create(rest, "vp8pub");
    var roomName = TestClient.uniqueName("h264");
    var roomId = createRoom(rest, alice, roomName);

    // Alice prefers H.264, Bob keeps Chromium's default (VP8): one room, two codecs.
    var a = enter(alice, roomId, roomName, "localStorage.setItem('chorus.videoCodec', 'h264');");
    var b = enter(bob, roomId, roomName, "");
    a.browser().click("show-button");
    b.browser().click("show-button");
    RoomMediaChecks.assertEveryoneSeesEveryone(Map.of(alice.username(), a, bob.username(), b));

    var fromAlice = awaitVideo(b, "inbound-rtp");
    assertEquals("video/H264", fromAlice.get("mimeType"), fromAlice.toString());
    assertTrue(
        String.valueOf(fromAlice.get("fmtp")).contains("packetization-mode=1"), "" + fromAlice);
    var fromBob = awaitVideo(a, "inbound-rtp");
    assertEquals("video/VP8", fromBob.get("mimeType"), fromBob.toString());

    // Alice's camera goes up in H.264, in both simulcast layers the page asks for.
    var sent = videoStreams(a).stream().filter(s -> s.get("type").equals("outbound-rtp")).toList();
    assertEquals(2, sent.size(), sent.toString());
    assertTrue(sent.stream().allMatch(s -> s.get("mimeType").equals("video/H264")), "" + sent);
  }

  @Test
  void aSubscriberThatCannotDecodeH264IsToldSo() {
    var alice = Users.create(rest, "h264pub");
    var carol = Users.create(rest, "noh264");
    var roomName = TestClient.uniqueName("h264");
    var roomId = createRoom(rest, alice, roomName);

    var a = enter(alice, roomId, roomName, "localStorage.setItem('chorus.videoCodec', 'h264');");
    var c = enter(carol, roomId, roomName, CANNOT_DECODE_H264);
    a.browser().click("show-button");
    c.browser().click("show-button");

    // The toast may show something else first: wait for the one about H.264.
    var toast =
        c.browser()
            .until(
                d -> {
                  var t = d.findElement(Browser.byTest("toast")).getText();
                  return t.contains("H.264") ? t : null;
                });
    assertTrue(toast.contains("cannot play") && toast.contains(alice.username()), toast);
  }

  /**
   * Like {@link RoomMediaChecks#enter}, with {@code setup} and the recorder run before entering.
   */
  private RoomsPage enter(Users user, String roomId, String roomName, String setup) {
    var browser = browsers.open();
    browser.logInWithToken(ChorusServer.https(), user.token());
    browser.script(RECORD_PEER_CONNECTIONS + setup);
    browser.script("location.hash = arguments[0]", "#room/" + roomId);
    var page = new RoomsPage(browser);
    page.awaitInRoom(roomName);
    return page;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> videoStreams(RoomsPage page) {
    return (List<Map<String, Object>>) page.browser().script(VIDEO_CODECS);
  }

  private static Map<String, Object> awaitVideo(RoomsPage page, String type) {
    var deadline = System.nanoTime() + MEDIA_WAIT_NANOS;
    List<Map<String, Object>> last = List.of();
    while (System.nanoTime() < deadline) {
      last = videoStreams(page);
      for (var s : last) {
        if (s.get("type").equals(type) && ((Number) s.get("frames")).longValue() > 0) {
          return s;
        }
      }
      sleep(500);
    }
    throw new AssertionError("no " + type + " video with frames; last " + last);
  }
}
