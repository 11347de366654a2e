package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.OPUS;
import static dev.chorus.media.sfu.RouterTestSupport.VP8;
import static dev.chorus.media.sfu.RouterTestSupport.VP8_RTX;
import static dev.chorus.media.sfu.RouterTestSupport.payload;
import static dev.chorus.media.sfu.RouterTestSupport.vp8;
import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.BigEndian;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.SequenceNumbers;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.transport.FakeBrowser;
import dev.chorus.media.sfu.transport.LoopbackEngine;
import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.media.sfu.transport.MediaEngineOptions;
import dev.chorus.media.sfu.transport.SfuTestSupport;
import dev.chorus.media.sfu.transport.StateLog;
import dev.chorus.media.sfu.transport.TransportState;
import dev.chorus.media.sfu.transport.WebRtcTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A room over real UDP on 127.0.0.1: one fake browser publishes audio and video through its
 * WebRtcTransport to a Router, two fake browsers receive them through theirs, with SRTP on every
 * hop; then NACK, PLI and the close cascade down to the ICE sessions.
 */
class RouterLoopbackTest {
  private static final long AUDIO = 0x1111_1111L;
  private static final long VIDEO = 0x2222_2222L;
  private static final long VIDEO_RTX = 0x3333_3333L;

  private LoopbackEngine media;
  private MediaEngine engine;

  @BeforeEach
  void start() throws Exception {
    media =
        LoopbackEngine.start(
            SfuTestSupport.loopback(Duration.ofSeconds(30)), MediaEngineOptions.defaults());
    engine = media.engine();
  }

  @AfterEach
  void stop() {
    media.close();
  }

