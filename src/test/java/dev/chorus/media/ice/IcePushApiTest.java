package dev.chorus.media.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ice4j's push API behind {@link IceSession}: UDP datagrams reach the session's {@link
 * DatagramHandler} on ice4j's reader thread, with no thread of ours waiting; ICE-TCP data is still
 * read with {@link IceSession#receive}; the process-wide switch goes back for pull endpoints.
 */
class IcePushApiTest {
  private static final Duration CONNECT = Duration.ofSeconds(10);

  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
  private final ExecutorService readers = Executors.newCachedThreadPool();
  private IceEndpoint endpoint;
  private AutoCloseable client;

  @AfterEach
  void closeAll() throws Exception {
    if (client != null) {
      client.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
    executor.shutdownNow();
    readers.shutdownNow();
  }

  @Test
  void udpDatagramsArePushedToTheHandler() throws Exception {
    endpoint =
        IceEndpoint.open(IceLoopbackUdpTest.loopbackConfig(Duration.ofSeconds(30)), executor, true);
    assertTrue(endpoint.usesPushApi());
    var states = new StateRecorder();
    var server = endpoint.createSession(states);
    var pushed = new LinkedBlockingQueue<byte[]>();
    var threads = new LinkedBlockingQueue<String>();
    server.setDatagramHandler(
        (buf, off, len) -> {
          pushed.add(Arrays.copyOfRange(buf, off, off + len));
          threads.add(Thread.currentThread().getName());
        });
    var udp = new IceTestClient();
    client = udp;
    udp.connect(server, true);
    states.await(IceSessionState.CONNECTED, CONNECT);
    udp.awaitConnected(CONNECT);

    for (int i = 0; i < 20; i++) {
      byte[] data = new byte[100 + i];
      Arrays.fill(data, (byte) i);
      data[0] = (byte) 0x80;
      udp.send(data);
      assertArrayEquals(data, pushed.poll(5, TimeUnit.SECONDS));
    }
    assertTrue(
        threads.stream().allMatch(n -> n.contains("AbstractUdpListener")),
        "on ice4j's shared reader: " + threads);

    // The same bytes from an address that never did ICE are not delivered.
    try (var stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      byte[] spoof = {(byte) 0x80, 1, 2, 3};
      var pair = server.selectedPair().orElseThrow();
      stranger.send(new DatagramPacket(spoof, spoof.length, pair.local()));
    }
    assertEquals(null, pushed.poll(300, TimeUnit.MILLISECONDS));
  }

  @Test
  void iceTcpIsStillReadAndPullEndpointsGetPullBack() throws Exception {
    var config = IceConfig.of(0, IceTcpTest.freeTcpPort(), "127.0.0.1", null, null, null);
    endpoint = IceEndpoint.open(config, executor, true);
    var states = new StateRecorder();
    var session = endpoint.createSession(states);
    session.setDatagramHandler((buf, off, len) -> {});
    var tcpClient = new IceTcpTestClient(session.localCredentials());
    client = tcpClient;
    session.setRemoteCredentials(tcpClient.ufrag, tcpClient.password);
    session.start();
    var tcp =
        session.localCandidates().stream()
            .filter(c -> c.transport() == IceCandidate.Transport.TCP)
            .findFirst()
            .orElseThrow();
    tcpClient.connect(new InetSocketAddress(InetAddress.getByName(tcp.address()), tcp.port()));
    tcpClient.nominate(() -> session.state() == IceSessionState.CONNECTED, CONNECT);

    byte[] up = {(byte) 0x80, 9, 8, 7};
    tcpClient.sendData(up);
    var got =
        readers.submit(
            () -> {
              var packet = new DatagramPacket(new byte[1500], 1500);
              session.receive(packet);
              return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getLength());
            });
    assertArrayEquals(up, got.get(5, TimeUnit.SECONDS));

    endpoint.close();
    endpoint =
        IceEndpoint.open(IceLoopbackUdpTest.loopbackConfig(Duration.ofSeconds(30)), executor);
    assertEquals(false, endpoint.usesPushApi());
    assertEquals(false, org.ice4j.ice.harvest.AbstractUdpListener.USE_PUSH_API);
  }
}
