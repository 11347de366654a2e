package dev.chorus.media.sfu.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.media.ice.IceSession;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the admin API sees of a transport: the pair ICE uses now, not the one it connected on. */
class WebRtcTransportSnapshotTest {
  private static final Duration CONNECT = Duration.ofSeconds(10);

  private ScheduledExecutorService scheduler;
  private ExecutorService workers;
  private MediaEngine engine;
  private RawUdpBrowser browser;

  @BeforeEach
  void start() throws Exception {
    scheduler = Executors.newScheduledThreadPool(2);
    workers = Executors.newCachedThreadPool();
    engine = MediaEngine.start(SfuTestSupport.loopback(Duration.ofSeconds(30)), scheduler, workers);
    browser = new RawUdpBrowser(new SecureRandom());
  }

  @AfterEach
  void stop() {
    browser.close();
    engine.close();
    scheduler.shutdownNow();
    workers.shutdownNow();
  }

  @Test
  void snapshotShowsTheSelectedPairAfterASwitchAndAfterTheEnd() throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states);
    browser.connect(transport, CONNECT);
    states.await(TransportState.CONNECTED, CONNECT);
    var first = transport.snapshot().selectedPair().orElseThrow();

    try (var other = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Thread.sleep(IceSession.MIN_SWITCH_INTERVAL.toMillis() + 100);
      browser.nominateFrom(other, CONNECT);

      var now = transport.snapshot().selectedPair().orElseThrow();
      assertEquals(other.getLocalSocketAddress(), now.remote(), "the pair in use now");
      assertEquals(first.local(), now.local());

      transport.close();
      assertEquals(
          other.getLocalSocketAddress(),
          transport.snapshot().selectedPair().orElseThrow().remote(),
          "kept after the end, for post-mortems");
    }
  }
}
