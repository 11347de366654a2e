package dev.chorus.it;

import static dev.chorus.it.AccountsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/rooms/{id}/stream-keys}: only the owner creates keys, the secret is in the creation's
 * answer and nowhere else, owner and admins list and revoke, a room has at most 20 live keys, and
 * each creation and revocation is audited without the secret. End to end with WHIP: a publish key
 * publishes into its own room only, a view key never publishes but plays, and revoking a key ends
 * its live stream or its players and refuses it from then on (401, audited as rejected).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StreamKeysIT {
  private final TestClient client = new TestClient();

  static String keys(String roomId) {
    return "api/rooms/" + roomId + "/stream-keys";
  }

  static TestClient.Reply create(Users user, String roomId, String name, String purpose) {
    var b = Json.createObjectBuilder().add("name", name);
    if (purpose != null) {
      b.add("purpose", purpose);
    }
    return user.client().send("POST", keys(roomId), b.build().toString(), user.token());
  }

  /** A new publish key of the room, made by its owner: {key, secret, whipUrl}. */
  static JsonObject publishKey(Users owner, String roomId, String name) {
    var reply = create(owner, roomId, name, "publish");
    assertEquals(201, reply.status(), reply.text());
    return reply.json();
  }

  private static List<JsonObject> list(Users user, String roomId) {
    var reply = user.get(keys(roomId));
    assertEquals(200, reply.status(), reply.text());
    return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }

  @Test
  void theOwnerCreatesKeysWhoseSecretIsShownOnce() {
    var owner = Users.create(client, "keyowner");
    var roomId = Rooms.create(owner, "public", null).getString("id");

    var reply = create(owner, roomId, "  OBS in the studio ", null);
    assertEquals(201, reply.status(), reply.text());
    var created = reply.json();
    var key = created.getJsonObject("key");
    var secret = created.getString("secret");
    assertTrue(secret.matches("csk_[A-Za-z0-9_-]{43}"), secret);
    assertEquals("OBS in the studio", key.getString("name"));
    assertEquals("publish", key.getString("purpose"), "publish by default");
    assertEquals(roomId, key.getString("roomId"));
    assertEquals(owner.username(), key.getJsonObject("createdBy").getString("username"));
    assertTrue(key.isNull("lastUsedAt"), "never used: " + key);
    assertTrue(
        created.getString("whipUrl").endsWith("/api/rooms/" + roomId + "/whip"),
        created.toString());
    assertTrue(created.getString("whipUrl").startsWith("https://"), created.toString());
    assertTrue(reply.headers().firstValue("location").orElseThrow().endsWith(key.getString("id")));

    var view = create(owner, roomId, "Intranet player", "view");
    assertEquals(201, view.status(), view.text());
    assertEquals("view", view.json().getJsonObject("key").getString("purpose"));
    assertTrue(view.json().isNull("whipUrl"), "a view key publishes nowhere: " + view.text());
    var viewSecret = view.json().getString("secret");
    assertNotEquals(secret, viewSecret);

    var listed = owner.get(keys(roomId));
    assertEquals(200, listed.status(), listed.text());
    var items = listed.json().getJsonArray("items").getValuesAs(JsonObject.class);
    assertEquals(
        List.of("OBS in the studio", "Intranet player"),
        items.stream().map(k -> k.getString("name")).toList(),
        "oldest first");
    assertFalse(listed.text().contains(secret), "never the secret again");
    assertFalse(listed.text().contains(viewSecret));
    assertFalse(listed.text().contains(secret.substring(4)));
    assertTrue(items.stream().noneMatch(k -> k.containsKey("secret")), listed.text());
  }

  @Test
  void onlyTheOwnerCreatesAndAdminsListAndRevoke() {
    var owner = Users.create(client, "keyowner");
    var member = Users.create(client, "keymember");
    var stranger = Users.create(client, "keystranger");
    var roomId = Rooms.create(owner, "public", null).getString("id");
    var privateId = Rooms.create(owner, "private", null).getString("id");
    var keyId = publishKey(owner, roomId, "OBS").getJsonObject("key").getString("id");
    try (var tab = member.tab()) {
      assertEquals("room.entered", Rooms.enter(tab, roomId).getString("type"));
    }

    for (var user : List.of(member, stranger)) {
      var refused = create(user, roomId, "Mine", null);
      assertEquals(403, refused.status(), refused.text());
      assertProblem(refused, 403);
      assertEquals(403, user.get(keys(roomId)).status());
      assertEquals(403, user.client().delete(keys(roomId) + "/" + keyId, user.token()).status());
    }
    var hidden = create(stranger, privateId, "Mine", null);
    assertEquals(404, hidden.status(), "a private room one cannot see does not exist");
    assertEquals(404, stranger.get(keys(privateId)).status());
    assertEquals(401, client.get(keys(roomId), null).status());
    assertEquals(401, client.send("POST", keys(roomId), "{\"name\":\"x\"}", null).status());
    assertEquals(404, create(owner, "no-such-room", "OBS", null).status());

    var promote =
        client.send(
            "PUT",
            "api/rooms/" + roomId + "/members/" + member.username() + "/role",
            "{\"role\":\"admin\"}",
            owner.token());
    assertEquals(200, promote.status(), promote.text());
    assertEquals(
        List.of("OBS"), list(member, roomId).stream().map(k -> k.getString("name")).toList());
    assertEquals(403, create(member, roomId, "Mine", null).status(), "creating is the owner's");
    assertEquals(204, client.delete(keys(roomId) + "/" + keyId, member.token()).status());
    assertEquals(List.of(), list(owner, roomId), "revoked keys leave the list");
    assertEquals(404, client.delete(keys(roomId) + "/" + keyId, owner.token()).status());
  }

  @Test
  void badNamesAndPurposesAreRefusedByField() {
    var owner = Users.create(client, "keyowner");
    var roomId = Rooms.create(owner, "public", null).getString("id");
    for (var name : List.of("", "   ", "x".repeat(41))) {
      var reply = create(owner, roomId, name, null);
      assertEquals(400, reply.status(), reply.text());
      assertEquals("name", reply.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
    var purpose = create(owner, roomId, "OBS", "admin");
    assertEquals(400, purpose.status(), purpose.text());
    assertEquals(
        "purpose", purpose.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(400, client.send("POST", keys(roomId), null, owner.token()).status());
    assertEquals(List.of(), list(owner, roomId));
  }

  @Test
  void aRoomHasAtMost20LiveKeysAndARevocationFreesASlot() {
    var owner = Users.create(client, "keyowner");
    var roomId = Rooms.create(owner, "public", null).getString("id");
    var otherRoom = Rooms.create(owner, "public", null).getString("id");
    var ids = new ArrayList<String>();
    for (int i = 0; i < 20; i++) {
      ids.add(publishKey(owner, roomId, "Key " + i).getJsonObject("key").getString("id"));
    }
    var full = create(owner, roomId, "One too many", null);
    assertEquals(409, full.status(), full.text());
    assertProblem(full, 409);
    assertEquals("too_many_keys", full.json().getString("code"));
    assertEquals(20, list(owner, roomId).size());

    assertEquals(
        404,
        client.delete(keys(otherRoom) + "/" + ids.get(0), owner.token()).status(),
        "a key is revoked in its own room only");
    assertEquals(204, client.delete(keys(roomId) + "/" + ids.get(0), owner.token()).status());
    assertEquals(201, create(owner, roomId, "In the freed slot", null).status());
    assertEquals(409, create(owner, roomId, "Full again", null).status());
    assertEquals(201, create(owner, otherRoom, "Another room's own", null).status());
  }

  @Test
  void creationAndRevocationAreAuditedWithoutTheSecret() {
    var since = Instant.now().minusSeconds(1);
    var owner = Users.create(client, "keyaudit");
    var roomId = Rooms.create(owner, "public", null).getString("id");
    var created = publishKey(owner, roomId, "Audited key");
    var keyId = created.getJsonObject("key").getString("id");
    assertEquals(204, client.delete(keys(roomId) + "/" + keyId, owner.token()).status());

    var admin = client.adminToken();
    var page =
        client.get(
            "api/admin/audit?actor="
                + owner.username()
                + "&action=stream_key.&since="
                + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8),
            admin);
    assertEquals(200, page.status(), page.text());
    var entries = page.json().getJsonArray("items").getValuesAs(JsonObject.class);
    assertEquals(
        List.of("stream_key.revoked", "stream_key.created"),
        entries.stream().map(e -> e.getString("action")).toList(),
        "newest first: " + entries);
    for (var e : entries) {
      assertEquals("room " + roomId, e.getString("target"));
      assertTrue(e.getString("detail").contains(keyId), e.toString());
      assertFalse(e.getString("address").isBlank(), e.toString());
    }
    assertFalse(page.text().contains(created.getString("secret").substring(4)), "no secret");
  }

  @Test
  void aPublishKeyPublishesIntoItsRoomOnlyAndRevokingItEndsTheStream() {
    var owner = Users.create(client, "keywhip");
    var roomId = Rooms.create(owner, "public", null).getString("id");
    var otherRoom = Rooms.create(owner, "public", null).getString("id");
    var publish = publishKey(owner, roomId, "Studio encoder");
    var secret = publish.getString("secret");
    var keyId = publish.getJsonObject("key").getString("id");
    var view = create(owner, roomId, "Intranet player", "view");
    assertEquals(201, view.status(), view.text());

    var elsewhere = whip(otherRoom, secret);
    assertEquals(403, elsewhere.status(), elsewhere.text());
    assertEquals("wrong_key", elsewhere.json().getString("code"));
    var viewing = whip(roomId, view.json().getString("secret"));
    assertEquals(403, viewing.status(), viewing.text());
    assertEquals("wrong_key", viewing.json().getString("code"));

    try (var tab = owner.tab()) {
      assertEquals("room.entered", Rooms.enter(tab, roomId).getString("type"));
      var created = whip(roomId, secret);
      assertEquals(201, created.status(), created.text());
      var location = created.headers().firstValue("location").orElseThrow();
      var joined =
          tab.next(
              m -> m.getString("type").equals("room.joined") && m.getBoolean("stream", false),
              Duration.ofSeconds(10));
      var streamUser = joined.getJsonObject("user");
      assertEquals("Studio encoder", streamUser.getString("displayName"), joined.toString());
      assertEquals(1, streamsOf(owner, roomId).size(), "the key's stream is listed");
      assertTrue(streamsOf(owner, otherRoom).isEmpty(), "and only in its room");
      var used = list(owner, roomId).get(0);
      assertFalse(used.isNull("lastUsedAt"), "marked used: " + used);

      // A view key plays the room's streams until it is revoked.
      var viewKey = view.json().getString("secret");
      var viewKeyId = view.json().getJsonObject("key").getString("id");
      var streamId = streamsOf(owner, roomId).get(0).getString("id");
      var whepUrl = client.base().resolve("api/rooms/" + roomId + "/streams/" + streamId + "/whep");
      var playing =
          sdpRequest("POST", whepUrl.toString(), SdpFixtures.chromiumWhepOffer(), viewKey);
      assertEquals(201, playing.status(), playing.text());
      assertEquals(1, streamsOf(owner, roomId).get(0).getInt("players"));
      assertEquals(204, client.delete(keys(roomId) + "/" + viewKeyId, owner.token()).status());
      assertEquals(0, streamsOf(owner, roomId).get(0).getInt("players"), "the player ended");
      var replay = sdpRequest("POST", whepUrl.toString(), SdpFixtures.chromiumWhepOffer(), viewKey);
      assertEquals(401, replay.status(), replay.text());

      assertEquals(204, client.delete(keys(roomId) + "/" + keyId, owner.token()).status());
      var left =
          tab.next(
              m ->
                  m.getString("type").equals("room.left")
                      && m.getJsonObject("user")
                          .getString("username")
                          .equals(streamUser.getString("username")),
              Duration.ofSeconds(10));
      assertEquals("stream_ended", left.getString("reason"), left.toString());
      assertTrue(streamsOf(owner, roomId).isEmpty(), "the revoked key's stream ended");
      assertEquals(
          401, sdpRequest("DELETE", location, null, secret).status(), "the key works nowhere");
    }

    var revoked = whip(roomId, secret);
    assertEquals(401, revoked.status(), revoked.text());
    assertEquals("unauthorized", revoked.json().getString("code"));
    assertTrue(revoked.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));
    var rejected =
        client.get("api/admin/audit?action=stream_key.rejected&limit=50", client.adminToken());
    assertTrue(
        rejected.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
            .anyMatch(
                e ->
                    ("room " + roomId).equals(e.getString("target", null))
                        && e.getString("detail").contains(keyId)
                        && !e.getString("address", "").isBlank()),
        rejected.text());
    assertFalse(rejected.text().contains(secret.substring(4)), "never the secret");
  }

  @Test
  void aDeletedRoomTakesItsKeysWithIt() {
    var owner = Users.create(client, "keydelete");
    var roomId = Rooms.create(owner, "public", null).getString("id");
    var secret = publishKey(owner, roomId, "Gone with the room").getString("secret");
    assertEquals(204, client.delete("api/rooms/" + roomId, owner.token()).status());
    var reply = whip(roomId, secret);
    assertEquals(401, reply.status(), "the key was deleted with its room: " + reply.text());
  }

  /** The room's streams, as its owner lists them. */
  private List<JsonObject> streamsOf(Users user, String roomId) {
    var reply = user.get("api/rooms/" + roomId + "/streams");
    assertEquals(200, reply.status(), reply.text());
    return Json.createReader(new java.io.StringReader(reply.text()))
        .readArray()
        .getValuesAs(JsonObject.class);
  }

  /** A WHIP POST of an OBS-like offer (libdatachannel: H.264 and Opus, sendonly). */
  private TestClient.Reply whip(String roomId, String bearer) {
    return sdpRequest(
        "POST",
        client.base().resolve("api/rooms/" + roomId + "/whip").toString(),
        SdpFixtures.obsWhipOffer(),
        bearer);
  }

  private TestClient.Reply sdpRequest(String method, String url, String sdp, String bearer) {
    var b =
        HttpRequest.newBuilder(java.net.URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + bearer);
    if (sdp != null) {
      b.header("Content-Type", "application/sdp");
      b.method(method, HttpRequest.BodyPublishers.ofString(sdp));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      var res = client.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new TestClient.Reply(res.statusCode(), res.headers(), res.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
