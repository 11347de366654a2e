package dev.chorus.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ICE over real UDP on 127.0.0.1 in one JVM: the server's controlled {@link IceSession} on the
 * shared port against a controlling ice4j agent playing the browser.
 */
class IceLoopbackUdpTest {
  private static final Duration CONNECT = Duration.ofSeconds(10);

  private ScheduledExecutorService executor;
  private final ExecutorService readers = Executors.newCachedThreadPool();
  private IceEndpoint endpoint;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void openEndpoint() throws IOException {
    executor = Executors.newScheduledThreadPool(2);
    endpoint = IceEndpoint.open(loopbackConfig(Duration.ofSeconds(30)), executor);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (var c : toClose) {
      c.close();
    }
    endpoint.close();
    executor.shutdownNow();
    readers.shutdownNow();
  }

  static IceConfig loopbackConfig(Duration consentTimeout) {
    return IceConfig.of(0, 0, "127.0.0.1", null, null, consentTimeout);
  }

  @Test
  void connectsAndCarriesDatagramsBothWays() throws Exception {
    var states = new StateRecorder();
    var server = endpoint.createSession(states);
    var client = client();

    client.connect(server, true);
    states.await(IceSessionState.CONNECTED, CONNECT);
    client.awaitConnected(CONNECT);

    var pair = server.selectedPair().orElseThrow();
    assertEquals(IceCandidate.Transport.UDP, pair.transport());
    assertEquals(endpoint.udpPort(), pair.local().getPort());
    var clientAddress = client.candidates().get(0);
    assertEquals(clientAddress.port(), pair.remote().getPort());

    for (int i = 0; i < 20; i++) {
      var toServer = payload(i, 1 + i * 60);
      client.send(toServer);
      assertArrayEquals(toServer, receive(server));

      var toClient = payload(100 + i, 1200 - i * 50);
      server.send(toClient, 0, toClient.length);
      assertArrayEquals(toClient, client.receive(Duration.ofSeconds(5)));
    }
  }

  @Test
  void serverSendsFromAnOffsetInItsBuffer() throws Exception {
    var server = connectedSession(new StateRecorder());
    var client = (IceTestClient) toClose.get(toClose.size() - 1);
    var buffer = new byte[] {9, 9, 9, (byte) 0x80, 1, 2, 3, 9};
    server.send(buffer, 3, 4);
    assertArrayEquals(new byte[] {(byte) 0x80, 1, 2, 3}, client.receive(Duration.ofSeconds(5)));
  }

  @Test
  void acceptsPeerReflexiveRemoteWithoutSignalledCandidates() throws Exception {
    var states = new StateRecorder();
    var server = endpoint.createSession(states);
    var client = client();

    client.connect(server, false);
    states.await(IceSessionState.CONNECTED, CONNECT);

    var remote = server.selectedPair().orElseThrow().remote();
    assertEquals(InetAddress.getLoopbackAddress(), remote.getAddress());
    assertEquals(client.candidates().get(0).port(), remote.getPort());
    client.awaitConnected(CONNECT);
    client.send(new byte[] {22, 3, 1});
    assertArrayEquals(new byte[] {22, 3, 1}, receive(server));
  }

