package dev.chorus.e2e;

import static dev.chorus.e2e.RoomMediaChecks.assertPairIsTheServer;
import static dev.chorus.e2e.RoomMediaChecks.awaitMedia;
import static dev.chorus.e2e.RoomMediaChecks.createRoom;
import static dev.chorus.e2e.RoomMediaChecks.sleep;
import static dev.chorus.e2e.RoomMediaChecks.tileOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The room tells the truth about media: a tile whose media never arrives says so ("No video
 * received", not "Camera off"), and so does the status line (not "Connection: good"); a publish
 * that fails — refused by the server's publisher cap, or a send connection that never connects — is
 * shown once with a Retry button, is not published again behind the user's back, and the Retry
 * works once the cause is gone (the other page decodes the video, through the SFU).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomMediaTruthBrowserIT {
  /**
   * Watches the page: counts its room.media.publish messages and the times the publish-failure
   * notice appears. With {@code __truth.block} set, the next peer connection gets the relay-only
   * ICE policy and no TURN server: no candidate pair at all reaches the SFU, as when a firewall
   * drops the media ports, while the signaling (the socket) goes on.
   */
  private static final String WATCH =
      "if (!window.__truth) { const w = window.__truth = { publishes: 0, shown: 0, block: false };"
          + " const send = WebSocket.prototype.send;"
          + " WebSocket.prototype.send = function (data) {"
          + "   try { if (JSON.parse(data).type === 'room.media.publish') w.publishes++; } catch (e) {}"
          + "   return send.call(this, data); };"
          + " const Real = window.RTCPeerConnection;"
          + " window.RTCPeerConnection = class extends Real { constructor(c, ...r) {"
          + "   super(w.block ? { ...c, iceServers: [], iceTransportPolicy: 'relay' } : c, ...r); } };"
          + " const alert = document.querySelector(\"[data-test='publish-error']\");"
          + " new MutationObserver(() => { const now = !alert.hidden;"
          + "   if (now && !w.visible) w.shown++; w.visible = now; })"
          + "   .observe(alert, { attributes: true, attributeFilter: ['hidden'] }); }";

  /** The page's counters and what its publish notice and status line say. */
  private static final String READ =
      "const w = window.__truth; const alert = document.querySelector(\"[data-test='publish-error']\");"
          + " const line = document.querySelector(\"[data-test='media-status']\");"
          + " const toast = document.getElementById('toast');"
          + " return { publishes: w.publishes, shown: w.shown, alert: alert.hidden ? '' : alert.innerText,"
          + "   status: line.dataset.state, statusText: line.textContent,"
          + "   toast: toast && !toast.hidden ? toast.textContent : '' };";

  /** A tile's media state and its visible text (null while there is no tile). */
  private static final String TILE =
      "const t = document.querySelector(arguments[0]); if (!t) return null;"
          + " return { media: t.dataset.media, text: t.innerText };";

  private static final long WAIT_NANOS = 90_000_000_000L;
  private static final long NO_RETRY_WINDOW_MS = 10_000;

  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void aRefusedPublishIsShownOnceAndTheUsersRetryPublishesOnceThereIsRoom() {
    var bob = Users.create(rest, "bob");
    var carol = Users.create(rest, "carol");
    var roomName = TestClient.uniqueName("truth");
    var roomId = createRoom(rest, bob, roomName);
    var b = enter(bob, roomId, roomName);
    var c = enter(carol, roomId, roomName);

    try (var silent = new SilentPublishers(rest, roomId)) {
      // The room is full of publishers whose media never comes: Carol's publish is refused.
      silent.fillTheRoom();
      c.browser().click("show-button");
      var refused = await(c, r -> !((String) r.get("alert")).isEmpty(), "a publish notice");
      assertTrue(
          ((String) refused.get("alert")).contains("tabs sending media, the most allowed"),
          "the server's reason: " + refused);
      assertTrue(c.browser().isShown("publish-retry"), "a Retry button");
      assertEquals("failed", refused.get("status"), refused.toString());
      assertEquals("", refused.get("toast"), "shown in one place, once: " + refused);

      // Bob's tile of a silent publisher: first waiting, then the truth — nothing arrived.
      var ghost = silent.users().get(0);
      var tile = awaitTile(b, ghost.username(), "none");
      assertTrue(((String) tile.get("text")).contains("No video received"), tile.toString());
      assertFalse(((String) tile.get("text")).contains("Camera off"), tile.toString());
      var bobs = await(b, r -> "no-media".equals(r.get("status")), "Bob's status line");
      assertTrue(
          ((String) bobs.get("statusText")).contains(ghost.displayName()),
          "names who is not getting through: " + bobs);
      assertFalse(((String) bobs.get("statusText")).contains("good"), bobs.toString());

      // Meanwhile Carol's page has not published again, nor repeated the notice.
      var later = read(c);
      assertEquals(1L, later.get("publishes"), "one publish, no silent retry: " + later);
      assertEquals(1L, later.get("shown"), later.toString());

      // Room again: Carol's Retry publishes, and Bob decodes her video through the SFU.
      silent.closeLast();
      c.browser().click("publish-retry");
      var stats = awaitMedia(b, Set.of(carol.username()));
      assertPairIsTheServer(stats, "recv");
      assertPairIsTheServer(RoomMediaChecks.statsOf(c), "send");
      var after = await(c, r -> ((String) r.get("alert")).isEmpty(), "the notice gone");
      assertEquals(2L, after.get("publishes"), after.toString());
      awaitTile(b, carol.username(), "flowing");
    }
    // The silent tabs closed: Bob's status line is about media that flows again.
    var flowing = await(b, r -> "flowing".equals(r.get("status")), "Bob's status line");
    assertTrue(((String) flowing.get("statusText")).startsWith("Connection: "), flowing.toString());
  }

  @Test
  void aSendConnectionThatNeverConnectsFailsOnceAndIsNotRepublishedBehindTheUsersBack() {
    var bob = Users.create(rest, "bob");
    var carol = Users.create(rest, "carol");
    var roomName = TestClient.uniqueName("truth");
    var roomId = createRoom(rest, bob, roomName);
    var b = enter(bob, roomId, roomName);
    var c = enter(carol, roomId, roomName);

    // Carol's send connection has no route to the SFU; the server accepts her publish.
    c.browser().script("window.__truth.block = true");
    c.browser().click("show-button");

    // Bob: Carol's tile says her video never arrived, and so does his status line.
    var tile = awaitTile(b, carol.username(), "none");
    assertTrue(((String) tile.get("text")).contains("No video received"), tile.toString());
    assertFalse(((String) tile.get("text")).contains("Camera off"), tile.toString());
    var bobs = await(b, r -> "no-media".equals(r.get("status")), "Bob's status line");
    assertTrue(((String) bobs.get("statusText")).contains(carol.displayName()), bobs.toString());
    // Carol: her status line never claims a working connection while nothing goes out.
    var hers = await(c, r -> Set.of("no-media", "failed").contains(r.get("status")), "her status");
    if ("no-media".equals(hers.get("status"))) {
      assertTrue(
          ((String) hers.get("statusText")).contains("not reaching the server"), hers.toString());
    }

    // The connection fails (the SFU's ICE timeout): shown once, with Retry.
    var failed = await(c, r -> !((String) r.get("alert")).isEmpty(), "the failure notice");
    assertTrue(
        ((String) failed.get("alert")).contains("connection to the media server failed"),
        failed.toString());
    assertTrue(c.browser().isShown("publish-retry"), "a Retry button");
    assertEquals(1L, failed.get("publishes"), failed.toString());
    sleep(NO_RETRY_WINDOW_MS);
    var later = read(c);
    assertEquals(1L, later.get("publishes"), "not published again behind Carol's back: " + later);
    assertEquals(1L, later.get("shown"), "the notice appeared once: " + later);
    assertEquals("", later.get("toast"), later.toString());
    assertEquals("failed", later.get("status"), later.toString());

    // The route is back: Retry, and Bob decodes her video through the SFU.
    c.browser().script("window.__truth.block = false");
    c.browser().click("publish-retry");
    var stats = awaitMedia(b, Set.of(carol.username()));
    assertPairIsTheServer(stats, "recv");
    awaitTile(b, carol.username(), "flowing");
    var ok = await(c, r -> "flowing".equals(r.get("status")), "Carol's status line");
    assertEquals("", ok.get("alert"), ok.toString());
    assertEquals(2L, ok.get("publishes"), ok.toString());
    assertPairIsTheServer(RoomMediaChecks.statsOf(c), "send");
  }

  // ---- pages ----

  private RoomsPage enter(Users user, String roomId, String roomName) {
    var page = RoomMediaChecks.enter(browsers.open(), user, roomId, roomName);
    page.browser().script(WATCH);
    return page;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(RoomsPage page) {
    return (Map<String, Object>) page.browser().script(READ);
  }

  private static Map<String, Object> await(
      RoomsPage page, Predicate<Map<String, Object>> condition, String what) {
    return poll(() -> read(page), condition, what);
  }

  /** Waits until the page's tile of {@code username} has this media state. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitTile(RoomsPage page, String username, String media) {
    return poll(
        () -> (Map<String, Object>) page.browser().script(TILE, tileOf(username)),
        t -> t != null && media.equals(t.get("media")),
        username + "'s tile " + media);
  }

  private static <T> T poll(Supplier<T> probe, Predicate<T> condition, String what) {
    var deadline = System.nanoTime() + WAIT_NANOS;
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.get();
      if (condition.test(last)) {
        return last;
      }
      sleep(500);
    }
    throw new AssertionError("no " + what + "; last " + last);
  }
}
