package dev.chorus.media.sfu.transport;

import static dev.chorus.media.sfu.transport.SfuTestSupport.CONNECT;
import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.media.dtls.SrtpProtectionProfiles;
import dev.chorus.media.sfu.echo.EchoForwarder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's totals (what the metrics read) add up every transport's counters and keep those of
 * closed transports, so they never go back.
 */
class EngineTotalsTest {
  private static final long AUDIO = 0x1111_1111L;

  private final SecureRandom random = new SecureRandom();
  private ScheduledExecutorService scheduler;
  private ExecutorService workers;
  private ExecutorService readers;
  private MediaEngine engine;

  @BeforeEach
  void start() throws Exception {
    scheduler = Executors.newScheduledThreadPool(2);
    workers = Executors.newCachedThreadPool();
    readers = Executors.newCachedThreadPool();
    engine = MediaEngine.start(SfuTestSupport.loopback(Duration.ofSeconds(30)), scheduler, workers);
  }

  @AfterEach
  void stop() {
    engine.close();
    scheduler.shutdownNow();
    workers.shutdownNow();
    readers.shutdownNow();
  }

  /** Connects a fake browser, echoes {@code packets} RTP packets, returns the transport. */
  private WebRtcTransport echo(FakeBrowser browser, int packets) throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states);
    var echo = new EchoForwarder();
    echo.addStream(AUDIO);
    transport.setMediaListener(echo);
    browser.connect(transport, readers, SrtpProtectionProfiles.supported(), CONNECT);
    states.await(TransportState.CONNECTED, CONNECT);
    for (int i = 0; i < packets; i++) {
      browser.sendRtp(AUDIO, 111, 1 + i, 960L * i, new byte[40]);
      browser.receiveRtp(ECHO).orElseThrow(() -> new AssertionError("no echo"));
    }
    eventually("echoes counted", ECHO, () -> echo.counters().rtpEchoed() == packets);
    return transport;
  }

  @Test
  void totalsKeepWhatClosedTransportsCounted() throws Exception {
    assertEquals(TransportStats.Counters.ZERO, engine.totals());
    try (var first = new FakeBrowser(random);
        var second = new FakeBrowser(random)) {
      var one = echo(first, 10);
      var two = echo(second, 5);
      var live = engine.totals();
      assertEquals(15, live.rtpPacketsIn());
      assertEquals(15, live.rtpPacketsOut());
      assertEquals(
          one.stats().counters().rtpBytesIn() + two.stats().counters().rtpBytesIn(),
          live.rtpBytesIn());

      one.close();
      eventually("first forgotten", CONNECT, () -> engine.transports().size() == 1);
      assertEquals(15, engine.totals().rtpPacketsIn(), "the closed one's packets stay counted");
      assertEquals(live.rtpBytesOut(), engine.totals().rtpBytesOut());

      two.close();
      eventually("both forgotten", CONNECT, () -> engine.transports().isEmpty());
      assertEquals(15, engine.totals().rtpPacketsOut());
      assertEquals(0, engine.dtlsFailures());
    }
  }
}
