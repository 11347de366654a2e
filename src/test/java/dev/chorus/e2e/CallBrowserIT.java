package dev.chorus.e2e;

import static dev.chorus.e2e.Browser.byTest;
import static dev.chorus.e2e.CallPage.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * 1:1 calls between two Chromium users with fake cameras and microphones: media really flows both
 * ways (getStats), the call window's controls work, renegotiation adds a camera to an audio call,
 * and every way a call ends is shown to both sides and lands in the history.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallBrowserIT {

  private final TestClient rest = new TestClient();
  private final URI base = ChorusServer.https();
  @RegisterExtension final Browsers browsers = new Browsers();

  /** A browser logged in as {@code user}, past its first presence snapshot. */
  private CallPage open(Users user) {
    var browser = browsers.open();
    browser.logInWithToken(base, user.token());
    browser.awaitText("connection-state", "Connected");
    return new CallPage(browser);
  }

  /** Alice opens her conversation with Bob and presses the call button for {@code media}. */
  private void call(CallPage caller, Users callee, String media) {
    new ChatPage(caller.browser()).openFromOnlineList(callee.username());
    caller.browser().click("audio".equals(media) ? "call-audio" : "call-video");
  }

  @Test
  void videoCallFlowsBothWaysWithWorkingControlsAndHangUpIsRecorded() {
    var alice = Users.create(rest, "alice", "Alice Caller");
    var bob = Users.create(rest, "bob", "Bob Callee");
    var a = open(alice);
    var b = open(bob);

    call(a, bob, "video");
    assertEquals(
        "Calling Bob Callee…", a.browser().awaitText("call-status", "Calling Bob Callee…"));
    assertTrue(a.browser().isShown("call-cancel"));
    assertFalse(a.browser().isShown("call-hangup"));
    assertEquals("Alice Caller — Incoming video call…", b.awaitIncoming());
    assertEquals("incoming", b.browser().visible("call-incoming").getAttribute("data-ringing"));
    // While the call is on, neither can start another one from the header.
    assertFalse(a.browser().visible("call-audio").isEnabled());
    b.browser().click("call-accept");

    // Media flows both ways: decoded video frames and received audio packets on both sides.
    var statsA = a.awaitVideoAndAudio();
    var statsB = b.awaitVideoAndAudio();
    assertEquals("connected", statsA.get("state"), statsA.toString());
    assertEquals("connected", statsB.get("state"), statsB.toString());
    a.awaitConnected();
    b.awaitConnected();
    assertTrue(a.browser().isShown("call-remote-video"), "Alice sees Bob's video");
    assertTrue(b.browser().isShown("call-remote-video"), "Bob sees Alice's video");
    assertTrue(a.browser().isShown("call-local-video"), "Alice sees her own preview");
    assertEquals("Bob Callee", a.browser().visible("call-peer-name").getText());
    assertEquals("Alice Caller", b.browser().visible("call-peer-name").getText());

    // The timer runs.
    var first = a.timerSeconds();
    a.browser().until(d -> a.timerSeconds() >= first + 2 ? Boolean.TRUE : null);
    assertTrue(b.timerSeconds() >= 1);

    // Mute: Bob is told, and Alice's microphone track is disabled, not gone.
    a.browser().click("call-mute");
    assertEquals("Unmute", a.browser().visible("call-mute").getText());
    b.browser().awaitText("call-remote-note", "Alice Caller: muted");
    assertEquals(Boolean.FALSE, localTrack(a, "audio").get("enabled"));
    a.browser().click("call-mute");
    b.browser().awaitGone(byTest("call-remote-note"));

    // Camera off: Bob's view of Alice falls back to her avatar; on again: frames flow again.
    a.browser().click("call-camera");
    assertEquals("off", a.browser().visible("call-camera").getAttribute("data-state"));
    assertFalse(a.browser().isShown("call-local-video"));
    b.browser().awaitText("call-remote-note", "Alice Caller: camera off");
    b.browser().awaitGone(byTest("call-remote-video"));
    var framesBefore = number(b.stats(), "framesDecoded");
    a.browser().click("call-camera");
    b.awaitStats(
        "frames after the camera came back", s -> number(s, "framesDecoded") > framesBefore + 10);
    b.browser().visible("call-remote-video");

    // Another microphone from the chooser: the track is replaced and Bob keeps hearing Alice.
    a.browser().click("call-devices-toggle");
    var before = (String) localTrack(a, "audio").get("deviceId");
    var other =
        a.browser().visible("call-mic-select").findElements(By.tagName("option")).stream()
            .map(o -> o.getAttribute("value"))
            .filter(v -> !v.equals(before) && !v.equals("default") && !v.equals("communications"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("Chromium's fake devices offer several mics"));
    a.browser()
        .script(
            "const s = document.querySelector(\"[data-test='call-mic-select']\");"
                + "s.value = arguments[0]; s.dispatchEvent(new Event('change'));",
            other);
    a.browser().until(d -> other.equals(localTrack(a, "audio").get("deviceId")) ? 1 : null);
    var audioBefore = number(b.stats(), "audioPacketsReceived");
    b.awaitStats(
        "audio after the microphone changed",
        s -> number(s, "audioPacketsReceived") > audioBefore + 20);

    // Alice hangs up: both windows close, Bob is told, and both histories show a completed call.
    a.browser().click("call-hangup");
    assertTrue(a.awaitEnded("hung_up_here").startsWith("Call ended."));
    assertTrue(b.awaitEnded("hangup").startsWith("Alice Caller hung up."));
    assertEquals("idle", a.phase());
    assertEquals("idle", b.phase());
    var record = awaitCallRecord(a, "completed");
    assertTrue(textOf(record).matches("Outgoing video call · 0:\\d\\d"), textOf(record));
    assertEquals("video", record.getAttribute("data-media"));
    new ChatPage(b.browser()).openFromConversationList(alice.username());
    assertTrue(
        textOf(awaitCallRecord(b, "completed")).matches("Incoming video call · 0:\\d\\d"),
        textOf(awaitCallRecord(b, "completed")));
  }

  @Test
  void declinedCallIsToldToTheCallerAndRecorded() {
    var alice = Users.create(rest, "alice", "Alice Caller");
    var bob = Users.create(rest, "bob", "Bob Decliner");
    var a = open(alice);
    var b = open(bob);

    call(a, bob, "audio");
    assertEquals("Alice Caller — Incoming audio call…", b.awaitIncoming());
    assertFalse(b.browser().isShown("call-accept-audio"), "audio-only answer is for video calls");
    b.browser().click("call-decline");
    assertEquals("Bob Decliner declined the call.", a.awaitEnded("declined"));
    b.browser().awaitGone(byTest("call-incoming"));
    assertEquals("Audio call · declined", textOf(awaitCallRecord(a, "declined")));
    // The caller's camera and microphone are released: nothing is left running.
    assertEquals("idle", a.phase());
  }

  @Test
  void unansweredCallEndsAsNoAnswerOnBothSides() {
    var alice = Users.create(rest, "alice", "Alice Caller");
    var bob = Users.create(rest, "bob", "Bob Away");
    var a = open(alice);
    var b = open(bob);

    call(a, bob, "video");
    b.awaitIncoming();
    // The IT server rings for 8 s.
    assertEquals("No answer from Bob Away.", a.awaitEnded("no_answer"));
    b.browser().awaitGone(byTest("call-incoming"));
    assertEquals(
        "Missed call from Alice Caller.", b.browser().visible("call-message-text").getText());
    assertEquals("Video call · no answer", textOf(awaitCallRecord(a, "missed")));
    new ChatPage(b.browser()).openFromConversationList(alice.username());
    assertEquals("Missed video call", textOf(awaitCallRecord(b, "missed")));
  }

  @Test
  void callerCancelsWhileItRings() {
    var alice = Users.create(rest, "alice", "Alice Caller");
    var bob = Users.create(rest, "bob", "Bob Slow");
    var a = open(alice);
    var b = open(bob);

    call(a, bob, "video");
    b.awaitIncoming();
    a.browser().awaitText("call-status", "Calling Bob Slow…");
    a.browser().click("call-cancel");
    assertEquals("Call cancelled.", a.awaitEnded("cancelled"));
    b.browser().awaitGone(byTest("call-incoming"));
    assertEquals("cancelled", b.browser().visible("call-message").getAttribute("data-reason"));
  }

  @Test
  void everyTabRingsAnsweringOnOneStopsTheOthersAThirdCallerHearsBusyAndADroppedTabEndsTheCall() {
    var alice = Users.create(rest, "alice", "Alice Caller");
    var bob = Users.create(rest, "bob", "Bob Twotabs");
    var carol = Users.create(rest, "carol", "Carol Third");
    var a = open(alice);
    var b1 = open(bob);
    var b2 = open(bob);

    call(a, bob, "audio");
    for (var tab : List.of(b1, b2)) {
      assertEquals("Alice Caller — Incoming audio call…", tab.awaitIncoming());
      assertEquals("incoming", tab.browser().visible("call-incoming").getAttribute("data-ringing"));
    }
    b2.browser().click("call-accept");
    assertEquals("Answered in another tab.", b1.awaitEnded("answered_elsewhere"));
    b1.browser().awaitGone(byTest("call-incoming"));
    assertEquals("idle", b1.phase());
    a.awaitStats("audio at Alice", s -> number(s, "audioPacketsReceived") > 0);
    b2.awaitStats("audio at Bob", s -> number(s, "audioPacketsReceived") > 0);

    // Bob is in a call: Carol is told he is busy.
    var c = open(carol);
    call(c, bob, "video");
    assertEquals("Bob Twotabs is busy in another call.", c.awaitEnded("busy"));

    // Bob's answering tab loses its server connection: it leaves the call, and Alice is told.
    b2.browser().script("window.__chorusSocket.ws.close()");
    assertEquals(
        "Connection to the server lost: the call has ended.", b2.awaitEnded("socket_lost"));
    assertEquals(
        "Connection lost: Bob Twotabs dropped out of the call.", a.awaitEnded("connection_lost"));
  }

  @Test
  void cameraTurnedOnInAnAudioCallRenegotiatesAndReachesTheOtherSide() {
    var alice = Users.create(rest, "alice", "Alice Caller");
    var bob = Users.create(rest, "bob", "Bob Callee");
    var a = open(alice);
    var b = open(bob);

    call(a, bob, "audio");
    b.awaitIncoming();
    b.browser().click("call-accept");
    a.awaitStats("audio at Alice", s -> number(s, "audioPacketsReceived") > 0);
    var audioOnly = b.awaitStats("audio at Bob", s -> number(s, "audioPacketsReceived") > 0);
    assertEquals(0, number(audioOnly, "framesDecoded"), "no video in an audio call yet");
    assertFalse(a.browser().isShown("call-local-video"));
    assertEquals("off", a.browser().visible("call-camera").getAttribute("data-state"));

    // The caller (impolite side) turns the camera on: a new offer, and Bob decodes her video.
    a.browser().click("call-camera");
    a.browser().visible("call-local-video");
    b.awaitStats("video at Bob after Alice's camera", s -> number(s, "framesDecoded") > 0);
    b.browser().visible("call-remote-video");

    // The callee (polite side) does the same: the renegotiation works from his side too.
    b.browser().click("call-camera");
    a.awaitStats("video at Alice after Bob's camera", s -> number(s, "framesDecoded") > 0);
    a.browser().visible("call-remote-video");
    assertEquals("connected", a.stats().get("state"));

    b.browser().click("call-hangup");
    a.awaitEnded("hangup");
    b.awaitEnded("hung_up_here");
    assertTrue(textOf(awaitCallRecord(a, "completed")).startsWith("Outgoing audio call · "));
  }

  @Test
  void deniedCameraFallsBackToAudioOnlyAndMissingDevicesToReceiveOnly() {
    var alice = Users.create(rest, "alice", "Alice Nocam");
    var bob = Users.create(rest, "bob", "Bob Callee");
    var a = open(alice);
    var b = open(bob);

    // Alice refuses the camera (the fake-UI flag grants everything, so the page is told no).
    failDevices(a, "video", "NotAllowedError");
    call(a, bob, "video");
    var notice = a.browser().awaitSomeText("call-notice");
    assertTrue(notice.startsWith("Access to the camera was denied."), notice);
    assertTrue(notice.contains("audio only"), notice);
    assertEquals("off", a.browser().visible("call-camera").getAttribute("data-state"));
    b.awaitIncoming();
    b.browser().click("call-accept");
    // She still sees and hears Bob; Bob hears her and sees her avatar instead of video.
    a.awaitVideoAndAudio();
    b.awaitStats("audio at Bob", s -> number(s, "audioPacketsReceived") > 0);
    assertEquals(0, number(b.stats(), "framesDecoded"));
    assertTrue(b.browser().isShown("call-remote-placeholder"));
    a.browser().click("call-hangup");
    b.awaitEnded("hangup");

    // Bob has no camera and no microphone at all: he answers anyway, receive-only.
    restoreDevices(a);
    failDevices(b, "any", "NotFoundError");
    a.browser().click("call-video");
    b.awaitIncoming();
    b.browser().click("call-accept");
    var bobNotice = b.browser().awaitSomeText("call-notice");
    assertTrue(bobNotice.contains("No camera was found."), bobNotice);
    assertTrue(bobNotice.contains("No microphone was found."), bobNotice);
    assertTrue(bobNotice.contains("You can only watch and listen."), bobNotice);
    b.awaitVideoAndAudio();
    assertEquals("Microphone off", b.browser().visible("call-mute").getText());
    b.browser().click("call-hangup");
    a.awaitEnded("hangup");
  }

  /** Makes getUserMedia fail with {@code error} for video, audio, or "any" request. */
  private static void failDevices(CallPage page, String kind, String error) {
    page.browser()
        .script(
            "const [kind, error] = arguments; const md = navigator.mediaDevices;"
                + "window.__realGum = window.__realGum || md.getUserMedia.bind(md);"
                + "md.getUserMedia = (c) => (kind === 'any' || c[kind])"
                + " ? Promise.reject(new DOMException('refused by the test', error))"
                + " : window.__realGum(c);",
            kind,
            error);
  }

  private static void restoreDevices(CallPage page) {
    page.browser().script("navigator.mediaDevices.getUserMedia = window.__realGum");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> localTrack(CallPage page, String kind) {
    var tracks =
        (Map<String, Object>) page.browser().script("return window.chorusCall.localTracks()");
    var track = (Map<String, Object>) tracks.get(kind);
    assertNotEquals(null, track, kind + " track in " + tracks);
    return track;
  }

  /** The newest call record with {@code outcome} in the open conversation. */
  private static WebElement awaitCallRecord(CallPage page, String outcome) {
    return page.browser()
        .visible(
            By.cssSelector(
                "[data-test='message'][data-kind='call'][data-outcome='" + outcome + "']"));
  }

  private static String textOf(WebElement message) {
    return message.findElement(byTest("message-text")).getText();
  }
}
