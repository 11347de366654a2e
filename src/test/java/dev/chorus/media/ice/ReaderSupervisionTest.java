package dev.chorus.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared ports' readers are supervised: an {@link Error} thrown on the reader thread, or the
 * socket closed under it, costs a restart (counted) and not the port. Afterwards the same port
 * answers checks and the sessions already bound to it keep receiving.
 */
class ReaderSupervisionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  private final AtomicBoolean failNext = new AtomicBoolean();
  private LoopbackEndpoint loopback;
  private IceEndpoint endpoint;
  private DatagramSocket peer;

  @BeforeEach
  void open() throws IOException {
    loopback = LoopbackEndpoint.open(Duration.ofSeconds(30));
    endpoint = loopback.endpoint();
    peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() {
    peer.close();
    loopback.close();
  }

  /** A session whose handler throws an Error when told to, else queues what it gets. */
  private IceSession session() {
    var session = endpoint.createSession(new StateRecorder());
    session.setDatagramHandler(
        (buf, off, len) -> {
          if (failNext.compareAndSet(true, false)) {
            throw new AssertionError("injected failure on the reader thread");
          }
          received.add(Arrays.copyOfRange(buf, off, off + len));
        });
    session.setRemoteCredentials("peerufrag", "peer+password+long+enough+24");
    session.start();
    return session;
  }

  @Test
  void anErrorOnTheUdpReaderCostsARestartNotThePort() throws Exception {
    var session = session();
    int port = endpoint.udpPort();
    check(session);

    failNext.set(true);
    send(new byte[] {(byte) 0x80, 1}); // thrown on the reader: this one is lost
    eventually("restart counted", WAIT, () -> endpoint.readerRestarts() == 1);

    byte[] after = {(byte) 0x80, 2, 3};
    send(after);
    assertArrayEquals(after, received.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(port, endpoint.udpPort());
    check(session);
    assertEquals(1, endpoint.readerRestarts());
  }

  @Test
  void aUdpSocketClosedUnderTheReaderIsBoundAgainOnTheSamePort() throws Exception {
    var session = session();
    int port = endpoint.udpPort();
    check(session);

    endpoint.udpSockets().get(0).closeChannelForTest();
    eventually("restart counted", WAIT, () -> endpoint.readerRestarts() == 1);
    eventually("bound again", WAIT, () -> endpoint.udpSockets().get(0).isOpen());

    check(session); // the same port answers
    byte[] after = {(byte) 0x80, 4, 5};
    send(after); // the route learned before the close still holds
    assertArrayEquals(after, received.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(port, endpoint.udpSockets().get(0).local().getPort());
  }

  @Test
  void anErrorOnTheTcpLoopCostsARestartNotTheConnections() throws Exception {
    var tcpSession = endpoint.createSession(new StateRecorder());
    tcpSession.setDatagramHandler(
        (buf, off, len) -> {
          if (failNext.compareAndSet(true, false)) {
            throw new AssertionError("injected failure on the selector thread");
          }
          received.add(Arrays.copyOfRange(buf, off, off + len));
        });
    var tcpClient = new IceTcpTestClient(tcpSession.localCredentials());
    try {
      tcpSession.setRemoteCredentials(tcpClient.ufrag, tcpClient.password);
      tcpSession.start();
      tcpClient.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.tcpPort()));
      tcpClient.nominate(() -> tcpSession.state() == IceSessionState.CONNECTED, WAIT);

      failNext.set(true);
      tcpClient.sendData(new byte[] {(byte) 0x80, 6});
      eventually("restart counted", WAIT, () -> endpoint.readerRestarts() == 1);

      byte[] after = {(byte) 0x80, 7, 8};
      tcpClient.sendData(after);
      assertArrayEquals(after, received.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
      assertEquals(1, endpoint.tcpConnectionCount(), "the connection survived");
    } finally {
      tcpClient.close();
    }
  }

  @Test
  void aTcpListeningSocketClosedUnderTheLoopListensAgain() throws Exception {
    int port = endpoint.tcpPort();
    endpoint.tcpListener().closeServersForTest();
    eventually("restart counted", WAIT, () -> endpoint.readerRestarts() == 1);
    eventually("listening again", WAIT, () -> endpoint.openSocketCount() == 2);

    var session = endpoint.createSession(new StateRecorder());
    var client = new IceTcpTestClient(session.localCredentials());
    try {
      session.setRemoteCredentials(client.ufrag, client.password);
      session.start();
      client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      client.nominate(() -> session.state() == IceSessionState.CONNECTED, WAIT);
      assertEquals(IceSessionState.CONNECTED, session.state());
    } finally {
      client.close();
    }
  }

  /** A nominating check from {@link #peer}, repeated until answered (binds the peer's address). */
  private void check(IceSession session) throws IOException {
    var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.udpPort());
    var id = StunTestMessages.transactionId();
    var credentials = session.localCredentials();
    var request =
        StunTestMessages.bindingRequest(
            id, credentials.ufrag() + ":peerufrag", credentials.password(), true);
    long deadline = System.nanoTime() + WAIT.toNanos();
    var buf = new byte[1500];
    peer.setSoTimeout(200);
    while (System.nanoTime() < deadline) {
      peer.send(new DatagramPacket(request, request.length, server));
      var packet = new DatagramPacket(buf, buf.length);
      try {
        peer.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      }
      var response = Arrays.copyOf(buf, packet.getLength());
      if (StunTestMessages.isSuccessFor(response, id)) {
        assertTrue(StunTestMessages.signedWith(response, credentials.password()));
        return;
      }
    }
    throw new AssertionError("the check was not answered");
  }

  private static void eventually(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean(), what);
  }

  private void send(byte[] datagram) throws IOException {
    var server = new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.udpPort());
    peer.send(new DatagramPacket(datagram, datagram.length, server));
  }
}