  @Test
  void twoSessionsOnTheOnePortAreKeptApart() throws Exception {
    var statesA = new StateRecorder();
    var statesB = new StateRecorder();
    var serverA = endpoint.createSession(statesA);
    var serverB = endpoint.createSession(statesB);
    var clientA = client();
    var clientB = client();

    clientA.connect(serverA, true);
    clientB.connect(serverB, true);
    statesA.await(IceSessionState.CONNECTED, CONNECT);
    statesB.await(IceSessionState.CONNECTED, CONNECT);
    clientA.awaitConnected(CONNECT);
    clientB.awaitConnected(CONNECT);
    assertEquals(2, endpoint.sessionCount());
    assertEquals(
        serverA.selectedPair().orElseThrow().local(), serverB.selectedPair().orElseThrow().local());

    for (int i = 0; i < 10; i++) {
      clientA.send(("A" + i).getBytes());
      clientB.send(("B" + i).getBytes());
    }
    for (int i = 0; i < 10; i++) {
      assertEquals("A" + i, new String(receive(serverA)));
      assertEquals("B" + i, new String(receive(serverB)));
    }
    serverA.send("to A".getBytes(), 0, 4);
    serverB.send("to B".getBytes(), 0, 4);
    assertEquals("to A", new String(clientA.receive(Duration.ofSeconds(5))));
    assertEquals("to B", new String(clientB.receive(Duration.ofSeconds(5))));
    // Nothing crossed over: the next datagram each client gets is the next one sent to it.
    serverA.send("A again".getBytes(), 0, 7);
    assertEquals("A again", new String(clientA.receive(Duration.ofSeconds(5))));
    assertThrows(IOException.class, () -> clientB.receive(Duration.ofMillis(300)));
  }

  @Test
  void closingASessionFreesItsAgentButNotThePort() throws Exception {
    var states = new StateRecorder();
    var server = connectedSession(states);
    var client = (IceTestClient) toClose.get(toClose.size() - 1);
    client.send(new byte[] {1});
    assertArrayEquals(new byte[] {1}, receive(server));
    assertTrue(
        readerThreads() > 0,
        () ->
            "ice4j reader thread for the peer: "
                + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList());

    Future<?> blockedReceive =
        readers.submit(
            () -> {
              var packet = new DatagramPacket(new byte[1500], 1500);
              assertThrows(SocketException.class, () -> server.receive(packet));
              return null;
            });
    Thread.sleep(200);
    server.close();

    states.await(IceSessionState.CLOSED, Duration.ofSeconds(5));
    blockedReceive.get(5, TimeUnit.SECONDS);
    assertEquals(IceSessionState.CLOSED, server.state());
    assertEquals(0, endpoint.sessionCount());
    assertThrows(SocketException.class, () -> server.send(new byte[] {1}, 0, 1));
    awaitReaderThreads(0);

    // The shared port still serves new sessions.
    var again = connectedSession(new StateRecorder());
    var client2 = (IceTestClient) toClose.get(toClose.size() - 1);
    client2.send(new byte[] {2});
    assertArrayEquals(new byte[] {2}, receive(again));
  }

  @Test
  void silentPeerFailsAfterConsentTimeoutWhileLivePeerStays() throws Exception {
    endpoint.close();
    endpoint = IceEndpoint.open(loopbackConfig(Duration.ofSeconds(2)), executor);
    var liveStates = new StateRecorder();
    var silentStates = new StateRecorder();
    var live = connectedSession(liveStates);
    var liveClient = (IceTestClient) toClose.get(toClose.size() - 1);
    var silent = connectedSession(silentStates);
    var silentClient = (IceTestClient) toClose.get(toClose.size() - 1);

    silentClient.close();
    long end = System.nanoTime() + Duration.ofMillis(4500).toNanos();
    while (System.nanoTime() < end) {
      liveClient.send(new byte[] {(byte) 0x80});
      receive(live);
      Thread.sleep(100);
    }

    silentStates.await(IceSessionState.FAILED, Duration.ofSeconds(1));
    assertTrue(silentStates.lastReason.contains("consent"), silentStates.lastReason);
    assertEquals(IceSessionState.FAILED, silent.state());
    assertEquals(IceSessionState.CONNECTED, live.state());
    assertEquals(1, endpoint.sessionCount());
    silent.close();
    silentStates.await(IceSessionState.CLOSED, Duration.ofSeconds(1));
  }

  @Test
  void garbageOnTheSharedPortDoesNotDisturbSessions() throws Exception {
    var states = new StateRecorder();
    var server = connectedSession(states);
    var client = (IceTestClient) toClose.get(toClose.size() - 1);
    var port = new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.udpPort());
    var unknownUfrag = stunRequestWithUsername("nobody:x");
    var truncated = Arrays.copyOf(unknownUfrag, 27);
    var random = new byte[300];
    new java.util.Random(5769).nextBytes(random);

