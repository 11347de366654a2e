package dev.chorus.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ICE-TCP (RFC 6544) on 127.0.0.1: the server's passive candidate on the shared TCP port against an
 * active client that frames STUN and data per RFC 4571, as a browser without UDP would; data is
 * pushed from the endpoint's one selector loop.
 */
class IceTcpTest {
  private static final Duration CONNECT = Duration.ofSeconds(10);

  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
  private final ExecutorService readers = Executors.newCachedThreadPool();
  private IceEndpoint endpoint;
  private IceTcpTestClient client;

  private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void openEndpoint() throws IOException {
    // Long enough that a loaded machine never fails a session before the test's client checks.
    endpoint = openEndpoint(Duration.ofSeconds(15));
  }

  private IceEndpoint openEndpoint(Duration consentTimeout) throws IOException {
    var config = IceConfig.of(0, freeTcpPort(), "127.0.0.1", null, null, consentTimeout);
    return IceEndpoint.open(config, executor, readers);
  }

  private IceSession session(StateRecorder states) {
    var session = endpoint.createSession(states);
    session.setDatagramHandler(
        (buf, off, len) -> received.add(Arrays.copyOfRange(buf, off, off + len)));
    return session;
  }

  @AfterEach
  void closeAll() throws IOException {
    if (client != null) {
      client.close();
    }
    endpoint.close();
    executor.shutdownNow();
    readers.shutdownNow();
  }

  @Test
  void passiveCandidateIsAdvertisedOnTheTcpPort() throws Exception {
    var session = session(new StateRecorder());
    var tcp = tcpCandidate(session);

    assertEquals(endpoint.tcpPort(), tcp.port());
    assertEquals("127.0.0.1", tcp.address());
    assertEquals(Optional.of(IceCandidate.TcpType.PASSIVE), tcp.tcpType());
    assertTrue(
        tcp.toSdp()
            .endsWith(
                " tcp "
                    + tcp.priority()
                    + " 127.0.0.1 "
                    + tcp.port()
                    + " typ host tcptype passive"),
        tcp.toSdp());
    var udp =
        session.localCandidates().stream()
            .filter(c -> c.transport() == IceCandidate.Transport.UDP)
            .findFirst()
            .orElseThrow();
    assertTrue(udp.priority() > tcp.priority(), "UDP preferred over TCP");
  }

  @Test
  void activeClientConnectsAndExchangesFramedData() throws Exception {
    var states = new StateRecorder();
    var session = session(states);
    client = new IceTcpTestClient(session.localCredentials());
    session.setRemoteCredentials(client.ufrag, client.password);
    session.start();
    var tcp = tcpCandidate(session);
    client.connect(new InetSocketAddress(InetAddress.getByName(tcp.address()), tcp.port()));

    int served = client.nominate(() -> session.state() == IceSessionState.CONNECTED, CONNECT);
    states.await(IceSessionState.CONNECTED, Duration.ofSeconds(1));

    assertEquals(0, served, "a lite server sends no checks of its own");
    assertEquals(1, endpoint.tcpConnectionCount());
    var pair = session.selectedPair().orElseThrow();
    assertEquals(IceCandidate.Transport.TCP, pair.transport());
    assertEquals(client.localAddress().getPort(), pair.remote().getPort());
    assertEquals(endpoint.tcpPort(), pair.local().getPort());

    for (int i = 0; i < 10; i++) {
      var up = payload(i, 1 + 130 * i);
      client.sendData(up);
      assertArrayEquals(up, receive(session));
      var down = payload(50 + i, 1300 - 120 * i);
      session.send(down, 0, down.length);
      assertArrayEquals(down, client.receiveData(Duration.ofSeconds(5)));
    }
  }

  @Test
  void closingTheSessionClosesTheTcpConnection() throws Exception {
    var states = new StateRecorder();
    var session = session(states);
    client = new IceTcpTestClient(session.localCredentials());
    session.setRemoteCredentials(client.ufrag, client.password);
    session.start();
    var tcp = tcpCandidate(session);
    client.connect(new InetSocketAddress(InetAddress.getByName(tcp.address()), tcp.port()));
    client.nominate(() -> session.state() == IceSessionState.CONNECTED, CONNECT);

    session.close();

    states.await(IceSessionState.CLOSED, Duration.ofSeconds(2));
    assertTrue(client.awaitEof(Duration.ofSeconds(5)), "server closed its end");
    assertEquals(0, endpoint.sessionCount());
    assertEquals(0, endpoint.tcpConnectionCount());
  }

  @Test
  void peerClosingTheSelectedConnectionFailsTheSession() throws Exception {
    var states = new StateRecorder();
    var session = session(states);
    client = new IceTcpTestClient(session.localCredentials());
    session.setRemoteCredentials(client.ufrag, client.password);
    session.start();
    var tcp = tcpCandidate(session);
    client.connect(new InetSocketAddress(InetAddress.getByName(tcp.address()), tcp.port()));
    client.nominate(() -> session.state() == IceSessionState.CONNECTED, CONNECT);

    client.close();

    states.await(IceSessionState.FAILED, Duration.ofSeconds(5));
    assertTrue(states.lastReason.contains("ICE-TCP"), states.lastReason);
    assertEquals(0, endpoint.sessionCount());
    assertEquals(0, endpoint.tcpConnectionCount());
  }

  @Test
  void connectionsWithoutAValidCheckAreClosedAndGarbageDoesNotHurt() throws Exception {
    endpoint.close();
    endpoint = openEndpoint(Duration.ofSeconds(2));
    var tcp = new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.tcpPort());
    try (var silent = new Socket();
        var noisy = new Socket()) {
      silent.connect(tcp, 1000);
      noisy.connect(tcp, 1000);
      var out = noisy.getOutputStream();
      var junk = new byte[300];
      new java.util.Random(6544).nextBytes(junk);
      out.write(new byte[] {0, 0, 0, 5, 1, 2, 3, 4, 5}); // an empty frame, then a short one
      out.write(new byte[] {(byte) 0x01, 0x2C});
      out.write(junk);
      out.flush();
      eventually(() -> endpoint.tcpConnectionCount() == 2, Duration.ofSeconds(2));

      // The endpoint's consent timeout (2 s) also bounds how long a connection may stay unbound.
      eventually(() -> endpoint.tcpConnectionCount() == 0, Duration.ofSeconds(5));
      silent.setSoTimeout(2000);
      assertEquals(-1, silent.getInputStream().read(), "closed by the server");
    }
    // Still serving.
    var states = new StateRecorder();
    var session = session(states);
    client = new IceTcpTestClient(session.localCredentials());
    session.setRemoteCredentials(client.ufrag, client.password);
    session.start();
    client.connect(tcp);
    client.nominate(() -> session.state() == IceSessionState.CONNECTED, CONNECT);
  }

  private byte[] receive(IceSession session) throws Exception {
    var data = received.poll(5, TimeUnit.SECONDS);
    if (data == null) {
      throw new AssertionError("nothing received by " + session);
    }
    return data;
  }

  private static IceCandidate tcpCandidate(IceSession session) {
    return session.localCandidates().stream()
        .filter(c -> c.transport() == IceCandidate.Transport.TCP)
        .findFirst()
        .orElseThrow();
  }

  private static byte[] payload(int seed, int length) {
    var data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (seed + i * 7);
    }
    data[0] = (byte) 0x80;
    return data;
  }

  private static void eventually(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean(), "condition within " + timeout);
  }

  static int freeTcpPort() throws IOException {
    try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
