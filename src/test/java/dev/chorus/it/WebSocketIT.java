package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /ws}: only a valid session token connects; ping answers; bad frames get errors. */
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
  void missingOrInvalidTokenIsClosedWithPolicyViolation() {
    try (var none = WsClient.connect(client, null)) {
      var closed = none.awaitClose(WAIT);
      assertEquals(1008, closed.code());
      assertTrue(closed.reason().contains("missing session token"), closed.reason());
    }
    try (var wrong = WsClient.connect(client, "A".repeat(43))) {
      var closed = wrong.awaitClose(WAIT);
      assertEquals(1008, closed.code());
      assertTrue(closed.reason().contains("invalid or expired"), closed.reason());
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