    try (var stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (var junk : List.of(unknownUfrag, truncated, random, new byte[0], new byte[] {0, 1})) {
        stranger.send(new DatagramPacket(junk, junk.length, port));
      }
    }
    client.send(new byte[] {(byte) 0x81, 7});

    assertArrayEquals(new byte[] {(byte) 0x81, 7}, receive(server));
    assertEquals(IceSessionState.CONNECTED, server.state());
    assertEquals(1, endpoint.sessionCount());
  }

  @Test
  void consentChecksRunOnTheSelectedPair() throws Exception {
    var server = connectedSession(new StateRecorder());

    // ice4j sends the first consent check as soon as the pair is selected, then every ~15 s.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (server.consentConfirmations() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(server.consentConfirmations() >= 1, "consent response from the peer");
  }

  @Test
  void sessionThatNeverConnectsFails() throws Exception {
    endpoint.close();
    endpoint = IceEndpoint.open(loopbackConfig(Duration.ofMillis(500)), executor);
    var states = new StateRecorder();
    var session = endpoint.createSession(states);

    states.await(IceSessionState.FAILED, Duration.ofSeconds(3));
    assertTrue(states.lastReason.contains("not connected"), states.lastReason);
    assertEquals(0, endpoint.sessionCount());
    session.close();
  }

  @Test
  void localCandidatesDescribeTheSharedPort() throws Exception {
    var session = endpoint.createSession(new StateRecorder());
    var other = endpoint.createSession(new StateRecorder());

    assertEquals(1, session.localCandidates().size());
    var c = session.localCandidates().get(0);
    assertEquals(IceCandidate.Transport.UDP, c.transport());
    assertEquals("127.0.0.1", c.address());
    assertEquals(endpoint.udpPort(), c.port());
    assertEquals(IceCandidate.Type.HOST, c.type());
    assertEquals(Optional.empty(), c.tcpType());
    assertEquals(1, c.component());
    assertEquals(c.port(), other.localCandidates().get(0).port());
    assertTrue(!session.localCredentials().ufrag().equals(other.localCredentials().ufrag()));
    assertTrue(session.localCredentials().password().length() >= 22);
    assertEquals(IceSessionState.NEW, session.state());
    assertThrows(IllegalStateException.class, session::start);
  }

  private IceSession connectedSession(StateRecorder states) throws Exception {
    var server = endpoint.createSession(states);
    var client = client();
    client.connect(server, true);
    states.await(IceSessionState.CONNECTED, CONNECT);
    client.awaitConnected(CONNECT);
    return server;
  }

  private IceTestClient client() throws IOException {
    var client = new IceTestClient();
    toClose.add(client);
    return client;
  }

  private byte[] receive(IceSession session) throws Exception {
    var result =
        readers.submit(
            () -> {
              var packet = new DatagramPacket(new byte[1500], 1500);
              session.receive(packet);
              return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getLength());
            });
    return result.get(5, TimeUnit.SECONDS);
  }

  /** A STUN Binding request whose only attribute is USERNAME (no integrity). */
  private static byte[] stunRequestWithUsername(String username) {
    var name = username.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int padded = (name.length + 3) & ~3;
    var buffer = java.nio.ByteBuffer.allocate(20 + 4 + padded);
    buffer.putShort((short) 0x0001).putShort((short) (4 + padded)).putInt(0x2112A442);
    buffer.put(new byte[12]).putShort((short) 0x0006).putShort((short) name.length).put(name);
    return buffer.array();
  }

  private static byte[] payload(int seed, int length) {
    var data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (seed * 31 + i);
    }
    // Never look like STUN (first byte 0-3): ice4j routes those to its STUN stack.
    data[0] = (byte) (0x80 | seed);
    return data;
  }

  private long readerThreads() {
    var prefix =
        "MergingDatagramSocket reader thread for: 127.0.0.1:" + endpoint.udpPort() + "/udp";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix))
        .count();
  }

  private void awaitReaderThreads(long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (readerThreads() != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(expected, readerThreads(), "ice4j reader threads of the server port");
  }
}
