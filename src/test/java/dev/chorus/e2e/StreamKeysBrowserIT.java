package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The room page's "Stream keys" dialog in Chromium: the owner creates a key, sees its secret once
 * with the WHIP URL, finds only its name when the dialog opens again, and revokes it; the server
 * agrees at each step.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StreamKeysBrowserIT {
  private final TestClient rest = new TestClient();
  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void theOwnerCreatesAKeySeesItsSecretOnceAndRevokesIt() {
    var owner = Users.create(rest, "keypage");
    var roomName = TestClient.uniqueName("keys");
    var roomId = RoomMediaChecks.createRoom(rest, owner, roomName);
    var page = RoomMediaChecks.enter(browsers.open(), owner, roomId, roomName);
    var b = page.browser();

    b.click("stream-keys-button");
    b.visible("stream-keys-dialog");
    b.awaitText("stream-keys-note", "No stream keys yet.");
    b.type("stream-key-name-input", "OBS <b>studio</b>");
    b.click("stream-key-create");
    var secret = b.until(d -> nonEmpty(b.visible("stream-key-secret").getDomProperty("value")));
    assertTrue(secret.matches("csk_[A-Za-z0-9_-]{43}"), secret);
    var whipUrl = b.visible("stream-key-whip-url").getDomProperty("value");
    assertTrue(whipUrl.endsWith("/api/rooms/" + roomId + "/whip"), whipUrl);
    b.awaitText("stream-key-name", "OBS <b>studio</b>"); // as text, not markup

    var keys = keys(owner, roomId);
    assertEquals(1, keys.size(), keys.toString());
    assertEquals("OBS <b>studio</b>", keys.get(0).getString("name"));

    b.click("stream-keys-close");
    b.awaitGone(Browser.byTest("stream-keys-dialog"));
    b.click("stream-keys-button");
    b.awaitText("stream-key-name", "OBS <b>studio</b>");
    assertFalse(b.isShown("stream-key-secret-panel"), "the secret is not shown again");
    assertFalse(
        b.driver().getPageSource().contains(secret.substring(4)), "nor anywhere in the page");

    b.click("stream-key-revoke");
    b.click("revoke-stream-key-submit");
    b.awaitText("stream-keys-note", "No stream keys yet.");
    assertEquals(List.of(), keys(owner, roomId), "revoked on the server");
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static List<JsonObject> keys(Users user, String roomId) {
    var reply = user.get("api/rooms/" + roomId + "/stream-keys");
    assertEquals(200, reply.status(), reply.text());
    return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }
}
