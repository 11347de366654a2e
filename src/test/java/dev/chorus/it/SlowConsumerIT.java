package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tab that stops reading while others flood it with direct messages: its outbound queue fills to
 * its cap (arquillian.xml gives this server small ones), the server closes it as too slow, its user
 * goes offline, and everyone else keeps getting their messages from a responsive server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SlowConsumerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** 4000 characters of 4 bytes each: the largest chat message, 16 KB on the wire. */
  private static final String BIG = "\uD83D\uDE00".repeat(4000);

  /** Rounds of 3 big messages: far more than the kernel buffers and the queue cap together. */
  private static final int MAX_ROUNDS = 500;

  private final TestClient client = new TestClient();

  @Test
  void aTabThatStopsReadingIsClosedOnceOverItsBudgetAndNobodyElseSuffers() throws Exception {
    var slow = Users.create(client, "slow");
    var bob = Users.create(client, "watcher");
    var senders =
        List.of(
            Users.create(client, "fl1"), Users.create(client, "fl2"), Users.create(client, "fl3"));
    var admin = client.adminToken();
    var before = socketStats(admin);
    var tabs = new ArrayList<WsClient>();
    try (var b = bob.tab();
        var stuck = SilentSocket.open(ChorusServer.wss(), slow.token(), 4096)) {
      b.next(presenceOf(slow, "online"), WAIT);
      for (var s : senders) {
        tabs.add(s.tab());
      }
      var expectedByBob = new HashSet<String>();
      var receivedByBob = new HashSet<String>();
      boolean slowWentOffline = false;
      for (int round = 0; !slowWentOffline; round++) {
        assertTrue(round < MAX_ROUNDS, "the slow tab was never closed");
        // Each sender fires one big DM at the slow tab without waiting for the ack; paced at
        // their message budget (5 per second), so few are refused.
        for (var tab : tabs) {
          tab.send(dm(slow.username(), BIG, "f-" + round));
        }
        // Like the tab in the issue, the slow one keeps pinging: the heartbeat sees it alive.
        try {
          stuck.sendText("{\"type\":\"ping\"}");
        } catch (IOException closedByTheServer) {
          // expected once it is over its budget
        }
        if (round % 10 == 0) {
          var text = "still here " + round;
          assertEquals("chat.ack", sendUntilAccepted(tabs.get(0), bob.username(), text, round));
          expectedByBob.add(text);
        } else {
          PayaraProcess.sleep(200);
        }
        slowWentOffline = drainBob(b, slow, receivedByBob);
      }

      // Bob got every message meant for him, and the server still answers at once.
      var deadline = System.nanoTime() + WAIT.toNanos();
      while (!receivedByBob.containsAll(expectedByBob) && System.nanoTime() < deadline) {
        drainBob(b, slow, receivedByBob);
      }
      assertEquals(expectedByBob, receivedByBob);
      b.send(Json.createObjectBuilder().add("type", "ping").add("id", "alive").build());
      assertEquals("alive", b.next(m -> m.getString("type").equals("pong"), WAIT).getString("id"));

      // The server closed it because its queue was over the cap, which bounded what it held.
      var after = socketStats(admin);
      assertTrue(
          after.getJsonNumber("closedTooSlow").longValue()
              > before.getJsonNumber("closedTooSlow").longValue(),
          after.toString());
      var cap = after.getJsonNumber("maxBytesPerSocket").longValue();
      var peak = after.getJsonNumber("peakQueuedBytes").longValue();
      assertTrue(peak > 0 && peak <= cap, after.toString());
      // And it did end the connection (with 1013, or by dropping it without a close frame).
      var received = stuck.readUntilClose();
      assertTrue(
          received.closeCode() == -1
              || (received.closeCode() == 1013 && received.closeReason().startsWith("too slow")),
          received.toString());
    } finally {
      tabs.forEach(WsClient::close);
    }
  }

  private JsonObject socketStats(String adminToken) {
    var stats = client.get("api/admin/sockets", adminToken);
    assertEquals(200, stats.status(), stats.text());
    return stats.json();
  }

  private static JsonObject dm(String to, String text, String id) {
    return Json.createObjectBuilder()
        .add("type", "chat.send")
        .add("id", id)
        .add("to", to)
        .add("text", text)
        .build();
  }

  /** Takes what Bob has been sent so far; true once he has seen the slow user go offline. */
  private static boolean drainBob(WsClient bob, Users slow, java.util.Set<String> received) {
    boolean offline = false;
    while (true) {
      JsonObject m;
      try {
        m = bob.next(Duration.ofMillis(1));
      } catch (AssertionError none) {
        return offline;
      }
      if (m.getString("type").equals("chat.message")) {
        received.add(m.getJsonObject("message").getString("text"));
      } else if (presenceOf(slow, "offline").test(m)) {
        offline = true;
      }
    }
  }

  /** Sends a DM, waiting out the sender's rate limit; returns the final reply's type. */
  private static String sendUntilAccepted(WsClient tab, String to, String text, int round) {
    for (int attempt = 0; ; attempt++) {
      var reply = Users.send(tab, to, text, "b-" + round + "-" + attempt);
      if (!"rate_limited".equals(reply.getString("code", null)) || attempt > 50) {
        return reply.getString("type");
      }
      PayaraProcess.sleep(200);
    }
  }

  private static Predicate<JsonObject> presenceOf(Users user, String status) {
    return m ->
        m.getString("type").equals("presence")
            && m.getJsonObject("user").getString("username").equals(user.username())
            && m.getString("status").equals(status);
  }
}
