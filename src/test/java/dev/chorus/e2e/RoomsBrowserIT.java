package dev.chorus.e2e;

import static dev.chorus.e2e.Browser.byTest;
import static dev.chorus.e2e.Browser.byTestFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.Json;
import java.net.URI;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Rooms in three Chromium browsers: create through the dialog, find by search, enter, see each
 * other and the join notices, chat, show/unshow seen by the others with a local preview, kick with
 * a reason; a password room; a dropped connection that re-enters and loses nothing; and the other
 * moderation tools (topic, delete a message, ban).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomsBrowserIT {

  /** Makes the page's next connection attempts fail until {@link #UNBLOCK}, then drops it. */
  private static final String BLOCK_AND_DROP =
      "const Real = window.WebSocket; window.__realWebSocket = Real;"
          + "window.WebSocket = class extends Real {"
          + "  constructor(url, p) { super(url.replace(/\\/ws$/, '/no-such-socket'), p); } };"
          + "window.__chorusSocket.ws.close();";

  private static final String DENY_CAMERA =
      "navigator.mediaDevices.getUserMedia = () =>"
          + " Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));";

  private static final String UNBLOCK =
      "window.WebSocket = window.__realWebSocket; window.__chorusSocket.reconnectNow();";

  private final TestClient rest = new TestClient();
  private final URI base = ChorusServer.https();
  @RegisterExtension final Browsers browsers = new Browsers();

  private RoomsPage loggedIn(Users user) {
    var b = browsers.open();
    b.logInWithToken(base, user.token());
    return new RoomsPage(b);
  }

  /** Creates a room over REST; returns its id. */
  private String createRoom(Users owner, String name, String visibility, String password) {
    var body =
        Json.createObjectBuilder()
            .add("name", name)
            .add("topic", "Topic of " + name)
            .add("visibility", visibility);
    if (password != null) {
      body.add("password", password);
    }
    var reply = rest.send("POST", "api/rooms", body.build().toString(), owner.token());
    assertEquals(201, reply.status(), reply.text());
    return reply.json().getString("id");
  }

  @Test
  void createFindEnterChatShowAndKick() {
    var alice = Users.create(rest, "alice", "Alice Rooms");
    var bob = Users.create(rest, "bob", "Bob Rooms");
    var carol = Users.create(rest, "carol", "Carol Rooms");
    var room = TestClient.uniqueName("design");
    var topic = "Talk " + TestClient.uniqueName("t");
    var a = loggedIn(alice);
    var b = loggedIn(bob);
    var c = loggedIn(carol);

    // Alice creates the room through the dialog: she is in it, as its owner, alone.
    a.openDirectory();
    a.create(room, topic, "public", null);
    assertEquals(topic, a.browser().visible("room-topic").getText());
    assertEquals("owner", a.awaitOccupant(alice.username()).getAttribute("data-role"));
    assertEquals("(1)", a.browser().visible("occupant-count").getText());

    // Bob finds it by its name, with its topic and counts, and enters.
    b.openDirectory();
    var item = b.search(room, room);
    assertEquals(topic, item.findElement(byTest("room-item-topic")).getText());
    assertEquals("1 member", item.findElement(byTest("room-member-count")).getText());
    assertEquals("1 here now", item.findElement(byTest("room-occupant-count")).getText());
    assertTrue(item.findElements(byTest("room-lock")).isEmpty(), "no lock on an open room");
    item.click();
    b.awaitInRoom(room);
    a.awaitOccupant(bob.username());
    assertEquals(
        "Bob Rooms joined",
        a.awaitNotice("joined", bob.username()).findElement(byTest("notice-text")).getText());

    // Carol finds it by its topic and enters: everyone sees everyone.
    c.openDirectory();
    c.enterFromSearch(topic.substring(5), room);
    for (var page : List.of(a, b, c)) {
      page.awaitOccupant(alice.username());
      page.awaitOccupant(bob.username());
      page.awaitOccupant(carol.username());
      page.browser().awaitText("occupant-count", "(3)");
    }
    a.awaitNotice("joined", carol.username());
    b.awaitNotice("joined", carol.username());
    assertEquals("owner", c.awaitOccupant(alice.username()).getAttribute("data-role"));
    assertEquals("member", c.awaitOccupant(bob.username()).getAttribute("data-role"));

    // They chat: each sees the others' messages, in one order, each once.
    a.send("Hello everyone");
    a.awaitState("Hello everyone", "sent");
    b.awaitMessage("Hello everyone");
    c.awaitMessage("Hello everyone");
    b.send("Hi from Bob");
    c.awaitMessage("Hi from Bob");
    a.awaitMessage("Hi from Bob");
    c.send("Carol here");
    a.awaitMessage("Carol here");
    b.awaitMessage("Carol here");
    var expected = List.of("Hello everyone", "Hi from Bob", "Carol here");
    for (var page : List.of(a, b, c)) {
      assertEquals(expected, page.browser().until(d -> sized(page.messageTexts(), 3)));
    }
    var fromBob = c.awaitMessage("Hi from Bob");
    assertEquals("received", fromBob.getAttribute("data-state"));
    assertEquals("Bob Rooms", fromBob.findElement(byTest("room-message-from")).getText());

    // Bob shows: Alice and Carol see his badge, Bob sees his own camera.
    b.browser().click("show-button");
    b.browser().until(d -> b.previewPlaying() ? Boolean.TRUE : null);
    assertEquals("true", b.browser().visible("show-button").getAttribute("data-showing"));
    for (var page : List.of(a, c)) {
      page.awaitShowing(bob.username(), true);
      assertTrue(
          page.awaitOccupant(bob.username()).findElement(byTest("showing-badge")).isDisplayed());
      page.awaitNotice("shown", bob.username());
    }
    b.awaitShowing(bob.username(), true);

    // Bob unshows: the badge is gone everywhere and so is his preview.
    b.browser().click("show-button");
    for (var page : List.of(a, b, c)) {
      page.awaitShowing(bob.username(), false);
      assertTrue(
          page.awaitOccupant(bob.username()).findElements(byTest("showing-badge")).isEmpty());
    }
    a.awaitNotice("unshown", bob.username());
    b.browser().awaitGone(byTest("local-preview"));

    // Alice (the owner) kicks Carol with a reason: Carol is told why and is back in the
    // directory; Alice and Bob see her go.
    assertTrue(
        b.awaitOccupant(carol.username()).findElements(byTest("occupant-actions")).isEmpty(),
        "a member is offered no moderation");
    a.kick(carol.username(), "Off topic");
    assertEquals(
        "You were removed from " + room + ": Off topic",
        c.browser().awaitSomeText("rooms-notice-text"));
    c.browser().visible("room-directory");
    assertFalse(c.browser().isShown("room-view"));
    for (var page : List.of(a, b)) {
      page.awaitNoOccupant(carol.username());
      assertEquals(
          "kicked", page.awaitNotice("left", carol.username()).getAttribute("data-reason"));
      page.browser().awaitText("occupant-count", "(2)");
    }
  }

  @Test
  void passwordRoomRefusesAWrongPasswordAndAdmitsTheRightOne() {
    var alice = Users.create(rest, "alice", "Alice Locked");
    var bob = Users.create(rest, "bob", "Bob Knocks");
    var room = TestClient.uniqueName("vault");
    createRoom(alice, room, "public", "open-sesame");
    var b = loggedIn(bob);

    b.openDirectory();
    var item = b.search(room, room);
    assertTrue(item.findElement(byTest("room-lock")).isDisplayed());
    item.click();
    b.browser().visible("room-password-form");
    b.browser().type("room-password", "not-it");
    b.browser().click("room-password-submit");
    assertEquals("Wrong password. Try again.", b.browser().awaitSomeText("room-password-error"));
    assertFalse(b.browser().isShown("room-composer"));

    b.browser().type("room-password", "open-sesame");
    b.browser().click("room-password-submit");
    b.awaitInRoom(room);
    assertEquals("member", b.awaitOccupant(bob.username()).getAttribute("data-role"));
    b.send("I am in");
    b.awaitState("I am in", "sent");
  }

  @Test
  void droppedConnectionReEntersAndLosesNothing() {
    var alice = Users.create(rest, "alice", "Alice Steady");
    var bob = Users.create(rest, "bob", "Bob Flaky");
    var room = TestClient.uniqueName("steady");
    createRoom(alice, room, "public", null);
    var a = loggedIn(alice);
    var b = loggedIn(bob);
    a.openDirectory();
    a.enterFromSearch(room, room);
    b.openDirectory();
    b.enterFromSearch(room, room);
    a.awaitOccupant(bob.username());
    a.send("before");
    b.awaitMessage("before");
    b.browser().click("show-button");
    a.awaitShowing(bob.username(), true);

    // Bob's connection drops: Alice sees him go, writes meanwhile; Bob writes too (pending).
    b.browser().script(BLOCK_AND_DROP);
    b.browser().visible("reconnect-banner");
    a.awaitNoOccupant(bob.username());
    a.send("while you were away");
    a.awaitState("while you were away", "sent");
    b.send("written offline");
    b.awaitState("written offline", "pending");

    // Back: Bob is in the room again, has what he missed, and his message went out; each once.
    b.browser().script(UNBLOCK);
    b.browser().awaitGone(byTest("reconnect-banner"));
    a.awaitOccupant(bob.username());
    b.awaitMessage("while you were away");
    b.awaitState("written offline", "sent");
    a.awaitMessage("written offline");
    var expected = List.of("before", "while you were away", "written offline");
    assertEquals(expected, b.browser().until(d -> sized(b.messageTexts(), 3)));
    assertEquals(expected, a.browser().until(d -> sized(a.messageTexts(), 3)));
    b.awaitOccupant(alice.username());

    // His camera stayed on: he is back on the show list too.
    a.awaitShowing(bob.username(), true);
    assertTrue(b.previewPlaying());
  }

  @Test
  void moderatorsChangeTheTopicDeleteMessagesAndBan() {
    var alice = Users.create(rest, "alice", "Alice Mod");
    var bob = Users.create(rest, "bob", "Bob Unruly");
    var room = TestClient.uniqueName("agora");
    createRoom(alice, room, "public", null);
    var a = loggedIn(alice);
    var b = loggedIn(bob);
    a.openDirectory();
    a.enterFromSearch(room, room);
    b.openDirectory();
    b.enterFromSearch(room, room);
    a.awaitOccupant(bob.username());

    // Bob's camera is refused: he is told, and nobody sees him showing.
    b.browser().script(DENY_CAMERA);
    b.browser().click("show-button");
    assertTrue(b.browser().awaitSomeText("camera-error").startsWith("Camera access was denied."));
    assertEquals("false", b.browser().visible("show-button").getAttribute("data-showing"));
    assertFalse(b.browser().isShown("local-preview"));
    assertEquals("false", a.awaitOccupant(bob.username()).getAttribute("data-showing"));

    // A new topic through the settings dialog reaches Bob live, as text.
    a.browser().click("room-settings-button");
    a.browser().type("room-settings-topic", "Be <b>nice</b>");
    a.browser().click("room-settings-submit");
    b.browser().awaitText("room-topic", "Be <b>nice</b>");
    assertTrue(
        b.browser().driver().findElements(By.cssSelector("[data-test='room-topic'] b")).isEmpty());
    assertFalse(b.browser().isShown("room-settings-button"));

    // Alice deletes Bob's message (the action appears on hover): gone for both.
    b.send("spam spam spam");
    var spam = a.awaitMessage("spam spam spam");
    assertTrue(
        b.awaitMessage("spam spam spam")
                .findElement(byTest("delete-message"))
                .getAttribute("hidden")
            != null);
    new org.openqa.selenium.interactions.Actions(a.browser().driver())
        .moveToElement(spam)
        .perform();
    spam.findElement(byTest("delete-message")).click();
    a.browser().click("delete-message-submit");
    for (var page : List.of(a, b)) {
      page.browser()
          .until(d -> page.messageTexts().contains("spam spam spam") ? null : Boolean.TRUE);
    }

    // Alice makes Bob an admin, then bans him: he is told, and cannot come back.
    a.moderate(bob.username(), "make-admin-button");
    a.browser()
        .until(
            d ->
                "admin".equals(a.awaitOccupant(bob.username()).getAttribute("data-role"))
                    ? Boolean.TRUE
                    : null);
    b.browser()
        .until(
            d ->
                "admin".equals(b.browser().visible("room-view").getAttribute("data-role"))
                    ? 1
                    : null);
    a.moderate(bob.username(), "ban-button");
    a.browser().type("ban-reason", "Spam");
    a.browser().click("ban-submit");
    assertEquals(
        "You were banned from " + room + ": Spam", b.browser().awaitSomeText("rooms-notice-text"));
    a.awaitNoOccupant(bob.username());
    b.search(room, room).click();
    assertEquals("You are banned from this room.", b.browser().awaitSomeText("room-error-text"));
    b.browser().click("room-error-back");
    b.browser().visible("room-directory");
    assertTrue(
        b.browser().driver().findElements(byTestFor("occupant", bob.username())).stream()
            .noneMatch(e -> e.isDisplayed()));
  }

  @Test
  void privateRoomByInvitationWithUnreadCountsAndClosing() {
    var alice = Users.create(rest, "alice", "Alice Private");
    var bob = Users.create(rest, "bob", "Bob Invited");
    var room = TestClient.uniqueName("hideout");
    var a = loggedIn(alice);
    var b = loggedIn(bob);
    a.openDirectory();
    a.create(room, "Only for us", "private", null);
    a.browser().visible("room-header-private");

    // Bob cannot find it until Alice invites him.
    b.openDirectory();
    b.browser().type("room-search", room);
    assertTrue(b.browser().awaitSomeText("room-list-empty").startsWith("No room matches"));
    a.browser().click("invite-button");
    a.browser().type("invite-username", bob.username());
    a.browser().click("invite-submit");
    a.browser().awaitGone(byTest("invite-dialog"));
    var item = b.search(room, room);
    assertTrue(item.findElement(byTest("room-private")).isDisplayed());
    item.click();
    b.awaitInRoom(room);
    a.awaitNotice("joined", bob.username());

    // Bob leaves; Alice writes twice; Bob's directory counts them as unread.
    b.browser().click("leave-room");
    b.browser().visible("room-directory");
    assertEquals("left", a.awaitNotice("left", bob.username()).getAttribute("data-reason"));
    a.send("one");
    a.send("two");
    a.awaitState("two", "sent");
    b.browser()
        .until(
            d -> {
              b.refresh();
              var badge = b.awaitListed(room).findElements(byTest("room-unread"));
              return !badge.isEmpty() && "2".equals(badge.get(0).getText()) ? Boolean.TRUE : null;
            });

    // Reading them in the room clears the count.
    b.search(room, room).click();
    b.awaitInRoom(room);
    assertEquals(List.of("one", "two"), b.browser().until(d -> sized(b.messageTexts(), 2)));
    b.browser().click("room-back");
    b.browser()
        .until(
            d -> {
              b.refresh();
              return b.awaitListed(room).findElements(byTest("room-unread")).isEmpty()
                  ? Boolean.TRUE
                  : null;
            });

    // Bob is back in when Alice deletes the room: both are out, and it is gone from the list.
    b.search(room, room).click();
    b.awaitInRoom(room);
    a.awaitOccupant(bob.username());
    a.browser().click("delete-room-button");
    a.browser().click("delete-room-submit");
    assertEquals(
        room + " was closed by its owner.", b.browser().awaitSomeText("rooms-notice-text"));
    assertEquals("You deleted " + room + ".", a.browser().awaitSomeText("rooms-notice-text"));
    b.browser().type("room-search", room);
    b.browser().awaitSomeText("room-list-empty");
    assertTrue(b.browser().driver().findElements(RoomsPage.roomItem(room)).isEmpty());
  }

  /** The list once it has {@code size} entries, else null (to keep polling). */
  private static List<String> sized(List<String> list, int size) {
    return list.size() == size ? List.copyOf(list) : null;
  }
}
