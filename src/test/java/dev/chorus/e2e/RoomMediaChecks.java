package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.By;

/**
 * What the room media browser tests do and check in a page: enter a room, read the page's media
 * stats ({@code window.chorusRoomMedia.stats()}), wait for tiles that decode video and receive
 * audio, and check that the selected candidate pair goes to the SFU's port.
 */
final class RoomMediaChecks {
  static final long MEDIA_WAIT_NANOS = 60_000_000_000L;

  private RoomMediaChecks() {}

  static String createRoom(TestClient rest, Users owner, String name) {
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

  /** Logs {@code user} in on {@code browser} and opens the room. */
  static RoomsPage enter(Browser browser, Users user, String roomId, String roomName) {
    browser.logInWithToken(ChorusServer.https(), user.token());
    return open(browser, roomId, roomName);
  }

  /** Opens the room in a browser that is logged in already. */
  static RoomsPage open(Browser browser, String roomId, String roomName) {
    browser.script("location.hash = arguments[0]", "#room/" + roomId);
    var page = new RoomsPage(browser);
    page.awaitInRoom(roomName);
    return page;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> statsOf(RoomsPage page) {
    return (Map<String, Object>)
        page.browser().script("return await window.chorusRoomMedia.stats()");
  }

  @SuppressWarnings("unchecked")
  static Set<String> tileUsers(Map<String, Object> stats) {
    return ((List<Map<String, Object>>) stats.get("tiles"))
        .stream().map(t -> (String) t.get("username")).collect(Collectors.toSet());
  }

  /** Polls the page until every one of {@code others} has a tile decoding video and audio. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> awaitMedia(RoomsPage page, Set<String> others) {
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

  /**
   * The page's {@code which} ("send" or "recv") selected pair goes to the SFU: UDP to its media
   * port or, when Chromium nominated it (the SFU is ICE-lite: the browser alone picks the pair),
   * ICE-TCP to its TCP port. Either way the media goes through the server, not peer to peer.
   */
  static void assertPairIsTheServer(Map<String, Object> stats, String which) {
    assertPairIsTheServer(stats, which, ChorusServer.mediaUdpPort(), ChorusServer.mediaTcpPort());
  }

  /**
   * As above, for an SFU on {@code udpPort} / {@code tcpPort} (a server other than Arquillian's).
   */
  @SuppressWarnings("unchecked")
  static void assertPairIsTheServer(
      Map<String, Object> stats, String which, int udpPort, int tcpPort) {
    var pair = (Map<String, Object>) stats.get(which);
    if (pair == null && which.equals("send") && !Boolean.TRUE.equals(stats.get("publishing"))) {
      return;
    }
    var protocol = String.valueOf(pair.get("protocol"));
    long serverPort = protocol.equals("tcp") ? tcpPort : udpPort;
    assertTrue(Set.of("udp", "tcp").contains(protocol), which + ": " + stats);
    assertEquals(serverPort, pair.get("remotePort"), which + ": the SFU's port, " + stats);
  }

  /**
   * Every page in {@code pages} (by username) shows a tile for each of the others, decoding its
   * video and receiving its audio, over selected pairs that go to the SFU.
   */
  static void assertEveryoneSeesEveryone(Map<String, RoomsPage> pages) {
    assertEveryoneSeesEveryone(pages, ChorusServer.mediaUdpPort(), ChorusServer.mediaTcpPort());
  }

  /** As above, for an SFU on {@code udpPort} / {@code tcpPort}. */
  static void assertEveryoneSeesEveryone(Map<String, RoomsPage> pages, int udpPort, int tcpPort) {
    for (var entry : pages.entrySet()) {
      var others =
          pages.keySet().stream()
              .filter(u -> !u.equals(entry.getKey()))
              .collect(Collectors.toSet());
      var stats = awaitMedia(entry.getValue(), others);
      assertPairIsTheServer(stats, "recv", udpPort, tcpPort);
      assertPairIsTheServer(stats, "send", udpPort, tcpPort);
      for (var other : others) {
        entry.getValue().browser().visible(Browser.byTestFor("media-tile", other));
      }
    }
  }

  static String tileOf(String username) {
    return "[data-test='media-tile'][data-username='" + username + "']";
  }

  static void awaitTileAttribute(RoomsPage page, String username, String attribute, String value) {
    page.browser()
        .until(
            d ->
                value.equals(
                        d.findElement(By.cssSelector(tileOf(username))).getAttribute(attribute))
                    ? Boolean.TRUE
                    : null);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
