package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Broadcast rooms over real sockets: a viewer may not show or publish; a raised hand reaches the
 * owner, who invites the viewer on stage, who then shows and publishes; off stage they are unshown;
 * presenters over REST; and with {@value #VIEWERS} viewer sockets the stage hears no join per
 * viewer but a few coalesced counts, and a newcomer gets the collapsed list.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BroadcastRoomIT {
  static final int VIEWERS = 150;

  private final TestClient client = new TestClient();

  @Test
  void aViewerRaisesAHandIsInvitedOnStageShowsAndPublishesAndIsUnshownOffStage() {
    var owner = Users.create(client, "bo");
    var viewer = Users.create(client, "bv");
    var id = broadcastRoom(owner);
    var offer =
        Json.createObjectBuilder().add("sdp", SdpFixtures.chromiumOfferWithoutCandidates()).build();
    try (var o = owner.tab();
        var v = viewer.tab()) {
      Rooms.enter(o, id);
      var entered = Rooms.enter(v, id);
      assertEquals("broadcast", entered.getJsonObject("room").getString("mode"));
      assertEquals(1, entered.getInt("viewerCount"), entered.toString());

      // A viewer neither shows nor publishes.
      assertEquals("not_presenter", code(Rooms.request(v, "room.show", id, empty())));
      assertEquals("not_showing", code(Rooms.request(v, "room.media.publish", id, offer)));
      // The owner may: no hand for them.
      assertEquals("on_stage", code(hand(o, id, true)));

      assertEquals("ack", hand(v, id, true).getString("type"));
      var raised = o.nextOfType("room.hand");
      assertEquals(viewer.username(), raised.getJsonObject("user").getString("username"));
      assertTrue(raised.getBoolean("raised"));

      // Only moderators and presenters invite.
      assertEquals("forbidden", code(stage(v, id, owner.username(), true)));
      // (The owner's request skips the pushes before its answer: the viewer's tab shows them.)
      assertEquals("ack", stage(o, id, viewer.username(), true).getString("type"));
      assertFalse(v.nextOfType("room.hand").getBoolean("raised"), "the hand went down");
      var onStage = v.nextOfType("room.stage");
      assertTrue(onStage.getBoolean("onStage"));
      assertEquals(viewer.username(), onStage.getJsonObject("user").getString("username"));
      var invited = v.nextOfType("room.stage.invited");
      assertEquals(owner.username(), invited.getJsonObject("by").getString("username"));

      assertEquals("ack", Rooms.request(v, "room.show", id, empty()).getString("type"));
      var published = Rooms.request(v, "room.media.publish", id, offer);
      assertEquals("room.media.published", published.getString("type"), published.toString());
      assertEquals(
          viewer.username(),
          o.nextOfType("room.shown").getJsonObject("user").getString("username"));

      // Off stage: unshown (and their media with it).
      assertEquals("ack", stage(o, id, viewer.username(), false).getString("type"));
      assertFalse(v.nextOfType("room.stage").getBoolean("onStage"));
      assertEquals(
          viewer.username(),
          v.nextOfType("room.unshown").getJsonObject("user").getString("username"));
      assertEquals("not_presenter", code(Rooms.request(v, "room.show", id, empty())));
    }
  }

  @Test
  void whipIntoABroadcastRoomOnlyFromThoseWhoMayShow() {
    var owner = Users.create(client, "wo");
    var viewer = Users.create(client, "wv");
    var id = broadcastRoom(owner);
    var endpoint = "api/rooms/" + id + "/whip";

    var refused = WhipContractIT.post(client, endpoint, SdpFixtures.obsWhipOffer(), viewer.token());
    WhipContractIT.assertProblem(refused, 403, "not_presenter");

    assertEquals(204, put(owner, id, viewer.username()).status(), "made a presenter");
    var created = WhipContractIT.post(client, endpoint, SdpFixtures.obsWhipOffer(), viewer.token());
    assertEquals(201, created.status(), created.text());
    var session = WhipContractIT.path(URI.create(created.headers().firstValue("location").get()));
    assertEquals(
        200, client.send("DELETE", session, null, null, viewer.token(), Map.of()).status());

    var ownStream =
        WhipContractIT.post(client, endpoint, SdpFixtures.obsWhipOffer(), owner.token());
    assertEquals(201, ownStream.status(), "the owner streams: " + ownStream.text());
    var own = WhipContractIT.path(URI.create(ownStream.headers().firstValue("location").get()));
    assertEquals(200, client.send("DELETE", own, null, null, owner.token(), Map.of()).status());
  }

  @Test
  void presentersShowAndSwitchingToBroadcastUnshowsEveryoneElse() {
    var owner = Users.create(client, "po");
    var presenter = Users.create(client, "pp");
    var member = Users.create(client, "pm");
    var id = Rooms.create(owner, "public", null).getString("id");
    try (var o = owner.tab();
        var p = presenter.tab();
        var m = member.tab()) {
      Rooms.enter(o, id);
      Rooms.enter(p, id);
      Rooms.enter(m, id);
      Rooms.request(p, "room.show", id, empty());
      Rooms.request(m, "room.show", id, empty());
      assertEquals(403, put(member, id, presenter.username()).status());
      assertEquals(204, put(owner, id, presenter.username()).status());
      assertEquals(204, put(owner, id, presenter.username()).status()); // idempotent
      var listed = presenter.get("api/rooms/" + id + "/presenters").json().getJsonArray("items");
      assertEquals(presenter.username(), listed.getJsonObject(0).getString("username"));
      assertTrue(presenter.get("api/rooms/" + id).json().getBoolean("presenter"));

      var patch =
          owner
              .client()
              .send("PATCH", "api/rooms/" + id, "{\"mode\":\"broadcast\"}", owner.token());
      assertEquals(200, patch.status(), patch.text());
      assertEquals("broadcast", patch.json().getString("mode"));
      var unshown = o.nextOfType("room.unshown");
      assertEquals(member.username(), unshown.getJsonObject("user").getString("username"));
      var bad = owner.client().send("PATCH", "api/rooms/" + id, "{\"mode\":\"x\"}", owner.token());
      assertEquals(400, bad.status());

      // No longer a presenter: unshown.
      var removed =
          owner
              .client()
              .send(
                  "DELETE",
                  "api/rooms/" + id + "/presenters/" + presenter.username(),
                  null,
                  owner.token());
      assertEquals(204, removed.status(), removed.text());
      assertEquals(
          presenter.username(),
          o.nextOfType("room.unshown").getJsonObject("user").getString("username"));
      assertEquals(
          404,
          owner
              .client()
              .send(
                  "DELETE",
                  "api/rooms/" + id + "/presenters/" + presenter.username(),
                  null,
                  owner.token())
              .status());
    }
  }

  @Test
  void manyViewersGetACollapsedListAndCoalescedCounts() throws Exception {
    var owner = Users.create(client, "vo");
    var id = broadcastRoom(owner);
    var pool = Executors.newFixedThreadPool(4);
    var tabs = new ArrayList<WsClient>();
    try (var o = owner.tab()) {
      Rooms.enter(o, id);
      long start = System.nanoTime();
      var jobs = new ArrayList<Future<WsClient>>();
      for (int i = 0; i < VIEWERS; i++) {
        jobs.add(
            pool.submit(
                (Callable<WsClient>)
                    () -> {
                      var tab = Users.create(client, "vv").tab();
                      var entered = Rooms.enter(tab, id);
                      assertEquals("room.entered", entered.getString("type"), entered.toString());
                      return tab;
                    }));
      }
      for (var job : jobs) {
        tabs.add(job.get());
      }
      // The owner heard no join per viewer, but a few counts, the last one right.
      var heard = drain(o, Duration.ofSeconds(5));
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      assertTrue(heard.stream().noneMatch(m -> type(m).equals("room.joined")), "joins pushed");
      var counts = heard.stream().filter(m -> type(m).equals("room.viewers")).toList();
      assertFalse(counts.isEmpty());
      // One push per 2 s at most, however many arrived in between.
      assertTrue(
          counts.size() <= seconds / 2 + 2,
          counts.size() + " pushes for " + VIEWERS + " viewers in " + seconds + " s");
      assertEquals(VIEWERS, counts.get(counts.size() - 1).getInt("viewerCount"));

      // A newcomer sees the owner (and themselves), and a count.
      try (var late = Users.create(client, "vl").tab()) {
        var entered = Rooms.enter(late, id);
        assertEquals(2, entered.getJsonArray("occupants").size(), entered.toString());
        assertEquals(VIEWERS + 1, entered.getInt("viewerCount"));
        assertEquals(VIEWERS + 2, entered.getJsonObject("room").getInt("occupantCount"));
      }

      // Everyone can be found.
      var all = owner.get("api/rooms/" + id + "/occupants?q=vv-&limit=100").json();
      assertEquals(100, all.getJsonArray("items").size());
      var next =
          owner.get(
              "api/rooms/"
                  + id
                  + "/occupants?q=vv-&limit=100&cursor="
                  + all.getString("nextCursor"));
      assertEquals(VIEWERS - 100, next.json().getJsonArray("items").size(), "the rest");
      var ownerRow = owner.get("api/rooms/" + id + "/occupants?q=" + owner.username()).json();
      assertTrue(ownerRow.getJsonArray("items").getJsonObject(0).getBoolean("stage"));

      // Viewers leaving: one count, not a leave each.
      for (var tab : tabs.subList(0, 50)) {
        tab.close();
      }
      var afterLeaving = drain(o, Duration.ofSeconds(5));
      assertTrue(afterLeaving.stream().noneMatch(m -> type(m).equals("room.left")));
      var last =
          afterLeaving.stream().filter(m -> type(m).equals("room.viewers")).reduce((a, b) -> b);
      assertEquals(VIEWERS - 50, last.orElseThrow().getInt("viewerCount"));
    } finally {
      tabs.forEach(WsClient::close);
      pool.shutdownNow();
    }
  }

  static String broadcastRoom(Users owner) {
    var id = Rooms.create(owner, "public", null).getString("id");
    var patch =
        owner.client().send("PATCH", "api/rooms/" + id, "{\"mode\":\"broadcast\"}", owner.token());
    assertEquals(200, patch.status(), patch.text());
    return id;
  }

  private static TestClient.Reply put(Users user, String roomId, String username) {
    return user.client()
        .send("PUT", "api/rooms/" + roomId + "/presenters/" + username, null, user.token());
  }

  private static JsonObject hand(WsClient tab, String roomId, boolean raised) {
    return Rooms.request(
        tab, "room.hand", roomId, Json.createObjectBuilder().add("raised", raised).build());
  }

  private static JsonObject stage(WsClient tab, String roomId, String username, boolean onStage) {
    return Rooms.request(
        tab,
        "room.stage",
        roomId,
        Json.createObjectBuilder().add("username", username).add("onStage", onStage).build());
  }

  /** Everything the tab gets until it has been quiet for a while (room counts every 2 s). */
  private static List<JsonObject> drain(WsClient tab, Duration quiet) {
    var out = new ArrayList<JsonObject>();
    while (true) {
      try {
        var m = tab.next(quiet);
        if (!type(m).equals("presence")) {
          out.add(m);
        }
      } catch (AssertionError silent) {
        return out;
      }
    }
  }

  private static String type(JsonObject m) {
    return m.getString("type", "");
  }

  private static JsonObject empty() {
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  private static String code(JsonObject reply) {
    assertEquals("error", reply.getString("type"), reply.toString());
    return reply.getString("code");
  }
}