  private static List<PictureLossIndication> plis(FakeBrowser browser, Duration wait)
      throws InterruptedException {
    var found = new ArrayList<PictureLossIndication>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      var compound = browser.receiveRtcp(Duration.ofMillis(50));
      compound.ifPresent(
          packets -> {
            for (RtcpPacket p : packets) {
              if (p instanceof PictureLossIndication pli) {
                found.add(pli);
              }
            }
          });
    }
    return found;
  }

  @Test
  void publisherReachesTwoSubscribersThroughTheRouter() throws Exception {
    var log = new EventLog();
    var router = new Router("room", RouterOptions.defaults(), media.scheduler(), log);
    var pubStates = new StateLog();
    var pubTransport = engine.createTransport(pubStates);
    var pub = router.attach(pubTransport);
    var audio = pub.produce(RouterTestSupport.audio(AUDIO));
    var video = pub.produce(RouterTestSupport.video(VIDEO, VIDEO_RTX));

    var publisher = media.connect(pubTransport, pubStates);

    var subscribers = new ArrayList<FakeBrowser>();
    var consumers = new ArrayList<List<Consumer>>();
    var subTransports = new ArrayList<WebRtcTransport>();
    for (int i = 0; i < 2; i++) {
      var states = new StateLog();
      var t = engine.createTransport(states);
      var sub = router.attach(t);
      consumers.add(
          List.of(
              sub.consume(audio, ConsumerOptions.defaults()),
              sub.consume(video, ConsumerOptions.defaults())));
      var b = media.connect(t, states);
      subscribers.add(b);
      subTransports.add(t);
    }

    // Audio and video, the video starting with a key frame.
    var sentPayloads = new ArrayList<byte[]>();
    for (int i = 0; i < 40; i++) {
      boolean isAudio = i % 2 == 0;
      byte[] payload = isAudio ? new byte[60] : vp8(i == 1, true, 300 + i, 1, 600 + i);
      Arrays.fill(payload, isAudio ? 6 : 8, payload.length, (byte) i);
      sentPayloads.add(payload);
      int seq = (isAudio ? 100 : 500) + i / 2;
      publisher.sendRtp(isAudio ? AUDIO : VIDEO, isAudio ? OPUS : VP8, seq, 3000L * i, payload);
    }
    for (int s = 0; s < 2; s++) {
      var received = new ArrayList<RtpPacket>();
      for (int i = 0; i < 40; i++) {
        byte[] wire =
            subscribers.get(s).receiveRtp(ECHO).orElseThrow(() -> new AssertionError("missing"));
        received.add(RtpPacket.parse(wire, 0, wire.length).orElseThrow());
      }
      long audioSsrc = consumers.get(s).get(0).ssrc();
      long videoSsrc = consumers.get(s).get(1).ssrc();
      var audioIn = received.stream().filter(p -> p.ssrc() == audioSsrc).toList();
      var videoIn = received.stream().filter(p -> p.ssrc() == videoSsrc).toList();
      assertEquals(20, audioIn.size());
      assertEquals(20, videoIn.size());
      for (int k = 0; k < 20; k++) {
        assertArrayEquals(sentPayloads.get(2 * k), payload(audioIn.get(k)));
        assertArrayEquals(sentPayloads.get(2 * k + 1), payload(videoIn.get(k)));
        if (k > 0) {
          assertEquals(
              SequenceNumbers.add(videoIn.get(k - 1).sequenceNumber(), 1),
              videoIn.get(k).sequenceNumber());
        }
      }

      // The subscriber lost video packet 5: it comes back on RTX, without asking the publisher.
      var lost = videoIn.get(5);
      subscribers
          .get(s)
          .sendRtcp(List.of(GenericNack.fromLost(1, videoSsrc, new int[] {lost.sequenceNumber()})));
      byte[] rtxWire = subscribers.get(s).receiveRtp(ECHO).orElseThrow();
      var rtx = RtpPacket.parse(rtxWire, 0, rtxWire.length).orElseThrow();
      assertEquals(consumers.get(s).get(1).rtxSsrc(), rtx.ssrc());
      assertEquals(VP8_RTX, rtx.payloadType());
      byte[] rtxPayload = payload(rtx);
      assertEquals(lost.sequenceNumber(), BigEndian.u16(rtxPayload, 0));
      assertArrayEquals(payload(lost), Arrays.copyOfRange(rtxPayload, 2, rtxPayload.length));
    }
    // Counted just after the send: the browser may have the packet a moment earlier.
    var video0 = consumers.get(0).get(1);
    eventually("counted", ECHO, () -> video0.stats().retransmitted() == 1);
    assertEquals(20, video0.stats().packets());

    // Both subscribers ask for a key frame at once: the publisher hears one PLI.
    Thread.sleep(250);
    plis(publisher, Duration.ofMillis(100)); // drain what came before
    for (int s = 0; s < 2; s++) {
      subscribers
          .get(s)
          .sendRtcp(List.of(new PictureLossIndication(1, consumers.get(s).get(1).ssrc())));
    }
    var plis = plis(publisher, Duration.ofMillis(150));
    assertEquals(List.of(new PictureLossIndication(pub.rtcpSsrc(), VIDEO)), plis);

    // The publisher leaves: its consumers go, the subscribers stay.
    pubTransport.close();
    eventually("consumers closed", ECHO, () -> router.consumers().isEmpty());
    assertEquals(List.of(), router.producers());
    assertEquals(2, router.transports().size());
    eventually("publisher transport reported", ECHO, () -> log.count("transport ") == 1);
    assertEquals(4, log.count("consumer "));
    assertEquals(2, log.count("producer "));

    // The room closes: every transport, ICE session and packet thread goes.
    router.close();
    for (var t : subTransports) {
      assertTrue(t.awaitTermination(ECHO));
      assertEquals(TransportState.CLOSED, t.state());
    }
    assertTrue(pubTransport.awaitTermination(ECHO));
    eventually("no transports", ECHO, () -> engine.transports().isEmpty());
    assertEquals(0, engine.iceSessionCount());
    // The router reports closings on its event executor, a moment after the transports end.
    eventually("every transport reported", ECHO, () -> log.count("transport ") == 3);
    assertEquals(3, log.count("transport "));
  }
}
