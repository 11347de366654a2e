package dev.chorus.e2e;

import dev.chorus.it.HttpReady;
import dev.chorus.it.LogTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;

/**
 * A real Keycloak (the {@code org.keycloak:keycloak-quarkus-dist} zip from Maven Central, unpacked
 * into target/keycloak by the build) on free loopback ports, with a realm imported from a JSON
 * file. It needs Java 21+: {@code -Dkeycloak.java.home} (default the Temurin 25 JDK under
 * /usr/lib/jvm). A missing distribution or JDK fails the test with a message saying so.
 *
 * <p>Start-up cost is kept down: the Quarkus augmentation ({@code kc.sh build}, ~30-40 s) runs once
 * and is kept until {@code mvn clean}; each start then uses {@code start --optimized} with a fresh
 * dev-file database and local caches (no JGroups cluster ports), ~15 s on 2 cores.
 */
public final class Keycloak implements AutoCloseable {
  private static final Duration STARTUP =
      Duration.ofSeconds(Long.getLong("it.keycloak.startup.seconds", 240));
  private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file");

  /** The realm every test signs in with (users, the chorus client, the admin group). */
  public static final String REALM = "chorus";

  private static CompletableFuture<Keycloak> shared;
  private static int sharedPort;

  private final Process process;
  private final Path log;
  private final int port;

