package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/accounts}: the registration contract, every error case included. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountsIT {

  private final TestClient client = new TestClient();

  @Test
  void registersAndReturnsTheAccountWithoutSecrets() {
    var name = TestClient.uniqueName("reg");
    var reply = client.register(name.toUpperCase(), "s3cret-pass", "  Ada Lovelace  ");
    assertEquals(201, reply.status(), reply.text());
    var json = reply.json();
    assertEquals(name, json.getString("username"), "stored lower-cased");
    assertEquals("Ada Lovelace", json.getString("displayName"), "trimmed");
    assertFalse(json.getString("id").isBlank());
    assertEquals("local", json.getString("origin"), "registered in Chorus, with a password");
    assertEquals(4, json.size(), "only id, username, displayName, origin: " + json);
    assertTrue(reply.headers().firstValue("location").orElseThrow().endsWith(json.getString("id")));
  }

  @Test
  void takenUsernameIsAConflictWhateverTheCase() {
    var name = TestClient.uniqueName("dup");
    assertEquals(201, client.register(name, "password-1", "First").status());
    var again = client.register(name.toUpperCase(), "password-2", "Second");
    assertEquals(409, again.status(), again.text());
    assertProblem(again, 409);
    assertTrue(again.json().getString("detail").contains("already taken"));
  }

  @Test
  void everyInvalidFieldIsReported() {
    var reply = client.register("ab", "short", "   ");
    assertEquals(400, reply.status());
    assertProblem(reply, 400);
    assertEquals("displayName,password,username", fields(reply.json()));
  }

  @Test
  void usernameRules() {
    assertEquals("username", fields(client.register("has space", "password-1", "X").json()));
    assertEquals("username", fields(client.register("é-accent", "password-1", "X").json()));
    assertEquals("username", fields(client.register("x".repeat(33), "password-1", "X").json()));
    assertEquals(201, client.register(TestClient.uniqueName("a.b_c"), "password-1", "X").status());
  }

  @Test
  void missingFieldsAndLongDisplayName() {
    var missing = client.register(null, null, null);
    assertEquals(400, missing.status());
    assertEquals("displayName,password,username", fields(missing.json()));
    var longName = client.register(TestClient.uniqueName("long"), "password-1", "n".repeat(65));
    assertEquals(400, longName.status());
    assertEquals("displayName", fields(longName.json()));
  }

  @Test
  void malformedJsonAndWrongMediaTypeAreClientErrors() {
    var broken = client.send("POST", "api/accounts", "{not json", null);
    assertEquals(400, broken.status(), broken.text());
    assertProblem(broken, 400);
    var empty = client.send("POST", "api/accounts", "", null);
    assertEquals(400, empty.status(), empty.text());
    assertProblem(empty, 400);
  }

  @Test
  void unknownPathsAndMethodsAnswerWithJsonProblems() {
    var missing = client.get("api/no-such-thing", null);
    assertEquals(404, missing.status());
    assertProblem(missing, 404);
    var method = client.send("PUT", "api/accounts", "{}", null);
    assertEquals(405, method.status());
    assertProblem(method, 405);
    // Outside the API too: the container's own error pages are JSON, never HTML.
    var noFile = client.get("no-such-file.html", null);
    assertEquals(404, noFile.status());
    assertProblem(noFile, 404);
  }

  @Test
  void adminUsernamesAreReservedAndTheAdminAccountExistsFromTheStart() {
    for (var claim : new String[] {ChorusServer.ADMIN, ChorusServer.ADMIN.toUpperCase()}) {
      var reply = client.register(claim, "password-1", "Not the admin");
      assertEquals(403, reply.status(), reply.text());
      assertProblem(reply, 403);
      assertTrue(reply.json().getString("detail").contains("reserved"), reply.text());
    }
    var me = client.get("api/accounts/me", client.adminToken());
    assertEquals(200, me.status(), me.text());
    assertEquals(ChorusServer.ADMIN, me.json().getString("username"));
  }

  @Test
  void adminsCreateAccountsOthersAreRefused() {
    var admin = client.adminToken();
    var name = TestClient.uniqueName("by-admin");
    var body =
        "{\"username\":\"" + name + "\",\"password\":\"password-1\",\"displayName\":\"Made\"}";
    var made = client.send("POST", "api/admin/accounts", body, admin);
    assertEquals(201, made.status(), made.text());
    assertEquals(name, made.json().getString("username"));
    assertEquals(201, client.login(name, "password-1").status());
    var again = client.send("POST", "api/admin/accounts", body, admin);
    assertEquals(409, again.status(), again.text());
    var bad = client.send("POST", "api/admin/accounts", "{\"username\":\"x\"}", admin);
    assertEquals(400, bad.status(), bad.text());

    var user = client.newUserToken("not-admin");
    var other = body.replace(name, TestClient.uniqueName("by-user"));
    var refused = client.send("POST", "api/admin/accounts", other, user);
    assertEquals(403, refused.status(), refused.text());
    assertProblem(refused, 403);
    assertEquals(401, client.send("POST", "api/admin/accounts", other, null).status());
    assertEquals(403, client.send("POST", "api/admin/invites", "{}", user).status());
  }

  @Test
  void inOpenModeAnInviteIsNotNeededButAdminsCanMakeThem() {
    var invite = client.send("POST", "api/admin/invites", "{}", client.adminToken());
    assertEquals(201, invite.status(), invite.text());
    assertEquals(43, invite.json().getString("code").length(), invite.text());
    var name = TestClient.uniqueName("no-invite");
    assertEquals(201, client.register(name, "password-1", "Open door").status());
  }

  static void assertProblem(TestClient.Reply reply, int status) {
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    var json = reply.json();
    assertEquals(status, json.getInt("status"));
    assertFalse(json.getString("title").isBlank());
    assertFalse(json.getString("detail").isBlank());
    assertFalse(reply.text().contains("Exception"), "no internals leak: " + reply.text());
  }

  private static String fields(JsonObject problem) {
    return problem.getJsonArray("errors").stream()
        .map(v -> v.asJsonObject().getString("field"))
        .sorted()
        .collect(Collectors.joining(","));
  }
}
