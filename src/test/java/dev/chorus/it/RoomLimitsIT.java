package dev.chorus.it;

import static dev.chorus.it.AccountsIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Room abuse is contained and answered with its own error: guessing a room's password is throttled
 * (while chat goes on), a room password has a minimum length, and the caps on rooms created per day
 * and rooms a person is in at once (server defaults: 5 wrong passwords, 20 rooms, 20 rooms).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomLimitsIT {
  private static final int PASSWORD_TRIES = 5;
  private static final int ROOMS_PER_DAY = 20;
  private static final int ROOMS_AT_ONCE = 20;

  private final TestClient client = new TestClient();

  @Test
  void guessingARoomPasswordIsRateLimitedWhileOthersChatOn() {
    var owner = Users.create(client, "bfo");
    var mallory = Users.create(client, "bfm");
    var carol = Users.create(client, "bfc");
    var dave = Users.create(client, "bfd");
    var room = Rooms.create(owner, "public", "open sesame").getString("id");
    try (var m = mallory.tab();
        var c = carol.tab();
        var d = dave.tab()) {
      var codes = new ArrayList<String>();
      for (int i = 0; i < PASSWORD_TRIES + 2; i++) {
        var reply = enter(m, room, "guess-" + i);
        codes.add(reply.getString("code"));
        if (reply.getString("code").equals("rate_limited")) {
          var wait = reply.getJsonNumber("retryAfterMs").longValue();
          assertTrue(wait >= 1 && wait <= 300_000, reply.toString());
        }
        // Carol's chat with Dave is answered between the guesses.
        var ack = Users.send(c, dave.username(), "still here " + i, "bf-" + i);
        assertEquals("chat.ack", ack.getString("type"), ack.toString());
        assertEquals(
            "still here " + i,
            d.nextOfType("chat.message").getJsonObject("message").getString("text"));
      }
      var expected = new ArrayList<String>();
      for (int i = 0; i < PASSWORD_TRIES + 2; i++) {
        expected.add(i < PASSWORD_TRIES ? "wrong_password" : "rate_limited");
      }
      assertEquals(expected, codes);
      // Throttled means not checked: even the right password waits.
      assertEquals("rate_limited", enter(m, room, "open sesame").getString("code"));
      // Others are not locked out by Mallory's guesses.
      assertEquals("room.entered", enter(c, room, "open sesame").getString("type"));
    }
  }

  @Test
  void aRoomPasswordHasAMinimumLength() {
    var owner = Users.create(client, "pml");
    var tooShort =
        Rooms.post(
            owner,
            "api/rooms",
            Json.createObjectBuilder()
                .add("name", "Short " + TestClient.uniqueName("pw"))
                .add("password", "12345")
                .build());
    assertEquals(400, tooShort.status(), tooShort.text());
    assertProblem(tooShort, 400);
    assertEquals(
        "password", tooShort.json().getJsonArray("errors").getJsonObject(0).getString("field"));
    var id = Rooms.create(owner, "public", null).getString("id");
    var patch =
        owner.client().send("PATCH", "api/rooms/" + id, "{\"password\":\"abc\"}", owner.token());
    assertEquals(400, patch.status(), patch.text());
    assertProblem(patch, 400);
    assertEquals(
        200,
        owner
            .client()
            .send("PATCH", "api/rooms/" + id, "{\"password\":\"abcdef\"}", owner.token())
            .status());
  }

  @Test
  void roomsCreatedPerDayAndRoomsAtOnceAreCapped() {
    var maker = Users.create(client, "cap");
    var other = Users.create(client, "cao");
    var visitor = Users.create(client, "cav");
    var ids = new ArrayList<String>();
    for (int i = 0; i < ROOMS_PER_DAY; i++) {
      ids.add(Rooms.create(maker, "public", null).getString("id"));
    }
    var refused =
        Rooms.post(
            maker,
            "api/rooms",
            Json.createObjectBuilder()
                .add("name", "One more " + TestClient.uniqueName("x"))
                .build());
    assertEquals(429, refused.status(), refused.text());
    assertProblem(refused, 429);
    assertTrue(refused.json().getString("detail").contains("24 hours"), refused.text());
    var retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 86_400, "Retry-After " + retryAfter);
    // The cap is the maker's: someone else still creates rooms.
    var extra = Rooms.create(other, "public", null).getString("id");

    try (var v = visitor.tab()) {
      for (int i = 0; i < ROOMS_AT_ONCE; i++) {
        var entered = Rooms.enter(v, ids.get(i));
        assertEquals("room.entered", entered.getString("type"), entered.toString());
      }
      var tooMany = Rooms.enter(v, extra);
      assertEquals("too_many_rooms", tooMany.getString("code"), tooMany.toString());
      assertTrue(tooMany.getString("message").contains("Leave one"));
      // Leaving one frees a place.
      Rooms.request(v, "room.leave", ids.get(0), JsonObject.EMPTY_JSON_OBJECT);
      assertEquals("room.entered", Rooms.enter(v, extra).getString("type"));
    }
  }

  private static JsonObject enter(WsClient tab, String roomId, String password) {
    return Rooms.request(
        tab, "room.enter", roomId, Json.createObjectBuilder().add("password", password).build());
  }
}
