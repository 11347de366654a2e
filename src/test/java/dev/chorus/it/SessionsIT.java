package dev.chorus.it;

import static dev.chorus.it.AccountsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/sessions} and {@code /api/accounts/me}: log in, who am I, log out, throttling. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionsIT {

  private final TestClient client = new TestClient();

  @Test
  void loginIssuesAnExpiringTokenThatIdentifiesTheUser() {
    var name = TestClient.uniqueName("login");
    client.register(name, "password-1", "Grace Hopper");
    var login = client.login(name.toUpperCase(), "password-1");
    assertEquals(201, login.status(), login.text());
    var json = login.json();
    var token = json.getString("token");
    assertTrue(token.length() >= 22, "at least 128 bits of base64: " + token);
    var expires = Instant.parse(json.getString("expiresAt"));
    var hours = Duration.between(Instant.now(), expires).toMinutes() / 60.0;
    assertTrue(hours > 11.9 && hours <= 12.0, "default lifetime 12 h, was " + hours);
    assertEquals(name, json.getJsonObject("account").getString("username"));

    var me = client.get("api/accounts/me", token);
    assertEquals(200, me.status(), me.text());
    assertEquals("Grace Hopper", me.json().getString("displayName"));
    assertEquals(name, me.json().getString("username"));
  }

  @Test
  void unknownUserAndWrongPasswordGetTheSameAnswer() {
    var name = TestClient.uniqueName("same");
    client.register(name, "password-1", "X");
    var wrong = client.login(name, "password-2");
    var unknown = client.login(TestClient.uniqueName("ghost"), "password-1");
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertProblem(wrong, 401);
    assertEquals(wrong.json().getString("detail"), unknown.json().getString("detail"));
    var missing = client.send("POST", "api/sessions", "{}", null);
    assertEquals(401, missing.status(), missing.text());
  }

  @Test
  void meRefusesMissingWrongAndMalformedTokens() {
    var none = client.get("api/accounts/me", null);
    assertEquals(401, none.status());
    assertProblem(none, 401);
    assertTrue(none.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));
    assertEquals(401, client.get("api/accounts/me", "A".repeat(43)).status());
    assertEquals(401, client.get("api/accounts/me", "not a token").status());
    var basic = client.send("GET", "api/accounts/me", null, null);
    assertEquals(401, basic.status());
  }

  @Test
  void logoutRevokesTheTokenAtOnce() {
    var token = client.newUserToken("logout");
    assertEquals(200, client.get("api/accounts/me", token).status());
    assertEquals(204, client.delete("api/sessions/current", token).status());
    var after = client.get("api/accounts/me", token);
    assertEquals(401, after.status());
    assertProblem(after, 401);
    assertEquals(401, client.delete("api/sessions/current", token).status());
    assertEquals(401, client.delete("api/sessions/current", null).status());
  }

  @Test
  void logOutEverywhereRevokesEveryTokenAndClosesEverySocket() {
    var user = Users.create(client, "everywhere");
    var second = client.login(user.username(), "password-1").json().getString("token");
    var bystander = Users.create(client, "bystander");
    try (var tabA = user.tab();
        var tabB = WsClient.connect(client, second);
        var other = bystander.tab()) {
      tabB.nextOfType("welcome");
      assertEquals(204, client.delete("api/sessions", second).status());
      for (var token : new String[] {user.token(), second}) {
        var after = client.get("api/accounts/me", token);
        assertEquals(401, after.status(), after.text());
      }
      assertEquals(1008, tabA.awaitClose(Duration.ofSeconds(10)).code());
      assertEquals(1008, tabB.awaitClose(Duration.ofSeconds(10)).code());
      assertEquals(200, bystander.get("api/accounts/me").status(), "other users are untouched");
      assertFalse(other.isClosed());
    }
    assertEquals(401, client.delete("api/sessions", second).status());
    assertEquals(201, client.login(user.username(), "password-1").status(), "can log in again");
  }

  @Test
  void passwordChangeRevokesEverySessionAndTheNewPasswordWorks() {
    var user = Users.create(client, "newpass");
    var other = client.login(user.username(), "password-1").json().getString("token");
    try (var otherTab = WsClient.connect(client, other)) {
      otherTab.nextOfType("welcome");
      var wrong = changePassword(user.token(), "not-my-password", "password-2");
      assertEquals(403, wrong.status(), wrong.text());
      assertProblem(wrong, 403);
      var weak = changePassword(user.token(), "password-1", "short");
      assertEquals(400, weak.status(), weak.text());
      assertEquals(
          "newPassword",
          weak.json().getJsonArray("errors").getJsonObject(0).getString("field"),
          weak.text());
      assertEquals(200, client.get("api/accounts/me", other).status(), "refusals change nothing");

      var changed = changePassword(user.token(), "password-1", "password-2");
      assertEquals(200, changed.status(), changed.text());
      var fresh = changed.json().getString("token");
      assertEquals(401, client.get("api/accounts/me", user.token()).status());
      assertEquals(401, client.get("api/accounts/me", other).status());
      assertEquals(1008, otherTab.awaitClose(Duration.ofSeconds(10)).code());
      assertEquals(200, client.get("api/accounts/me", fresh).status(), "the caller stays in");
      try (var freshTab = WsClient.connect(client, fresh)) {
        freshTab.nextOfType("welcome");
        assertFalse(freshTab.isClosed());
      }
    }
    assertEquals(401, client.login(user.username(), "password-1").status());
    assertEquals(201, client.login(user.username(), "password-2").status());
  }

  private TestClient.Reply changePassword(String token, String current, String next) {
    var body =
        Json.createObjectBuilder()
            .add("currentPassword", current)
            .add("newPassword", next)
            .build()
            .toString();
    return client.send("PUT", "api/accounts/me/password", body, token);
  }

  @Test
  void repeatedFailuresForOneUsernameAreThrottled() {
    var name = TestClient.uniqueName("throttle");
    client.register(name, "password-1", "X");
    for (int i = 0; i < 5; i++) {
      assertEquals(401, client.login(name, "wrong-" + i).status());
    }
    var throttled = client.login(name, "wrong-again");
    assertEquals(429, throttled.status(), throttled.text());
    assertProblem(throttled, 429);
    var retryAfter = Long.parseLong(throttled.headers().firstValue("retry-after").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 300, "Retry-After " + retryAfter);
    // Even the right password waits: otherwise throttling would not slow down guessing.
    assertEquals(429, client.login(name, "password-1").status());
    // Another user from the same client is not locked out by someone else's failures.
    var other = TestClient.uniqueName("bystander");
    client.register(other, "password-1", "Y");
    assertEquals(201, client.login(other, "password-1").status());
  }

  @Test
  void plainHttpIsRedirectedToHttps() throws Exception {
    var request =
        HttpRequest.newBuilder(ChorusServer.http().resolve("index.html?x=1")).GET().build();
    var response = client.http().send(request, HttpResponse.BodyHandlers.discarding());
    assertEquals(301, response.statusCode());
    assertEquals(
        ChorusServer.https().resolve("index.html?x=1").toString(),
        response.headers().firstValue("location").orElseThrow());
    var page = client.get("index.html", null);
    assertEquals(200, page.status());
    assertTrue(
        page.headers()
            .firstValue("content-security-policy")
            .orElse("")
            .contains("script-src 'self'"));
  }

  @Test
  void readinessIsUpWithTheDatabaseCheck() {
    var ready = client.get("health/ready", null);
    assertEquals(200, ready.status(), ready.text());
    var json = ready.json();
    assertEquals("UP", json.getString("status"));
    var check =
        json.getJsonArray("checks").getValuesAs(jakarta.json.JsonObject.class).stream()
            .filter(c -> c.getString("name").equals("database"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no database check: " + ready.text()));
    assertEquals("UP", check.getString("status"));
  }
}