  private Keycloak(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts Keycloak on {@code port} (see {@link #freePort}) with {@code realmJson} imported;
   * returns once the realm answers. The port is the caller's so a server started at the same time
   * can be told the issuer URL.
   */
  public static Keycloak start(Path realmJson, String realm, int port, Path logDir) {
    var home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak"));
    var javaHome = java21();
    if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
      throw new IllegalStateException(
          "No Keycloak at "
              + home.toAbsolutePath()
              + ": the build unpacks org.keycloak:keycloak-quarkus-dist there in"
              + " pre-integration-test (run mvn verify, not only the test class)");
    }
    try {
      buildOnce(home, javaHome);
      // A fresh database each run: the realm file is the whole truth, nothing left from before.
      deleteTree(home.resolve("data/h2"));
      deleteTree(home.resolve("data/transaction-logs"));
      var imports = Files.createDirectories(home.resolve("data/import"));
      try (var old = Files.list(imports)) {
        old.forEach(Keycloak::deleteQuietly);
      }
      Files.copy(realmJson, imports.resolve(realm + "-realm.json"));
      var cmd = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start"));
      cmd.add("--optimized");
      cmd.addAll(BUILD_OPTIONS);
      cmd.addAll(
          List.of(
              "--http-enabled=true",
              "--http-host=127.0.0.1",
              "--http-port=" + port,
              "--http-management-port=" + freePort(),
              "--hostname-strict=false",
              // one node: no JGroups cluster ports that parallel runs could collide on
              "--cache=local",
              "--import-realm"));
      var log = Files.createDirectories(logDir).resolve("keycloak-" + port + ".log");
      var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      environment(pb, javaHome);
      var keycloak = new Keycloak(pb.start(), log, port);
      keycloak.awaitRealm(realm);
      return keycloak;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The one Keycloak of this test run with {@link #REALM} imported, started at the first call (in
   * the background: join the future when it is needed) and stopped when the run ends ({@link
   * SharedKeycloak}): OidcBrowserIT and the application-server tests share its ~20 s start.
   */
  public static synchronized CompletableFuture<Keycloak> shared() {
    if (shared == null) {
      var realm = Path.of("src/test/resources/keycloak/chorus-realm.json").toAbsolutePath();
      var work = Path.of("target", "it-keycloak").toAbsolutePath();
      int port = freePort();
      sharedPort = port;
      shared = CompletableFuture.supplyAsync(() -> start(realm, REALM, port, work));
    }
    return shared;
  }

  /**
   * The issuer URL of the shared Keycloak, known before it answers (starting it if need be), so a
   * Chorus can be configured with it while Keycloak starts.
   */
  public static synchronized URI sharedIssuer() {
    shared();
    return issuer(sharedPort, REALM);
  }

  /** Stops the shared Keycloak, if one was started. */
  static synchronized void stopShared() {
    if (shared != null) {
      try {
        shared.join().close();
      } catch (CompletionException e) {
        // it never started: nothing to stop
      }
      shared = null;
    }
  }

  /** The issuer URL of {@link #REALM}. */
  public URI issuer() {
    return issuer(port, REALM);
  }

  /**
   * Fills Keycloak's login form in {@code browser} (already on it, or about to be) and submits it.
   */
  public static void signIn(Browser browser, String username, String password) {
    var user =
        browser.until(d -> d.findElements(By.id("username")).stream().findFirst().orElse(null));
    user.clear();
    user.sendKeys(username);
    browser.driver().findElement(By.id("password")).sendKeys(password);
    browser.driver().findElement(By.id("kc-login")).click();
  }

  /** The issuer URL of {@code realm}, as Keycloak names it in its tokens. */
  public URI issuer(String realm) {
    return issuer(port, realm);
  }

  public static URI issuer(int port, String realm) {
    return URI.create("http://127.0.0.1:" + port + "/realms/" + realm);
  }

  @Override
  public void close() {
    // kc.sh starts the JVM as a child: end the whole tree.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The JDK for Keycloak: {@code -Dkeycloak.java.home} when it exists, else any JDK 21+ under
   * /usr/lib/jvm (by its {@code release} file).
   */
  private static Path java21() {
    var configured = Path.of(System.getProperty("keycloak.java.home", "/nonexistent"));
    if (Files.isExecutable(configured.resolve("bin/java"))) {
      return configured;
    }
    try (var jdks = Files.list(Path.of("/usr/lib/jvm"))) {
      return jdks.filter(j -> Files.isExecutable(j.resolve("bin/java")))
          .filter(j -> featureVersion(j) >= 21)
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "Keycloak needs Java 21+: none at "
                          + configured
                          + " nor under /usr/lib/jvm (set -Dkeycloak.java.home)"));
    } catch (IOException e) {
      throw new IllegalStateException("Keycloak needs Java 21+; set -Dkeycloak.java.home", e);
    }
  }

  private static int featureVersion(Path jdk) {
    try {
      var release = Files.readString(jdk.resolve("release"));
      var m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** The Quarkus augmentation, once per unpacked distribution and set of build options. */
  private static void buildOnce(Path home, Path javaHome) throws IOException {
    var marker = home.resolve(".chorus-build");
    var wanted = String.join(" ", BUILD_OPTIONS);
    if (Files.isRegularFile(marker) && Files.readString(marker).equals(wanted)) {
      return;
    }
    var cmd = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "build"));
    cmd.addAll(BUILD_OPTIONS);
    var log = Path.of("target", "keycloak-build.log").toAbsolutePath();
    var pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    environment(pb, javaHome);
    var build = pb.start();
    try {
      if (!build.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS) || build.exitValue() != 0) {
        build.destroyForcibly();
        throw new IllegalStateException("kc.sh build failed:\n" + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Files.writeString(marker, wanted);
  }

  private static void environment(ProcessBuilder pb, Path javaHome) {
    pb.environment().put("JAVA_HOME", javaHome.toString());
    // Keycloak's default heap is a share of the machine's memory; beside the other servers a
    // test run starts, a fixed, small one is enough for one realm and a few logins.
    pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    // C1 only: a short-lived test server on 2 cores starts ~25% faster (measured 23 s vs 30 s)
    // without the C2 compiler competing for the CPU.
    pb.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
  }

  private void awaitRealm(String realm) {
    var discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
    try {
      new HttpReady("Keycloak", process, () -> tail(log))
          .await(HttpClient.newHttpClient(), discovery, STARTUP, Duration.ofMillis(300));
    } catch (IllegalStateException e) {
      close();
      throw e;
    }
  }

  private static String tail(Path log) {
    return LogTail.of(log, 40);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Keycloak::deleteQuietly);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loopback port nobody listens on right now. */
  public static int freePort() {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
