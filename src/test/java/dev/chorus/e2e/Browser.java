package dev.chorus.e2e;

import dev.chorus.e2e.bidi.BidiDriver;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One simulated user: a headless Debian Chromium driven by chromedriver, or a Firefox ESR driven
 * over WebDriver BiDi (no geckodriver), each with a fake camera and microphone. Paths are given
 * explicitly so nothing tries to download anything.
 */
public final class Browser implements AutoCloseable {
  /** Which browser engine a simulated user runs. */
  public enum Kind {
    CHROMIUM,
    FIREFOX
  }

  // Generous: CI machines run a server and several browsers on two cores.
  private static final Duration WAIT = Duration.ofSeconds(25);

  private final Kind kind;
  private final Path scratch;
  private final WebDriver driver;
  private boolean closed;

  public Browser() {
    this(30);
  }

  public Browser(Kind kind) {
    this(kind, 30);
  }

  /**
   * A browser whose fake camera runs at {@code cameraFps} frames per second: a room of six on two
   * cores needs fewer frames to encode and decode than one call does.
   */
  public Browser(int cameraFps) {
    this(Kind.CHROMIUM, cameraFps);
  }

  /**
   * A {@code kind} browser; Firefox's fake camera has its own fixed frame rate, so {@code
   * cameraFps} only applies to Chromium.
   */
  public Browser(Kind kind, int cameraFps) {
    this(kind, cameraFps, false);
  }

  /**
   * A Firefox ESR in a window on a virtual X display of its own (Debian's {@code Xvfb}, another
   * binary with {@code -Dxvfb.binary=PATH}) instead of headless: its getDisplayMedia shares that
   * display's screen, which headless Firefox does not have.
   */
  public static Browser firefoxWithScreen() {
    return new Browser(Kind.FIREFOX, 30, true);
  }

  private Browser(Kind kind, int cameraFps, boolean screen) {
    this.kind = kind;
    try {
      scratch = Files.createTempDirectory(Path.of("target"), kind.name().toLowerCase() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var firefox = System.getProperty("firefox.binary", "/usr/bin/firefox-esr");
    if (kind == Kind.CHROMIUM) {
      driver = chromium(scratch, cameraFps);
    } else if (screen) {
      driver =
          BidiDriver.startFirefoxWithScreen(
              firefox, System.getProperty("xvfb.binary", "/usr/bin/Xvfb"), scratch);
    } else {
      driver = BidiDriver.startFirefox(firefox, scratch);
    }
  }

  private static WebDriver chromium(Path scratch, int cameraFps) {
    var options = new ChromeOptions();
    options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--use-fake-device-for-media-stream=fps=" + cameraFps,
        "--use-fake-ui-for-media-stream",
        "--allow-loopback-in-peer-connection",
        "--ignore-certificate-errors",
        "--window-size=1280,900",
        "--user-data-dir=" + scratch.resolve("profile"));
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
            .usingAnyFreePort()
            .withEnvironment(Map.of("HOME", scratch.toString()))
            .build();
    return new ChromeDriver(service, options);
  }

  public Kind kind() {
    return kind;
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** The element with {@code data-test="name"}, once it is visible. */
  public WebElement visible(String testId) {
    return until(
        d -> {
          var e = d.findElements(byTest(testId));
          return !e.isEmpty() && e.get(0).isDisplayed() ? e.get(0) : null;
        });
  }

  public void type(String testId, String text) {
    var e = visible(testId);
    e.clear();
    e.sendKeys(text);
  }

  /**
   * Clicks the element with {@code data-test="name"} once it is visible; a page that re-renders
   * between finding and clicking (a stale element) is retried, not a failure.
   */
  public void click(String testId) {
    click(byTest(testId));
  }

  /** Clicks the first visible match of {@code locator}, retried while the page re-renders. */
  public void click(By locator) {
    until(
        d -> {
          var e = d.findElements(locator);
          if (e.isEmpty() || !e.get(0).isDisplayed()) {
            return null;
          }
          e.get(0).click();
          return Boolean.TRUE;
        });
  }

  /** Clicks {@code target} inside the first match of {@code container}, retried the same way. */
  public void clickIn(By container, By target) {
    until(
        d -> {
          var e = d.findElements(container);
          if (e.isEmpty()) {
            return null;
          }
          e.get(0).findElement(target).click();
          return Boolean.TRUE;
        });
  }

  /** Waits until the element's text equals {@code expected}; returns it. */
  public String awaitText(String testId, String expected) {
    until(
        d -> {
          var e = d.findElements(byTest(testId));
          return !e.isEmpty() && expected.equals(e.get(0).getText()) ? Boolean.TRUE : null;
        });
    return visible(testId).getText();
  }

  /** Waits until the element's text is not blank; returns it. */
  public String awaitSomeText(String testId) {
    return until(
        d -> {
          var t = visible(testId).getText();
          return t.isBlank() ? null : t;
        });
  }

  public boolean isShown(String testId) {
    var e = driver.findElements(byTest(testId));
    return !e.isEmpty() && e.get(0).isDisplayed();
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Polls until the condition gives a non-null value (selenium-support is not needed). */
  public <T> T until(Function<WebDriver, T> condition) {
    var deadline = System.nanoTime() + WAIT.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        var value = condition.apply(driver);
        if (value != null) {
          return value;
        }
      } catch (org.openqa.selenium.WebDriverException e) {
        last = e; // e.g. a stale element while the page re-renders
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(
        "condition not met within " + WAIT + "; the page shows: " + pageText(), last);
  }

  /** What a person would see, for failure messages. */
  private String pageText() {
    try {
      var text = String.valueOf(script("return document.body ? document.body.innerText : ''"));
      return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    } catch (RuntimeException e) {
      return "(unreadable: " + e + ")";
    }
  }

  public static By byTest(String testId) {
    return By.cssSelector("[data-test='" + testId + "']");
  }

  /** {@code [data-test=testId][data-username=username]}: a row about one user. */
  public static By byTestFor(String testId, String username) {
    return By.cssSelector("[data-test='" + testId + "'][data-username='" + username + "']");
  }

  /** The element found by {@code by}, once it is visible. */
  public WebElement visible(By by) {
    return until(
        d -> {
          var e = d.findElements(by);
          return !e.isEmpty() && e.get(0).isDisplayed() ? e.get(0) : null;
        });
  }

  /** Waits until nothing matching {@code by} is shown. */
  public void awaitGone(By by) {
    until(
        d -> d.findElements(by).stream().noneMatch(WebElement::isDisplayed) ? Boolean.TRUE : null);
  }

  /** Logs in through the form on the start page. */
  public void logInThroughForm(URI base, String username, String password) {
    open(base.toString());
    type("login-username", username);
    type("login-password", password);
    click("login-submit");
    visible("shell");
  }

  /** Logs in by handing the page a session token, as a reload of a logged-in tab would. */
  public void logInWithToken(URI base, String token) {
    open(base.toString());
    script("localStorage.setItem('chorus.token', arguments[0])", token);
    driver.navigate().refresh();
    visible("shell");
  }

  /** Quits the browser and deletes its profile; a second call does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(scratch)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException ignored) {
        // a leftover profile directory under target/ is harmless
      }
    }
  }
}
