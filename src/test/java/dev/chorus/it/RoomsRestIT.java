package dev.chorus.it;

import static dev.chorus.it.AccountsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rooms REST contract: create, validate, list and search, visibility, settings, delete. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomsRestIT {

  private final TestClient client = new TestClient();

  @Test
  void createMakesTheCallerOwnerAndNamesAreUniqueWhateverTheCase() {
    var alice = Users.create(client, "rc");
    var name = "Design " + TestClient.uniqueName("x");
    var created =
        Rooms.post(
            alice,
            "api/rooms",
            Json.createObjectBuilder()
                .add("name", "  " + name + " ")
                .add("topic", "Pixels")
                .add("visibility", "public")
                .build());
    assertEquals(201, created.status(), created.text());
    var room = created.json();
    assertEquals(name, room.getString("name"));
    assertEquals("owner", room.getString("myRole"));
    assertEquals("public", room.getString("visibility"));
    assertFalse(room.getBoolean("hasPassword"));
    assertEquals(1, room.getInt("memberCount"));
    var dup =
        Rooms.post(
            alice, "api/rooms", Json.createObjectBuilder().add("name", name.toUpperCase()).build());
    assertEquals(409, dup.status());
    assertProblem(dup, 409);
    assertEquals(200, alice.get("api/rooms/" + room.getString("id")).status());
  }

  @Test
  void invalidSettingsAreReportedPerField() {
    var alice = Users.create(client, "rv");
    var bad =
        Rooms.post(
            alice,
            "api/rooms",
            Json.createObjectBuilder()
                .add("name", "x")
                .add("topic", "t".repeat(201))
                .add("visibility", "secret")
                .build());
    assertEquals(400, bad.status());
    assertProblem(bad, 400);
    var fields =
        bad.json().getJsonArray("errors").stream()
            .map(v -> v.asJsonObject().getString("field"))
            .sorted()
            .collect(Collectors.joining(","));
    assertEquals("name,topic,visibility", fields);
    assertEquals(
        400,
        Rooms.post(alice, "api/rooms", Json.createObjectBuilder().add("name", "<script>").build())
            .status());
    assertEquals(401, client.send("POST", "api/rooms", "{}", null).status());
  }

  @Test
  void privateRoomsAreSeenOnlyByMembersAndInviteesAndSearchFindsNameOrTopic() {
    var alice = Users.create(client, "rp");
    var bob = Users.create(client, "rpb");
    var tag = TestClient.uniqueName("zz");
    var pub =
        Rooms.post(
                alice,
                "api/rooms",
                Json.createObjectBuilder()
                    .add("name", "Open " + tag)
                    .add("topic", "everyone")
                    .build())
            .json();
    var priv =
        Rooms.post(
                alice,
                "api/rooms",
                Json.createObjectBuilder()
                    .add("name", "Secret " + tag)
                    .add("topic", "few")
                    .add("visibility", "private")
                    .build())
            .json();
    var forBob = bob.get("api/rooms?q=" + tag).json().getJsonArray("items");
    assertEquals(1, forBob.size());
    assertEquals(pub.getString("id"), forBob.getJsonObject(0).getString("id"));
    assertEquals(2, alice.get("api/rooms?q=" + tag).json().getJsonArray("items").size());
    assertEquals(404, bob.get("api/rooms/" + priv.getString("id")).status());
    assertEquals(404, bob.get("api/rooms/" + priv.getString("id") + "/messages").status());
    assertEquals(404, bob.get("api/rooms/" + priv.getString("id") + "/members").status());
    // Topic words match too.
    assertTrue(
        alice.get("api/rooms?q=EVERYONE").json().getJsonArray("items").stream()
            .anyMatch(r -> r.asJsonObject().getString("id").equals(pub.getString("id"))));

    var invite =
        Rooms.post(
            alice,
            "api/rooms/" + priv.getString("id") + "/invites",
            Json.createObjectBuilder().add("username", bob.username()).build());
    assertEquals(204, invite.status(), invite.text());
    assertEquals(2, bob.get("api/rooms?q=" + tag).json().getJsonArray("items").size());
    assertEquals(200, bob.get("api/rooms/" + priv.getString("id")).status());
  }

  @Test
  void pagingWithCursor() {
    var alice = Users.create(client, "rpg");
    var tag = TestClient.uniqueName("pg");
    for (int i = 0; i < 3; i++) {
      Rooms.post(
          alice, "api/rooms", Json.createObjectBuilder().add("name", "P" + i + " " + tag).build());
    }
    var first = alice.get("api/rooms?q=" + tag + "&limit=2").json();
    assertEquals(2, first.getJsonArray("items").size());
    var second =
        alice.get("api/rooms?q=" + tag + "&limit=2&cursor=" + first.getString("nextCursor")).json();
    assertEquals(1, second.getJsonArray("items").size());
    assertEquals("P2 " + tag, second.getJsonArray("items").getJsonObject(0).getString("name"));
    assertTrue(second.isNull("nextCursor"));
    assertEquals(400, alice.get("api/rooms?limit=0").status());
  }

  @Test
  void onlyModeratorsChangeSettingsAndOnlyTheOwnerDeletes() {
    var alice = Users.create(client, "ro");
    var bob = Users.create(client, "rob");
    var room = Rooms.create(alice, "public", null);
    var id = room.getString("id");
    try (var b = bob.tab()) {
      Rooms.enter(b, id);
    }
    var refused =
        bob.client().send("PATCH", "api/rooms/" + id, "{\"topic\":\"mine now\"}", bob.token());
    assertEquals(403, refused.status());
    assertProblem(refused, 403);
    assertTrue(refused.json().getString("detail").contains("owner or an admin"));
    var changed =
        alice
            .client()
            .send(
                "PATCH",
                "api/rooms/" + id,
                "{\"topic\":\"New topic\",\"password\":\"s3cret\"}",
                alice.token());
    assertEquals(200, changed.status(), changed.text());
    assertEquals("New topic", changed.json().getString("topic"));
    assertTrue(changed.json().getBoolean("hasPassword"));
    assertEquals(403, bob.client().delete("api/rooms/" + id, bob.token()).status());
    assertEquals(204, alice.client().delete("api/rooms/" + id, alice.token()).status());
    assertEquals(404, alice.get("api/rooms/" + id).status());
  }
}
