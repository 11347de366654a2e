package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
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

  /** Far more than the kernel buffers and the test queue cap (512 KiB) together. */
  private static final int MAX_FLOOD = 1500;

  private final TestClient client = new TestClient();

  @Test
  void aTabThatStopsReadingIsClosedOnceOverItsBudgetAndNobodyElseSuffers() throws Exception {
    var slow = Users.create(client, "slow");
    var bob = Users.create(client, "watcher");
    var senders = List.of(Users.create(client, "fl1"), Users.create(client, "fl2"));
    var tabs = new ArrayList<WsClient>();
    try (var b = bob.tab();
        var stuck = SilentSocket.open(ChorusServer.wss(), slow.token(), 4096)) {
      b.next(presenceOf(slow, "online"), WAIT);
      for (var s : senders) {
        tabs.add(s.tab());
      }
      var expectedByBob = new HashSet<String>();
      var receivedByBob = new HashSet<String>();
      int sent = 0;
      boolean slowWentOffline = false;
      while (!slowWentOffline) {
        assertTrue(sent < MAX_FLOOD, "the slow tab was never closed, after " + sent + " messages");
        var i = sent % senders.size();
        var ack = send(tabs.get(i), slow.username(), BIG, "f-" + sent);
        if (ack == null) {
          continue; // the sender's budget is spent; send() waited, try again
        }
        sent++;
        if (sent % 10 == 0) {
          var text = "still here " + sent;
          assertEquals("chat.ack", send(tabs.get(i), bob.username(), text, "b-" + sent, true));
          expectedByBob.add(text);
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

      // What the stuck tab was sent ends with the server's close: too slow, over its budget.
      var received = stuck.readUntilClose();
      assertEquals(1013, received.closeCode(), received.toString());
      assertTrue(received.closeReason().startsWith("too slow"), received.toString());
    } finally {
      tabs.forEach(WsClient::close);
    }
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

  /** Sends a DM and waits for its ack; null when rate limited (after waiting it out). */
  private static JsonObject send(WsClient tab, String to, String text, String id) {
    var reply = Users.send(tab, to, text, id);
    if (reply.getString("type").equals("error")) {
      assertEquals("rate_limited", reply.getString("code"), reply.toString());
      PayaraProcess.sleep(200);
      return null;
    }
    return reply;
  }

  /** Sends a DM and returns the reply's type, waiting out the rate limiter as long as needed. */
  private static String send(WsClient tab, String to, String text, String id, boolean retry) {
    for (int attempt = 0; ; attempt++) {
      var reply = send(tab, to, text, id + "-" + attempt);
      if (reply != null || !retry) {
        return reply == null ? "error" : reply.getString("type");
      }
    }
  }

  private static Predicate<JsonObject> presenceOf(Users user, String status) {
    return m ->
        m.getString("type").equals("presence")
            && m.getJsonObject("user").getString("username").equals(user.username())
            && m.getString("status").equals(status);
  }
}
