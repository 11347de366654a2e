package dev.chorus.e2e;

import static dev.chorus.e2e.RoomMediaChecks.createRoom;
import static dev.chorus.e2e.RoomMediaChecks.statsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The top of the room size the product promises: six Chromium users in one room, all showing, each
 * decoding the five others' video and receiving their audio through the SFU (the selected pairs go
 * to the server's media port); the server holds 12 producers and 60 consumers, all forwarding, with
 * exactly the threads and shared sockets it had when idle (none per participant; only a transport
 * on ICE-TCP has a connection of its own); after everyone leaves nothing of the room remains.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SixPeopleRoomBrowserIT {
  private static final int PEOPLE = 6;
  private static final int CAMERA_FPS = 10;
  private static final long SENDING_WAIT_NANOS = 45_000_000_000L;
  private static final Logger LOG = Logger.getLogger(SixPeopleRoomBrowserIT.class.getName());

  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void sixPeopleShowingEachSeeAndHearTheFiveOthers() {
    var users = new ArrayList<Users>();
    for (int i = 0; i < PEOPLE; i++) {
      users.add(Users.create(rest, "six" + i));
    }
    var roomName = TestClient.uniqueName("six");
    var roomId = createRoom(rest, users.get(0), roomName);
    var admin = MediaAdmin.logIn(rest);
    var idle = MediaAdmin.threadsAndSharedSockets(admin.media());
    assertTrue(idle.get("threads") > 0, "the media server runs on container threads: " + idle);

    var pages = new LinkedHashMap<String, RoomsPage>();
    for (var user : users) {
      var browser = browsers.open(CAMERA_FPS);
      var page = RoomMediaChecks.enter(browser, user, roomId, roomName);
      page.browser().click("show-button");
      pages.put(user.username(), page);
      // One at a time, as people join a meeting: each one's camera reaches the server before the
      // next comes in (a failed publish is reported here, with its reason, not as a missing tile).
      awaitSending(user.username(), page);
    }

    LOG.info("six people entered and showing");
    try {
      RoomMediaChecks.assertEveryoneSeesEveryone(pages);
    } catch (AssertionError e) {
      var states = new StringBuilder();
      pages.forEach(
          (name, page) -> states.append("\n").append(name).append(": ").append(statsOf(page)));
      throw new AssertionError(
          e.getMessage() + "\nevery page:" + states + "\nserver: " + admin.media(), e);
    }

    LOG.info("everyone sees and hears everyone");
    // Six publishers with a camera and a microphone each; every track goes to the five others.
    var busy = admin.media();
    var room = MediaAdmin.roomOf(busy, roomId);
    assertEquals(2 * PEOPLE, room.getJsonArray("producers").size(), room.toString());
    assertEquals(2 * PEOPLE * (PEOPLE - 1), room.getJsonArray("consumers").size(), room.toString());
    for (var consumer : room.getJsonArray("consumers")) {
      var stats = consumer.asJsonObject().getJsonObject("stats");
      assertTrue(stats.getJsonNumber("packets").longValue() > 0, consumer.toString());
    }
    assertEquals(
        2 * PEOPLE,
        room.getJsonArray("participants").stream()
            .map(p -> MediaAdmin.transportsOf(room, p.asJsonObject().getString("username")))
            .mapToInt(Set::size)
            .sum(),
        "a send and a receive transport per person: " + room);

    // Twelve transports and sixty consumers, and not one thread or shared socket more than when
    // idle (a transport on ICE-TCP has its own connection, as TCP must).
    assertEquals(
        idle, MediaAdmin.threadsAndSharedSockets(busy), busy.getJsonObject("resources") + "");

    for (var page : pages.values()) {
      page.browser().click("leave-room");
    }
    var after = admin.await(MediaAdmin::nothingLeft);
    assertEquals(idle, MediaAdmin.threadsAndSharedSockets(after), "after everyone left");
  }

  /** Waits until {@code page}'s send connection is up and bytes go out; fails on its error. */
  @SuppressWarnings("unchecked")
  private static void awaitSending(String username, RoomsPage page) {
    var deadline = System.nanoTime() + SENDING_WAIT_NANOS;
    Map<String, Object> stats = Map.of();
    while (System.nanoTime() < deadline) {
      stats = statsOf(page);
      var error = (String) stats.get("sendError");
      if (error != null && !error.isEmpty()) {
        throw new AssertionError(username + "'s publish failed: " + error + "; " + stats);
      }
      var send = (Map<String, Object>) stats.get("send");
      if (send != null
          && send.get("remotePort") != null
          && ((Number) send.getOrDefault("bytesSent", 0L)).longValue() > 0) {
        return;
      }
      RoomMediaChecks.sleep(250);
    }
    throw new AssertionError(username + " is not sending after 45 s: " + stats);
  }
}
