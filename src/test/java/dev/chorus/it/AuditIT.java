package dev.chorus.it;

import static dev.chorus.it.AccountsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/admin/audit}: admin actions and security events appear with who, what, when and from
 * where; the filters and paging work; bad filters are 400; no password reaches the log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditIT {
  private final TestClient client = new TestClient();
  private final String admin = client.adminToken();

  private JsonObject audit(String query) {
    var reply = client.get("api/admin/audit?" + query, admin);
    assertEquals(200, reply.status(), reply.text());
    return reply.json();
  }

  private List<JsonObject> entries(String query) {
    return audit(query).getJsonArray("items").stream().map(v -> v.asJsonObject()).toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void adminActionsAreRecordedWithActorTargetAndAddress() {
    var since = Instant.now().minusSeconds(1);
    var user = Users.create(client, "audited");
    var id = AdminUsersIT.idOf(user);
    assertEquals(
        200, client.send("POST", "api/admin/users/" + id + "/disable", null, admin).status());
    assertEquals(
        200, client.send("POST", "api/admin/users/" + id + "/enable", null, admin).status());
    assertEquals(
        204,
        client
            .send(
                "POST",
                "api/admin/users/" + id + "/password",
                "{\"password\":\"secret-xyz-1\"}",
                admin)
            .status());

    var mine =
        entries("actor=" + ChorusServer.ADMIN + "&since=" + enc(since.toString()) + "&limit=200");
    var forUser =
        mine.stream().filter(e -> user.username().equals(e.getString("target", null))).toList();
    assertEquals(
        List.of("password.reset", "user.enabled", "user.disabled"),
        forUser.stream().map(e -> e.getString("action")).toList(),
        "newest first: " + forUser);
    var disabled = forUser.get(2);
    assertEquals(ChorusServer.ADMIN, disabled.getJsonObject("actor").getString("username"));
    assertNotNull(disabled.getJsonObject("actor").getString("id"));
    assertFalse(disabled.getString("address").isBlank(), "from where: " + disabled);
    assertTrue(Instant.parse(disabled.getString("at")).isAfter(since));
    var page = client.get("api/admin/audit?limit=200", admin).text();
    assertFalse(page.contains("secret-xyz-1"), "no password in the audit log");
    assertFalse(page.contains(admin), "no token in the audit log");

    var invite = client.send("POST", "api/admin/invites", "{}", admin);
    assertEquals(201, invite.status(), invite.text());
    var invites = entries("action=invite.created&since=" + enc(since.toString()));
    assertEquals(1, invites.size(), invites.toString());
    assertFalse(
        invites.toString().contains(invite.json().getString("code")), "never the invite code");

    var byAction = entries("action=user.disabled&limit=200");
    assertTrue(byAction.stream().allMatch(e -> e.getString("action").equals("user.disabled")));
    assertTrue(
        byAction.stream().anyMatch(e -> user.username().equals(e.getString("target", null))));
    var byPrefix = entries("action=user.&since=" + enc(since.toString()) + "&limit=200");
    assertTrue(byPrefix.stream().allMatch(e -> e.getString("action").startsWith("user.")));
    assertTrue(byPrefix.stream().anyMatch(e -> e.getString("action").equals("user.enabled")));
    assertTrue(entries("since=" + enc(Instant.now().plusSeconds(3600).toString())).isEmpty());
    assertTrue(
        entries("until=" + enc(since.minusSeconds(3600 * 24 * 365 * 50L).toString())).isEmpty());
  }

  @Test
  void loginsFailuresAndThrottlingAreSecurityEvents() {
    var user = Users.create(client, "logins");
    var ghost = TestClient.uniqueName("ghost");
    assertEquals(401, client.login(ghost, "not-the-password").status());
    assertEquals(401, client.login(user.username(), "wrong-password").status());

    var failed = entries("action=login.failed&limit=50");
    var unknown =
        failed.stream()
            .filter(e -> ghost.equals(e.getString("target", null)))
            .findFirst()
            .orElseThrow();
    assertTrue(unknown.isNull("actor"), "an unknown name has no actor: " + unknown);
    assertFalse(unknown.getString("address").isBlank());
    assertFalse(unknown.toString().contains("not-the-password"));
    assertTrue(failed.stream().anyMatch(e -> user.username().equals(e.getString("target", null))));

    var ok = entries("action=login.ok&actor=" + user.username());
    assertEquals(1, ok.size(), "the login of Users.create: " + ok);
    assertEquals(user.username(), ok.get(0).getJsonObject("actor").getString("username"));

    var change =
        Json.createObjectBuilder()
            .add("currentPassword", "password-1")
            .add("newPassword", "password-2")
            .build();
    var changed = client.send("PUT", "api/accounts/me/password", change.toString(), user.token());
    assertTrue(changed.status() / 100 == 2, changed.text());
    assertEquals(1, entries("action=password.changed&actor=" + user.username()).size());
  }

  @Test
  void roomKicksAndBansAreRecorded() {
    var owner = Users.create(client, "mod");
    var other = Users.create(client, "kicked");
    var room = Rooms.create(owner, "public", null).getString("id");
    try (var tab = other.tab()) {
      Rooms.enter(tab, room);
      var kick =
          Json.createObjectBuilder()
              .add("username", other.username())
              .add("reason", "spam")
              .build();
      assertEquals(204, Rooms.post(owner, "api/rooms/" + room + "/kicks", kick).status());
      assertEquals(204, Rooms.post(owner, "api/rooms/" + room + "/bans", kick).status());
    }
    var byOwner = entries("actor=" + owner.username());
    var actions = byOwner.stream().map(e -> e.getString("action")).toList();
    assertTrue(actions.containsAll(List.of("room.kicked", "room.banned")), actions.toString());
    var kicked =
        byOwner.stream()
            .filter(e -> e.getString("action").equals("room.kicked"))
            .findFirst()
            .orElseThrow();
    assertTrue(kicked.getString("target").contains(other.username()), kicked.toString());
    assertTrue(kicked.getString("detail").contains("spam"), kicked.toString());
    assertFalse(kicked.isNull("address"), "from where: " + kicked);
  }

  @Test
  void pagingWithTheCursorWalksBackwardsWithoutRepeats() {
    for (int i = 0; i < 3; i++) {
      client.login(TestClient.uniqueName("pager"), "nope-nope");
    }
    var first = audit("limit=2");
    assertEquals(2, first.getJsonArray("items").size());
    var cursor = first.getString("nextCursor");
    var second = audit("limit=2&cursor=" + cursor);
    var firstIds =
        first.getJsonArray("items").stream().map(v -> v.asJsonObject().getInt("id")).toList();
    var secondIds =
        second.getJsonArray("items").stream().map(v -> v.asJsonObject().getInt("id")).toList();
    assertTrue(firstIds.get(0) > firstIds.get(1), "newest first: " + firstIds);
    assertTrue(firstIds.get(1) > secondIds.get(0), firstIds + " then " + secondIds);
  }

  @Test
  void badFiltersAreRefusedAndNonAdminsToo() {
    for (var bad :
        List.of(
            "cursor=abc",
            "cursor=-5",
            "since=yesterday",
            "until=2026-13-01",
            "limit=0",
            "limit=x",
            "action=User%20Disabled",
            "since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z")) {
      var reply = client.get("api/admin/audit?" + bad, admin);
      assertEquals(400, reply.status(), bad + ": " + reply.text());
      assertProblem(reply, 400);
    }
    var user = Users.create(client, "nosy");
    assertEquals(403, user.get("api/admin/audit").status());
    assertEquals(401, client.get("api/admin/audit", null).status());
  }
}
