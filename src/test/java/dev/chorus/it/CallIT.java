package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The 1:1 call state machine over the socket: every path, and who may signal. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallIT {

  private final TestClient client = new TestClient();

  @Test
  void inviteRingsEveryTabAcceptStopsTheOthersThenSignalsAreRelayedAndHangupEnds() {
    var alice = Users.create(client, "ca");
    var bob = Users.create(client, "cb");
    try (var a = alice.tab();
        var b1 = bob.tab();
        var b2 = bob.tab()) {
      var callId = invite(a, bob, "video");
      for (var tab : new WsClient[] {b1, b2}) {
        var incoming = tab.nextOfType("call.incoming");
        assertEquals(callId, incoming.getString("callId"));
        assertEquals(alice.username(), incoming.getJsonObject("from").getString("username"));
        assertEquals("video", incoming.getString("media"));
      }
      b2.send(msg("call.accept", "acc").add("callId", callId).build());
      assertEquals("acc", b2.nextOfType("call.accepted").getString("id"));
      var accepted = a.nextOfType("call.accepted");
      assertEquals(bob.username(), accepted.getJsonObject("by").getString("username"));
      assertEquals("answered_elsewhere", b1.nextOfType("call.ended").getString("reason"));

      // Signaling flows between exactly the two tabs, stamped with the sender.
      var offer =
          Json.createObjectBuilder()
              .add(
                  "description",
                  Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0 fake"))
              .build();
      a.send(msg("call.signal", "s1").add("callId", callId).add("signal", offer).build());
      var relayed = b2.nextOfType("call.signal");
      assertEquals(offer, relayed.getJsonObject("signal"));
      assertEquals(alice.username(), relayed.getJsonObject("from").getString("username"));
      b2.send(
          msg("call.signal", "s2")
              .add("callId", callId)
              .add("signal", Json.createObjectBuilder().add("candidate", "c"))
              .build());
      assertEquals("c", a.nextOfType("call.signal").getJsonObject("signal").getString("candidate"));
      // The callee's other tab is not part of the call and may not signal.
      b1.send(msg("call.signal", "s3").add("callId", callId).add("signal", offer).build());
      assertEquals("not_in_call", b1.nextOfType("error").getString("code"));

      b2.send(msg("call.hangup", "h").add("callId", callId).build());
      assertEquals("h", b2.nextOfType("ack").getString("id"));
      assertEquals("hangup", a.nextOfType("call.ended").getString("reason"));
      var record = a.nextOfType("chat.message").getJsonObject("message").getJsonObject("call");
      assertEquals("completed", record.getString("outcome"));
      assertEquals("video", record.getString("media"));
    }
  }

  @Test
  void declineIsToldToTheCallerAndRecordedAsDeclined() {
    var alice = Users.create(client, "da");
    var bob = Users.create(client, "db");
    try (var a = alice.tab();
        var b = bob.tab()) {
      var callId = invite(a, bob, "audio");
      b.nextOfType("call.incoming");
      b.send(msg("call.reject", "r").add("callId", callId).build());
      assertEquals("r", b.nextOfType("ack").getString("id"));
      assertEquals("declined", a.nextOfType("call.ended").getString("reason"));
      assertEquals("declined", b.nextOfType("call.ended").getString("reason"));
      var history = bob.get("api/conversations/" + alice.username() + "/messages").json();
      var call = history.getJsonArray("items").getJsonObject(0).getJsonObject("call");
      assertEquals("declined", call.getString("outcome"));
      assertEquals("audio", call.getString("media"));
    }
  }

  @Test
  void aCalleeHangingUpWhileRingingDeclinesAndAFailedCallIsRecordedAsFailed() {
    var alice = Users.create(client, "fda");
    var bob = Users.create(client, "fdb");
    try (var a = alice.tab();
        var b = bob.tab()) {
      var first = invite(a, bob, "audio");
      b.nextOfType("call.incoming");
      b.send(msg("call.hangup", "no").add("callId", first).build());
      assertEquals("declined", a.nextOfType("call.ended").getString("reason"));

      var second = invite(a, bob, "video");
      b.nextOfType("call.incoming");
      b.send(msg("call.accept", "yes").add("callId", second).build());
      a.nextOfType("call.accepted");
      a.send(msg("call.hangup", "fail").add("callId", second).add("reason", "failed").build());
      assertEquals("failed", b.nextOfType("call.ended").getString("reason"));
      var record =
          b.next(
                  m ->
                      m.getString("type").equals("chat.message")
                          && m.getJsonObject("message").containsKey("call")
                          && m.getJsonObject("message")
                              .getJsonObject("call")
                              .getString("media")
                              .equals("video"),
                  Duration.ofSeconds(10))
              .getJsonObject("message");
      assertEquals("failed", record.getJsonObject("call").getString("outcome"));
    }
  }

  @Test
  void callerCancelsWhileRingingAndTheCalleeSeesAMissedCall() {
    var alice = Users.create(client, "xa");
    var bob = Users.create(client, "xb");
    try (var a = alice.tab();
        var b = bob.tab()) {
      var callId = invite(a, bob, "video");
      b.nextOfType("call.incoming");
      a.send(msg("call.cancel", "x").add("callId", callId).build());
      assertEquals("cancelled", b.nextOfType("call.ended").getString("reason"));
      var missed = b.nextOfType("chat.message").getJsonObject("message");
      assertEquals("missed", missed.getJsonObject("call").getString("outcome"));
      assertEquals("Missed video call", missed.getString("text"));
    }
  }

  @Test
  void aSecondCallerGetsBusyAndAUserCannotStartTwoCalls() {
    var alice = Users.create(client, "ba");
    var bob = Users.create(client, "bb");
    var carol = Users.create(client, "bc");
    try (var a = alice.tab();
        var b = bob.tab();
        var c = carol.tab()) {
      var callId = invite(a, bob, "video");
      b.nextOfType("call.incoming");
      c.send(msg("call.invite", "busy").add("to", bob.username()).build());
      var ended = c.nextOfType("call.ended");
      assertEquals("busy", ended.getString("reason"));
      assertEquals("busy", ended.getString("id"));
      a.send(msg("call.invite", "twice").add("to", carol.username()).build());
      assertEquals("already_in_call", a.nextOfType("error").getString("code"));
      a.send(msg("call.hangup", "end").add("callId", callId).build());
      a.nextOfType("ack");
    }
  }

  @Test
  void nobodyAnswersSoItEndsAsNoAnswer() {
    // The test server rings for 8 s (chorus.call.ring-timeout in arquillian.xml; default 30 s).
    var alice = Users.create(client, "na");
    var bob = Users.create(client, "nb");
    try (var a = alice.tab();
        var b = bob.tab()) {
      var callId = invite(a, bob, "audio");
      b.nextOfType("call.incoming");
      var ended = a.next(m -> m.getString("type").equals("call.ended"), Duration.ofSeconds(20));
      assertEquals(callId, ended.getString("callId"));
      assertEquals("no_answer", ended.getString("reason"));
      assertEquals("no_answer", b.nextOfType("call.ended").getString("reason"));
    }
  }

  @Test
  void theCallEndsForTheOtherSideWhenATabDies() {
    var alice = Users.create(client, "la");
    var bob = Users.create(client, "lb");
    try (var a = alice.tab()) {
      var b = bob.tab();
      var callId = invite(a, bob, "video");
      b.nextOfType("call.incoming");
      b.send(msg("call.accept", "ok").add("callId", callId).build());
      a.nextOfType("call.accepted");
      long start = System.nanoTime();
      b.close();
      var ended = a.nextOfType("call.ended");
      assertEquals("connection_lost", ended.getString("reason"));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
      // Alice is free again (bob has no tab now, so he is unavailable, not busy).
      assertEquals("unavailable", invite(a, bob, "audio", "call.ended").getString("reason"));
    }
  }

  @Test
  void offlineCalleeIsUnavailableAndStrangersCannotTouchACall() {
    var alice = Users.create(client, "oa");
    var bob = Users.create(client, "ob");
    var eve = Users.create(client, "oe");
    try (var a = alice.tab()) {
      var unavailable = invite(a, bob, "video", "call.ended");
      assertEquals("unavailable", unavailable.getString("reason"));
    }
    try (var a = alice.tab();
        var b = bob.tab();
        var e = eve.tab()) {
      var callId = invite(a, bob, "video");
      b.nextOfType("call.incoming");
      e.send(msg("call.accept", "steal").add("callId", callId).build());
      assertEquals("not_in_call", e.nextOfType("error").getString("code"));
      e.send(
          msg("call.signal", "inject")
              .add("callId", callId)
              .add("signal", Json.createObjectBuilder().add("x", 1))
              .build());
      assertEquals("not_in_call", e.nextOfType("error").getString("code"));
      e.send(msg("call.hangup", "kill").add("callId", callId).build());
      assertEquals("not_in_call", e.nextOfType("error").getString("code"));
      // Signaling before the callee answered is refused too.
      a.send(
          msg("call.signal", "early")
              .add("callId", callId)
              .add("signal", Json.createObjectBuilder().add("x", 1))
              .build());
      assertEquals("not_in_call", a.nextOfType("error").getString("code"));
      a.send(msg("call.invite", "second").add("to", eve.username()).build());
      assertEquals("already_in_call", a.nextOfType("error").getString("code"));
      a.send(msg("call.invite", "self").add("to", alice.username()).build());
      assertEquals("bad_request", a.nextOfType("error").getString("code"));
      a.send(msg("call.hangup", "bye").add("callId", callId).build());
      a.nextOfType("ack");
      e.send(msg("call.invite", "bad").add("to", bob.username()).add("media", "smell").build());
      assertEquals("bad_request", e.nextOfType("error").getString("code"));
    }
  }

  @Test
  void iceServersListIsEmptyWhenNothingIsConfigured() {
    var alice = Users.create(client, "ice");
    var reply = alice.get("api/ice-servers");
    assertEquals(200, reply.status(), reply.text());
    assertEquals(0, reply.json().getJsonArray("iceServers").size());
    assertEquals("all", reply.json().getString("iceTransportPolicy"));
    var refused = client.get("api/ice-servers", null);
    assertEquals(401, refused.status());
    // The body names the failure with the same machine code the socket would use.
    assertEquals("unauthorized", refused.json().getString("code"));
  }

  private static String invite(WsClient tab, Users callee, String media) {
    return invite(tab, callee, media, "call.ringing").getString("callId");
  }

  private static JsonObject invite(WsClient tab, Users callee, String media, String expect) {
    var id = "inv-" + System.nanoTime();
    tab.send(msg("call.invite", id).add("to", callee.username()).add("media", media).build());
    var reply = tab.next(m -> id.equals(m.getString("id", null)), Duration.ofSeconds(10));
    assertEquals(expect, reply.getString("type"), reply.toString());
    return reply;
  }

  private static jakarta.json.JsonObjectBuilder msg(String type, String id) {
    return Json.createObjectBuilder().add("type", type).add("id", id);
  }
}
