package dev.chorus.e2e;

import static dev.chorus.e2e.CallPage.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.PayaraProcess;
import dev.chorus.it.SdpFixtures;
import dev.chorus.it.TestClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call through a real coturn with credentials Chorus minted: Chorus on its own Payara, configured
 * relay-only with coturn's URL and secret. Media must flow over a relayed candidate pair on both
 * sides; and once coturn no longer accepts the secret, the page must say it could not connect
 * instead of hanging.
 */
class TurnRelayBrowserIT {
  private static final String PASSWORD = "password-1";

  @RegisterExtension final Browsers browsers = new Browsers();

  private record User(String username, String id, String token) {}

  @Test
  void relayOnlyCallGoesThroughCoturnAndRefusedCredentialsSayCouldNotConnect() {
    var work = Path.of("target", "it-turn", UUID.randomUUID().toString()).toAbsolutePath();
    var coturn = Coturn.start();
    try (var server =
        PayaraProcess.start(
            work,
            Map.of(
                "chorus.db.url",
                "jdbc:h2:mem:chorus-turn;DB_CLOSE_DELAY=-1",
                "chorus.turn.urls",
                coturn.url(),
                "chorus.turn.secret",
                coturn.secret(),
                "chorus.ice.relay-only",
                "true"))) {
      var rest = new TestClient(server.https());
      var alice = register(rest, "alice", "Alice Relay");
      var bob = register(rest, "bob", "Bob Relay");

      // The page's RTCConfiguration: coturn's URL, REST-API credentials for this user, relay only.
      var ice = rest.get("api/ice-servers", alice.token());
      assertEquals(200, ice.status(), ice.text());
      assertEquals("relay", ice.json().getString("iceTransportPolicy"));
      var turn = ice.json().getJsonArray("iceServers").getJsonObject(0);
      assertEquals(coturn.url(), turn.getJsonArray("urls").getString(0));
      var username = turn.getString("username");
      assertTrue(username.matches("\\d+:" + alice.id()), username);
      long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
      long now = Instant.now().getEpochSecond();
      assertTrue(expiry > now + 3600 && expiry <= now + 12 * 3600 + 60, "expiry " + expiry);
      assertEquals(hmacSha1Base64(coturn.secret(), username), turn.getString("credential"));
      assertWhipLinksTheTurnServer(rest, alice, coturn);

      var a = open(server, alice);
      var b = open(server, bob);
      new ChatPage(a.browser()).openFromOnlineList(bob.username());
      a.browser().click("call-video");
      b.awaitIncoming();
      b.browser().click("call-accept");

      var statsA = a.awaitVideoAndAudio();
      var statsB = b.awaitVideoAndAudio();
      for (var stats : List.of(statsA, statsB)) {
        var pair = pair(stats);
        assertEquals("relay", pair.get("localType"), stats.toString());
        assertEquals("relay", pair.get("remoteType"), stats.toString());
        assertEquals("udp", pair.get("protocol"), stats.toString());
      }
      a.browser()
          .until(
              d ->
                  "relay".equals(a.browser().visible("call-connection").getAttribute("data-route"))
                      ? Boolean.TRUE
                      : null);
      assertEquals("Connected · relayed", a.browser().visible("call-connection").getText());
      a.browser().click("call-hangup");
      b.awaitEnded("hangup");

      // coturn now has another secret: every credential Chorus mints is refused (401). The call is
      // answered but cannot connect, and both sides are told so within about 20 s.
      coturn.close();
      coturn = Coturn.start(coturn.port(), "not-" + coturn.secret());
      a.browser().visible("call-video").click();
      b.awaitIncoming();
      b.browser().click("call-accept");
      var textA = a.awaitEnded("connect_failed", Duration.ofSeconds(40));
      var textB = b.awaitEnded("connect_failed", Duration.ofSeconds(40));
      var refused = "Could not connect the call: the relay (TURN) server refused the credentials.";
      assertEquals(refused, textA);
      assertEquals(refused, textB);
    } finally {
      coturn.close();
    }
  }

  private User register(TestClient rest, String prefix, String displayName) {
    var name = TestClient.uniqueName(prefix);
    var reg = rest.register(name, PASSWORD, displayName);
    assertEquals(201, reg.status(), reg.text());
    var login = rest.login(name, PASSWORD);
    assertEquals(201, login.status(), login.text());
    JsonObject account = login.json().getJsonObject("account");
    return new User(name, account.getString("id"), login.json().getString("token"));
  }

  private CallPage open(PayaraProcess server, User user) {
    var browser = browsers.open();
    browser.logInWithToken(server.https(), user.token());
    browser.awaitText("connection-state", "Connected");
    return new CallPage(browser);
  }

  /**
   * WHIP's {@code Link} headers (RFC 9725 §4.4) name the same TURN server with credentials minted
   * for the caller; an OPTIONS without a login gets no TURN credentials.
   */
  private static void assertWhipLinksTheTurnServer(TestClient rest, User alice, Coturn coturn) {
    var room =
        rest.send(
            "POST",
            "api/rooms",
            "{\"name\": \"" + TestClient.uniqueName("turnwhip") + "\", \"visibility\": \"public\"}",
            alice.token());
    assertEquals(201, room.status(), room.text());
    var endpoint = "api/rooms/" + room.json().getString("id") + "/whip";
    var options = rest.send("OPTIONS", endpoint, null, null, null, Map.of());
    assertTrue(
        String.join(",", options.headers().allValues("link")).indexOf("turn:") < 0,
        "no TURN credentials without a login: " + options.headers().map());
    var created =
        rest.send(
            "POST",
            endpoint,
            SdpFixtures.obsWhipOffer(),
            "application/sdp",
            alice.token(),
            Map.of());
    assertEquals(201, created.status(), created.text());
    var links = String.join(",", created.headers().allValues("link"));
    var turn =
        Pattern.compile(
                "<"
                    + Pattern.quote(coturn.url())
                    + ">; rel=\"ice-server\"; username=\"([^\"]+)\"; credential=\"([^\"]+)\";"
                    + " credential-type=\"password\"")
            .matcher(links);
    assertTrue(turn.find(), "the TURN server in a Link header: " + links);
    assertTrue(turn.group(1).endsWith(":" + alice.id()), links);
    assertEquals(hmacSha1Base64(coturn.secret(), turn.group(1)), turn.group(2), links);
    var session = URI.create(created.headers().firstValue("location").orElseThrow());
    assertEquals(
        200,
        rest.send("DELETE", session.getPath().substring(1), null, null, alice.token(), Map.of())
            .status());
  }

  private static String hmacSha1Base64(String secret, String text) {
    try {
      var mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
