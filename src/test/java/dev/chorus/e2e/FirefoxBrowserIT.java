package dev.chorus.e2e;

import static dev.chorus.e2e.CallPage.number;
import static dev.chorus.e2e.CallPage.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * Firefox ESR, driven over WebDriver BiDi, with a Chromium user: Firefox logs in through the form,
 * the two chat, a video call flows both ways started from either side, and Firefox's own video
 * comes back through the server on the connection test page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FirefoxBrowserIT {
  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void firefoxLogsInChatsAndCallsChromiumBothWays() {
    var alice = Users.create(rest, "alice", "Alice Firefox");
    var bob = Users.create(rest, "bob", "Bob Chromium");
    var firefox = browsers.openFirefox();
    firefox.logInThroughForm(ChorusServer.https(), alice.username(), "password-1");
    firefox.awaitText("connection-state", "Connected");
    var chromium = browsers.open();
    chromium.logInWithToken(ChorusServer.https(), bob.token());
    chromium.awaitText("connection-state", "Connected");

    // Chat both ways, typed and sent with Enter.
    var chatA = new ChatPage(firefox);
    var chatB = new ChatPage(chromium);
    chatA.openFromOnlineList(bob.username());
    chatA.send("Hello from Firefox");
    chatB.openFromOnlineList(alice.username());
    chatB.awaitMessage("Hello from Firefox");
    chatA.awaitState("Hello from Firefox", "read");
    chatB.send("Hello from Chromium");
    chatA.awaitMessage("Hello from Chromium");

    // A video call from Firefox to Chromium, then one from Chromium to Firefox.
    var a = new CallPage(firefox);
    var b = new CallPage(chromium);
    call(a, b, "Alice Firefox — Incoming video call…");
    call(b, a, "Bob Chromium — Incoming video call…");
  }

  /** {@code caller} calls, {@code callee} accepts: media flows both ways directly, then hang up. */
  private static void call(CallPage caller, CallPage callee, String prompt) {
    caller.browser().click("call-video");
    assertEquals(prompt, callee.awaitIncoming());
    callee.browser().click("call-accept");
    for (var side : List.of(caller, callee)) {
      var stats = side.awaitVideoAndAudio();
      assertEquals("connected", stats.get("state"), stats.toString());
      // A 1:1 call is peer to peer: the selected pair is a direct UDP one, not relayed.
      var pair = pair(stats);
      assertEquals("udp", pair.get("protocol"), stats.toString());
      assertNotEquals("relay", pair.get("localType"), stats.toString());
      assertNotEquals("relay", pair.get("remoteType"), stats.toString());
      side.awaitConnected();
      assertTrue(side.browser().isShown("call-remote-video"), side.browser().kind().toString());
    }
    caller.browser().click("call-hangup");
    assertTrue(caller.awaitEnded("hung_up_here").startsWith("Call ended."));
    callee.awaitEnded("hangup");
  }

  @Test
  void firefoxsOwnVideoComesBackFromTheServerOnTheConnectionTest() {
    var firefox = browsers.openFirefox();
    ConnectionTestBrowserIT.openConnectionTest(firefox, rest);
    firefox.click("start");
    Map<String, Object> stats = ConnectionTestBrowserIT.awaitFrames(firefox, 0);
    var pair = pair(stats);
    assertEquals("udp", pair.get("protocol"), stats.toString());
    assertEquals((long) ChorusServer.mediaUdpPort(), pair.get("remotePort"), "the server's port");
    assertTrue(number(stats, "audioPacketsReceived") > 0, "audio came back too: " + stats);
    assertEquals("Connected", firefox.visible("state").getText());
  }
}
