package dev.chorus.it;

import static dev.chorus.it.AccountsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/admin/users}: every endpoint for an administrator, the refusal for everyone else, and
 * the effects (sockets closed, logins refused, rooms handed over or deleted, passwords reset,
 * administrators protected).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminUsersIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String USERS = "api/admin/users";

  private final TestClient client = new TestClient();
  private final String admin = client.adminToken();

  static String idOf(Users user) {
    return user.get("api/accounts/me").json().getString("id");
  }

  private TestClient.Reply as(String token, String method, String path, String body) {
    return client.send(method, path, body, token);
  }

  private JsonObject adminOk(String method, String path, String body, int status) {
    var reply = as(admin, method, path, body);
    assertEquals(status, reply.status(), method + " " + path + ": " + reply.text());
    return status == 204 ? null : reply.json();
  }

  private static void assertCode(TestClient.Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply.text());
    assertProblem(reply, status);
    assertEquals(code, reply.json().getString("code"), reply.text());
  }

  @Test
  void nonAdminsAreRefusedEveryEndpoint() {
    var user = Users.create(client, "plain");
    var id = idOf(user);
    String[][] calls = {
      {"GET", USERS, null},
      {"GET", USERS + "/" + id, null},
      {"POST", USERS, "{\"username\":\"x-y-z\",\"password\":\"password-1\",\"displayName\":\"X\"}"},
      {"POST", USERS + "/" + id + "/disable", null},
      {"POST", USERS + "/" + id + "/enable", null},
      {"DELETE", USERS + "/" + id, null},
      {"POST", USERS + "/" + id + "/password", "{\"password\":\"password-2\"}"},
      {"DELETE", USERS + "/" + id + "/sessions", null},
      {"PUT", USERS + "/" + id + "/admin", null},
      {"DELETE", USERS + "/" + id + "/admin", null},
      {"GET", "api/admin/audit", null}
    };
    for (var call : calls) {
      var refused = as(user.token(), call[0], call[1], call[2]);
      assertEquals(403, refused.status(), call[0] + " " + call[1] + ": " + refused.text());
      assertProblem(refused, 403);
      assertTrue(refused.json().getString("detail").contains("administrators"), refused.text());
      assertEquals(401, as(null, call[0], call[1], call[2]).status(), call[1]);
    }
    assertEquals(200, user.get("api/accounts/me").status(), "nothing happened to the caller");
  }

  @Test
  void listSearchPageAndGet() {
    var tag = TestClient.uniqueName("lst");
    var a = Users.create(client, tag + "-a", "Ada Searchable");
    var b = Users.create(client, tag + "-b");
    Users.create(client, tag + "-c");
    var first = adminOk("GET", USERS + "?q=" + tag + "&limit=2", null, 200);
    var items = first.getJsonArray("items");
    assertEquals(2, items.size());
    assertEquals(a.username(), items.getJsonObject(0).getString("username"));
    assertEquals(b.username(), items.getJsonObject(1).getString("username"));
    var view = items.getJsonObject(0);
    assertEquals("local", view.getString("origin"));
    assertFalse(view.getBoolean("admin"));
    assertFalse(view.getBoolean("disabled"));
    assertNotNull(view.getString("createdAt"));
    assertFalse(view.containsKey("passwordHash"));
    var next = first.getString("nextCursor");
    var second = adminOk("GET", USERS + "?q=" + tag + "&limit=2&cursor=" + next, null, 200);
    assertEquals(1, second.getJsonArray("items").size());
    assertTrue(second.isNull("nextCursor"));

    try (var tab = a.tab()) {
      var one = adminOk("GET", USERS + "/" + idOf(a), null, 200);
      assertEquals("Ada Searchable", one.getString("displayName"));
      assertTrue(one.getBoolean("online"), one.toString());
      assertFalse(tab.isClosed());
    }
    var byDisplayName = adminOk("GET", USERS + "?q=searchable", null, 200).getJsonArray("items");
    assertTrue(
        byDisplayName.stream()
            .anyMatch(u -> u.asJsonObject().getString("username").equals(a.username())));
    var admins = adminOk("GET", USERS + "?q=" + ChorusServer.ADMIN, null, 200);
    assertTrue(admins.getJsonArray("items").getJsonObject(0).getBoolean("admin"));

    assertCode(as(admin, "GET", USERS + "/no-such-id", null), 404, "not_found");
    assertCode(as(admin, "GET", USERS + "?cursor=***", null), 400, "bad_request");
    assertCode(as(admin, "GET", USERS + "?limit=abc", null), 400, "bad_request");
    assertCode(as(admin, "GET", USERS + "?limit=1000", null), 400, "bad_request");
  }

  @Test
  void createLocalAccountsOnBothPaths() {
    var name = TestClient.uniqueName("made");
    var body =
        Json.createObjectBuilder()
            .add("username", name)
            .add("password", "password-1")
            .add("displayName", "Made by admin")
            .build()
            .toString();
    var made = as(admin, "POST", USERS, body);
    assertEquals(201, made.status(), made.text());
    assertEquals(name, made.json().getString("username"));
    assertTrue(
        made.headers().firstValue("location").orElse("").endsWith(made.json().getString("id")));
    assertEquals(201, client.login(name, "password-1").status());
    assertCode(as(admin, "POST", USERS, body), 409, "conflict");
    assertEquals(400, as(admin, "POST", USERS, "{\"username\":\"x\"}").status());
    assertEquals(400, as(admin, "POST", USERS, "not json").status());

    var old = TestClient.uniqueName("made-old");
    var viaOldPath = as(admin, "POST", "api/admin/accounts", body.replace(name, old));
    assertEquals(201, viaOldPath.status(), viaOldPath.text());
    assertEquals(old, viaOldPath.json().getString("username"));
  }

  @Test
  void disablingClosesTheOpenSocketAndRefusesLoginUntilEnabled() {
    var user = Users.create(client, "disabled");
    var id = idOf(user);
    try (var tab = user.tab()) {
      var view = adminOk("POST", USERS + "/" + id + "/disable", null, 200);
      assertTrue(view.getBoolean("disabled"));
      var closed = tab.awaitClose(WAIT);
      assertEquals(1008, closed.code(), closed.toString());
    }
    assertEquals(401, user.get("api/accounts/me").status(), "the old token is dead");
    assertCode(client.login(user.username(), "password-1"), 403, "account_disabled");
    assertEquals(401, client.login(user.username(), "wrong-password").status(), "no hint");
    try (var again = WsClient.connect(client, user.token())) {
      assertEquals(1008, again.awaitClose(WAIT).code());
    }
    assertTrue(adminOk("POST", USERS + "/" + id + "/disable", null, 200).getBoolean("disabled"));

    assertFalse(adminOk("POST", USERS + "/" + id + "/enable", null, 200).getBoolean("disabled"));
    assertEquals(201, client.login(user.username(), "password-1").status());
    assertCode(as(admin, "POST", USERS + "/nobody/disable", null), 404, "not_found");
    assertCode(as(admin, "POST", USERS + "/nobody/enable", null), 404, "not_found");
  }

  @Test
  void revokeSessionsLogsOutEverywhere() {
    var user = Users.create(client, "revoked");
    var second = client.login(user.username(), "password-1").json().getString("token");
    try (var tab = user.tab()) {
      var ended = adminOk("DELETE", USERS + "/" + idOf(user) + "/sessions", null, 200);
      assertEquals(2, ended.getInt("ended"));
      assertEquals(1008, tab.awaitClose(WAIT).code());
    }
    assertEquals(401, user.get("api/accounts/me").status());
    assertEquals(401, client.get("api/accounts/me", second).status());
    assertEquals(201, client.login(user.username(), "password-1").status(), "may log in again");
    assertCode(as(admin, "DELETE", USERS + "/nobody/sessions", null), 404, "not_found");
  }

  @Test
  void resetPasswordThenLogInWithTheNewOne() {
    var user = Users.create(client, "reset");
    var id = idOf(user);
    try (var tab = user.tab()) {
      adminOk("POST", USERS + "/" + id + "/password", "{\"password\":\"brand-new-pw\"}", 204);
      assertEquals(1008, tab.awaitClose(WAIT).code());
    }
    assertEquals(401, user.get("api/accounts/me").status());
    assertEquals(401, client.login(user.username(), "password-1").status());
    assertEquals(201, client.login(user.username(), "brand-new-pw").status());
    assertCode(
        as(admin, "POST", USERS + "/" + id + "/password", "{\"password\":\"short\"}"),
        400,
        "bad_request");
    assertCode(as(admin, "POST", USERS + "/" + id + "/password", null), 400, "bad_request");
    assertCode(
        as(admin, "POST", USERS + "/nobody/password", "{\"password\":\"brand-new-pw\"}"),
        404,
        "not_found");
  }

  @Test
  void grantAndRevokeAdminWithTheAdministratorsProtected() {
    var user = Users.create(client, "promoted");
    var id = idOf(user);
    assertEquals(403, user.get(USERS).status());
    assertTrue(adminOk("PUT", USERS + "/" + id + "/admin", null, 200).getBoolean("admin"));
    assertEquals(200, user.get(USERS).status(), "an admin now");

    var adminId = client.get("api/accounts/me", admin).json().getString("id");
    // The new admin cannot take away what the configuration grants, nor act on themselves.
    assertCode(
        as(user.token(), "DELETE", USERS + "/" + adminId + "/admin", null), 409, "admin_by_config");
    assertCode(
        as(user.token(), "DELETE", USERS + "/" + id + "/admin", null), 409, "cannot_change_self");
    assertCode(
        as(user.token(), "POST", USERS + "/" + id + "/disable", null), 409, "cannot_change_self");
    assertCode(as(user.token(), "DELETE", USERS + "/" + id, null), 409, "cannot_change_self");
    assertCode(
        as(admin, "DELETE", USERS + "/" + adminId + "/admin", null), 409, "cannot_change_self");
    assertCode(
        as(admin, "POST", USERS + "/" + adminId + "/disable", null), 409, "cannot_change_self");

    assertFalse(adminOk("DELETE", USERS + "/" + id + "/admin", null, 200).getBoolean("admin"));
    assertEquals(403, user.get(USERS).status(), "no longer an admin");
    assertCode(as(admin, "PUT", USERS + "/nobody/admin", null), 404, "not_found");
    assertCode(as(admin, "DELETE", USERS + "/nobody/admin", null), 404, "not_found");

    var offId = idOf(Users.create(client, "off"));
    adminOk("POST", USERS + "/" + offId + "/disable", null, 200);
    assertCode(as(admin, "PUT", USERS + "/" + offId + "/admin", null), 409, "account_disabled");
  }

  @Test
  void deleteKeepsMessagesHandsRoomsOverAndDeletesLonelyRooms() {
    var alice = Users.create(client, "doomed");
    var bob = Users.create(client, "heir");
    var aliceId = idOf(alice);
    var shared = Rooms.create(alice, "public", null).getString("id");
    var lonely = Rooms.create(alice, "public", null).getString("id");
    try (var aliceTab = alice.tab();
        var bobTab = bob.tab()) {
      assertEquals("room.entered", Rooms.enter(bobTab, shared).getString("type"));
      var ack = Users.send(aliceTab, bob.username(), "remember me", "m1");
      assertEquals("chat.ack", ack.getString("type"), ack.toString());

      adminOk("DELETE", USERS + "/" + aliceId, null, 204);
      assertEquals(1008, aliceTab.awaitClose(WAIT).code());
    }
    assertEquals(401, alice.get("api/accounts/me").status());
    assertEquals(401, client.login(alice.username(), "password-1").status(), "the name is gone");
    assertCode(as(admin, "GET", USERS + "/" + aliceId, null), 404, "not_found");
    assertEquals(
        0,
        adminOk("GET", USERS + "?q=" + alice.username(), null, 200).getJsonArray("items").size());
    assertCode(as(admin, "DELETE", USERS + "/" + aliceId, null), 404, "not_found");

    assertEquals("owner", bob.get("api/rooms/" + shared).json().getString("myRole"));
    assertEquals(404, bob.get("api/rooms/" + lonely).status(), "a room nobody else was in is gone");

    var conversations = bob.get("api/conversations").json().getJsonArray("items");
    var withDeleted =
        conversations.stream()
            .map(c -> c.asJsonObject())
            .filter(c -> c.getJsonObject("with").getString("id").equals(aliceId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("conversation kept: " + conversations));
    assertEquals("Deleted user", withDeleted.getJsonObject("with").getString("displayName"));
    assertEquals("remember me", withDeleted.getJsonObject("lastMessage").getString("text"));

    // The username can be registered again by someone new.
    assertEquals(201, client.register(alice.username(), "password-9", "New person").status());
  }
}
