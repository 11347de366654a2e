package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.WsClient;
import jakarta.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conversation view under stress: a dropped connection (with and without a lost ack) loses and
 * duplicates nothing, and scrolling to the top loads older history without moving the text the
 * reader is looking at.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConversationBrowserIT {
  private static final int BURST = 50;

  /** Makes the page's next connection attempts fail until {@link #UNBLOCK}, then drops it. */
  private static final String BLOCK_AND_DROP =
      "const Real = window.WebSocket; window.__realWebSocket = Real;"
          + "window.WebSocket = class extends Real {"
          + "  constructor(url, p) { super(url.replace(/\\/ws$/, '/no-such-socket'), p); } };"
          + "window.__chorusSocket.ws.close();";

  private static final String UNBLOCK =
      "window.WebSocket = window.__realWebSocket; window.__chorusSocket.reconnectNow();";

  /** Sends through the composer and drops the connection in the same tick: the ack is lost. */
  private static final String SEND_AND_DROP =
      "const i = document.querySelector(\"[data-test='message-input']\");"
          + "i.value = arguments[0]; i.dispatchEvent(new Event('input'));"
          + "document.querySelector(\"[data-test='send-button']\").click();"
          + "window.__chorusSocket.ws.close();";

  private final TestClient rest = new TestClient();
  private final URI base = ChorusServer.https();
  @RegisterExtension final Browsers browsers = new Browsers();

  private ChatPage loggedIn(String token) {
    var b = browsers.open();
    b.logInWithToken(base, token);
    return new ChatPage(b);
  }

  private static String usernameOf(TestClient rest, String token) {
    return rest.get("api/accounts/me", token).json().getString("username");
  }

  @Test
  void droppedConnectionLosesNothingAndShowsNothingTwice() {
    var aliceToken = rest.newUserToken("alice");
    var bobToken = rest.newUserToken("bob");
    var alice = usernameOf(rest, aliceToken);
    var bob = usernameOf(rest, bobToken);
    var a = loggedIn(aliceToken);
    var b = loggedIn(bobToken);
    a.openFromOnlineList(bob);
    b.openFromOnlineList(alice);
    a.send("before the drop");
    b.awaitMessage("before the drop");

    // The connection dies right after a send: the ack never arrives, the resend is deduplicated.
    a.browser().script(SEND_AND_DROP, "ack lost on the way");
    a.awaitState("ack lost on the way", "read");
    b.awaitMessage("ack lost on the way");

    // A longer outage: Bob writes meanwhile, Alice writes into the reconnecting page.
    a.browser().script(BLOCK_AND_DROP);
    a.browser().visible("reconnect-banner");
    b.send("while you were away 1");
    b.send("while you were away 2");
    b.awaitState("while you were away 2", "sent");
    a.send("written while reconnecting");
    var pending = a.awaitState("written while reconnecting", "pending");
    assertEquals(null, pending.getAttribute("data-id"));

    a.browser().script(UNBLOCK);
    a.browser().awaitGone(Browser.byTest("reconnect-banner"));
    a.awaitMessage("while you were away 2");
    a.awaitState("written while reconnecting", "read"); // Bob has the conversation open
    b.awaitMessage("written while reconnecting");

    var expected =
        List.of(
            "before the drop",
            "ack lost on the way",
            "while you were away 1",
            "while you were away 2",
            "written while reconnecting");
    for (var page : List.of(a, b)) {
      assertEquals(expected, page.messageTexts());
      var ids = page.messageIds();
      assertFalse(ids.contains(""), "every message is stored: " + ids);
      assertEquals(ids.size(), new HashSet<>(ids).size(), "no message twice: " + ids);
    }
    // The conversation list agrees after the refetch.
    a.browser().awaitText("conversation-preview", "You: written while reconnecting");
  }

  @Test
  void refusedMessagesShowTheReasonAndCanBeRetriedOrDeleted() {
    var aliceToken = rest.newUserToken("alice");
    var bob = usernameOf(rest, rest.newUserToken("bob"));
    var a = loggedIn(aliceToken);
    // Open the conversation by address: Bob is offline, so not in the online list.
    a.browser().open(base + "#chat/" + bob);
    a.awaitConversationWith(bob);
    a.browser().visible("messages-empty");

    // 50 at once: the server takes its burst of 20 (and what refills at 5/s while a loaded machine
    // reads them) and refuses the rest as rate limited.
    a.browser()
        .script(
            "const i = document.querySelector(\"[data-test='message-input']\");"
                + "const send = document.querySelector(\"[data-test='send-button']\");"
                + "for (let n = 1; n <= "
                + BURST
                + "; n++) {"
                + "  i.value = 'burst ' + n; i.dispatchEvent(new Event('input')); send.click(); }");
    a.awaitState("burst 1", "sent");
    var failedTexts = a.browser().until(d -> nonEmpty(textsInState(a, "failed")));
    var failed = a.awaitState(failedTexts.get(0), "failed");
    assertEquals(
        "Not sent: You are sending messages too fast. Wait a moment.",
        failed.findElement(Browser.byTest("message-error")).getText());
    a.browser().until(d -> textsInState(a, "pending").isEmpty() ? Boolean.TRUE : null);
    var failedCount = textsInState(a, "failed").size();
    assertTrue(failedCount >= 1 && failedCount <= BURST - 20, "refused: " + failedCount);

    pause(Duration.ofMillis(1500)); // the limiter refills
    failed.findElement(Browser.byTest("message-retry")).click();
    a.awaitState(failedTexts.get(0), "sent");
    if (failedCount > 1) {
      var other = textsInState(a, "failed").get(0);
      a.awaitState(other, "failed").findElement(Browser.byTest("message-discard")).click();
      a.browser().until(d -> a.messageTexts().contains(other) ? null : Boolean.TRUE);
    }
    var texts = a.messageTexts();
    assertEquals(failedCount > 1 ? BURST - 1 : BURST, texts.size(), texts.toString());
    assertEquals(texts.size(), new HashSet<>(texts).size(), "no message twice: " + texts);
  }

  @Test
  void scrollingToTheTopLoadsOlderMessagesAndKeepsThePlace() {
    var aliceToken = rest.newUserToken("alice");
    var carolToken = rest.newUserToken("carol");
    var alice = usernameOf(rest, aliceToken);
    var carol = usernameOf(rest, carolToken);
    seed(carolToken, alice, 60); // one full page of 50 and 10 older

    var a = loggedIn(aliceToken);
    a.awaitUnread(carol, "60");
    a.openFromConversationList(carol);
    a.awaitMessage("old 60");
    assertEquals(
        IntStream.rangeClosed(11, 60).mapToObj(i -> "old " + i).toList(), a.messageTexts());
    assertTrue(isInView(a, "old 60"), "opens at the newest message");
    a.awaitNoUnread(carol);

    var anchor = "old 11";
    var before =
        ((Number)
                a.browser()
                    .script(
                        "const s = document.getElementById('messages'); s.scrollTop = 0;"
                            + "return "
                            + topOf(anchor)))
            .doubleValue();
    a.awaitMessage("old 1");
    a.browser().visible("history-start");
    assertEquals(IntStream.rangeClosed(1, 60).mapToObj(i -> "old " + i).toList(), a.messageTexts());
    var after = ((Number) a.browser().script("return " + topOf(anchor))).doubleValue();
    assertEquals(before, after, 2.0, "the message being read stays where it was");
  }

  @SuppressWarnings("unchecked")
  private static List<String> textsInState(ChatPage page, String state) {
    return (List<String>)
        page.browser()
            .script(
                "return [...document.querySelectorAll(\"[data-test='message'][data-state='\" + arguments[0]"
                    + " + \"'] [data-test='message-text']\")].map(e => e.textContent)",
                state);
  }

  private static List<String> nonEmpty(List<String> list) {
    return list.isEmpty() ? null : list;
  }

  private static String topOf(String text) {
    return "[...document.querySelectorAll(\"[data-test='message']\")]"
        + ".find(m => m.querySelector(\"[data-test='message-text']\").textContent === '"
        + text
        + "').getBoundingClientRect().top";
  }

  private static boolean isInView(ChatPage page, String text) {
    return (Boolean)
        page.browser()
            .script(
                "const s = document.getElementById('messages').getBoundingClientRect();"
                    + "const t = "
                    + topOf(text)
                    + "; return t >= s.top && t < s.bottom;");
  }

  /** Sends "old 1" … "old n" over a plain socket, waiting out the rate limiter when told to. */
  private void seed(String token, String to, int n) {
    try (var ws = WsClient.connect(rest, token)) {
      ws.nextOfType("welcome");
      for (int i = 1; i <= n; i++) {
        var id = "seed-" + i;
        while (true) {
          ws.send(
              Json.createObjectBuilder()
                  .add("type", "chat.send")
                  .add("id", id)
                  .add("to", to)
                  .add("text", "old " + i)
                  .add("clientMessageId", id)
                  .build());
          var reply = ws.next(m -> id.equals(m.getString("id", "")), Duration.ofSeconds(10));
          if ("chat.ack".equals(reply.getString("type"))) {
            break;
          }
          assertEquals("rate_limited", reply.getString("code"), reply.toString());
          pause(Duration.ofMillis(250));
        }
      }
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
