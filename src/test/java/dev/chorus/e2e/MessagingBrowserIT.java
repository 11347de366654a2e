package dev.chorus.e2e;

import static dev.chorus.e2e.Browser.byTest;
import static dev.chorus.e2e.Browser.byTestFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Two and three people in Chromium: presence, chat both ways with ticks and typing, going offline,
 * offline delivery with unread badges, user text shown literally, search, and unread counts that
 * agree across two tabs of one user.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessagingBrowserIT {
  private static final String PASSWORD = "password-1";
  private static final String XSS = "<script>alert(1)</script><b>x</b>";

  private final TestClient rest = new TestClient();
  private final URI base = ChorusServer.https();
  @RegisterExtension final Browsers browsers = new Browsers();

  private Browser newBrowser() {
    var b = browsers.open();
    return b;
  }

  @Test
  void presenceChatBothWaysGoingOfflineAndOfflineDelivery() {
    var alice = Users.create(rest, "alice", "Alice Tester");
    var bob = Users.create(rest, "bob", "Bob Tester");
    var a = new ChatPage(newBrowser());
    a.browser().logInThroughForm(base, alice.username(), PASSWORD);

    // Bob comes online: Alice sees him appear without reloading.
    var bobBrowser = newBrowser();
    var b = new ChatPage(bobBrowser);
    bobBrowser.logInWithToken(base, bob.token());
    assertEquals("online", a.awaitOnline(bob.username()).getAttribute("data-status"));
    assertEquals(
        "Bob Tester",
        a.awaitOnline(bob.username()).findElement(byTest("online-user-name")).getText());
    b.awaitOnline(alice.username());
    assertTrue(b.browser().isShown("conversations-empty"));

    // Alice writes; Bob gets it live with an unread badge; opening it turns Alice's tick to read.
    a.openFromOnlineList(bob.username());
    assertEquals("Bob Tester", a.browser().visible("conversation-title").getText());
    a.send("Hello Bob");
    var first = a.awaitMessage("Hello Bob");
    assertFalse(first.getAttribute("data-id").isEmpty());
    b.awaitUnread(alice.username(), "1");
    assertEquals(
        "Hello Bob",
        b.browser()
            .visible(byTestFor("conversation-item", alice.username()))
            .findElement(byTest("conversation-preview"))
            .getText());
    b.openFromConversationList(alice.username());
    b.awaitMessage("Hello Bob");
    assertEquals("received", b.awaitMessage("Hello Bob").getAttribute("data-state"));
    a.awaitState("Hello Bob", "read");
    b.awaitNoUnread(alice.username());

    // Bob types: Alice sees it. Then he answers with two lines (Shift+Enter), seen live.
    b.browser().visible("message-input").sendKeys("Hi");
    assertEquals("Bob Tester is typing…", a.browser().awaitSomeText("typing-indicator"));
    b.browser()
        .visible("message-input")
        .sendKeys(" Alice", Keys.chord(Keys.SHIFT, Keys.ENTER), "how are you?", Keys.ENTER);
    a.awaitMessage("Hi Alice\nhow are you?");
    b.awaitState("Hi Alice\nhow are you?", "read"); // Alice has the conversation open
    a.browser().awaitGone(byTest("typing-indicator"));
    assertEquals(List.of("Hello Bob", "Hi Alice\nhow are you?"), a.messageTexts());
    assertEquals(List.of("Hello Bob", "Hi Alice\nhow are you?"), b.messageTexts());

    // Bob closes his browser: Alice sees him go offline.
    bobBrowser.close();
    a.awaitOffline(bob.username());
    a.browser().awaitText("conversation-status", "Offline");

    // Alice writes while Bob is away: stored and acknowledged (sent), not read.
    a.send("Are you there?");
    a.awaitState("Are you there?", "sent");

    // Bob logs in again through the form: an unread badge, the message, and then a read tick.
    var bobAgain = new ChatPage(newBrowser());
    bobAgain.browser().logInThroughForm(base, bob.username(), PASSWORD);
    a.awaitOnline(bob.username());
    bobAgain.awaitUnread(alice.username(), "1");
    assertEquals("(1) Chorus", bobAgain.browser().driver().getTitle());
    bobAgain.openFromConversationList(alice.username());
    assertEquals(
        List.of("Hello Bob", "Hi Alice\nhow are you?", "Are you there?"),
        bobAgain.browser().until(d -> listOf(bobAgain.messageTexts(), 3)));
    a.awaitState("Are you there?", "read");
    bobAgain.awaitNoUnread(alice.username());
  }

  @Test
  void userTextIsShownLiterallyNeverAsMarkup() {
    var alice = Users.create(rest, "alice", "Alice <i>Markup</i>");
    var bob = Users.create(rest, "bob", "Bob");
    var a = new ChatPage(newBrowser());
    var b = new ChatPage(newBrowser());
    a.browser().logInWithToken(base, alice.token());
    b.browser().logInWithToken(base, bob.token());

    a.openFromOnlineList(bob.username());
    a.send(XSS);
    var mine = a.awaitState(XSS, "sent");
    assertEquals(XSS, ChatPage.textOf(mine));

    b.awaitUnread(alice.username(), "1");
    var item = b.browser().visible(byTestFor("conversation-item", alice.username()));
    assertEquals("Alice <i>Markup</i>", item.findElement(byTest("conversation-name")).getText());
    assertEquals(XSS, item.findElement(byTest("conversation-preview")).getText());
    b.openFromConversationList(alice.username());
    var theirs = b.awaitMessage(XSS);
    assertEquals(XSS, ChatPage.textOf(theirs));
    assertEquals("Alice <i>Markup</i>", b.browser().visible("conversation-title").getText());

    for (var page : List.of(a, b)) {
      var message = page.awaitMessage(XSS);
      assertTrue(message.findElements(By.tagName("b")).isEmpty(), "no <b> element");
      assertTrue(message.findElements(By.tagName("script")).isEmpty(), "no <script> element");
      assertTrue(
          page.browser()
              .driver()
              .findElements(By.cssSelector(".message-list i, .conversations i"))
              .isEmpty(),
          "no <i> element from a display name");
      try {
        page.browser().driver().switchTo().alert();
        throw new AssertionError("an alert() ran");
      } catch (NoAlertPresentException expected) {
        // nothing ran
      }
    }
  }

  @Test
  void searchShowsOnlineFlagsPagesAndOpensAConversation() {
    var prefix = TestClient.uniqueName("srch");
    var alice = Users.create(rest, prefix + "-alice", "Alice Search");
    var bob = Users.create(rest, prefix + "-bob", "Bob Search");
    var carol = Users.create(rest, prefix + "-carol", "Carol Search");
    var a = new ChatPage(newBrowser());
    a.browser().logInWithToken(base, alice.token());
    var bobBrowser = newBrowser();
    bobBrowser.logInWithToken(base, bob.token());
    a.awaitOnline(bob.username());

    // Bob steps away: Alice's online list says so.
    bobBrowser.visible("status-select").findElement(By.cssSelector("option[value='away']")).click();
    a.browser()
        .until(
            d ->
                "away".equals(a.awaitOnline(bob.username()).getAttribute("data-status"))
                    ? 1
                    : null);

    a.browser().type("search-input", prefix);
    var bobResult = a.browser().visible(byTestFor("search-result", bob.username()));
    var carolResult = a.browser().visible(byTestFor("search-result", carol.username()));
    assertEquals("true", bobResult.getAttribute("data-online"));
    assertEquals("Away", bobResult.findElement(byTest("search-result-status")).getText());
    assertEquals("false", carolResult.getAttribute("data-online"));
    assertEquals("Offline", carolResult.findElement(byTest("search-result-status")).getText());
    // The searcher is not offered a conversation with themselves.
    assertTrue(
        a.browser().driver().findElements(byTestFor("search-result", alice.username())).isEmpty());

    a.browser().type("search-input", prefix + "-nobody");
    assertTrue(a.browser().awaitSomeText("search-empty").startsWith("No one matches"));

    a.browser().type("search-input", prefix + "-car");
    a.browser().visible(byTestFor("search-result", carol.username())).click();
    a.awaitConversationWith(carol.username());
    assertEquals("Carol Search", a.browser().visible("conversation-title").getText());
    a.browser().visible("messages-empty");
    assertFalse(a.browser().isShown("search-panel"));

    // Writing to someone who has never been written to starts the conversation.
    a.send("Welcome, Carol");
    a.awaitState("Welcome, Carol", "sent");
    a.browser().visible(byTestFor("conversation-item", carol.username()));
  }

  @Test
  void unreadCountsAgreeAcrossTwoTabsOfOneUser() {
    var alice = Users.create(rest, "alice", "Alice Tabs");
    var bob = Users.create(rest, "bob", "Bob Tabs");
    var a = new ChatPage(newBrowser());
    var bobTab1 = new ChatPage(newBrowser());
    var bobTab2 = new ChatPage(newBrowser());
    a.browser().logInWithToken(base, alice.token());
    bobTab1.browser().logInWithToken(base, bob.token());
    bobTab2.browser().logInWithToken(base, bob.token());

    a.openFromOnlineList(bob.username());
    a.send("one");
    a.send("two");
    bobTab1.awaitUnread(alice.username(), "2");
    bobTab2.awaitUnread(alice.username(), "2");

    // Reading in one tab clears the badge in the other.
    bobTab1.openFromConversationList(alice.username());
    a.awaitState("two", "read");
    bobTab2.awaitNoUnread(alice.username());

    // Bob's answer from tab 1 shows up in tab 2's list as his own last message.
    bobTab1.send("from tab one");
    bobTab2.browser().awaitText("conversation-preview", "You: from tab one");
    bobTab2.openFromConversationList(alice.username());
    assertEquals(
        List.of("one", "two", "from tab one"),
        bobTab2.browser().until(d -> listOf(bobTab2.messageTexts(), 3)));
  }

  /** The list once it has {@code size} entries, else null (to keep polling). */
  static List<String> listOf(List<String> list, int size) {
    return list.size() == size ? Collections.unmodifiableList(list) : null;
  }

  /**
   * The page's presence model over a snapshot in pages (docs/protocol.md, presence.snapshot), run
   * in Chromium: the first page after a connect replaces an earlier list, every page adds, and a
   * live push that comes between two pages is newer than the pages still to come.
   */
  @Test
  void theOnlineListIsEverySnapshotPageWithLivePushesBetweenThemWinning() {
    var browser = newBrowser();
    browser.open(base.toString());
    var result =
        browser.script(
            """
            return import(new URL('js/presence.js', document.baseURI)).then(({ PresenceModel }) => {
              const m = new PresenceModel();
              m.applySnapshot([{ username: 'stale' }]);
              m.connected();
              m.applySnapshot([{ username: 'a', status: 'online' }], true);
              const staleMidway = m.users.has('stale');
              m.apply({ username: 'b' }, 'dnd');
              m.apply({ username: 'd' }, 'offline');
              m.applySnapshot([{ username: 'b', status: 'away' }, { username: 'c' },
                               { username: 'd', status: 'online' }], false);
              const users = [...m.users.entries()].map(([k, v]) => k + ':' + v.status).sort();
              return JSON.stringify({ users, loaded: m.loaded, staleMidway });
            });""");
    assertEquals(
        "{\"users\":[\"a:online\",\"b:dnd\",\"c:online\"],\"loaded\":true,\"staleMidway\":false}",
        result);
  }
}
