package dev.chorus.e2e;

import static dev.chorus.e2e.Browser.byTestFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
  private static final long MEDIA_WAIT_NANOS = 60_000_000_000L;

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

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ChorusServer.war();
  }

  private final TestClient rest = new TestClient();
  private final List<Browser> browsers = new ArrayList<>();

  @AfterEach
  void closeBrowsers() {
    for (var b : browsers) {
      try {
        b.close();
      } catch (RuntimeException alreadyClosed) {
        // the test closed this one itself
      }
    }
  }

  @Test
  void everyoneShowingSeesAndHearsEveryoneElseThroughTheSfu() {
    var alice = Users.create(rest, "alice");
    var bob = Users.create(rest, "bob");
    var carol = Users.create(rest, "carol");
    var roomName = TestClient.uniqueName("media");
    var roomId = createRoom(alice, roomName);

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
    for (var entry : everyone.entrySet()) {
      var others =
          everyone.keySet().stream()
              .filter(u -> !u.equals(entry.getKey()))
              .collect(Collectors.toSet());
      var stats = awaitMedia(entry.getValue(), others);
      assertPairIsTheServer(stats, "recv");
      assertPairIsTheServer(stats, "send");
      for (var other : others) {
        entry.getValue().browser().visible(byTestFor("media-tile", other));
      }
    }

    // The admin view of the room: three publishers with two tracks each, four consumers each.
    var admin = adminToken();
    var room = roomStats(admin, roomId);
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
    awaitAdmin(
        admin,
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
    assertEquals(4, roomStats(admin, roomId).getJsonArray("producers").size());

    // She shows again: the sections her tracks had are reused, and the video plays again.
    c.browser().click("show-button");
    awaitMedia(a, Set.of(bob.username(), carol.username()));
    awaitMedia(b, Set.of(alice.username(), carol.username()));
    c.browser().click("show-button");
    a.browser().awaitGone(byTestFor("media-tile", carol.username()));

    // Bob's tab dies: within ~10 s Alice has no tile for him and the server dropped his transports.
    var bobsTransports = transportsOf(roomStats(admin, roomId), bob.username());
    assertEquals(2, bobsTransports.size(), "a send and a receive transport");
    b.browser().close();
    a.browser().awaitGone(byTestFor("media-tile", bob.username()));
    awaitAdmin(
        admin,
        media ->
            transportIds(media).stream().noneMatch(bobsTransports::contains)
                && transportsOf(roomOf(media, roomId), bob.username()).isEmpty());
    var tiles = tileUsers(statsOf(a));
    assertEquals(Set.of(), tiles, "Carol does not show and Bob is gone: " + tiles);

    // Everyone leaves: no router, transport or ICE session of the room remains.
    a.browser().click("leave-room");
    c.browser().click("leave-room");
    awaitAdmin(
        admin,
        media ->
            media.getJsonArray("rooms").isEmpty()
                && media.getJsonArray("transports").isEmpty()
                && media.getInt("iceSessions") == 0);
  }

  @Test
  void aScreenShareIsAnExtraTileOnTheSameConnection() {
    var alice = Users.create(rest, "alice");
    var bob = Users.create(rest, "bob");
    var roomName = TestClient.uniqueName("screen");
    var roomId = createRoom(alice, roomName);
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

  @SuppressWarnings("unchecked")
  private static void awaitScreenFrames(RoomsPage page, String username) {
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

  // ---- pages ----

  private static String tileOf(String username) {
    return "[data-test='media-tile'][data-username='" + username + "']";
  }

  private static void awaitTileAttribute(
      RoomsPage page, String username, String attribute, String value) {
    page.browser()
        .until(
            d ->
                value.equals(
                        d.findElement(By.cssSelector(tileOf(username))).getAttribute(attribute))
                    ? Boolean.TRUE
                    : null);
  }

  private RoomsPage enter(Users user, String roomId, String roomName) {
    var browser = new Browser();
    browsers.add(browser);
    browser.logInWithToken(ChorusServer.https(), user.token());
    browser.script("location.hash = arguments[0]", "#room/" + roomId);
    var page = new RoomsPage(browser);
    page.awaitInRoom(roomName);
    return page;
  }

  private String createRoom(Users owner, String name) {
    var body =
        Json.createObjectBuilder()
            .add("name", name)
            .add("topic", "Room media")
            .add("visibility", "public")
            .build();
    var reply = rest.send("POST", "api/rooms", body.toString(), owner.token());
    assertEquals(201, reply.status(), reply.text());
    return reply.json().getString("id");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> statsOf(RoomsPage page) {
    return (Map<String, Object>)
        page.browser().script("return await window.chorusRoomMedia.stats()");
  }

  @SuppressWarnings("unchecked")
  private static Set<String> tileUsers(Map<String, Object> stats) {
    return ((List<Map<String, Object>>) stats.get("tiles"))
        .stream().map(t -> (String) t.get("username")).collect(Collectors.toSet());
  }

  /** Polls the page until every one of {@code others} has a tile decoding video and audio. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitMedia(RoomsPage page, Set<String> others) {
    var deadline = System.nanoTime() + MEDIA_WAIT_NANOS;
    Map<String, Object> last = Map.of();
    while (System.nanoTime() < deadline) {
      last = statsOf(page);
      var tiles = (List<Map<String, Object>>) last.get("tiles");
      var flowing =
          tiles.stream()
              .filter(
                  t ->
                      ((Long) t.get("framesDecoded")) > 0
                          && ((Long) t.get("audioPacketsReceived")) > 0)
              .map(t -> (String) t.get("username"))
              .collect(Collectors.toSet());
      if (flowing.containsAll(others)
          && last.get("recv") != null
          && ((Map<String, Object>) last.get("recv")).get("remotePort") != null
          && (last.get("send") == null
              || ((Map<String, Object>) last.get("send")).get("remotePort") != null)) {
        return last;
      }
      sleep(500);
    }
    throw new AssertionError("no video and audio from " + others + "; last stats " + last);
  }

  @SuppressWarnings("unchecked")
  private static void assertPairIsTheServer(Map<String, Object> stats, String which) {
    var pair = (Map<String, Object>) stats.get(which);
    if (pair == null && which.equals("send") && !Boolean.TRUE.equals(stats.get("publishing"))) {
      return;
    }
    assertEquals("udp", pair.get("protocol"), which + ": " + stats);
    assertEquals(
        (long) ChorusServer.mediaUdpPort(), pair.get("remotePort"), which + ": the SFU's port");
  }

  // ---- the admin API ----

  private String adminToken() {
    rest.register(ChorusServer.ADMIN, "admin-password", "Administrator"); // 409 if it exists
    return rest.login(ChorusServer.ADMIN, "admin-password").json().getString("token");
  }

  private JsonObject media(String admin) {
    var reply = rest.get("api/admin/media", admin);
    assertEquals(200, reply.status(), reply.text());
    return reply.json();
  }

  private JsonObject roomStats(String admin, String roomId) {
    return roomOf(media(admin), roomId);
  }

  private static JsonObject roomOf(JsonObject media, String roomId) {
    return media.getJsonArray("rooms").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> r.getString("roomId").equals(roomId))
        .findFirst()
        .orElse(JsonValue.EMPTY_JSON_OBJECT);
  }

  private static Set<String> transportsOf(JsonObject room, String username) {
    if (!room.containsKey("participants")) {
      return Set.of();
    }
    var out = new java.util.HashSet<String>();
    for (var v : room.getJsonArray("participants")) {
      var p = v.asJsonObject();
      if (p.getString("username").equals(username)) {
        for (var key : List.of("sendTransport", "recvTransport")) {
          if (p.containsKey(key) && !p.isNull(key)) {
            out.add(p.getString(key));
          }
        }
      }
    }
    return out;
  }

  private static Set<String> transportIds(JsonObject media) {
    return media.getJsonArray("transports").stream()
        .map(t -> t.asJsonObject().getString("id"))
        .collect(Collectors.toSet());
  }

  private void awaitAdmin(String admin, Predicate<JsonObject> condition) {
    var deadline = System.nanoTime() + 10_000_000_000L;
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = media(admin);
      if (condition.test(last)) {
        return;
      }
      sleep(250);
    }
    throw new AssertionError("the server's media did not settle within 10 s: " + last);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
