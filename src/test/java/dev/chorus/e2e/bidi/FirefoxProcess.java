package dev.chorus.e2e.bidi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Firefox with its remote agent on a free port, in its own profile whose prefs give it a fake
 * camera and microphone and keep it off the network (the test machine has none, and a browser that
 * waits for update or telemetry servers is slow to start and to quit). Headless, or with a screen:
 * a window on a {@link VirtualDisplay} of its own, whose whole screen getDisplayMedia shares.
 */
final class FirefoxProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
  private static final long START_NANOS = 60_000_000_000L;

  /** Prefs for a test browser on a closed network; written to the profile's user.js. */
  static final Map<String, Object> PREFS =
      Map.ofEntries(
          // Fake camera and microphone, no permission prompt, WebRTC over loopback.
          Map.entry("media.navigator.streams.fake", true),
          Map.entry("media.navigator.permission.disabled", true),
          Map.entry("media.peerconnection.ice.loopback", true),
          Map.entry("media.peerconnection.ice.obfuscate_host_addresses", false),
          Map.entry("media.autoplay.default", 0),
          Map.entry("media.autoplay.blocking_policy", 0),
          Map.entry("media.gmp-manager.updateEnabled", false),
          Map.entry("media.gmp-manager.url", ""),
          // No updates, telemetry, experiments, remote settings or pushes.
          Map.entry("app.update.disabledForTesting", true),
          Map.entry("app.update.auto", false),
          Map.entry("app.normandy.enabled", false),
          Map.entry("app.normandy.api_url", ""),
          Map.entry("app.shield.optoutstudies.enabled", false),
          Map.entry("messaging-system.rsexperimentloader.enabled", false),
          Map.entry("toolkit.telemetry.enabled", false),
          Map.entry("toolkit.telemetry.unified", false),
          Map.entry("toolkit.telemetry.server", ""),
          Map.entry("datareporting.policy.dataSubmissionEnabled", false),
          Map.entry("datareporting.healthreport.uploadEnabled", false),
          Map.entry("services.settings.server", "data:,#remote-settings-dummy/v1"),
          Map.entry("extensions.update.enabled", false),
          Map.entry("extensions.getAddons.cache.enabled", false),
          Map.entry("extensions.blocklist.enabled", false),
          Map.entry("dom.push.connection.enabled", false),
          Map.entry("identity.fxaccounts.enabled", false),
          Map.entry("browser.region.update.enabled", false),
          Map.entry("browser.region.network.url", ""),
          Map.entry("geo.provider.network.url", ""),
          Map.entry("browser.search.update", false),
          Map.entry("browser.topsites.contile.enabled", false),
          Map.entry("browser.newtabpage.enabled", false),
          Map.entry("browser.discovery.enabled", false),
          Map.entry("network.captive-portal-service.enabled", false),
          Map.entry("network.connectivity-service.enabled", false),
          Map.entry("network.dns.disablePrefetch", true),
          Map.entry("network.prefetch-next", false),
          Map.entry("network.http.speculative-parallel-limit", 0),
          Map.entry("browser.safebrowsing.malware.enabled", false),
          Map.entry("browser.safebrowsing.phishing.enabled", false),
          Map.entry("browser.safebrowsing.downloads.enabled", false),
          Map.entry("browser.safebrowsing.blockedURIs.enabled", false),
          Map.entry("browser.safebrowsing.update.enabled", false),
          // No first-run, welcome or default-browser pages.
          Map.entry("browser.shell.checkDefaultBrowser", false),
          Map.entry("browser.startup.page", 0),
          Map.entry("browser.startup.homepage", "about:blank"),
          Map.entry("browser.startup.homepage_override.mstone", "ignore"),
          Map.entry("startup.homepage_welcome_url", "about:blank"),
          Map.entry("startup.homepage_welcome_url.additional", ""),
          Map.entry("browser.aboutwelcome.enabled", false),
          Map.entry("trailhead.firstrun.didSeeAboutWelcome", true),
          Map.entry("datareporting.policy.firstRunURL", ""),
          Map.entry("browser.tabs.warnOnClose", false),
          Map.entry("browser.sessionstore.resume_from_crash", false));

  /**
   * With a screen: screen sharing on and the other sources (windows, tabs) off, so that with
   * prompts disabled (PREFS) getDisplayMedia shares the whole screen without a picker.
   */
  static final Map<String, Object> SCREEN_PREFS =
      Map.of(
          "media.getdisplaymedia.enabled", true,
          "media.getusermedia.screensharing.enabled", true,
          "media.getusermedia.browser.enabled", false,
          "media.getusermedia.window.enabled", false);

  private final Process process;
  private final URI endpoint;
  private final VirtualDisplay display;

  private FirefoxProcess(Process process, URI endpoint, VirtualDisplay display) {
    this.process = process;
    this.endpoint = endpoint;
    this.display = display;
  }

  /** The remote agent's WebSocket address, e.g. {@code ws://127.0.0.1:41234}. */
  URI endpoint() {
    return endpoint;
  }

  /**
   * Starts {@code binary} headless with a fresh profile under {@code scratch} (also its HOME) and
   * waits for its remote agent to listen.
   */
  static FirefoxProcess start(String binary, Path scratchDir) {
    return start(binary, scratchDir, null);
  }

  /**
   * Starts {@code binary} as {@link #start(String, Path)} does, but with a screen: in a window on a
   * new Xvfb ({@code xvfbBinary}) that ends with it.
   */
  static FirefoxProcess startWithScreen(String binary, String xvfbBinary, Path scratchDir) {
    var display = VirtualDisplay.start(xvfbBinary, scratchDir.toAbsolutePath().resolve("xvfb.log"));
    try {
      return start(binary, scratchDir, display);
    } catch (RuntimeException e) {
      display.close();
      throw e;
    }
  }

  private static FirefoxProcess start(String binary, Path scratchDir, VirtualDisplay display) {
    // Absolute: Firefox does not start its remote agent with a relative HOME.
    var scratch = scratchDir.toAbsolutePath();
    try {
      var profile = Files.createDirectories(scratch.resolve("profile"));
      Files.writeString(profile.resolve("user.js"), userJs(display != null));
      var log = scratch.resolve("firefox.log");
      var command = new ArrayList<String>();
      command.add(binary);
      if (display == null) {
        command.add("--headless");
      }
      command.addAll(
          List.of(
              "--remote-debugging-port=0",
              "--profile",
              profile.toString(),
              "--no-remote",
              "about:blank"));
      var builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      var env = builder.environment();
      env.put("HOME", scratch.toString());
      env.put("MOZ_CRASHREPORTER_DISABLE", "1");
      if (display != null) {
        // Only the virtual display: never a desktop session the build may have been started in.
        env.put("DISPLAY", display.display());
        env.remove("WAYLAND_DISPLAY");
        env.put("MOZ_ENABLE_WAYLAND", "0");
      }
      var process = builder.start();
      var deadline = System.nanoTime() + START_NANOS;
      while (System.nanoTime() < deadline) {
        var matcher = LISTENING.matcher(Files.readString(log));
        if (matcher.find()) {
          return new FirefoxProcess(process, URI.create(matcher.group(1)), display);
        }
        if (!process.isAlive()) {
          throw new IllegalStateException(
              binary + " exited with " + process.exitValue() + ": " + Files.readString(log));
        }
        Thread.sleep(50);
      }
      process.destroyForcibly();
      throw new IllegalStateException(
          binary + " did not start its remote agent: " + Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String userJs(boolean withScreen) {
    var prefs = new HashMap<>(PREFS);
    if (withScreen) {
      prefs.putAll(SCREEN_PREFS);
    }
    return prefs.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> "user_pref(\"" + e.getKey() + "\", " + literal(e.getValue()) + ");")
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static String literal(Object value) {
    return value instanceof String s
        ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
        : value.toString();
  }

  /** Ends Firefox and its content processes; waits a little for a clean exit first. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    if (display != null) {
      display.close();
    }
  }
}
