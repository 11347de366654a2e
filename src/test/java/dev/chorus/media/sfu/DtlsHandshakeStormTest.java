package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.transport.SfuTestSupport.CONNECT;
import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.sfu.echo.EchoForwarder;
import dev.chorus.media.sfu.transport.Garbage;
import dev.chorus.media.sfu.transport.LoopbackEngine;
import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.media.sfu.transport.MediaEngineOptions;
import dev.chorus.media.sfu.transport.RawUdpBrowser;
import dev.chorus.media.sfu.transport.SfuTestSupport;
import dev.chorus.media.sfu.transport.StateLog;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ClientHello-then-silence storm holds a server handshake thread per ClientHello until the
 * handshake times out. With four threads, eight such peers would stall every join for that long;
 * admitted per remote address and per owner, they hold two, and a peer from elsewhere completes
 * DTLS and exchanges SRTP while every storm transport is still waiting (the handshake timeout is a
 * minute, so nothing here is freed by failing).
 */
class DtlsHandshakeStormTest {
  private static final int STORM = 8;
  private static final int FLOOD = 500;
  private static final int DTLS_PER_SECOND = 20;

  private LoopbackEngine media;
  private MediaEngine engine;

  @BeforeEach
  void start() throws Exception {
    media =
        LoopbackEngine.startWithThreads(
            SfuTestSupport.loopback(Duration.ofSeconds(90)),
            Executors.defaultThreadFactory(),
            new MediaEngineOptions(Duration.ofSeconds(60))
                .withHandshakeThreads(4)
                .withDtlsFirstRecordTimeout(Duration.ofSeconds(60))
                .withHandshakesPer(2, 2)
                .withMaxDtlsDatagramsPerSecond(DTLS_PER_SECOND));
    engine = media.engine();
  }

  @AfterEach
  void stop() {
    media.close();
  }

  @Test
  void aStormFromOneAddressLeavesAnotherAddressConnecting() throws Exception {
    var storm = storm(STORM, i -> "127.0.0.1", i -> null);
    eventually("two storm handshakes run", ECHO, () -> engine.handshakesRunning() == 2);
    eventually("the rest wait", ECHO, () -> engine.handshakesWaiting() == STORM - 2);

    connectAndEcho("127.0.0.2", null);
    for (var t : storm) {
      assertEquals(TransportState.CONNECTING, t.state(), "not freed by failing");
    }
    assertEquals(2, engine.handshakesRunning(), "the storm still holds its two");
  }

  @Test
  void aStormOfOneOwnerFromManyAddressesLeavesOtherOwnersConnecting() throws Exception {
    var storm = storm(5, i -> "127.0.0." + (10 + i), i -> "mallory");
    eventually("two of mallory's handshakes run", ECHO, () -> engine.handshakesRunning() == 2);
    eventually("the rest wait", ECHO, () -> engine.handshakesWaiting() == 3);

    connectAndEcho("127.0.0.2", "alice");
    for (var t : storm) {
      assertEquals(TransportState.CONNECTING, t.state(), "not freed by failing");
    }
  }

  @Test
  void aDtlsFloodIsCutAtTheTransportsRateAndMediaGoesOn() throws Exception {
    var good = connectAndEcho("127.0.0.2", null);
    var transport = engine.transports().get(0);
    var before = transport.stats().counters();
    var garbage = new Garbage(7983);
    long start = System.nanoTime();
    // In batches that fit the server's socket buffer, so that every datagram reaches the transport.
    for (int sent = 0; sent < FLOOD; ) {
      for (int i = 0; i < 50; i++, sent++) {
        good.sendRaw(garbage.dtlsRecord(22, 0));
      }
      long seen = before.dtlsPacketsIn() + sent;
      eventually(
          "DTLS datagrams seen", ECHO, () -> transport.stats().counters().dtlsPacketsIn() == seen);
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
    long dropped = transport.stats().counters().dropped() - before.dropped();
    // The bucket holds one second's worth and refills at the same rate meanwhile.
    long mostHandled = DTLS_PER_SECOND + DTLS_PER_SECOND * seconds;
    assertTrue(dropped >= FLOOD - mostHandled, dropped + " dropped in " + seconds + " s");
    byte[] back = good.echo(0x7000_0001L, 9, ECHO);
    assertEquals(
        (byte) 9,
        RouterTestSupport.payload(RtpPacket.parse(back, 0, back.length).orElseThrow())[0]);
    assertEquals(TransportState.CONNECTED, transport.state());
  }

  private List<WebRtcTransport> storm(
      int count,
      java.util.function.IntFunction<String> address,
      java.util.function.IntFunction<String> owner)
      throws Exception {
    var transports = new ArrayList<WebRtcTransport>();
    for (int i = 0; i < count; i++) {
      var transport = engine.createTransport(new StateLog(), owner.apply(i));
      var peer = media.rawBrowser(InetAddress.getByName(address.apply(i)));
      peer.nominate(transport, CONNECT);
      eventually(
          "ICE connected", ECHO, () -> transport.snapshot().iceState().name().equals("CONNECTED"));
      peer.sendClientHelloThenGoSilent();
      transports.add(transport);
    }
    return transports;
  }

  private RawUdpBrowser connectAndEcho(String address, String owner) throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states, owner);
    var echo = new EchoForwarder();
    echo.addStream(0x7000_0001L);
    transport.setMediaListener(echo);
    var good = media.rawBrowser(InetAddress.getByName(address));
    good.connect(transport, CONNECT);
    states.await(TransportState.CONNECTED, CONNECT);
    for (int seq = 1; seq <= 3; seq++) {
      byte[] back = good.echo(0x7000_0001L, seq, ECHO);
      var packet = RtpPacket.parse(back, 0, back.length).orElseThrow();
      assertEquals((byte) seq, RouterTestSupport.payload(packet)[0], "the echo of this packet");
    }
    return good;
  }
}
