package dev.chorus.media.sfu.transport;

import static dev.chorus.media.sfu.transport.SfuTestSupport.CONNECT;
import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.ice.IceSessionState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that nominates an ICE pair and never sends a ClientHello must not hold one of the few
 * handshake threads: with a single one, a well-behaved peer joining after it still connects at
 * once, and the silent one fails with its own, shorter timeout.
 */
class DtlsHandshakeAdmissionTest {
  private static final Duration FIRST_RECORD = Duration.ofSeconds(3);

  private LoopbackEngine media;
  private MediaEngine engine;
  private RawUdpBrowser silent;
  private RawUdpBrowser good;

  @BeforeEach
  void start() throws Exception {
    media =
        LoopbackEngine.startWithThreads(
            SfuTestSupport.loopback(Duration.ofSeconds(30)),
            Executors.defaultThreadFactory(),
            MediaEngineOptions.defaults()
                .withHandshakeThreads(1)
                .withDtlsFirstRecordTimeout(FIRST_RECORD));
    engine = media.engine();
    silent = media.rawBrowser();
    good = media.rawBrowser();
  }

  @AfterEach
  void stop() {
    media.close();
  }

  @Test
  void aSilentPeerHoldsNoHandshakeThreadAndFailsAfterItsTimeout() throws Exception {
    var silentStates = new StateLog();
    var silentTransport = engine.createTransport(silentStates);
    silent.nominate(silentTransport, CONNECT);
    long iceConnected = System.nanoTime();
    eventually(
        "silent peer's ICE connected",
        ECHO,
        () -> silentTransport.snapshot().iceState() == IceSessionState.CONNECTED);
    Thread.sleep(200);
    assertEquals(0, engine.handshakesRunning(), "no ClientHello, no handshake thread taken");

    // The only handshake thread is free for the next peer, long before the silent one's timeout.
    var goodStates = new StateLog();
    var goodTransport = engine.createTransport(goodStates);
    good.connect(goodTransport, CONNECT);
    goodStates.await(TransportState.CONNECTED, ECHO);
    assertEquals(TransportState.CONNECTING, silentTransport.state(), "not freed by failing");
    assertTrue(
        (System.nanoTime() - iceConnected) < FIRST_RECORD.toNanos(),
        "connected within the silent peer's timeout");

    String reason = silentStates.await(TransportState.FAILED, FIRST_RECORD.plus(ECHO));
    long waitedMillis = (System.nanoTime() - iceConnected) / 1_000_000;
    assertTrue(reason.contains("no DTLS record from the peer within 3000 ms"), reason);
    assertTrue(waitedMillis >= FIRST_RECORD.toMillis() - 100, waitedMillis + " ms");
    assertEquals(List.of(TransportState.CONNECTING, TransportState.FAILED), silentStates.states());
    assertEquals(TransportState.CONNECTED, goodTransport.state());
    assertTrue(silentTransport.awaitTermination(ECHO));
    assertEquals(List.of(goodTransport), engine.transports(), "the failed one is forgotten");
  }
}
