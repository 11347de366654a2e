package dev.chorus.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn ({@code /usr/bin/turnserver}, Debian's package) on 127.0.0.1 with a fresh secret,
 * for tests that must prove media goes through a TURN relay with credentials Chorus minted. Ready
 * when it answers a STUN Binding request.
 */
public final class Coturn implements AutoCloseable {
  private final Process process;
  private final int port;
  private final String secret;

  private Coturn(Process process, int port, String secret) {
    this.process = process;
    this.port = port;
    this.secret = secret;
  }

  public static Coturn start() {
    int port;
    try (var probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return start(port, HexFormat.of().formatHex(bytes));
  }

  /**
   * A coturn on a given port with a given secret, e.g. one that replaced another on its port with a
   * different secret, so the credentials Chorus mints are refused.
   */
  public static Coturn start(int port, String secret) {
    try {
      var dir = Files.createDirectories(Path.of("target", "turn-" + port)).toAbsolutePath();
      int relayBase = 50000 + (port % 100) * 100;
      var conf =
          String.join(
              "\n",
              "listening-ip=127.0.0.1",
              "relay-ip=127.0.0.1",
              "listening-port=" + port,
              "min-port=" + relayBase,
              "max-port=" + (relayBase + 99),
              "use-auth-secret",
              "static-auth-secret=" + secret,
              "realm=chorus.test",
              "fingerprint",
              "no-tls",
              "no-dtls",
              "no-tcp-relay",
              "no-cli",
              "no-multicast-peers",
              // Both browsers relay to each other on 127.0.0.1: coturn refuses that otherwise.
              "allow-loopback-peers",
              "userdb=" + dir.resolve("turndb.sqlite"),
              "pidfile=" + dir.resolve("turnserver.pid"),
              "log-file=stdout",
              "simple-log",
              "");
      var confFile = Files.writeString(dir.resolve("turnserver.conf"), conf);
      var process =
          new ProcessBuilder(
                  System.getProperty("turnserver.binary", "/usr/bin/turnserver"),
                  "-c",
                  confFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dir.resolve("turnserver.log").toFile()))
              .start();
      var coturn = new Coturn(process, port, secret);
      coturn.awaitStun();
      return coturn;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String secret() {
    return secret;
  }

  /** The TURN URL for Chorus's {@code chorus.turn.urls}. */
  public String url() {
    return "turn:127.0.0.1:" + port + "?transport=udp";
  }

  private void awaitStun() throws IOException {
    // RFC 8489 §5: Binding request, no attributes, magic cookie, 96-bit transaction id.
    var request = new byte[20];
    request[1] = 0x01;
    request[4] = 0x21;
    request[5] = 0x12;
    request[6] = (byte) 0xA4;
    request[7] = 0x42;
    var transactionId = new byte[12];
    new SecureRandom().nextBytes(transactionId);
    System.arraycopy(transactionId, 0, request, 8, 12);
    try (var socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(250);
      var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("turnserver exited with " + process.exitValue());
        }
        socket.send(
            new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
        var buf = new byte[512];
        var response = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(response);
          if (buf[0] == 0x01 && buf[1] == 0x01) {
            return; // Binding success response
          }
        } catch (SocketTimeoutException notYet) {
          // not listening yet
        }
      }
    }
    close();
    throw new IllegalStateException("turnserver did not answer STUN on port " + port);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
