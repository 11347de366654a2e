package dev.chorus.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strangers on the passive ICE-TCP candidate (RFC 6544): connections no valid check has bound are
 * capped per source address, closed after a short timeout of their own (not the 30 s consent
 * timeout), and get only a small input buffer, while a bound connection carries any RFC 4571 frame.
 */
class IceTcpFloodTest {
  private final List<Socket> sockets = new ArrayList<>();
  private LoopbackEndpoint loopback;
  private IceEndpoint endpoint;
  private InetSocketAddress tcp;

  @BeforeEach
  void open() throws IOException {
    loopback = LoopbackEndpoint.open(Duration.ofSeconds(30));
    endpoint = loopback.endpoint();
    tcp = new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.tcpPort());
  }

  @AfterEach
  void close() throws IOException {
    for (var socket : sockets) {
      socket.close();
    }
    loopback.close();
  }

  @Test
  void idleConnectionsFromOneAddressAreCappedAndClosedAfterTheUnboundTimeout() throws Exception {
    int perAddress = TcpListener.Limits.MAX_UNBOUND_PER_ADDRESS;
    long start = System.nanoTime();
    for (int i = 0; i < perAddress + 24; i++) {
      sockets.add(connect());
    }

    eventually(() -> endpoint.tcpConnectionCount() == perAddress, Duration.ofSeconds(3));
    long refusedAtOnce = sockets.stream().filter(IceTcpFloodTest::closedByServer).count();
    assertEquals(24, refusedAtOnce, "the connections beyond the cap were closed at once");
    assertEquals(perAddress, endpoint.tcpConnectionCount());

    eventually(() -> endpoint.tcpConnectionCount() == 0, Duration.ofSeconds(8));
    long elapsed = System.nanoTime() - start;
    assertTrue(
        elapsed < Duration.ofSeconds(8).toNanos(),
        "closed after the unbound timeout, not the 30 s consent timeout");
    assertTrue(elapsed >= TcpListener.Limits.UNBOUND_TIMEOUT.toNanos(), "not before the timeout");
    assertTrue(sockets.stream().allMatch(IceTcpFloodTest::closedByServer));

    // The cap counted waiting connections only: a peer can connect and check again.
    connectSessionOverTcp();
  }

  @Test
  void unboundConnectionAnnouncingAFrameLargerThanACheckIsClosedAtOnce() throws Exception {
    var socket = connect();
    sockets.add(socket);
    var out = socket.getOutputStream();
    out.write(new byte[] {0x13, (byte) 0x88}); // 5000 bytes follow, says the RFC 4571 header
    out.write(new byte[TcpConnection.INITIAL_INPUT]);
    out.flush();

    eventually(() -> closedByServer(socket), Duration.ofSeconds(2));
    // The loop forgets the connection just after closing it: wait for that, briefly.
    eventually(() -> endpoint.tcpConnectionCount() == 0, Duration.ofSeconds(2));
  }

  @Test
  void boundConnectionCarriesTheLargestFrameBothWays() throws Exception {
    var received = new LinkedBlockingQueue<byte[]>();
    var states = new StateRecorder();
    var session = endpoint.createSession(states);
    session.setDatagramHandler(
        (buf, off, len) -> received.add(Arrays.copyOfRange(buf, off, off + len)));
    try (var client = new IceTcpTestClient(session.localCredentials())) {
      session.setRemoteCredentials(client.ufrag, client.password);
      session.start();
      client.connect(tcp);
      client.nominate(() -> session.state() == IceSessionState.CONNECTED, Duration.ofSeconds(10));

      var largest = new byte[0xFFFF];
      for (int i = 0; i < largest.length; i++) {
        largest[i] = (byte) (i * 31);
      }
      largest[0] = (byte) 0x80;
      client.sendData(largest);
      assertArrayEquals(largest, received.poll(5, TimeUnit.SECONDS));
      assertTrue(session.send(largest, 0, largest.length));
      assertArrayEquals(largest, client.receiveData(Duration.ofSeconds(5)));
    }
  }

  private void connectSessionOverTcp() throws Exception {
    var session = endpoint.createSession(new StateRecorder());
    try (var client = new IceTcpTestClient(session.localCredentials())) {
      session.setRemoteCredentials(client.ufrag, client.password);
      session.start();
      client.connect(tcp);
      client.nominate(() -> session.state() == IceSessionState.CONNECTED, Duration.ofSeconds(10));
    }
  }

  private Socket connect() throws IOException {
    var socket = new Socket();
    socket.connect(tcp, 2000);
    return socket;
  }

  /** Whether the server closed its end: EOF (or reset) without waiting. */
  private static boolean closedByServer(Socket socket) {
    try {
      socket.setSoTimeout(50);
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static void eventually(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean(), "condition within " + timeout);
  }
}
