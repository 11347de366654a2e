package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Chorus on its own Payara Micro with a file database and a short token lifetime: tokens expire for
 * REST and the socket (an idle socket is closed when its token expires), and accounts survive the
 * server being killed and started again.
 */
class RestartIT {
  @Test
  void tokensExpireAndAccountsSurviveAKilledServer() {
    var work = Path.of("target", "it-restart", UUID.randomUUID().toString()).toAbsolutePath();
    var props =
        Map.of(
            "chorus.db.url",
            "jdbc:h2:file:" + work.resolve("db/chorus") + ";WRITE_DELAY=0",
            "chorus.session.ttl",
            "PT4S");
    String alice = TestClient.uniqueName("alice");
    String bob = TestClient.uniqueName("bob");

    try (var first = PayaraProcess.start(work, props)) {
      var client = new TestClient(first.https());
      assertEquals(201, client.register(alice, "password-1", "Alice").status());
      var token = client.login(alice, "password-1").json().getString("token");
      assertEquals(200, client.get("api/accounts/me", token).status());
      // An idle socket is closed when its token expires, without waiting for its next frame.
      try (var idle = WsClient.connect(client, first.wss(), token)) {
        idle.nextOfType("welcome");
        var closed = idle.awaitClose(Duration.ofSeconds(15));
        assertEquals(1008, closed.code());
        assertEquals("session expired: log in again", closed.reason());
      }

      PayaraProcess.sleep(Duration.ofSeconds(1).toMillis());
      assertEquals(401, client.get("api/accounts/me", token).status(), "expired after the TTL");
      try (var ws = WsClient.connect(client, first.wss(), token)) {
        assertEquals(1008, ws.awaitClose(Duration.ofSeconds(10)).code());
      }

      // Acknowledged (201) right before the crash: must be there afterwards.
      assertEquals(201, client.register(bob, "password-2", "Bob").status());
      first.kill();
    }

    try (var second = PayaraProcess.start(work, props)) {
      var client = new TestClient(second.https());
      var login = client.login(alice, "password-1");
      assertEquals(201, login.status(), login.text());
      assertEquals("Alice", login.json().getJsonObject("account").getString("displayName"));
      assertEquals(201, client.login(bob, "password-2").status());
      assertEquals(409, client.register(bob, "password-3", "Bob again").status());
    }
  }
}
