package dev.chorus.e2e.bidi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A headless Firefox with its remote agent on a free port, in its own profile whose prefs give it a
 * fake camera and microphone and keep it off the network (the test machine has none, and a browser
 * that waits for update or telemetry servers is slow to start and to quit).
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

  private final Process process;
  private final URI endpoint;

  private FirefoxProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The remote agent's WebSocket address, e.g. {@code ws://127.0.0.1:41234}. */
  URI endpoint() {
    return endpoint;
  }

  /**
   * Starts {@code binary} with a fresh profile under {@code scratch} (also its HOME) and waits for
   * its remote agent to listen.
   */
  static FirefoxProcess start(String binary, Path scratchDir) {
    // Absolute: Firefox does not start its remote agent with a relative HOME.
    var scratch = scratchDir.toAbsolutePath();
    try {
      var profile = Files.createDirectories(scratch.resolve("profile"));
      Files.writeString(profile.resolve("user.js"), userJs());
      var log = scratch.resolve("firefox.log");
      var builder =
          new ProcessBuilder(
                  binary,
                  "--headless",
                  "--remote-debugging-port=0",
                  "--profile",
                  profile.toString(),
                  "--no-remote",
                  "about:blank")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("HOME", scratch.toString());
      builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
      var process = builder.start();
      var deadline = System.nanoTime() + START_NANOS;
      while (System.nanoTime() < deadline) {
        var matcher = LISTENING.matcher(Files.readString(log));
        if (matcher.find()) {
          return new FirefoxProcess(process, URI.create(matcher.group(1)));
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

  static String userJs() {
    return PREFS.entrySet().stream()
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
  }
}
