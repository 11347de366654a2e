package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.it.TestClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The SFU as the admin REST API shows it ({@code /api/admin/media}), for browser tests. */
final class MediaAdmin {
  private static final long SETTLE_NANOS = 10_000_000_000L;

  private final TestClient rest;
  private final String token;

  private MediaAdmin(TestClient rest, String token) {
    this.rest = rest;
    this.token = token;
  }

  /** Logs in as the configured admin (the server created its account at startup). */
  static MediaAdmin logIn(TestClient rest) {
    return new MediaAdmin(rest, rest.adminToken());
  }

  String token() {
    return token;
  }

  JsonObject media() {
    var reply = rest.get("api/admin/media", token);
    assertEquals(200, reply.status(), reply.text());
    return reply.json();
  }

  JsonObject room(String roomId) {
    return roomOf(media(), roomId);
  }

  /** Polls the stats until {@code condition} holds, for up to 10 s. */
  JsonObject await(Predicate<JsonObject> condition) {
    var deadline = System.nanoTime() + SETTLE_NANOS;
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = media();
      if (condition.test(last)) {
        return last;
      }
      RoomMediaChecks.sleep(250);
    }
    throw new AssertionError("the server's media did not settle within 10 s: " + last);
  }

  /**
   * Nothing of any room is left: no router, transport, ICE session, ICE-TCP connection or DTLS
   * handshake.
   */
  static boolean nothingLeft(JsonObject media) {
    var resources = media.getJsonObject("resources");
    return media.getJsonArray("rooms").isEmpty()
        && media.getJsonArray("transports").isEmpty()
        && media.getInt("iceSessions") == 0
        && resources.getInt("tcpConnections") == 0
        && resources.getInt("handshakesRunning") == 0;
  }

  /**
   * The media server's threads and shared sockets (its UDP ports and ICE-TCP listener: every socket
   * but the ICE-TCP connections, which are one per transport on TCP by nature).
   */
  static Map<String, Integer> threadsAndSharedSockets(JsonObject media) {
    var resources = media.getJsonObject("resources");
    return Map.of(
        "threads",
        resources.getInt("threads"),
        "sharedSockets",
        resources.getInt("sockets") - resources.getInt("tcpConnections"));
  }

  static JsonObject roomOf(JsonObject media, String roomId) {
    return media.getJsonArray("rooms").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> r.getString("roomId").equals(roomId))
        .findFirst()
        .orElse(JsonValue.EMPTY_JSON_OBJECT);
  }

  static Set<String> transportsOf(JsonObject room, String username) {
    if (!room.containsKey("participants")) {
      return Set.of();
    }
    var out = new HashSet<String>();
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

  static Set<String> transportIds(JsonObject media) {
    return media.getJsonArray("transports").stream()
        .map(t -> t.asJsonObject().getString("id"))
        .collect(Collectors.toSet());
  }
}
