package dev.chorus.e2e;

import dev.chorus.it.ChorusServer;
import dev.chorus.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A non-browser WebRTC peer in a room: {@code src/test/peers/room-peer.mjs} (werift, installed by
 * the build's {@code npm ci}) run by {@code node} from the PATH as a child process. It prints one
 * JSON object per line; those lines (and its stderr) go to files under {@code target/peers}, which
 * {@link #await} reads and every failure message quotes. Closing it ends the process.
 */
final class NodePeer implements AutoCloseable {
  static final Path PEERS = Path.of(System.getProperty("chorus.peers", "src/test/peers"));
  private static final Path OUT = Path.of("target", "peers");
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final long WAIT_NANOS = RoomMediaChecks.MEDIA_WAIT_NANOS;
  // A safety net: the script ends itself after this long even if the test JVM vanished.
  private static final int MAX_SECONDS = 300;

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private NodePeer(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts the peer as {@code user} in {@code roomId}, with the script's options. */
  static NodePeer start(Users user, String roomId, String... options) {
    return script("room-peer.mjs", user.username(), user.token(), roomId, options);
  }

  /**
   * Runs another script of {@code src/test/peers} ({@code whip-peer.mjs}, {@code whep-peer.mjs})
   * with a bearer credential (a session token or a stream key) for {@code roomId}; {@code label}
   * names its output files.
   */
  static NodePeer script(
      String script, String label, String token, String roomId, String... options) {
    try {
      Files.createDirectories(OUT);
      var name = label + "-" + COUNT.incrementAndGet();
      var stdout = OUT.resolve(name + ".jsonl");
      var stderr = OUT.resolve(name + ".err");
      var cmd = new ArrayList<>(List.of("node", script));
      cmd.addAll(
          List.of(
              "--url",
              ChorusServer.https().toString(),
              // One argument: a token may start with '-', which parseArgs would take for an option.
              "--token=" + token,
              "--room",
              roomId,
              "--max-seconds",
              Integer.toString(MAX_SECONDS)));
      cmd.addAll(List.of(options));
      var builder =
          new ProcessBuilder(cmd)
              .directory(PEERS.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      // Node trusts the test server's self-signed certificate like a CA's, nothing switched off.
      builder.environment().put("NODE_EXTRA_CA_CERTS", serverCertificate().toString());
      return new NodePeer(builder.start(), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node (is it on the PATH?)", e);
    }
  }

  /** Whether the script still runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** The lines printed so far, parsed (a line cut short by a running write is skipped). */
  List<JsonObject> lines() {
    var out = new ArrayList<JsonObject>();
    try {
      for (var line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
        try (var reader = Json.createReader(new StringReader(line))) {
          out.add(reader.readObject());
        } catch (JsonException e) {
          // the last line while node is still writing it
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Polls the output for the first line {@code condition} accepts; fails when the script reported a
   * failure, exited, or nothing matched within the media wait.
   */
  JsonObject await(String what, Predicate<JsonObject> condition) {
    var deadline = System.nanoTime() + WAIT_NANOS;
    while (System.nanoTime() < deadline) {
      for (var line : lines()) {
        if (line.getString("event").equals("failed")) {
          throw new AssertionError("the peer failed: " + line + "\n" + output());
        }
        if (condition.test(line)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "the peer exited (" + process.exitValue() + ") before " + what + "\n" + output());
      }
      RoomMediaChecks.sleep(500);
    }
    throw new AssertionError("the peer never reported " + what + "\n" + output());
  }

  /** The end of its output and its stderr, for failure messages (SDP shortened). */
  String output() {
    try {
      var lines =
          Files.readAllLines(stdout, StandardCharsets.UTF_8).stream()
              .map(l -> l.length() > 600 ? l.substring(0, 600) + "…" : l)
              .toList();
      var tail = lines.subList(Math.max(0, lines.size() - 40), lines.size());
      return "stdout ("
          + stdout
          + "):\n"
          + String.join("\n", tail)
          + "\nstderr:\n"
          + Files.readString(stderr);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  /** Closes its stdin (the script's cue to hang up), then ends it if it lingers. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The test server's certificate (the build's self-signed one) as a PEM file for node. */
  private static Path serverCertificate() throws IOException {
    var pem = OUT.resolve("chorus-server.pem");
    try (var in = Files.newInputStream(Path.of(System.getProperty("chorus.keystore")))) {
      var password = System.getProperty("chorus.keystore.password").toCharArray();
      var store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      var der = store.getCertificate("chorus").getEncoded();
      var body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encode(der);
      Files.writeString(
          pem,
          "-----BEGIN CERTIFICATE-----\n"
              + new String(body, StandardCharsets.US_ASCII)
              + "\n-----END CERTIFICATE-----\n");
      return pem.toAbsolutePath();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the test server's certificate", e);
    }
  }
}
