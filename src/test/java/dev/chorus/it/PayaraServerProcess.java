package dev.chorus.it;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Payara Server 6 domain made, configured and given the WAR only by the operator's scripts in
 * server-config/payara-server ({@code setup-domain.sh}, then {@code deploy.sh}), run exactly as its
 * README says, on a port base whose ports are free. The server runs as its own daemon ({@code
 * asadmin start-domain}), not as a child of this JVM: {@link #close()} stops it with {@code asadmin
 * stop-domain} and kills the process named in the domain's pid file if that fails; a shutdown hook
 * does the same if the test JVM ends first. Ready means the readiness endpoint answers UP.
 */
public final class PayaraServerProcess implements AutoCloseable {
  private static final Duration SCRIPT = Duration.ofSeconds(600);
  private static final Duration READY = Duration.ofSeconds(300);
  private static final String DOMAIN = "chorus-it";

  /** The ports a domain takes from its port base (see create-domain --portbase). */
  private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};

  /**
   * The unzipped Payara Server, the scripts' directory, a directory for logs and the Chorus
   * settings (the properties file the scripts read), the PKCS12 key store to serve HTTPS with.
   */
  public record Setup(
      Path home,
      Path scripts,
      Path workDir,
      Map<String, String> properties,
      Path keystore,
      String keystorePassword) {}

  private final Setup setup;
  private final int portBase;
  private final Thread killAtExit;
  private final HttpClient http =
      HttpClient.newBuilder()
          .sslContext(TestClient.TRUST_ALL)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private PayaraServerProcess(Setup setup, int portBase) {
    this.setup = setup;
    this.portBase = portBase;
    this.killAtExit = new Thread(this::kill, "payara-server-kill-" + portBase);
    Runtime.getRuntime().addShutdownHook(killAtExit);
  }

  /**
   * Runs setup-domain.sh and deploy.sh for {@code war} (the file itself) and returns once Chorus is
   * ready; stops the domain again if any step fails.
   */
  public static PayaraServerProcess start(Setup setup, Path war) {
    PayaraServerProcess server;
    try {
      deleteTree(setup.workDir());
      Files.createDirectories(setup.workDir());
      deleteTree(setup.home().resolve("glassfish/domains/" + DOMAIN));
      // Plain key=value lines, as an operator writes them (no java.util.Properties escapes).
      var lines = new ArrayList<String>();
      setup.properties().forEach((k, v) -> lines.add(k + "=" + v));
      Files.write(setup.workDir().resolve("chorus.properties"), lines);
      server = new PayaraServerProcess(setup, freePortBase());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      server.script("setup-domain.sh", List.of());
      server.script("deploy.sh", List.of(war.toAbsolutePath().toString()));
      server.awaitReady();
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  public URI https() {
    return URI.create("https://localhost:" + (portBase + 81) + "/");
  }

  public URI http() {
    return URI.create("http://localhost:" + (portBase + 80) + "/");
  }

  public URI wss() {
    return URI.create("wss://localhost:" + (portBase + 81) + "/ws");
  }

  /** {@code asadmin restart-domain}, as an operator restarts it; returns once Chorus is ready. */
  public void restart() {
    asadmin("restart-domain", DOMAIN);
    awaitReady();
  }

  /** The last lines of the domain's server.log, for failure messages. */
  public String tail() {
    return LogTail.of(domainDir().resolve("logs/server.log"), 60);
  }

  @Override
  public void close() {
    try {
      asadmin("stop-domain", "--kill=true", DOMAIN);
    } catch (RuntimeException e) {
      // killed below
    } finally {
      kill();
      try {
        Runtime.getRuntime().removeShutdownHook(killAtExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  /** Kills the server process the domain's pid file names, if it is still there. */
  private void kill() {
    try {
      var pid = domainDir().resolve("config/pid");
      if (Files.exists(pid)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
            .ifPresent(
                p -> {
                  p.destroyForcibly();
                  p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
      }
    } catch (IOException | RuntimeException e) {
      // nothing left to stop
    }
  }

  private Path domainDir() {
    return setup.home().resolve("glassfish/domains/" + DOMAIN);
  }

  /** Runs one of the operator's scripts with the README's environment; fails on a non-zero exit. */
  private void script(String name, List<String> args) {
    var cmd = new ArrayList<String>();
    cmd.add(setup.scripts().resolve(name).toAbsolutePath().toString());
    cmd.addAll(args);
    run(
        cmd,
        Map.of(
            "PAYARA_HOME", setup.home().toAbsolutePath().toString(),
            "CHORUS_DOMAIN", DOMAIN,
            "CHORUS_PORTBASE", Integer.toString(portBase),
            "CHORUS_PROPERTIES", setup.workDir().resolve("chorus.properties").toString(),
            "CHORUS_TLS_KEYSTORE", setup.keystore().toAbsolutePath().toString(),
            "CHORUS_TLS_KEYSTORE_PASSWORD", setup.keystorePassword()),
        name);
  }

  private void asadmin(String... args) {
    var cmd = new ArrayList<String>();
    cmd.add(setup.home().resolve("bin/asadmin").toString());
    cmd.addAll(List.of("--port", Integer.toString(portBase + 48)));
    cmd.addAll(List.of(args));
    run(cmd, Map.of(), "asadmin-" + args[0]);
  }

  private void run(List<String> cmd, Map<String, String> env, String logName) {
    var log = setup.workDir().resolve(logName + ".log");
    try {
      var builder = new ProcessBuilder(cmd).redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      // asadmin runs on this JDK; nothing from the Maven JVM's environment leaks into the domain.
      builder.environment().put("AS_JAVA", System.getProperty("java.home"));
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().remove("JAVA_OPTS");
      builder.environment().putAll(env);
      var process = builder.start();
      if (!process.waitFor(SCRIPT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(logName + " did not finish within " + SCRIPT);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", cmd)
                + " failed ("
                + process.exitValue()
                + "):\n"
                + Files.readString(log)
                + "\nserver.log:\n"
                + tail());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady() {
    new HttpReady("Chorus on Payara Server", null, this::tail)
        .await(http, https().resolve("health/ready"), READY, Duration.ofMillis(250));
  }

  /**
   * A port base whose every port is free now, away from the ports other tests use by default
   * (18xxx, 28xxx) and from the ephemeral range that bind(0) hands out.
   */
  private static int freePortBase() {
    var random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 21000 + 100 * random.nextInt(60);
      if (allFree(base)) {
        return base;
      }
    }
    throw new IllegalStateException("no free Payara port base between 21000 and 27000");
  }

  private static boolean allFree(int base) {
    for (int offset : PORT_OFFSETS) {
      try (var socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(base + offset));
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
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
