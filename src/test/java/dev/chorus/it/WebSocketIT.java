package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /ws}: a socket authenticates with its first message and only with a valid session token;
 * at most ten per user; ping answers; every type is rate limited; bad frames get errors.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebSocketIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestClient client = new TestClient();

  @Test
  void validTokenConnectsAndPingIsAnswered() {
    var token = client.newUserToken("ws");
    try (var ws = WsClient.connect(client, token)) {
      var welcome = ws.nextOfType("welcome");
      assertTrue(welcome.getString("username").startsWith("ws-"));
      ws.send(Json.createObjectBuilder().add("type", "ping").add("id", "p-1").build());
      var pong = ws.nextOfType("pong");
      assertEquals("p-1", pong.getString("id"));
      assertTrue(pong.containsKey("serverTime"));
    }
  }

  @Test
  void theFirstMessageMustBeAValidAuth() {
    try (var none = WsClient.connect(client, null)) {
      none.send(Json.createObjectBuilder().add("type", "auth").add("id", "a-1").build());
      var closed = none.awaitClose(WAIT);
      assertEquals(1008, closed.code());
      assertTrue(closed.reason().contains("missing session token"), closed.reason());
    }
    try (var wrong = WsClient.connect(client, "A".repeat(43))) {
      var closed = wrong.awaitClose(WAIT);
      assertEquals(1008, closed.code());
      assertTrue(closed.reason().contains("invalid or expired"), closed.reason());
    }
    try (var first = WsClient.connect(client, null)) {
      first.send("{\"type\":\"ping\",\"id\":\"p-0\"}");
      var closed = first.awaitClose(WAIT);
      assertEquals(1008, closed.code());
      assertTrue(closed.reason().startsWith("not authenticated"), closed.reason());
    }
  }

  @Test
  void aSocketThatNeverAuthenticatesIsClosed() {
    try (var quiet = WsClient.connect(client, null)) {
      // chorus.socket.auth-timeout is 5 s; the heartbeat (every 3 s) closes it
      var closed = quiet.awaitClose(Duration.ofSeconds(20));
      assertEquals(1008, closed.code());
      assertTrue(closed.reason().startsWith("no auth within"), closed.reason());
    }
  }

  @Test
  void aTokenInTheUrlIsRefusedEvenAValidOne() {
    var token = client.newUserToken("wsurl");
    var uri = URI.create(ChorusServer.wss() + "?token=" + token);
    try (var ws = WsClient.open(client, uri)) {
      var closed = ws.awaitClose(WAIT);
      assertEquals(1008, closed.code());
      assertTrue(closed.reason().contains("?token= is no longer accepted"), closed.reason());
    }
  }

  @Test
  void welcomeAnswersTheAuthAndASecondAuthIsAnError() {
    var token = client.newUserToken("wsauth");
    try (var ws = WsClient.connect(client, null)) {
      ws.send(
          Json.createObjectBuilder()
              .add("type", "auth")
              .add("id", "a-1")
              .add("token", token)
              .build());
      assertEquals("a-1", ws.nextOfType("welcome").getString("id"));
      ws.send(WsClient.auth(token));
      assertEquals("already_authenticated", ws.nextOfType("error").getString("code"));
      ws.send("{\"type\":\"ping\",\"id\":\"p-1\"}");
      assertEquals("p-1", ws.nextOfType("pong").getString("id"));
    }
  }

  @Test
  void aUserHasAtMostTenSockets() {
    var user = Users.create(client, "wscap");
    var tabs = new ArrayList<WsClient>();
    try {
      for (int i = 0; i < 10; i++) {
        tabs.add(user.tab());
      }
      try (var eleventh = WsClient.connect(client, user.token())) {
        var closed = eleventh.awaitClose(WAIT);
        assertEquals(1008, closed.code());
        assertTrue(closed.reason().startsWith("too many open tabs"), closed.reason());
      }
      var gone = tabs.remove(0);
      gone.close();
      gone.awaitClose(WAIT);
      // Once the closed tab is unregistered there is room for another (the close may still be
      // on its way through the server: try a few times).
      for (int attempt = 0; ; attempt++) {
        var again = WsClient.connect(client, user.token());
        tabs.add(again);
        if (again.welcomeOrClose(WAIT) != null) {
          break;
        }
        assertTrue(attempt < 5, "no room for a new tab after closing one");
        PayaraProcess.sleep(200);
      }
    } finally {
      tabs.forEach(WsClient::close);
    }
  }

  @Test
  void everyMessageTypeIsRateLimitedWithTheRequestId() {
    var token = client.newUserToken("wsrate");
    try (var ws = WsClient.connect(client, token)) {
      ws.nextOfType("welcome");
      for (int i = 0; i < 40; i++) {
        ws.send("{\"type\":\"ping\",\"id\":\"r-" + i + "\"}");
      }
      var limited = ws.nextOfType("error");
      assertEquals("rate_limited", limited.getString("code"));
      assertTrue(limited.getString("id").startsWith("r-"), limited.toString());
      assertTrue(limited.getJsonNumber("retryAfterMs").longValue() > 0, limited.toString());
    }
  }

  @Test
  void revokedTokenCannotConnectAndLogoutClosesOpenSockets() {
    var token = client.newUserToken("wsout");
    try (var ws = WsClient.connect(client, token)) {
      ws.nextOfType("welcome");
      assertEquals(204, client.delete("api/sessions/current", token).status());
      var closed = ws.awaitClose(WAIT);
      assertEquals(1008, closed.code());
      assertEquals("logged out", closed.reason());
    }
    try (var again = WsClient.connect(client, token)) {
      assertEquals(1008, again.awaitClose(WAIT).code());
    }
  }

  @Test
  void badFramesGetErrorRepliesAndTheSocketStaysUsable() {
    var token = client.newUserToken("wsbad");
    try (var ws = WsClient.connect(client, token)) {
      ws.nextOfType("welcome");
      ws.send("{not json");
      assertEquals("bad_json", ws.nextOfType("error").getString("code"));
      ws.send("[1,2]");
      assertEquals("bad_request", ws.nextOfType("error").getString("code"));
      ws.send("{\"id\":\"x-1\"}");
      var noType = ws.nextOfType("error");
      assertEquals("bad_request", noType.getString("code"));
      assertEquals("x-1", noType.getString("id"));
      ws.send("{\"type\":\"launch.rockets\",\"id\":\"x-2\"}");
      var unknown = ws.nextOfType("error");
      assertEquals("unknown_type", unknown.getString("code"));
      assertEquals("x-2", unknown.getString("id"));
      ws.send("{\"type\":\"ping\",\"id\":\"still-alive\"}");
      assertEquals("still-alive", ws.nextOfType("pong").getString("id"));
    }
  }
}
