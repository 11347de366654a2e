package dev.chorus.e2e;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The browsers one test opened, closed after it whatever happened: register with
 * {@code @RegisterExtension final Browsers browsers = new Browsers();}.
 */
final class Browsers implements AfterEachCallback {
  private final List<Browser> open = new ArrayList<>();

  /** A new browser with the fake camera at its default frame rate. */
  Browser open() {
    return track(new Browser());
  }

  /** A new browser whose fake camera runs at {@code cameraFps}. */
  Browser open(int cameraFps) {
    return track(new Browser(cameraFps));
  }

  /** A new browser of {@code kind} (Chromium or Firefox ESR). */
  Browser open(Browser.Kind kind) {
    return track(new Browser(kind));
  }

  /** A new Firefox ESR, driven over WebDriver BiDi. */
  Browser openFirefox() {
    return open(Browser.Kind.FIREFOX);
  }

  /** A new Firefox ESR in a window on a virtual X display, whose screen it can share. */
  Browser openFirefoxWithScreen() {
    return track(Browser.firefoxWithScreen());
  }

  private Browser track(Browser browser) {
    open.add(browser);
    return browser;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    open.forEach(Browser::close);
    open.clear();
  }
}
