package dev.chorus.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Chorus on Payara Micro in a process of its own, for tests that must stop, kill or restart the
 * server (Arquillian keeps one server for the whole run). Ready means the readiness endpoint
 * answers UP, never a log line: Payara logs "ready" even when the deployment failed.
 *
 * <p>Every start also checks the HTTPS listener the way the run command configures it: the page
 * answers over HTTPS, with HTTP/1.1 when HTTP/2 is asked for (the pre-boot command reached the
 * listener), and the log has no "GrizzlyProxy is NULL". That listener used to be reconfigured after
 * boot, which left it dead in about one start of three; the suite's dozen starts would catch that.
 *
 * <p>The JVM runs with C1 only and the serial collector: these servers prove behaviour, not speed,
 * and on two cores that halves the CPU a start costs (57 s → 28 s measured), which the whole suite
 * shares.
 */
public final class PayaraProcess implements AutoCloseable {
  // Generous: on a loaded 2-core machine a deployment alone has taken over two minutes.
  private static final Duration STARTUP =
      Duration.ofSeconds(Long.getLong("it.payara.startup.seconds", 300));

  private final Process process;
  private final Path log;
  private final int httpsPort;

  private PayaraProcess(Process process, Path log, int httpsPort) {
    this.process = process;
    this.log = log;
    this.httpsPort = httpsPort;
  }

  /** Starts the built WAR with extra system properties; returns once it is ready. */
  public static PayaraProcess start(Path workDir, Map<String, String> properties) {
    return start(workDir, properties, List.of());
  }

  /** The same with extra Payara Micro options (e.g. {@code --accessLog dir}). */
  public static PayaraProcess start(
      Path workDir, Map<String, String> properties, List<String> microOptions) {
    try {
      Files.createDirectories(workDir);
      var war = workDir.resolve("ROOT.war");
      Files.copy(
          Path.of(System.getProperty("chorus.war", "target/chorus.war")),
          war,
          StandardCopyOption.REPLACE_EXISTING);
      int http = freePort();
      int https = freePort();
      var cmd = new ArrayList<String>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(
          List.of(
              "-Xmx384m",
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-Djava.io.tmpdir=" + Files.createDirectories(workDir.resolve("tmp")),
              "-Dice4j.harvest.mapping.aws.enabled=false",
              "-Djavax.net.ssl.keyStore=" + System.getProperty("chorus.keystore"),
              "-Djavax.net.ssl.keyStorePassword="
                  + System.getProperty("chorus.keystore.password")));
      // Media ports of its own, so it never collides with the Arquillian server.
      cmd.add("-Dchorus.media.udp-port=" + freePort());
      cmd.add("-Dchorus.media.tcp-port=" + freePort());
      properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
      cmd.addAll(
          List.of(
              "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
              "--deploy", war.toString(),
              "--rootdir", workDir.resolve("payara-" + https).toString(),
              "--nohazelcast", "--disablephonehome",
              "--port", Integer.toString(http),
              "--sslport", Integer.toString(https),
              "--sslcert", "chorus"));
      cmd.addAll(microOptions);
      // The run command's pre-boot commands (HTTP/1.1 on the HTTPS listener), as in the README.
      var preboot = System.getProperty("chorus.preboot");
      if (preboot != null) {
        cmd.addAll(List.of("--prebootcommandfile", preboot));
      }
      var log = workDir.resolve("payara-" + https + ".log");
      var process =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      var server = new PayaraProcess(process, log, https);
      server.awaitReady();
      server.checkHttpsListener();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI https() {
    return URI.create("https://localhost:" + httpsPort + "/");
  }

  public URI wss() {
    return URI.create("wss://localhost:" + httpsPort + "/ws");
  }

  /** Ends the process the hard way (SIGKILL): nothing gets a chance to flush or close. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      waitFor();
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady() {
    var http = HttpClient.newBuilder().sslContext(TestClient.TRUST_ALL).build();
    try {
      new HttpReady("Payara", process, this::tail)
          .await(http, https().resolve("health/ready"), STARTUP, Duration.ofMillis(500));
    } catch (IllegalStateException e) {
      close();
      throw e;
    }
  }

  /** The run command's HTTPS listener: up, HTTP/1.1 only, and not left without its proxy. */
  private void checkHttpsListener() {
    var http =
        HttpClient.newBuilder()
            .sslContext(TestClient.TRUST_ALL)
            .version(HttpClient.Version.HTTP_2)
            .build();
    try {
      var page =
          http.send(
              HttpRequest.newBuilder(https()).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.discarding());
      String problem = null;
      if (page.statusCode() != 200) {
        problem = "the page over HTTPS answered " + page.statusCode();
      } else if (System.getProperty("chorus.preboot") != null
          && page.version() != HttpClient.Version.HTTP_1_1) {
        problem = "HTTP/2 was asked for and given: the pre-boot command missed the listener";
      } else if (log().contains("GrizzlyProxy is NULL")) {
        problem = "the log says GrizzlyProxy is NULL";
      }
      if (problem != null) {
        close();
        throw new IllegalStateException(problem + "\n" + tail());
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException(e);
    }
  }

  /** Everything the server has logged so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String tail() {
    return LogTail.of(log, 40);
  }

  static int freePort() throws IOException {
    try (var s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
