package dev.chorus.media.sfu.transport;

import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.sfu.echo.EchoForwarder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage on the media port while a session runs (issue 6: "random and truncated datagrams sent to
 * the media port while a session runs do not disturb it; errors are counted, not thrown"). Junk
 * comes from two places: a stranger's socket, which ICE must filter out before the transport sees
 * it, and the connected browser's own address, which reaches the transport's demultiplexer, SRTP
 * and DTLS and must be counted there. Generators use fixed seeds, so a failure replays.
 */
class WebRtcTransportRobustnessTest {
  private static final long AUDIO = 0x1111_1111L;

  private LoopbackEngine media;
  private MediaEngine engine;
  private FakeBrowser browser;
  private WebRtcTransport transport;
  private StateLog states;
  private long echoSsrc;
  private int seq;
  private final List<byte[]> sentRtp = new ArrayList<>();

  @BeforeEach
  void connect() throws Exception {
    // Every forged DTLS record must reach BouncyCastle here, a hundred at once: above the default
    // DTLS rate per transport (DtlsHandshakeStormTest checks that cap).
    media =
        LoopbackEngine.start(
            SfuTestSupport.loopback(Duration.ofSeconds(30)),
            MediaEngineOptions.defaults().withMaxDtlsDatagramsPerSecond(10_000));
    engine = media.engine();
    states = new StateLog();
    transport = engine.createTransport(states);
    var echo = new EchoForwarder();
    echoSsrc = echo.addStream(AUDIO);
    transport.setMediaListener(echo);
    browser = media.connect(transport, states);
    for (int i = 0; i < 20; i++) {
      assertStillEchoes();
    }
  }

  @AfterEach
  void close() {
    media.close();
  }

  @Test
  void strangersGarbageNeverReachesTheTransport() throws Exception {
    var before = transport.stats().counters();
    int seqBefore = seq;
    var garbage = new Garbage(7983);
    var port = new InetSocketAddress(InetAddress.getLoopbackAddress(), engine.udpPort());
    try (var stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 3000; i++) {
        byte[] junk =
            switch (i % 8) {
              case 0 -> garbage.anything();
              case 1 -> garbage.rtpRange();
              case 2 -> garbage.rtcpRange();
              case 3 -> garbage.dtlsRange();
              case 4 -> garbage.stunRange();
              case 5 -> garbage.truncated(sentRtp.get(garbage.nextInt(sentRtp.size())));
              case 6 -> sentRtp.get(garbage.nextInt(sentRtp.size())); // replayed from elsewhere
              default -> garbage.dtlsRecord(23, 1);
            };
        stranger.send(new DatagramPacket(junk, junk.length, port));
        if (i % 25 == 24) {
          Thread.sleep(1); // a flood faster than ice4j reads only measures the socket buffer
        }
        if (i % 250 == 249) {
          assertStillEchoes();
        }
      }
    }
    assertStillEchoes();

    var after = transport.stats().counters();
    assertEquals(TransportState.CONNECTED, transport.state());
    assertEquals(before.srtpFailures(), after.srtpFailures());
    assertEquals(before.malformed(), after.malformed());
    assertEquals(before.dtlsPacketsIn(), after.dtlsPacketsIn());
    // A real packet may be lost in the flood (UDP), but nothing else may have been counted as RTP.
    long realSent = seq - seqBefore;
    long rtpCounted = after.rtpPacketsIn() - before.rtpPacketsIn();
    assertTrue(rtpCounted >= 13 && rtpCounted <= realSent, rtpCounted + " of " + realSent);
  }

  @Test
  void peersGarbageIsCountedAndMediaKeepsFlowing() throws Exception {
    var garbage = new Garbage(3711);
    var before = transport.stats().counters();
    long bad = 0;
    long dtls = 0;
    for (int chunk = 0; chunk < 20; chunk++) {
      for (int i = 0; i < 100; i++) {
        byte[] real = sentRtp.get(garbage.nextInt(sentRtp.size()));
        byte[] junk;
        switch (garbage.nextInt(7)) {
          case 0 -> junk = garbage.rtpRange();
          case 1 -> junk = garbage.rtcpRange();
          case 2 -> junk = garbage.truncated(real);
          case 3 -> junk = garbage.flipped(real);
          case 4 -> junk = real; // a replay
          case 5 -> junk = garbage.unknownRange();
          default -> {
            junk = garbage.dtlsRange();
            dtls++;
            bad--;
          }
        }
        bad++;
        browser.sendRaw(junk);
      }
      long expectedBad = bad;
      long expectedDtls = dtls;
      eventually(
          "chunk " + chunk + " counted",
          ECHO,
          () -> {
            var now = transport.stats().counters();
            return now.srtpFailures() + now.malformed() - before.srtpFailures() - before.malformed()
                    == expectedBad
                && now.dtlsPacketsIn() - before.dtlsPacketsIn() == expectedDtls;
          });
      assertStillEchoes();
    }

    var after = transport.stats().counters();
    assertTrue(after.srtpFailures() > before.srtpFailures(), "bad tags, replays: " + after);
    assertTrue(after.malformed() > before.malformed(), "unknown first bytes, short: " + after);
    assertEquals(0, after.listenerErrors());
    assertEquals(TransportState.CONNECTED, transport.state());
    assertEquals(List.of(TransportState.CONNECTING, TransportState.CONNECTED), states.states());
  }

  @Test
  void forgedDtlsRecordsAfterTheHandshakeNeitherEndTheCallNorStopMedia() throws Exception {
    var garbage = new Garbage(6347);
    var before = transport.stats().counters();
    // Handshake records of epoch 0 are what a retransmitted client flight looks like; they carry
    // no MAC, so BouncyCastle reads them and carries on.
    for (int i = 0; i < 50; i++) {
      browser.sendRaw(garbage.dtlsRecord(22, 0));
    }
    eventually(
        "epoch 0 records read",
        ECHO,
        () -> transport.stats().counters().dtlsPacketsIn() == before.dtlsPacketsIn() + 50);
    assertStillEchoes();
    assertEquals(before.malformed(), transport.stats().counters().malformed());

    // Application data and alerts in epoch 1 whose MAC cannot verify: BouncyCastle gives up on
    // DTLS, but its fatal alert must not reach the browser (which would end the call).
    for (int i = 0; i < 50; i++) {
      browser.sendRaw(garbage.dtlsRecord(i % 2 == 0 ? 23 : 21, 1));
    }
    eventually(
        "epoch 1 records read",
        ECHO,
        () -> transport.stats().counters().dtlsPacketsIn() == before.dtlsPacketsIn() + 100);
    for (int i = 0; i < 10; i++) {
      assertStillEchoes();
    }
    assertEquals(0, browser.dtlsAlertsReceived(), "no alert sent to the browser");
    assertEquals(before.malformed() + 1, transport.stats().counters().malformed());
    assertEquals(TransportState.CONNECTED, transport.state());
  }

  /** Sends one real packet and expects its echo, retrying a lost one (UDP) up to twice. */
  private void assertStillEchoes() throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 3; attempt++) {
      byte[] payload = ("still alive " + seq).getBytes();
      sentRtp.add(browser.sendRtp(AUDIO, 111, seq, 960L * seq, payload));
      seq++;
      var back = browser.receiveRtp(attempt < 2 ? Duration.ofSeconds(1) : ECHO);
      if (back.isPresent()) {
        byte[] packet = back.get();
        var view = RtpPacket.parse(packet, 0, packet.length).orElseThrow();
        assertEquals(echoSsrc, view.ssrc());
        assertArrayEquals(payload, Arrays.copyOfRange(packet, view.payloadOffset(), packet.length));
        return;
      }
    }
    throw new AssertionError("no echo any more: " + transport.stats().counters());
  }
}
