package dev.chorus.e2e;

import static dev.chorus.e2e.Browser.byTestFor;
import static dev.chorus.e2e.MediaAdmin.roomOf;
import static dev.chorus.e2e.MediaAdmin.transportIds;
import static dev.chorus.e2e.MediaAdmin.transportsOf;
import static dev.chorus.e2e.RoomMediaChecks.MEDIA_WAIT_NANOS;
import static dev.chorus.e2e.RoomMediaChecks.awaitMedia;
import static dev.chorus.e2e.RoomMediaChecks.awaitTileAttribute;
import static dev.chorus.e2e.RoomMediaChecks.createRoom;
import static dev.chorus.e2e.RoomMediaChecks.sleep;
import static dev.chorus.e2e.RoomMediaChecks.statsOf;
import static dev.chorus.e2e.RoomMediaChecks.tileOf;
import static dev.chorus.e2e.RoomMediaChecks.tileUsers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Three Chromium users in one room, all showing, through Chorus's own SFU: each decodes the two
 * others' video and receives their audio, over the server's media port (not peer to peer); one
 * unshows and the others' tiles for them go; one tab is killed and within seconds the others no
 * longer have its tile and the server has released its transports; once everyone has left, the room
 * has no router, transport or ICE session left.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomMediaBrowserIT {
  /**
   * Replaces the page's microphone with a steady loud tone: the fake device only beeps now and
   * then, too briefly to count as speech every time, so the speaker is picked deterministically.
   */
  private static final String LOUD_MICROPHONE =
      "const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);"
          + "navigator.mediaDevices.getUserMedia = async (c) => {"
          + "  const s = await real(c); if (!c.audio) return s;"
          + "  const ctx = new AudioContext(); const osc = ctx.createOscillator();"
          + "  const gain = ctx.createGain(); gain.gain.value = 0.8;"
          + "  const dest = ctx.createMediaStreamDestination();"
          + "  osc.connect(gain).connect(dest); osc.start(); await ctx.resume();"
          + "  s.getAudioTracks().forEach((t) => { s.removeTrack(t); t.stop(); });"
          + "  s.addTrack(dest.stream.getAudioTracks()[0]); return s; };";

  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void everyoneShowingSeesAndHearsEveryoneElseThroughTheSfu() {
    var alice = Users.create(rest, "alice");
    var bob = Users.create(rest, "bob");
    var carol = Users.create(rest, "carol");
    var roomName = TestClient.uniqueName("media");
    var roomId = createRoom(rest, alice, roomName);

    // Alice and Bob show; Carol enters afterwards and plays both at once before showing herself.
    var a = enter(alice, roomId, roomName);
    var b = enter(bob, roomId, roomName);
    a.browser().script(LOUD_MICROPHONE);
    a.browser().click("show-button");
    b.browser().click("show-button");
    var c = enter(carol, roomId, roomName);
    var early = awaitMedia(c, Set.of(alice.username(), bob.username()));
    assertEquals(null, early.get("send"), "Carol receives without sending");
    c.browser().click("show-button");

    // Everyone decodes the two others' video and receives their audio, over the server's port.
    var everyone = Map.of(alice.username(), a, bob.username(), b, carol.username(), c);
    RoomMediaChecks.assertEveryoneSeesEveryone(everyone);

    // The admin view of the room: three publishers with two tracks each, four consumers each.
    var admin = MediaAdmin.logIn(rest);
    var room = admin.room(roomId);
    assertEquals(6, room.getJsonArray("producers").size(), room.toString());
    assertEquals(12, room.getJsonArray("consumers").size(), room.toString());
    for (var p : room.getJsonArray("producers")) {
      var stats = p.asJsonObject().getJsonObject("stats");
      var layers = stats.getJsonArray("layers");
      // The page publishes its camera in two simulcast layers, lowest first.
      assertEquals(stats.getString("kind").equals("VIDEO") ? 2 : 1, layers.size(), p.toString());
      assertTrue(layers.getJsonObject(0).getJsonNumber("packets").longValue() > 0, p.toString());
    }
    for (var consumer : room.getJsonArray("consumers")) {
      var stats = consumer.asJsonObject().getJsonObject("stats");
      assertTrue(stats.getJsonNumber("packets").longValue() > 0, consumer.toString());
      assertEquals(false, stats.getBoolean("paused"), consumer.toString());
    }

    // Alice speaks (a steady tone): she is the room's active speaker, marked on Bob's page.
    admin.await(
        media -> alice.username().equals(roomOf(media, roomId).getString("dominantSpeaker", null)));
    var speaker = alice.username();
    b.browser()
        .until(
            d ->
                "true"
                        .equals(
                            d.findElement(byTestFor("media-tile", speaker))
                                .getAttribute("data-speaking"))
                    ? Boolean.TRUE
                    : null);

    // Alice mutes her microphone: Bob's tile for her says so, and again when she unmutes.
    a.browser().click("mic-button");
    awaitTileAttribute(b, alice.username(), "data-audio-muted", "true");
    b.browser()
        .visible(By.cssSelector(tileOf(alice.username()) + " [data-test='media-tile-muted']"));
    a.browser().click("mic-button");
    awaitTileAttribute(b, alice.username(), "data-audio-muted", "false");

    // Carol stops showing: her tiles go away for Alice and Bob; she still sees them.
    c.browser().click("show-button");
    a.browser().awaitGone(byTestFor("media-tile", carol.username()));
    b.browser().awaitGone(byTestFor("media-tile", carol.username()));
    awaitMedia(c, Set.of(alice.username(), bob.username()));
    assertEquals(4, admin.room(roomId).getJsonArray("producers").size());

    // She shows again: the sections her tracks had are reused, and the video plays again.
    c.browser().click("show-button");
    awaitMedia(a, Set.of(bob.username(), carol.username()));
    awaitMedia(b, Set.of(alice.username(), carol.username()));
    c.browser().click("show-button");
    a.browser().awaitGone(byTestFor("media-tile", carol.username()));

    // Bob's tab dies: within ~10 s Alice has no tile for him and the server dropped his transports.
    var bobsTransports = transportsOf(admin.room(roomId), bob.username());
    assertEquals(2, bobsTransports.size(), "a send and a receive transport");
    b.browser().close();
    a.browser().awaitGone(byTestFor("media-tile", bob.username()));
    admin.await(
        media ->
            transportIds(media).stream().noneMatch(bobsTransports::contains)
                && transportsOf(roomOf(media, roomId), bob.username()).isEmpty());
    var tiles = tileUsers(statsOf(a));
    assertEquals(Set.of(), tiles, "Carol does not show and Bob is gone: " + tiles);

    // Everyone leaves: no router, transport or ICE session of the room remains.
    a.browser().click("leave-room");
    c.browser().click("leave-room");
    admin.await(MediaAdmin::nothingLeft);
  }

  @Test
  void aScreenShareIsAnExtraTileOnTheSameConnection() {
    var alice = Users.create(rest, "alice");
    var bob = Users.create(rest, "bob");
    var roomName = TestClient.uniqueName("screen");
    var roomId = createRoom(rest, alice, roomName);
    var a = enter(alice, roomId, roomName);
    var b = enter(bob, roomId, roomName);
    a.browser().click("show-button");
    awaitMedia(b, Set.of(alice.username()));
    var before = (Map<?, ?>) statsOf(a).get("send");

    a.browser().click("screen-button");
    var screen = By.cssSelector(tileOf(alice.username()) + "[data-source='screen']");
    b.browser().visible(screen);
    awaitScreenFrames(b, alice.username());
    // Renegotiated on the same peer connection: the same selected pair still carries it.
    assertEquals(before.get("remotePort"), ((Map<?, ?>) statsOf(a).get("send")).get("remotePort"));

    a.browser().click("screen-button");
    b.browser().awaitGone(screen);
    b.browser().visible(By.cssSelector(tileOf(alice.username()) + "[data-source='camera']"));
  }

  private RoomsPage enter(Users user, String roomId, String roomName) {
    var browser = browsers.open();
    return RoomMediaChecks.enter(browser, user, roomId, roomName);
  }

  @SuppressWarnings("unchecked")
  static void awaitScreenFrames(RoomsPage page, String username) {
    var deadline = System.nanoTime() + MEDIA_WAIT_NANOS;
    Map<String, Object> last = Map.of();
    while (System.nanoTime() < deadline) {
      last = statsOf(page);
      var shared =
          ((List<Map<String, Object>>) last.get("tiles"))
              .stream()
                  .anyMatch(
                      t ->
                          username.equals(t.get("username"))
                              && "screen".equals(t.get("source"))
                              && ((Long) t.get("framesDecoded")) > 0);
      if (shared) {
        return;
      }
      sleep(500);
    }
    throw new AssertionError("no screen share frames from " + username + "; last " + last);
  }
}
