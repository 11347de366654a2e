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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ICE over real UDP on 127.0.0.1 in one JVM: the server's lite {@link IceSession} on the shared
 * port against a controlling ice4j agent playing the browser (an interop check: ice4j's full agent
 * nominates like a browser does).
 */
class IceLoopbackUdpTest {
  private static final Duration CONNECT = Duration.ofSeconds(10);

  private ScheduledExecutorService executor;
  private final ExecutorService readers =
      Executors.newCachedThreadPool(
          r -> {
            var t = new Thread(r, READER_PREFIX + READER_COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
  private static final String READER_PREFIX = "ice-reader-";
  private static final java.util.concurrent.atomic.AtomicInteger READER_COUNT =
      new java.util.concurrent.atomic.AtomicInteger();
  private IceEndpoint endpoint;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final Map<IceSession, LinkedBlockingQueue<byte[]>> received = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<String> handlerThreads = new LinkedBlockingQueue<>();

  @BeforeEach
  void openEndpoint() throws IOException {
    executor = Executors.newScheduledThreadPool(2);
    endpoint = IceEndpoint.open(loopbackConfig(Duration.ofSeconds(30)), executor, readers);
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

  /** A session whose datagrams are queued for {@link #receive}. */
  private IceSession session(StateRecorder states) {
    var session = endpoint.createSession(states);
    var queue = new LinkedBlockingQueue<byte[]>();
    received.put(session, queue);
    session.setDatagramHandler(
        (buf, off, len) -> {
          handlerThreads.add(Thread.currentThread().getName());
          queue.add(Arrays.copyOfRange(buf, off, off + len));
        });
    return session;
  }

  static IceConfig loopbackConfig(Duration consentTimeout) {
    return IceConfig.of(0, 0, "127.0.0.1", null, null, consentTimeout);
  }

  @Test
  void connectsAndCarriesDatagramsBothWays() throws Exception {
    var states = new StateRecorder();
    var server = session(states);
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
    var server = session(states);
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
    var serverA = session(statesA);
    var serverB = session(statesB);
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
  void closingASessionForgetsItsPeerButNotThePort() throws Exception {
    var states = new StateRecorder();
    var server = connectedSession(states);
    var client = (IceTestClient) toClose.get(toClose.size() - 1);
    client.send(new byte[] {(byte) 0x80, 1});
    assertArrayEquals(new byte[] {(byte) 0x80, 1}, receive(server));

    server.close();

    states.await(IceSessionState.CLOSED, Duration.ofSeconds(5));
    assertEquals(IceSessionState.CLOSED, server.state());
    assertEquals(0, endpoint.sessionCount());
    assertThrows(SocketException.class, () -> server.send(new byte[] {1}, 0, 1));
    client.send(new byte[] {(byte) 0x80, 2});
    assertEquals(null, received.get(server).poll(300, TimeUnit.MILLISECONDS), "not delivered");

    // The shared port still serves new sessions.
    var again = connectedSession(new StateRecorder());
    var client2 = (IceTestClient) toClose.get(toClose.size() - 1);
    client2.send(new byte[] {(byte) 0x80, 3});
    assertArrayEquals(new byte[] {(byte) 0x80, 3}, receive(again));
  }

  @Test
  void dataIsPushedOnTheReaderAndOnlyFromValidatedAddresses() throws Exception {
    var server = connectedSession(new StateRecorder());
    var client = (IceTestClient) toClose.get(toClose.size() - 1);
    client.send(new byte[] {(byte) 0x80, 4});
    assertArrayEquals(new byte[] {(byte) 0x80, 4}, receive(server));
    assertTrue(
        handlerThreads.stream().allMatch(n -> n.startsWith(READER_PREFIX)), "" + handlerThreads);

    // The same bytes from an address that never did ICE are not delivered.
    try (var stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      byte[] spoof = {(byte) 0x80, 1, 2, 3};
      stranger.send(
          new DatagramPacket(spoof, spoof.length, server.selectedPair().orElseThrow().local()));
    }
    assertEquals(null, received.get(server).poll(300, TimeUnit.MILLISECONDS));
    assertEquals(1, endpoint.readerTaskCount(), "one reader for the one UDP address, no TCP");
  }

  @Test
  void silentPeerFailsAfterConsentTimeoutWhileLivePeerStays() throws Exception {
    endpoint.close();
    endpoint = IceEndpoint.open(loopbackConfig(Duration.ofSeconds(2)), executor, readers);
    var liveStates = new StateRecorder();
    var silentStates = new StateRecorder();
    var live = connectedSession(liveStates);
    var liveClient = (IceTestClient) toClose.get(toClose.size() - 1);
    var silent = connectedSession(silentStates);
    var silentClient = (IceTestClient) toClose.get(toClose.size() - 1);

    silentClient.close();
    long end = System.nanoTime() + Duration.ofMillis(4500).toNanos();
    var liveUsername = live.id() + ":" + liveClient.agent.getLocalUfrag();
    while (System.nanoTime() < end) {
      liveClient.send(new byte[] {(byte) 0x80});
      receive(live);
      // Consent is the peer's checks (RFC 7675), not its data: check more often than ice4j does.
      liveClient.send(
          StunTestMessages.bindingRequest(
              StunTestMessages.transactionId(),
              liveUsername,
              live.localCredentials().password(),
              false));
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
  void thePeersChecksOnTheSelectedPairCountAsConsent() throws Exception {
    var server = connectedSession(new StateRecorder());

    // The nominating check is the first; ice4j's client goes on checking the pair.
    assertTrue(server.consentChecks() >= 1, "consent from the peer's checks");
  }

  @Test
  void sessionThatNeverConnectsFails() throws Exception {
    endpoint.close();
    endpoint = IceEndpoint.open(loopbackConfig(Duration.ofMillis(500)), executor, readers);
    var states = new StateRecorder();
    var session = session(states);

    states.await(IceSessionState.FAILED, Duration.ofSeconds(3));
    assertTrue(states.lastReason.contains("not connected"), states.lastReason);
    assertEquals(0, endpoint.sessionCount());
    session.close();
  }

  @Test
  void localCandidatesDescribeTheSharedPort() throws Exception {
    var session = session(new StateRecorder());
    var other = session(new StateRecorder());

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
    // The client first: creating its ice4j agent can take seconds on a loaded machine, and a
    // session that hears no check within the consent timeout fails before it is started.
    var client = client();
    var server = session(states);
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
    var data = received.get(session).poll(5, TimeUnit.SECONDS);
    if (data == null) {
      throw new AssertionError("nothing received by " + session);
    }
    return data;
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
    // Never look like STUN (first byte 0-3): those go to the STUN responder.
    data[0] = (byte) (0x80 | seed);
    return data;
  }
}
