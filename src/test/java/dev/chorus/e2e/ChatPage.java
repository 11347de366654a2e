package dev.chorus.e2e;

import static dev.chorus.e2e.Browser.byTest;
import static dev.chorus.e2e.Browser.byTestFor;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The messaging screen of one browser, in the words of its data-test hooks. */
final class ChatPage {
  private final Browser browser;

  ChatPage(Browser browser) {
    this.browser = browser;
  }

  Browser browser() {
    return browser;
  }

  /** Waits until {@code username} is in the online list; returns the row. */
  WebElement awaitOnline(String username) {
    return browser.visible(byTestFor("online-user", username));
  }

  void awaitOffline(String username) {
    browser.awaitGone(byTestFor("online-user", username));
  }

  /** Opens the conversation from the online list. */
  void openFromOnlineList(String username) {
    clickRow("online-user", username);
    awaitConversationWith(username);
  }

  /** Opens the conversation from the conversation list. */
  void openFromConversationList(String username) {
    clickRow("conversation-item", username);
    awaitConversationWith(username);
  }

  /**
   * Clicks a list row. The lists are re-rendered on every presence or conversation update, so a row
   * found a moment ago may be gone (stale) by the click: find it again and retry.
   */
  private void clickRow(String testId, String username) {
    browser.until(
        d -> {
          browser.visible(byTestFor(testId, username)).click();
          return Boolean.TRUE;
        });
  }

  void awaitConversationWith(String username) {
    browser.until(
        d ->
            username.equals(browser.visible("conversation").getAttribute("data-username"))
                ? Boolean.TRUE
                : null);
  }

  /** Types the text and presses Enter, as a person would. */
  void send(String text) {
    var input = browser.visible("message-input");
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  /** The message with exactly this text, once it is shown. */
  WebElement awaitMessage(String text) {
    return browser.until(
        d ->
            d.findElements(byTest("message")).stream()
                .filter(m -> text.equals(textOf(m)))
                .findFirst()
                .orElse(null));
  }

  /** Waits until the message with this text has the given data-state (pending, sent, read…). */
  WebElement awaitState(String text, String state) {
    return browser.until(
        d ->
            d.findElements(byTest("message")).stream()
                .filter(m -> text.equals(textOf(m)) && state.equals(m.getAttribute("data-state")))
                .findFirst()
                .orElse(null));
  }

  /** Every message text in the open conversation, top to bottom, read in one go. */
  @SuppressWarnings("unchecked")
  List<String> messageTexts() {
    return (List<String>)
        browser.script(
            "return [...document.querySelectorAll(\"[data-test='message'] [data-test='message-text']\")]"
                + ".map(e => e.textContent)");
  }

  /** The data-id of every rendered message ("" for a pending one). */
  @SuppressWarnings("unchecked")
  List<String> messageIds() {
    return (List<String>)
        browser.script(
            "return [...document.querySelectorAll(\"[data-test='message']\")]"
                + ".map(e => e.dataset.id || '')");
  }

  /** The unread badge of the conversation with {@code username}, once it shows {@code count}. */
  void awaitUnread(String username, String count) {
    browser.until(
        d -> {
          var badges =
              d.findElements(
                  By.cssSelector(
                      "[data-test='conversation-item'][data-username='"
                          + username
                          + "'] [data-test='unread-badge']"));
          return !badges.isEmpty() && count.equals(badges.get(0).getText()) ? Boolean.TRUE : null;
        });
  }

  void awaitNoUnread(String username) {
    browser.visible(byTestFor("conversation-item", username));
    browser.awaitGone(
        By.cssSelector(
            "[data-test='conversation-item'][data-username='"
                + username
                + "'] [data-test='unread-badge']"));
  }

  static String textOf(WebElement message) {
    return message.findElement(byTest("message-text")).getText();
  }
}
