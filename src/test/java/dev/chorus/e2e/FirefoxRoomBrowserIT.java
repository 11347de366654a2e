package dev.chorus.e2e;

import static dev.chorus.e2e.RoomMediaChecks.createRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Firefox ESR and Chromium in one room, both showing, through Chorus's SFU: each decodes the
 * other's video and receives its audio over the server's media port, and Firefox publishes its
 * camera in two simulcast layers. (Firefox's screen sharing is in FirefoxScreenShareBrowserIT: it
 * needs a Firefox with a screen, which these headless ones are not.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FirefoxRoomBrowserIT {
  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void firefoxAndChromiumShowEachOtherThroughTheSfu() {
    var alice = Users.create(rest, "alice");
    var bob = Users.create(rest, "bob");
    var roomName = TestClient.uniqueName("firefox");
    var roomId = createRoom(rest, alice, roomName);
    var a = RoomMediaChecks.enter(browsers.openFirefox(), alice, roomId, roomName);
    var b = RoomMediaChecks.enter(browsers.open(), bob, roomId, roomName);
    a.browser().click("show-button");
    b.browser().click("show-button");

    // Each decodes the other's video and receives their audio, over the SFU's port.
    RoomMediaChecks.assertEveryoneSeesEveryone(Map.of(alice.username(), a, bob.username(), b));

    // Firefox publishes its camera in two simulcast layers, both reaching the server (Chromium may
    // pause its upper layer on a busy machine, so only its lower one is sure to flow).
    var admin = MediaAdmin.logIn(rest);
    var room =
        admin.await(media -> simulcastFrom(MediaAdmin.roomOf(media, roomId), alice.username()));
    assertEquals(
        4, MediaAdmin.roomOf(room, roomId).getJsonArray("producers").size(), room.toString());
  }

  /** {@code username}'s camera reaches the server in two simulcast layers, both with packets. */
  private static boolean simulcastFrom(JsonObject room, String username) {
    return room.containsKey("producers")
        && room.getJsonArray("producers").stream()
            .map(JsonValue::asJsonObject)
            .filter(p -> p.getString("username").equals(username))
            .filter(p -> p.getString("source").equals("camera"))
            .anyMatch(
                p ->
                    p.getJsonObject("stats").getJsonArray("layers").size() == 2
                        && everyLayerHasPackets(p));
  }

  private static boolean everyLayerHasPackets(JsonObject producer) {
    return producer.getJsonObject("stats").getJsonArray("layers").stream()
        .allMatch(l -> l.asJsonObject().getJsonNumber("packets").longValue() > 0);
  }
}
