package dev.chorus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.TestClient;
import dev.chorus.it.Users;
import dev.chorus.it.WsClient;
import jakarta.json.Json;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The admin page in Chromium: an administrator follows the Admin link, sees the rooms, live
 * connections, users and audit lists and the charts drawn from the server's figures, and disables a
 * user who is in a room: the user's socket closes, they leave the room, and the audit log shows it.
 * Someone who is not an administrator never sees the link and is refused by the page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminPageBrowserIT {
  private final TestClient rest = new TestClient();
  private Browser browser;

  @BeforeEach
  void openBrowser() {
    browser = new Browser();
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  @Test
  void anAdministratorSeesEveryListAndTheChartsAndDisablesAUserWhoIsInARoom() {
    var victim = Users.create(rest, "victim");
    var roomName = "Admin page " + TestClient.uniqueName("r");
    var room =
        rest.send(
            "POST",
            "api/rooms",
            Json.createObjectBuilder()
                .add("name", roomName)
                .add("topic", "watched")
                .add("visibility", "private")
                .build()
                .toString(),
            victim.token());
    assertEquals(201, room.status(), room.text());
    var roomId = room.json().getString("id");
    try (var tab = WsClient.connect(rest, victim.token())) {
      var victimId = tab.nextOfType("welcome").getString("accountId");
      tab.send(
          Json.createObjectBuilder()
              .add("type", "room.enter")
              .add("id", "e1")
              .add("roomId", roomId)
              .build());
      assertEquals("room.entered", tab.nextOfType("room.entered").getString("type"));

      browser.logInThroughForm(
          ChorusServer.https(), ChorusServer.ADMIN, ChorusServer.ADMIN_PASSWORD);
      browser.click("admin-link");
      browser.visible("admin-shell");

      // Rooms: the private room, with the victim in it.
      browser.click("admin-tab-rooms");
      browser.type("admin-rooms-search", roomName);
      browser.click("admin-rooms-refresh");
      // Typing and Refresh each render the list: read the row again until it settles.
      browser.until(
          d ->
              roomName.equals(
                      row("admin-rooms-row", roomId)
                          .findElement(Browser.byTest("admin-room-name"))
                          .getText())
                  ? true
                  : null);
      browser.until(
          d ->
              "1"
                      .equals(
                          row("admin-rooms-row", roomId)
                              .findElement(Browser.byTest("admin-room-occupants"))
                              .getText())
                  ? true
                  : null);

      // Live connections: the victim's socket.
      browser.click("admin-tab-live");
      var liveRow = row("admin-live-row", victimId);
      assertEquals("1", liveRow.findElement(Browser.byTest("admin-live-count")).getText());
      assertTrue(liveRow.getText().contains(victim.username()), liveRow.getText());

      // Users: find the victim and disable them, after confirming.
      browser.click("admin-tab-users");
      browser.type("admin-users-search", victim.username());
      browser.click("admin-users-refresh");
      row("admin-users-row", victimId).findElement(Browser.byTest("admin-user-disable")).click();
      browser.visible("admin-confirm");
      browser.click("admin-confirm-ok");
      browser.until(
          d ->
              "Disabled"
                      .equals(
                          row("admin-users-row", victimId)
                              .findElement(Browser.byTest("admin-user-status"))
                              .getText())
                  ? true
                  : null);
      assertTrue(browser.awaitSomeText("admin-users-status").contains("disabled"));

      // The victim is out: socket closed, so out of the room.
      var closed = tab.awaitClose(Duration.ofSeconds(15));
      assertEquals(1008, closed.code(), closed.reason());
      browser.click("admin-tab-rooms");
      browser.click("admin-rooms-refresh");
      browser.until(
          d ->
              "0"
                      .equals(
                          row("admin-rooms-row", roomId)
                              .findElement(Browser.byTest("admin-room-occupants"))
                              .getText())
                  ? true
                  : null);

      // The audit log shows who disabled whom.
      browser.click("admin-tab-audit");
      browser.type("admin-audit-action", "user.disabled");
      browser.click("admin-audit-refresh");
      browser.until(
          d ->
              d.findElements(Browser.byTest("admin-audit-row")).stream()
                      .anyMatch(
                          r ->
                              r.getText().contains(victim.username())
                                  && r.getText().contains(ChorusServer.ADMIN))
                  ? true
                  : null);

      // Charts: drawn from the server's figures (lines in the series' colours).
      browser.click("admin-tab-charts");
      browser.until(
          d -> {
            var points =
                d.findElement(Browser.byTest("admin-chart-users")).getAttribute("data-points");
            return points != null && Integer.parseInt(points) > 0 ? true : null;
          });
      // Pixels of the users-online colour (#3559e0, anti-aliasing tolerated): a 2 px line across
      // the chart is hundreds; the legend's swatch alone is 30.
      var coloured =
          ((Number)
                  browser.script(
                      "const c = document.querySelector(\"[data-test='admin-chart-users']\");"
                          + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                          + "const near = (a, b) => Math.abs(a - b) < 40;"
                          + "let n = 0;"
                          + "for (let i = 0; i < d.length; i += 4)"
                          + "  if (near(d[i], 0x35) && near(d[i + 1], 0x59) && near(d[i + 2], 0xe0)) n++;"
                          + "return n;"))
              .intValue();
      assertTrue(coloured > 150, "the users-online line is drawn: " + coloured + " pixels");
      assertFalse(browser.awaitSomeText("admin-figure-sockets").isBlank());
    }
  }

  @Test
  void someoneWhoIsNotAnAdministratorSeesNoAdminLinkAndIsRefusedByThePage() {
    var user = Users.create(rest, "plain");
    browser.logInWithToken(ChorusServer.https(), user.token());
    browser.awaitText("connection-state", "Connected");
    // The page asked the server (an admin-only endpoint) and got 403: the link stays hidden.
    browser.until(
        d ->
            Boolean.TRUE.equals(
                    browser.script(
                        "return performance.getEntriesByType('resource')"
                            + ".some(e => e.name.endsWith('/api/admin/sockets'))"))
                ? true
                : null);
    sleep(500);
    assertFalse(browser.isShown("admin-link"));

    browser.open(ChorusServer.https().resolve("admin.html").toString());
    assertTrue(browser.awaitSomeText("admin-refused").contains("administrators"));
    assertFalse(browser.isShown("admin-shell"));
  }

  private org.openqa.selenium.WebElement row(String test, String id) {
    return browser.visible(By.cssSelector("[data-test='" + test + "'][data-id='" + id + "']"));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
