package dev.chorus.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Binding and releasing the shared ports, and what the endpoint advertises. */
class IceEndpointLifecycleTest {
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1);
  private final ThreadPoolExecutor readers = (ThreadPoolExecutor) Executors.newCachedThreadPool();

  @AfterEach
  void shutDown() {
    executor.shutdownNow();
    readers.shutdownNow();
  }

  @Test
  void closeReleasesBothPortsForTheNextEndpoint() throws Exception {
    var first = IceEndpoint.open(loopback(0, IceTcpTest.freeTcpPort()), executor, readers);
    int udp = first.udpPort();
    int tcp = first.tcpPort();
    first.createSession(new StateRecorder());
    assertEquals(2, first.readerTaskCount(), "one UDP reader, one ICE-TCP selector loop");
    assertEquals(2, readers.getActiveCount());
    assertEquals(2, first.openSocketCount());

    long start = System.nanoTime();
    first.close();
    long closeMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertTrue(closeMillis < 2000, "close took " + closeMillis + " ms");
    assertEquals(0, first.sessionCount());
    assertEquals(0, first.openSocketCount());
    long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (readers.getActiveCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5); // the task has returned; the pool marks its thread idle a moment later
    }
    assertEquals(0, readers.getActiveCount(), "reader tasks ended");
    assertThrows(ConnectException.class, () -> connect(tcp));
    try (var udpProbe = new DatagramSocket(new InetSocketAddress(loopbackAddress(), udp));
        var tcpProbe = new ServerSocket(tcp, 1, loopbackAddress())) {
      assertEquals(udp, udpProbe.getLocalPort());
      assertEquals(tcp, tcpProbe.getLocalPort());
    }
    var second = IceEndpoint.open(loopback(udp, tcp), executor, readers);
    try {
      assertEquals(udp, second.udpPort());
      assertEquals(tcp, second.tcpPort());
      connect(tcp).close();
    } finally {
      second.close();
    }
  }

  @Test
  void secondEndpointOnATakenUdpPortFailsInsteadOfStealingIt() throws Exception {
    var first = IceEndpoint.open(loopback(0, 0), executor, readers);
    try {
      var config = loopback(first.udpPort(), 0);
      assertThrows(BindException.class, () -> IceEndpoint.open(config, executor, readers));
      // The first endpoint still owns the port.
      var session = first.createSession(new StateRecorder());
      assertEquals(first.udpPort(), session.localCandidates().get(0).port());
    } finally {
      first.close();
    }
  }

  @Test
  void closedEndpointRefusesSessionsAndClosesItsSessions() throws Exception {
    var endpoint = IceEndpoint.open(loopback(0, 0), executor, readers);
    var states = new StateRecorder();
    var session = endpoint.createSession(states);

    endpoint.close();
    endpoint.close();

    states.await(IceSessionState.CLOSED, Duration.ofSeconds(2));
    assertEquals(IceSessionState.CLOSED, session.state());
    assertThrows(IllegalStateException.class, () -> endpoint.createSession(states));
  }

  @Test
  void advertisedAddressReplacesTheBoundOneInCandidates() throws Exception {
    var config = IceConfig.of(0, IceTcpTest.freeTcpPort(), "127.0.0.1", "203.0.113.7", null, null);
    var endpoint = IceEndpoint.open(config, executor, readers);
    try {
      var candidates = endpoint.createSession(new StateRecorder()).localCandidates();

      assertEquals(2, candidates.size());
      assertTrue(candidates.stream().allMatch(c -> c.address().equals("203.0.113.7")));
      assertEquals(IceCandidate.Transport.UDP, candidates.get(0).transport());
      assertEquals(endpoint.udpPort(), candidates.get(0).port());
      assertEquals(IceCandidate.Transport.TCP, candidates.get(1).transport());
      assertEquals(endpoint.tcpPort(), candidates.get(1).port());
      assertTrue(
          endpoint.describe().contains("127.0.0.1 (advertised as 203.0.113.7)"),
          endpoint.describe());
    } finally {
      endpoint.close();
    }
  }

  @Test
  void refusedReaderThreadFailsOpen() throws Exception {
    var config = loopback(0, 0);
    var refusing =
        (java.util.concurrent.Executor)
            task -> {
              throw new java.util.concurrent.RejectedExecutionException("no");
            };
    var e = assertThrows(IOException.class, () -> IceEndpoint.open(config, executor, refusing));
    assertTrue(e.getMessage().contains("no thread"), e.getMessage());
  }

  @Test
  void refusedWatchdogFailsOpenAndLeavesNothingBoundOrRunning() throws Exception {
    int udp;
    try (var probe = new DatagramSocket(0, loopbackAddress())) {
      udp = probe.getLocalPort();
    }
    int tcp = IceTcpTest.freeTcpPort();
    var stopped = Executors.newScheduledThreadPool(1);
    stopped.shutdown();

    var e =
        assertThrows(
            IOException.class, () -> IceEndpoint.open(loopback(udp, tcp), stopped, readers));

    assertTrue(e.getMessage().contains("watchdog"), e.getMessage());
    long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (readers.getActiveCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(0, readers.getActiveCount(), "the started readers ended");
    var again = IceEndpoint.open(loopback(udp, tcp), executor, readers);
    again.close();
  }

  private static IceConfig loopback(int udp, int tcp) {
    return IceConfig.of(udp, tcp, "127.0.0.1", null, null, null);
  }

  private static InetAddress loopbackAddress() {
    return InetAddress.getLoopbackAddress();
  }

  private static Socket connect(int port) throws IOException {
    var socket = new Socket();
    socket.connect(new InetSocketAddress(loopbackAddress(), port), 500);
    return socket;
  }
}
