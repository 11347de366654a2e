package dev.chorus.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly in a process of its own, started from the server the build provisioned: a fresh
 * configuration and data directory per start (the provisioned server stays untouched, except for
 * modules a script adds), every socket shifted by one port offset, configured over its management
 * port with CLI scripts and given a WAR file, as server-config/wildfly/README.md tells an operator:
 * the settings are one properties file that both {@code standalone.sh -P} and {@code jboss-cli.sh
 * --properties} read. Ready means WildFly's readiness check answers UP (it includes the
 * application's checks), never a log line. {@link #close()} always stops it; {@link #restart()}
 * stops it and starts it again on the same configuration, deployment and data.
 */
public final class WildFlyProcess implements AutoCloseable {
  private static final String TEST_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
  private static final Duration STARTUP = Duration.ofSeconds(180);
  private static final Duration STOP = Duration.ofSeconds(60);

  /** Where the server is and how to run it. */
  public record Setup(
      Path home,
      Path baseDir,
      int portOffset,
      Map<String, String> properties,
      List<Path> scripts) {}

  private Process process;
  private final Setup setup;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .sslContext(TestClient.TRUST_ALL)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private WildFlyProcess(Process process, Setup setup, Path log) {
    this.process = process;
    this.setup = setup;
    this.log = log;
  }

  /**
   * Starts the server, runs the scripts, deploys {@code war} (the file itself, same bytes) and
   * returns once the deployment is ready; stops the server again if any step fails.
   */
  public static WildFlyProcess start(Setup setup, Path war) {
    var server = launch(setup, true);
    try {
      server.awaitOk("health/live", "the management interface");
      server.configureAndDeploy(war);
      server.awaitOk("health/ready", "readiness");
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /**
   * Stops the server (SIGTERM, as a service manager would) and starts it again with what the first
   * start left: configuration, deployment, data. Returns once the deployment is ready again.
   */
  public void restart() {
    close();
    process = launch(setup, false).process;
    awaitOk("health/ready", "readiness after the restart");
  }

  public URI https() {
    return URI.create("https://localhost:" + (8443 + setup.portOffset()) + "/");
  }

  public URI http() {
    return URI.create("http://localhost:" + (8080 + setup.portOffset()) + "/");
  }

  public URI wss() {
    return URI.create("wss://localhost:" + (8443 + setup.portOffset()) + "/ws");
  }

  /** The management interface, where WildFly serves {@code /health}. */
  public URI management() {
    return URI.create("http://127.0.0.1:" + (9990 + setup.portOffset()) + "/");
  }

  /** The last lines of the server's console, for failure messages. */
  public String tail() {
    return LogTail.of(log, 60);
  }

  /**
   * Stops WildFly gracefully (SIGTERM to the JVM, which standalone.sh also forwards), killing it if
   * it is not gone within a minute.
   */
  @Override
  public void close() {
    var jvms = process.descendants().toList();
    jvms.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    jvms.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static WildFlyProcess launch(Setup setup, boolean fresh) {
    try {
      // A server left running on these ports would answer the readiness checks in our stead.
      for (int port : new int[] {8080, 8443, 9990}) {
        requireFree(port + setup.portOffset());
      }
      if (fresh) {
        deleteTree(setup.baseDir());
        // standalone.xml and friends copied: the running server rewrites its configuration.
        copyTree(
            setup.home().resolve("standalone/configuration"),
            setup.baseDir().resolve("configuration"));
        Files.createDirectories(setup.baseDir().resolve("deployments"));
        writeProperties(setup);
      }
      var cmd = new ArrayList<String>();
      cmd.add(setup.home().resolve("bin/standalone.sh").toString());
      cmd.add("-Djboss.socket.binding.port-offset=" + setup.portOffset());
      // The Chorus settings, as the README has operators give them.
      cmd.add("--properties=" + propertiesFile(setup));
      var builder = new ProcessBuilder(cmd).directory(setup.baseDir().toFile());
      var env = builder.environment();
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("JBOSS_BASE_DIR", setup.baseDir().toString());
      // standalone.sh then runs the JVM in the background and forwards SIGTERM to it.
      env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
      env.remove("JAVA_OPTS");
      // standalone.conf's own options stay; only the sizing part is ours: C1 and the serial
      // collector, as for the tests' Payara Micro processes (behaviour, not speed, is under test).
      env.put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx512m " + TEST_JVM);
      var log = setup.baseDir().resolve("console.log");
      var process =
          builder
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new WildFlyProcess(process, setup, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One CLI run over the management port: every script, then {@code deploy} of the WAR. */
  private void configureAndDeploy(Path war) {
    try {
      var script = new StringBuilder();
      for (var s : setup.scripts()) {
        script.append(Files.readString(s)).append('\n');
      }
      script.append("deploy \"").append(war.toAbsolutePath()).append("\"\n");
      var file = Files.writeString(setup.baseDir().resolve("setup.cli"), script);
      var output = setup.baseDir().resolve("cli.log");
      var builder =
          new ProcessBuilder(
              setup.home().resolve("bin/jboss-cli.sh").toString(),
              "--connect",
              "--controller=remote+http://127.0.0.1:" + (9990 + setup.portOffset()),
              "--error-on-interact",
              "--properties=" + propertiesFile(setup),
              "--file=" + file);
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().put("JAVA_OPTS", TEST_JVM);
      var cli =
          builder
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      if (!cli.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
        cli.destroyForcibly().waitFor();
        throw new IllegalStateException("jboss-cli did not finish within " + STARTUP);
      }
      if (cli.exitValue() != 0) {
        throw new IllegalStateException(
            "jboss-cli failed ("
                + cli.exitValue()
                + "):\n"
                + Files.readString(output)
                + "\nserver:\n"
                + tail());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitOk(String path, String what) {
    new HttpReady("WildFly " + what, process, this::tail)
        .await(http, management().resolve(path), STARTUP, Duration.ofMillis(250));
  }

  private static Path propertiesFile(Setup setup) {
    return setup.baseDir().resolve("chorus.properties").toAbsolutePath();
  }

  private static void writeProperties(Setup setup) throws IOException {
    var properties = new Properties();
    properties.putAll(setup.properties());
    try (var out = Files.newBufferedWriter(propertiesFile(setup))) {
      properties.store(out, "Chorus settings (standalone.sh -P, jboss-cli.sh --properties)");
    }
  }

  private static void requireFree(int port) {
    try (var socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "port " + port + " is taken (a WildFly left running?); see -Dit.wildfly.port.offset", e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (var source : (Iterable<Path>) files::iterator) {
        var target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (var p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
