package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.PayaraProcess;
import dev.chorus.it.TestClient;
import jakarta.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Single sign-on against a real Keycloak: a person in Chromium clicks "Sign in with Keycloak",
 * types their password on Keycloak's own login page and lands in Chorus logged in; the account is
 * created on first sign-in and found again on the next; logout ends the Chorus session and, with
 * RP-initiated logout, the one at Keycloak; admin by group; a forged callback and an unknown
 * hand-off code are refused.
 *
 * <p>Its own Chorus (Payara Micro) starts while the run's shared Keycloak ({@link
 * Keycloak#shared()}) starts, so the two slow starts overlap, and the shared Arquillian server
 * keeps its configuration (no single sign-on).
 */
class OidcBrowserIT {
  private static PayaraProcess chorus;

  @BeforeAll
  static void startKeycloakAndChorus() {
    // One work folder, replaced by each run: Payara's runtime copy alone is ~220 MB.
    var work = Path.of("target", "it-oidc").toAbsolutePath();
    deleteTree(work);
    // Discovery is lazy (at the first sign-in), so Chorus starts while Keycloak does.
    chorus =
        PayaraProcess.start(
            work,
            Map.of(
                "chorus.db.url", "jdbc:h2:mem:oidc;DB_CLOSE_DELAY=-1",
                "chorus.auth.oidc.issuer", Keycloak.sharedIssuer().toString(),
                "chorus.auth.oidc.client-id", "chorus",
                "chorus.auth.oidc.label", "Sign in with Keycloak",
                "chorus.auth.oidc.admin-claim", "groups",
                "chorus.auth.oidc.admin-value", "chorus-admins",
                "chorus.auth.oidc.provider-logout", "true"));
    Keycloak.shared().join();
  }

  @AfterAll
  static void stop() {
    if (chorus != null) {
      chorus.close();
    }
  }

  @Test
  void signInThroughKeycloakAgainToTheSameAccountAndLogOut() {
    var rest = new TestClient(chorus.https());
    var providers = rest.get("api/auth/providers", null).json();
    assertEquals("Sign in with Keycloak", providers.getJsonObject("oidc").getString("label"));
    try (var browser = new Browser()) {
      browser.open(chorus.https().toString());
      assertEquals("Sign in with Keycloak", browser.visible("sso-button").getText());
      browser.click("sso-button");
      Keycloak.signIn(browser, "oidc-alice", "alice-secret-1");
      browser.awaitText("user-name", "Alice Keycloak");

      var token = (String) browser.script("return localStorage.getItem('chorus.token')");
      var me = rest.get("api/accounts/me", token);
      assertEquals(200, me.status(), me.text());
      assertEquals("oidc-alice", me.json().getString("username"));
      assertEquals("oidc", me.json().getString("origin"));
      var accountId = me.json().getString("id");
      // The session token was never in a URL: not in the address bar, not in any navigation.
      assertFalse(browser.driver().getCurrentUrl().contains("sso="), "the one-time code is gone");
      var urls = browser.script("return performance.getEntries().map(e => e.name).join(' ')");
      assertFalse(String.valueOf(urls).contains(token));
      // Keycloak's group chorus-admins (groups claim) makes her an administrator.
      var invite = rest.send("POST", "api/admin/invites", "{}", token);
      assertEquals(201, invite.status(), invite.text());

      // Logout ends the Chorus session, then (provider-logout=true) the one at Keycloak too.
      browser.click("logout");
      var confirm =
          browser.until(d -> d.findElements(By.id("kc-logout")).stream().findFirst().orElse(null));
      assertEquals(401, rest.get("api/accounts/me", token).status(), "logout ended the session");
      confirm.click();
      browser.visible("sso-button");
      assertFalse(browser.isShown("shell"));

      // Second sign-in: Keycloak asks for the password again, and it is the same account.
      browser.click("sso-button");
      Keycloak.signIn(browser, "oidc-alice", "alice-secret-1");
      browser.awaitText("user-name", "Alice Keycloak");
      var again = (String) browser.script("return localStorage.getItem('chorus.token')");
      assertFalse(token.equals(again), "a new session");
      assertEquals(accountId, rest.get("api/accounts/me", again).json().getString("id"));
    }
  }

  @Test
  void aForgedCallbackIsRefusedAndAUserOutsideTheAdminGroupIsNoAdmin() {
    var rest = new TestClient(chorus.https());
    try (var browser = new Browser()) {
      // A callback this browser never started (no state, no cookie) lands on the login page.
      browser.open(chorus.https() + "api/auth/oidc/callback?state=forged&code=stolen");
      assertEquals(
          "This sign-in link is invalid or was already used. Please start again.",
          browser.awaitSomeText("sso-error"));
      assertFalse(browser.isShown("shell"));

      browser.click("sso-button");
      Keycloak.signIn(browser, "oidc-bob", "bob-secret-1");
      browser.awaitText("user-name", "Bob Keycloak");
      var token = (String) browser.script("return localStorage.getItem('chorus.token')");
      assertEquals(403, rest.send("POST", "api/admin/invites", "{}", token).status());
      // SSO users have no Chorus password to check or change: the page says where it lives.
      browser.click("account-open");
      assertTrue(
          browser.visible("password-external").getText().contains("identity provider"),
          browser.visible("password-external").getText());
      assertFalse(browser.isShown("password-fields"), "no password form for an SSO user");
      browser.click("account-close");
      var change =
          rest.send(
              "PUT",
              "api/accounts/me/password",
              Json.createObjectBuilder()
                  .add("currentPassword", "bob-secret-1")
                  .add("newPassword", "another-one-1")
                  .build()
                  .toString(),
              token);
      assertEquals(403, change.status(), change.text());
      // Nor can they log in with a password at Chorus: the provider checks it, not Chorus.
      var login = rest.login("oidc-bob", "bob-secret-1");
      assertEquals(403, login.status(), login.text());
    }
    // A hand-off code that was never issued gets no session.
    var redeem =
        rest.send("POST", "api/auth/oidc/session", "{\"code\":\"" + "x".repeat(43) + "\"}", null);
    assertEquals(401, redeem.status(), redeem.text());
  }

  @Test
  void aUsernameTakenByALocalAccountIsNotLinkedAndThePageSaysWhy() {
    var rest = new TestClient(chorus.https());
    assertEquals(201, rest.register("oidc-carol", "password-1", "Local Carol").status());
    try (var browser = new Browser()) {
      browser.open(chorus.https().toString());
      browser.click("sso-button");
      Keycloak.signIn(browser, "oidc-carol", "carol-secret-1");
      var message = browser.awaitSomeText("sso-error");
      assertTrue(message.contains("already belongs to a local Chorus account"), message);
      assertFalse(browser.isShown("shell"));
    }
    // The local account is untouched and still logs in with its own password.
    assertEquals(201, rest.login("oidc-carol", "password-1").status());
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (var p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
