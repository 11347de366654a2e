package dev.chorus.e2e;

import static dev.chorus.e2e.RoomMediaChecks.assertPairIsTheServer;
import static dev.chorus.e2e.RoomMediaChecks.awaitMedia;
import static dev.chorus.e2e.RoomMediaChecks.createRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broadcast room with one presenter (Chromium) and {@value #VIEWERS} viewers, all decoding the
 * presenter through the SFU: two Chromium pages and {@value #NODE_VIEWERS} werift peers ({@code
 * room-peer.mjs}). A werift viewer that tries to publish is refused ({@code not_presenter}). A
 * Chromium viewer raises a hand in the page, the presenter invites them on stage, they go on stage
 * with their camera, and the other Chromium viewer and a werift viewer decode them too.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BroadcastBrowserIT {
  static final int NODE_VIEWERS = 18;
  static final int VIEWERS = NODE_VIEWERS + 2;
  private static final String VIDEO = "media/testsrc2-320x240-15fps.ivf";

  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void twentyViewersDecodeThePresenterAndARaisedHandGoesOnStage() {
    var owner = Users.create(rest, "presenter");
    var first = Users.create(rest, "viewer-a");
    var second = Users.create(rest, "viewer-b");
    var roomName = TestClient.uniqueName("broadcast");
    var roomId = createRoom(rest, owner, roomName);
    var patch =
        rest.send("PATCH", "api/rooms/" + roomId, "{\"mode\":\"broadcast\"}", owner.token());
    assertEquals(200, patch.status(), patch.text());

    var peers = new ArrayList<NodePeer>();
    try {
      var stage = RoomMediaChecks.enter(browsers.open(), owner, roomId, roomName);
      stage.browser().visible("room-header-broadcast");
      stage.browser().click("show-button");
      var a = RoomMediaChecks.enter(browsers.open(), first, roomId, roomName);
      var b = RoomMediaChecks.enter(browsers.open(), second, roomId, roomName);
      // A viewer's page offers a hand, not the camera.
      assertFalse(a.browser().isShown("show-button"));
      a.browser().visible("raise-hand");

      var refusedUser = Users.create(rest, "refused");
      var refused =
          NodePeer.start(refusedUser, roomId, "--subscribe", "--publish", "--video", VIDEO);
      peers.add(refused);
      var nodeUsers = new ArrayList<Users>();
      for (int i = 0; i < NODE_VIEWERS; i++) {
        var user = Users.create(rest, "watcher");
        nodeUsers.add(user);
        peers.add(NodePeer.start(user, roomId, "--subscribe"));
      }
      assertTrue(
          awaitFailure(refused).getString("message").startsWith("not_presenter"), refused.output());

      // Everyone decodes the presenter: the two pages, and every werift viewer.
      for (var page : List.of(a, b)) {
        var stats = awaitMedia(page, Set.of(owner.username()));
        assertPairIsTheServer(stats, "recv");
      }
      for (var peer : peers.subList(1, peers.size())) {
        peer.await("key frames of the presenter's camera", l -> keyFrames(l, owner.username()) > 0);
      }
      // The presenter's page counts the viewers instead of listing them.
      stage
          .browser()
          .until(
              d ->
                  Integer.toString(VIEWERS)
                          .equals(
                              d.findElement(Browser.byTest("viewer-count"))
                                  .getAttribute("data-count"))
                      ? Boolean.TRUE
                      : null);

      // Anyone among them can be found.
      stage.browser().type("occupant-search", nodeUsers.get(0).username());
      stage.browser().visible(Browser.byTestFor("occupant-result", nodeUsers.get(0).username()));

      // Raise hand → invited on stage → shows → decoded by the others.
      a.browser().click("raise-hand");
      stage.browser().visible(Browser.byTestFor("hand", first.username()));
      stage
          .browser()
          .clickIn(Browser.byTestFor("hand", first.username()), Browser.byTest("invite-to-stage"));
      a.browser().click("accept-stage");
      awaitMedia(b, Set.of(owner.username(), first.username()));
      awaitMedia(stage, Set.of(first.username()));
      peers
          .get(1)
          .await("key frames of the viewer on stage", l -> keyFrames(l, first.username()) > 0);
    } finally {
      peers.forEach(NodePeer::close);
    }
  }

  /** The refused peer's failure line. */
  private static JsonObject awaitFailure(NodePeer peer) {
    var deadline = System.nanoTime() + RoomMediaChecks.MEDIA_WAIT_NANOS;
    while (System.nanoTime() < deadline) {
      for (var line : peer.lines()) {
        if (line.getString("event").equals("failed")) {
          return line;
        }
      }
      RoomMediaChecks.sleep(300);
    }
    throw new AssertionError("the viewer's publish was not refused\n" + peer.output());
  }

  /** Key frames of {@code username}'s camera in a stats line (0 if none yet). */
  private static long keyFrames(JsonObject line, String username) {
    return camera(line, username).map(s -> s.getJsonNumber("keyFrames").longValue()).orElse(0L);
  }

  private static Optional<JsonObject> camera(JsonObject line, String username) {
    if (!line.getString("event").equals("stats") || line.isNull("recv")) {
      return Optional.empty();
    }
    return line.getJsonObject("recv").getJsonArray("streams").stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> username.equals(s.getString("user", null)))
        .filter(s -> "camera".equals(s.getString("source", null)))
        .findFirst();
  }
}
