package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.OpenApiCoverage;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the server-matrix tests (Payara Server, WildFly) check with real browsers on a Chorus that
 * an operator's scripts deployed: two people log in through the page, write to each other, enter a
 * room, show, and each decodes the other's video and receives their audio through the SFU (the
 * selected candidate pair goes to that server's media port); after a restart of the server their
 * accounts, sessions, messages and the room are still there.
 */
public final class AppServerChecks {
  private static final String PASSWORD = "password-1";

  private AppServerChecks() {}

  /** A deployed Chorus: its HTTPS address and its SFU's UDP and ICE-TCP ports. */
  public record Target(String name, URI https, int udpPort, int tcpPort) {}

  /** What the browsers left on the server, to look for after a restart. */
  public record Left(
      Users alice, Users bob, List<String> messages, String roomId, String roomName) {}

  /**
   * Login, direct messages both ways and a room with both people showing, in two Chromiums (closed
   * again whatever happens).
   */
  public static Left loginChatAndRoomMedia(Target target) {
    var rest = new TestClient(target.https());
    var alice = Users.create(rest, "alice");
    var bob = Users.create(rest, "bob");
    var toBob = "Hello Bob, from " + target.name();
    var toAlice = "Hello Alice, on " + target.name();
    try (var browserA = new Browser();
        var browserB = new Browser()) {
      // Login through the page's form: the page, its modules and the socket come from this server.
      browserA.logInThroughForm(target.https(), alice.username(), PASSWORD);
      browserB.logInThroughForm(target.https(), bob.username(), PASSWORD);
      browserA.awaitText("connection-state", "Connected");

      var a = new ChatPage(browserA);
      var b = new ChatPage(browserB);
      a.awaitOnline(bob.username());
      a.openFromOnlineList(bob.username());
      a.send(toBob);
      a.awaitMessage(toBob);
      b.awaitUnread(alice.username(), "1");
      b.openFromConversationList(alice.username());
      b.awaitMessage(toBob);
      b.send(toAlice);
      a.awaitMessage(toAlice);
      a.awaitState(toBob, "read");

      var roomName = TestClient.uniqueName("matrix");
      var roomId = RoomMediaChecks.createRoom(rest, alice, roomName);
      var roomA = RoomMediaChecks.open(browserA, roomId, roomName);
      var roomB = RoomMediaChecks.open(browserB, roomId, roomName);
      browserA.click("show-button");
      browserB.click("show-button");
      RoomMediaChecks.assertEveryoneSeesEveryone(
          Map.of(alice.username(), roomA, bob.username(), roomB),
          target.udpPort(),
          target.tcpPort());
      return new Left(alice, bob, List.of(toBob, toAlice), roomId, roomName);
    }
  }

  /**
   * The configuration that makes a Chorus offer single sign-on with the run's shared Keycloak
   * ({@link #singleSignOn} signs in with it).
   */
  public static Map<String, String> singleSignOnSettings() {
    return Map.of(
        "chorus.auth.oidc.issuer", Keycloak.sharedIssuer().toString(),
        "chorus.auth.oidc.client-id", "chorus",
        "chorus.auth.oidc.label", "Sign in with Keycloak");
  }

  /**
   * Chromium clicks "Sign in with Keycloak", signs in on Keycloak's page and lands in Chorus logged
   * in, with an account of origin {@code oidc} made from the ID token.
   */
  public static void singleSignOn(Target target) {
    Keycloak.shared().join();
    var rest = new TestClient(target.https());
    try (var browser = new Browser()) {
      browser.open(target.https().toString());
      browser.click("sso-button");
      Keycloak.signIn(browser, "oidc-bob", "bob-secret-1");
      browser.awaitText("user-name", "Bob Keycloak");
      var token = (String) browser.script("return localStorage.getItem('chorus.token')");
      var me = rest.get("api/accounts/me", token);
      assertEquals(200, me.status(), me.text());
      assertEquals("oidc-bob", me.json().getString("username"));
      assertEquals("oidc", me.json().getString("origin"));
    }
  }

  /**
   * After a restart: both can log in with their passwords, a token issued before the restart still
   * works, the conversation holds both messages and the room is still listed.
   */
  public static void keptAfterRestart(Target target, Left left) {
    var rest = new TestClient(target.https());
    for (var user : List.of(left.alice(), left.bob())) {
      var login = rest.login(user.username(), PASSWORD);
      assertEquals(201, login.status(), user.username() + ": " + login.text());
    }
    var me = rest.get("api/accounts/me", left.alice().token());
    assertEquals(200, me.status(), "a session from before the restart: " + me.text());
    assertEquals(left.alice().displayName(), me.json().getString("displayName"));

    var history =
        rest.get("api/conversations/" + left.bob().username() + "/messages", left.alice().token());
    assertEquals(200, history.status(), history.text());
    var texts =
        history.json().getJsonArray("items").stream()
            .map(m -> m.asJsonObject().getString("text"))
            .toList();
    assertTrue(texts.containsAll(left.messages()), "messages kept: " + texts);

    var room = rest.get("api/rooms/" + left.roomId(), left.bob().token());
    assertEquals(200, room.status(), room.text());
    assertEquals(left.roomName(), room.json().getString("name"));
  }

  /**
   * {@code /openapi} is served by this server's MicroProfile OpenAPI and describes every resource
   * method with its errors, as OpenApiIT checks on Payara Micro (one request: cheap).
   */
  public static void openApiDescribesEveryEndpoint(Target target) {
    var rest = new TestClient(target.https());
    var doc = OpenApiCoverage.parse(OpenApiCoverage.fetch(rest.http(), target.https()));
    var gaps = OpenApiCoverage.gaps(doc, OpenApiCoverage.endpoints());
    assertTrue(gaps.isEmpty(), target.name() + ":\n" + String.join("\n", gaps));
  }
}
