package dev.chorus.e2e.bidi;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The part of Selenium's WebDriver and JavascriptExecutor that the page objects use, over WebDriver
 * BiDi (https://w3c.github.io/webdriver-bidi/) to a Firefox started here: Firefox's remote agent
 * speaks BiDi itself, so no geckodriver is needed. One top-level browsing context; everything else
 * throws UnsupportedOperationException.
 */
public final class BidiDriver implements WebDriver, JavascriptExecutor {
  /** Thrown by an element function when its node has left the document (Selenium: stale). */
  static final String STALE = "chorus-bidi: stale element";

  private final FirefoxProcess firefox;
  private final BidiConnection bidi;
  private final String context;
  private volatile JsonObject openPrompt;
  private boolean quit;

  private BidiDriver(FirefoxProcess firefox, BidiConnection bidi, String context) {
    this.firefox = firefox;
    this.bidi = bidi;
    this.context = context;
  }

  /** Starts {@code binary} headless with a fresh profile under {@code scratch}; opens a session. */
  public static BidiDriver startFirefox(String binary, Path scratch) {
    return open(FirefoxProcess.start(binary, scratch));
  }

  /**
   * As {@link #startFirefox(String, Path)}, but Firefox runs in a window on an Xvfb of its own
   * ({@code xvfbBinary}) whose screen getDisplayMedia shares.
   */
  public static BidiDriver startFirefoxWithScreen(String binary, String xvfbBinary, Path scratch) {
    return open(FirefoxProcess.startWithScreen(binary, xvfbBinary, scratch));
  }

  private static BidiDriver open(FirefoxProcess firefox) {
    BidiConnection bidi = null;
    try {
      bidi = new BidiConnection(firefox.endpoint().resolve("/session"));
      var capabilities =
          Json.createObjectBuilder()
              .add("acceptInsecureCerts", true)
              // Prompts stay open for the test to see, as with chromedriver's default.
              .add("unhandledPromptBehavior", Json.createObjectBuilder().add("default", "ignore"));
      bidi.send(
          "session.new",
          Json.createObjectBuilder()
              .add("capabilities", Json.createObjectBuilder().add("alwaysMatch", capabilities))
              .build());
      var tree = bidi.send("browsingContext.getTree", Json.createObjectBuilder().build());
      var context = tree.getJsonArray("contexts").getJsonObject(0).getString("context");
      var driver = new BidiDriver(firefox, bidi, context);
      bidi.on("browsingContext.userPromptOpened", p -> driver.openPrompt = p);
      bidi.on("browsingContext.userPromptClosed", p -> driver.openPrompt = null);
      bidi.send(
          "session.subscribe",
          Json.createObjectBuilder()
              .add(
                  "events",
                  Json.createArrayBuilder()
                      .add("browsingContext.userPromptOpened")
                      .add("browsingContext.userPromptClosed"))
              .build());
      return driver;
    } catch (RuntimeException e) {
      if (bidi != null) {
        bidi.close();
      }
      firefox.close();
      throw e;
    }
  }

  JsonObject send(String method, JsonObject params) {
    return bidi.send(method, params);
  }

  String context() {
    return context;
  }

  /**
   * Calls the JavaScript function {@code declaration} with {@code args} in the page, awaits a
   * returned promise and gives the result as Selenium would.
   */
  Object call(String declaration, Object... args) {
    var params =
        Json.createObjectBuilder()
            .add("functionDeclaration", declaration)
            .add("awaitPromise", true)
            .add("target", Json.createObjectBuilder().add("context", context))
            .add("arguments", BidiValues.arguments(args))
            .add("resultOwnership", "none")
            .add("serializationOptions", Json.createObjectBuilder().add("maxDomDepth", 0))
            .build();
    var result = bidi.send("script.callFunction", params);
    if ("exception".equals(result.getString("type"))) {
      var details = result.getJsonObject("exceptionDetails");
      var text = details.getString("text", details.toString());
      if (text.contains(STALE)) {
        throw new StaleElementReferenceException(text);
      }
      throw new JavascriptException(text + stack(details));
    }
    return BidiValues.remote(result.getJsonObject("result"), id -> new BidiElement(this, id));
  }

  private static String stack(JsonObject details) {
    var frames =
        details.containsKey("stackTrace")
            ? details.getJsonObject("stackTrace").getJsonArray("callFrames")
            : JsonArray.EMPTY_JSON_ARRAY;
    return frames.isEmpty() ? "" : " at " + frames.get(0);
  }

  void performActions(jakarta.json.JsonArrayBuilder actions) {
    bidi.send(
        "input.performActions",
        Json.createObjectBuilder().add("context", context).add("actions", actions).build());
  }

  /** Selenium's executeScript: {@code script} is a function body that may use await. */
  @Override
  public Object executeScript(String script, Object... args) {
    return call("async function() {\n" + script + "\n}", args);
  }

  @Override
  public Object executeAsyncScript(String script, Object... args) {
    throw new UnsupportedOperationException("executeAsyncScript: use executeScript with await");
  }

  @Override
  public void get(String url) {
    bidi.send(
        "browsingContext.navigate",
        Json.createObjectBuilder()
            .add("context", context)
            .add("url", url)
            .add("wait", "complete")
            .build());
  }

  @Override
  public String getCurrentUrl() {
    return (String) call("() => location.href");
  }

  @Override
  public String getTitle() {
    return (String) call("() => document.title");
  }

  @Override
  public String getPageSource() {
    return (String) call("() => document.documentElement.outerHTML");
  }

  @Override
  public List<WebElement> findElements(By by) {
    return BidiElement.find(this, null, by);
  }

  @Override
  public WebElement findElement(By by) {
    var found = findElements(by);
    if (found.isEmpty()) {
      throw new NoSuchElementException("no element " + by);
    }
    return found.get(0);
  }

  @Override
  public Set<String> getWindowHandles() {
    return Set.of(context);
  }

  @Override
  public String getWindowHandle() {
    return context;
  }

  @Override
  public TargetLocator switchTo() {
    return new Targets();
  }

  @Override
  public Navigation navigate() {
    return new Navigator();
  }

  @Override
  public Options manage() {
    throw new UnsupportedOperationException("manage()");
  }

  @Override
  public void close() {
    quit();
  }

  /** Ends the session, then Firefox and its content processes; a second call does nothing. */
  @Override
  public void quit() {
    if (quit) {
      return;
    }
    quit = true;
    try {
      bidi.send("session.end", Json.createObjectBuilder().build());
    } catch (RuntimeException e) {
      // the browser is ended below anyway
    } finally {
      bidi.close();
      firefox.close();
    }
  }

  private void traverse(int delta) {
    bidi.send(
        "browsingContext.traverseHistory",
        Json.createObjectBuilder().add("context", context).add("delta", delta).build());
  }

  private final class Navigator implements Navigation {
    @Override
    public void back() {
      traverse(-1);
    }

    @Override
    public void forward() {
      traverse(1);
    }

    @Override
    public void to(String url) {
      get(url);
    }

    @Override
    public void to(URL url) {
      get(url.toString());
    }

    @Override
    public void refresh() {
      bidi.send(
          "browsingContext.reload",
          Json.createObjectBuilder().add("context", context).add("wait", "complete").build());
    }
  }

  private final class Targets implements TargetLocator {
    @Override
    public Alert alert() {
      var prompt = openPrompt;
      if (prompt == null) {
        throw new NoAlertPresentException();
      }
      return new Prompt(prompt);
    }

    @Override
    public WebElement activeElement() {
      return (WebElement) call("() => document.activeElement");
    }

    @Override
    public WebDriver frame(int index) {
      throw new UnsupportedOperationException("frames");
    }

    @Override
    public WebDriver frame(String nameOrId) {
      throw new UnsupportedOperationException("frames");
    }

    @Override
    public WebDriver frame(WebElement frameElement) {
      throw new UnsupportedOperationException("frames");
    }

    @Override
    public WebDriver parentFrame() {
      throw new UnsupportedOperationException("frames");
    }

    @Override
    public WebDriver window(String nameOrHandle) {
      throw new UnsupportedOperationException("windows");
    }

    @Override
    public WebDriver newWindow(WindowType typeHint) {
      throw new UnsupportedOperationException("windows");
    }

    @Override
    public WebDriver defaultContent() {
      return BidiDriver.this;
    }
  }

  /** An open alert, confirm or prompt, answered with browsingContext.handleUserPrompt. */
  private final class Prompt implements Alert {
    private final JsonObject opened;
    private String userText;

    Prompt(JsonObject opened) {
      this.opened = opened;
    }

    private void handle(boolean accept) {
      var params = Json.createObjectBuilder().add("context", context).add("accept", accept);
      if (userText != null) {
        params.add("userText", userText);
      }
      bidi.send("browsingContext.handleUserPrompt", params.build());
    }

    @Override
    public void dismiss() {
      handle(false);
    }

    @Override
    public void accept() {
      handle(true);
    }

    @Override
    public String getText() {
      return opened.getString("message", "");
    }

    @Override
    public void sendKeys(String keysToSend) {
      userText = keysToSend;
    }
  }
}
