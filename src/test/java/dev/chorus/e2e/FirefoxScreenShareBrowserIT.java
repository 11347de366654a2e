package dev.chorus.e2e;

import static dev.chorus.e2e.MediaAdmin.roomOf;
import static dev.chorus.e2e.RoomMediaChecks.assertPairIsTheServer;
import static dev.chorus.e2e.RoomMediaChecks.awaitMedia;
import static dev.chorus.e2e.RoomMediaChecks.createRoom;
import static dev.chorus.e2e.RoomMediaChecks.statsOf;
import static dev.chorus.e2e.RoomMediaChecks.tileOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Firefox ESR shares its screen in a room through the page's Share button, and Chromium decodes it
 * through Chorus's SFU. Headless Firefox has no screen to capture, so this Firefox runs in a window
 * on a virtual X display of its own (Xvfb), and shares that whole display: with prompts disabled it
 * takes the first source without a picker; the click is real input, so the page has the user
 * activation getDisplayMedia asks for.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FirefoxScreenShareBrowserIT {
  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void firefoxSharesItsScreenAndChromiumDecodesItThroughTheSfu() {
    var alice = Users.create(rest, "alice");
    var bob = Users.create(rest, "bob");
    var roomName = TestClient.uniqueName("ffscreen");
    var roomId = createRoom(rest, alice, roomName);
    var a = RoomMediaChecks.enter(browsers.openFirefoxWithScreen(), alice, roomId, roomName);
    var b = RoomMediaChecks.enter(browsers.open(), bob, roomId, roomName);
    a.browser().click("show-button");
    awaitMedia(b, Set.of(alice.username()));
    var before = (Map<?, ?>) statsOf(a).get("send");

    a.browser().click("screen-button");
    var screen = By.cssSelector(tileOf(alice.username()) + "[data-source='screen']");
    b.browser().visible(screen);
    RoomMediaBrowserIT.awaitScreenFrames(b, alice.username());

    // The screen reaches Chromium through the SFU: both selected pairs go to the server's port, and
    // Firefox sends it on the connection its camera already uses (renegotiated, not a new one).
    var sharing = statsOf(a);
    assertPairIsTheServer(sharing, "send");
    assertPairIsTheServer(statsOf(b), "recv");
    assertEquals(before.get("remotePort"), ((Map<?, ?>) sharing.get("send")).get("remotePort"));
    var admin = MediaAdmin.logIn(rest);
    admin.await(media -> screenWithPackets(roomOf(media, roomId), alice.username()));

    // Stopping the share takes the tile away; the camera tile stays.
    a.browser().click("screen-button");
    b.browser().awaitGone(screen);
    b.browser().visible(By.cssSelector(tileOf(alice.username()) + "[data-source='camera']"));
  }

  /** {@code username}'s screen is a producer at the server that has received packets. */
  private static boolean screenWithPackets(JsonObject room, String username) {
    return room.containsKey("producers")
        && room.getJsonArray("producers").stream()
            .map(JsonValue::asJsonObject)
            .filter(p -> p.getString("username").equals(username))
            .filter(p -> p.getString("source").equals("screen"))
            .anyMatch(
                p ->
                    p.getJsonObject("stats").getJsonArray("layers").stream()
                        .anyMatch(l -> l.asJsonObject().getJsonNumber("packets").longValue() > 0));
  }
}
