package dev.chorus.e2e;

import static dev.chorus.e2e.Browser.byTest;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The call controls of one browser, in the words of their data-test hooks, and the page's {@code
 * window.chorusCall} hook for what the peer connection's getStats() says.
 */
final class CallPage {
  private static final Duration MEDIA_WAIT = Duration.ofSeconds(20);

  private final Browser browser;

  CallPage(Browser browser) {
    this.browser = browser;
  }

  Browser browser() {
    return browser;
  }

  /** What the active call's connection reports (null when this tab has no peer connection). */
  @SuppressWarnings("unchecked")
  Map<String, Object> stats() {
    return (Map<String, Object>)
        browser.script("return window.chorusCall ? window.chorusCall.stats() : null");
  }

  /** Polls stats every 500 ms for up to 20 s until {@code condition} holds; returns them. */
  Map<String, Object> awaitStats(String what, Predicate<Map<String, Object>> condition) {
    var deadline = System.nanoTime() + MEDIA_WAIT.toNanos();
    Map<String, Object> last = null;
    while (System.nanoTime() < deadline) {
      last = stats();
      if (last != null && condition.test(last)) {
        return last;
      }
      sleep(500);
    }
    throw new AssertionError(what + " not seen within " + MEDIA_WAIT + "; last stats: " + last);
  }

  /** Waits until this side decodes remote video and receives remote audio. */
  Map<String, Object> awaitVideoAndAudio() {
    return awaitStats(
        "decoded video and received audio",
        s -> number(s, "framesDecoded") > 0 && number(s, "audioPacketsReceived") > 0);
  }

  /** The call phase in this tab: idle, starting, outgoing, incoming, accepting, active. */
  String phase() {
    return (String) browser.script("return window.chorusCall ? window.chorusCall.state() : 'none'");
  }

  void awaitPhase(String phase) {
    browser.until(d -> phase.equals(phase()) ? Boolean.TRUE : null);
  }

  /** Waits for the incoming-call prompt; returns its "name — kind" texts. */
  String awaitIncoming() {
    browser.visible("call-incoming");
    return browser.awaitSomeText("call-incoming-name")
        + " — "
        + browser.awaitSomeText("call-incoming-kind");
  }

  /** Waits until the call window is gone and returns the message shown after the call. */
  String awaitEnded(String reason) {
    browser.awaitGone(byTest("call"));
    browser.until(
        d -> reason.equals(browser.visible("call-message").getAttribute("data-reason")) ? 1 : null);
    return browser.visible("call-message-text").getText();
  }

  /**
   * Like {@link #awaitEnded(String)} for endings that take longer than the browser's usual wait (a
   * connection that cannot be made is given up after about 20 s).
   */
  String awaitEnded(String reason, Duration timeout) {
    var deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var shown =
          browser.script(
              "const m = document.querySelector(\"[data-test='call-message']\");"
                  + "return m && !m.hidden && m.dataset.reason === arguments[0]"
                  + " ? document.querySelector(\"[data-test='call-message-text']\").textContent"
                  + " : null",
              reason);
      if (shown != null) {
        browser.awaitGone(byTest("call"));
        return (String) shown;
      }
      sleep(250);
    }
    throw new AssertionError(
        "no call-message with reason " + reason + " within " + timeout + "; phase " + phase());
  }

  /** Seconds on the call timer. */
  long timerSeconds() {
    return Long.parseLong(browser.visible("call-timer").getAttribute("data-seconds"));
  }

  void awaitConnected() {
    browser.until(
        d ->
            "connected".equals(browser.visible("call-connection").getAttribute("data-state"))
                ? Boolean.TRUE
                : null);
  }

  static long number(Map<String, Object> stats, String key) {
    var v = stats.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> pair(Map<String, Object> stats) {
    return (Map<String, Object>) stats.get("pair");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
