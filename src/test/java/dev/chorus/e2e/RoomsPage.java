package dev.chorus.e2e;

import static dev.chorus.e2e.Browser.byTest;
import static dev.chorus.e2e.Browser.byTestFor;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The rooms screens of one browser (directory, room view, dialogs), by their data-test hooks. */
final class RoomsPage {
  private final Browser browser;

  RoomsPage(Browser browser) {
    this.browser = browser;
  }

  Browser browser() {
    return browser;
  }

  /** Opens the room directory from the sidebar. */
  void openDirectory() {
    browser.click("rooms-nav");
    browser.visible("room-directory");
  }

  /** Creates a room through the dialog and waits until this browser is in it. */
  void create(String name, String topic, String visibility, String password) {
    browser.click("create-room");
    browser.visible("create-room-dialog");
    fillCreateDialog(name, topic, visibility, password);
    browser.click("create-room-submit");
    awaitInRoom(name);
  }

  void fillCreateDialog(String name, String topic, String visibility, String password) {
    browser.type("create-room-name", name);
    browser.type("create-room-topic", topic);
    browser
        .visible("create-room-visibility")
        .findElement(By.cssSelector("option[value='" + visibility + "']"))
        .click();
    if (password != null) {
      browser.type("create-room-password", password);
    }
  }

  /** Types into the directory search and waits for the room with this name in its answer. */
  WebElement search(String query, String roomName) {
    var before = loadSeq();
    browser.type("room-search", query);
    awaitLoadAfter(before, query);
    return awaitListed(roomName);
  }

  /** Loads the directory again for the text in the search box (Enter) and waits for it. */
  void refresh() {
    var before = loadSeq();
    var query = browser.visible("room-search").getAttribute("value").trim();
    browser.visible("room-search").sendKeys(Keys.ENTER);
    awaitLoadAfter(before, query);
  }

  private int loadSeq() {
    var seq = browser.driver().findElement(byTest("room-list")).getAttribute("data-seq");
    return seq == null ? 0 : Integer.parseInt(seq);
  }

  /** Waits for the answer to a search started after load number {@code before}. */
  private void awaitLoadAfter(int before, String query) {
    browser.until(
        d -> {
          var list = d.findElement(byTest("room-list"));
          return loadSeq() > before
                  && query.equals(list.getAttribute("data-query"))
                  && "ready".equals(list.getAttribute("data-state"))
              ? Boolean.TRUE
              : null;
        });
  }

  WebElement awaitListed(String roomName) {
    return browser.visible(roomItem(roomName));
  }

  static By roomItem(String roomName) {
    return By.cssSelector("[data-test='room-item'][data-room-name='" + roomName + "']");
  }

  /** Finds the room by searching for {@code query} and enters it (no password). */
  void enterFromSearch(String query, String roomName) {
    search(query, roomName).click();
    awaitInRoom(roomName);
  }

  void awaitInRoom(String roomName) {
    browser.until(
        d -> {
          var view = browser.visible("room-view");
          return "in".equals(view.getAttribute("data-state"))
                  && roomName.equals(browser.visible("room-title").getText())
              ? Boolean.TRUE
              : null;
        });
  }

  /** The occupant row of {@code username}, once it is listed. */
  WebElement awaitOccupant(String username) {
    return browser.visible(byTestFor("occupant", username));
  }

  void awaitNoOccupant(String username) {
    browser.awaitGone(byTestFor("occupant", username));
  }

  /** Waits until the occupant's data-showing is {@code showing}. */
  void awaitShowing(String username, boolean showing) {
    browser.until(
        d ->
            String.valueOf(showing).equals(awaitOccupant(username).getAttribute("data-showing"))
                ? Boolean.TRUE
                : null);
  }

  /** The notice of this kind (joined, left, shown, unshown) about {@code username}. */
  WebElement awaitNotice(String kind, String username) {
    return browser.visible(
        By.cssSelector(
            "[data-test='notice'][data-kind='" + kind + "'][data-username='" + username + "']"));
  }

  void send(String text) {
    var input = browser.visible("room-input");
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  /** The room message with exactly this text, once shown. */
  WebElement awaitMessage(String text) {
    return browser.until(
        d ->
            d.findElements(byTest("room-message")).stream()
                .filter(m -> text.equals(textOf(m)))
                .findFirst()
                .orElse(null));
  }

  WebElement awaitState(String text, String state) {
    return browser.until(
        d ->
            d.findElements(byTest("room-message")).stream()
                .filter(m -> text.equals(textOf(m)) && state.equals(m.getAttribute("data-state")))
                .findFirst()
                .orElse(null));
  }

  /** Every message text in the room timeline, top to bottom, read in one go. */
  @SuppressWarnings("unchecked")
  List<String> messageTexts() {
    return (List<String>)
        browser.script(
            "return [...document.querySelectorAll(\"[data-test='room-message']"
                + " [data-test='room-message-text']\")].map(e => e.textContent)");
  }

  /** Opens the moderation menu on an occupant and clicks one of its actions. */
  void moderate(String username, String action) {
    var menu = awaitOccupant(username).findElement(By.cssSelector(".occupant-menu"));
    if (menu.getAttribute("open") == null) {
      menu.findElement(byTest("occupant-actions")).click();
    }
    browser
        .until(
            d -> {
              var b = awaitOccupant(username).findElements(byTest(action));
              return !b.isEmpty() && b.get(0).isDisplayed() ? b.get(0) : null;
            })
        .click();
  }

  void kick(String username, String reason) {
    moderate(username, "kick-button");
    browser.type("kick-reason", reason);
    browser.click("kick-submit");
    browser.awaitGone(byTest("kick-dialog"));
  }

  /** True while the local camera preview plays real frames. */
  boolean previewPlaying() {
    return Boolean.TRUE.equals(
        browser.script(
            "const v = document.querySelector(\"[data-test='local-preview']\");"
                + " return !!v && v.offsetParent !== null && v.videoWidth > 0 && v.readyState >= 2;"));
  }

  static String textOf(WebElement message) {
    return message.findElement(byTest("room-message-text")).getText();
  }
}
