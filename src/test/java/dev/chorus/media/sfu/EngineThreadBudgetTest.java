package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.transport.SfuTestSupport.CONNECT;
import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.ice.IceConfig;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.sfu.echo.EchoForwarder;
import dev.chorus.media.sfu.transport.LoopbackEngine;
import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.media.sfu.transport.MediaEngineOptions;
import dev.chorus.media.sfu.transport.RawUdpBrowser;
import dev.chorus.media.sfu.transport.RecordingThreadFactory;
import dev.chorus.media.sfu.transport.StateLog;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's budget: the engine's threads are a constant (ICE readers + packet pool + handshake
 * pool) whether 2 or 8 participants exchange media, none of ice4j's per-peer threads exists on the
 * server side, and once everyone has left nothing of them remains; after {@code close()} no thread
 * of the engine is alive and the ports are free. The peers are {@link RawUdpBrowser}s (one socket,
 * the test's own thread), so every thread counted is the server's.
 */
class EngineThreadBudgetTest {
  private static final int PACKET_THREADS = 2;
  private static final int HANDSHAKE_THREADS = 4;

  /** One UDP reader (127.0.0.1 only) and one ICE-TCP selector loop. */
  private static final int READERS = 2;

  private static final List<String> ICE4J_THREADS =
      List.of("IceConnector", "MergingDatagramSocket", "AbstractUdpListener");

  private final RecordingThreadFactory threads = new RecordingThreadFactory();
  private final List<RawUdpBrowser> browsers = new ArrayList<>();
  private final List<WebRtcTransport> transports = new ArrayList<>();
  private LoopbackEngine media;
  private MediaEngine engine;
  private int tcpPort;

  @BeforeEach
  void start() throws Exception {
    tcpPort = freeTcpPort();
    media =
        LoopbackEngine.startWithThreads(
            IceConfig.of(0, tcpPort, "127.0.0.1", null, null, Duration.ofSeconds(30)),
            threads,
            MediaEngineOptions.defaults()
                .withPacketThreads(PACKET_THREADS)
                .withHandshakeThreads(HANDSHAKE_THREADS));
    engine = media.engine();
  }

  @AfterEach
  void stop() {
    media.close();
  }

  @Test
  void threadsStayConstantFromTwoToEightParticipantsAndAllGoAfterwards() throws Exception {
    long ice4jBefore = ice4jThreads();
    int budget = READERS + PACKET_THREADS + HANDSHAKE_THREADS;
    assertEquals(budget, engine.threadCount(), "all made at start");

    join(2);
    exchange(1);
    int withTwo = engine.threadCount();
    join(6);
    exchange(2);
    int withEight = engine.threadCount();

    assertEquals(budget, withTwo);
    assertEquals(withTwo, withEight, "no thread per participant");
    assertEquals(budget, threads.made(), "no thread made after start");
    assertEquals(8, engine.iceSessionCount());
    // At most as many as before: an earlier test's ice4j threads may end meanwhile.
    long ice4jAfter = ice4jThreads();
    assertTrue(
        ice4jAfter <= ice4jBefore,
        "no ice4j thread started for the server: " + ice4jBefore + " → " + ice4jAfter);
    assertTrue(
        Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().contains("AbstractUdpListener")),
        "no ice4j harvester");

    for (var t : transports) {
      t.close();
    }
    for (var t : transports) {
      assertTrue(t.awaitTermination(ECHO));
      assertEquals(0, t.stats().counters().listenerErrors());
    }
    assertEquals(0, engine.iceSessionCount());
    assertEquals(List.of(), engine.transports());
    assertEquals(0, engine.tcpConnectionCount());
    assertEquals(0, engine.handshakesRunning());
    assertEquals(READERS, engine.openSocketCount(), "the shared UDP socket and TCP listener only");
    assertEquals(budget, engine.threadCount());

    int udpPort = engine.udpPort();
    engine.close();

    assertEquals(0, engine.threadCount(), "close() waits for every thread of the engine");
    eventually("threads terminated", ECHO, () -> threads.alive() == 0);
    assertEquals(0, engine.openSocketCount());
    try (var udp =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), udpPort));
        var tcp = new ServerSocket(tcpPort, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(udpPort, udp.getLocalPort());
      assertEquals(tcpPort, tcp.getLocalPort());
    }
  }

  private void join(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      var states = new StateLog();
      var transport = engine.createTransport(states);
      var echo = new EchoForwarder();
      echo.addStream(ssrc(transports.size()));
      transport.setMediaListener(echo);
      var browser = media.rawBrowser();
      browsers.add(browser);
      transports.add(transport);
      browser.connect(transport, CONNECT);
      states.await(TransportState.CONNECTED, CONNECT);
    }
  }

  private void exchange(int round) throws Exception {
    for (int i = 0; i < browsers.size(); i++) {
      for (int n = 0; n < 5; n++) {
        int seq = round * 100 + n;
        byte[] back = browsers.get(i).echo(ssrc(i), seq, ECHO);
        var packet = RtpPacket.parse(back, 0, back.length).orElseThrow();
        assertEquals((byte) seq, RouterTestSupport.payload(packet)[0], "the echo of this packet");
      }
    }
  }

  private static long ssrc(int index) {
    return 0x5000_0000L + index;
  }

  private static long ice4jThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> ICE4J_THREADS.stream().anyMatch(n -> t.getName().contains(n)))
        .count();
  }

  private static int freeTcpPort() throws IOException {
    try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }
}
