package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.OPUS;
import static dev.chorus.media.sfu.RouterTestSupport.VP8;
import static dev.chorus.media.sfu.RouterTestSupport.payload;
import static dev.chorus.media.sfu.RouterTestSupport.vp8;
import static dev.chorus.media.sfu.transport.SfuTestSupport.ECHO;
import static dev.chorus.media.sfu.transport.SfuTestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.transport.FakeBrowser;
import dev.chorus.media.sfu.transport.LoopbackEngine;
import dev.chorus.media.sfu.transport.MediaEngine;
import dev.chorus.media.sfu.transport.MediaEngineOptions;
import dev.chorus.media.sfu.transport.RetransmissionBudget;
import dev.chorus.media.sfu.transport.SfuTestSupport;
import dev.chorus.media.sfu.transport.StateLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that floods NACKs for every packet it ever got, over real UDP and SRTP: what the SFU
 * resends for it stays within its consumer's budget (each packet at most {@code maxPerPacket}
 * times), the rest is ignored and counted, and another subscriber of the same publisher keeps
 * receiving every packet.
 */
class RouterNackFloodTest {
  private static final long AUDIO = 0x1111_1111L;
  private static final long VIDEO = 0x2222_2222L;
  private static final long VIDEO_RTX = 0x3333_3333L;
  private static final int MAX_PER_PACKET = 2;
  private static final int ROUND = 20;
  private static final int FLOOD = 300;
  private static final int BATCH = 50;

  private LoopbackEngine media;
  private MediaEngine engine;

  @BeforeEach
  void start() throws Exception {
    media =
        LoopbackEngine.start(
            SfuTestSupport.loopback(Duration.ofSeconds(30)),
            MediaEngineOptions.defaults()
                .withRetransmissionBudget(new RetransmissionBudget(20_000, MAX_PER_PACKET)));
    engine = media.engine();
  }

  @AfterEach
  void stop() {
    media.close();
  }

  @Test
  void aNackFloodIsBoundedAndTheOtherSubscriberKeepsReceiving() throws Exception {
    var router = new Router("room", RouterOptions.defaults(), media.scheduler(), new EventLog());
    var pubStates = new StateLog();
    var pubTransport = engine.createTransport(pubStates);
    var pub = router.attach(pubTransport);
    var audio = pub.produce(RouterTestSupport.audio(AUDIO));
    var video = pub.produce(RouterTestSupport.video(VIDEO, VIDEO_RTX));
    var publisher = media.connect(pubTransport, pubStates);

    var flooder = subscriber(router, audio, video);
    var calm = subscriber(router, audio, video);

    // Round 1: both get it all; the flooder keeps the sequence numbers it got.
    send(publisher, 0);
    var floodSeqs = new ArrayList<Integer>();
    long floodVideoSsrc = flooder.consumers.get(1).ssrc();
    for (var p : receive(flooder.browser, 2 * ROUND)) {
      if (p.ssrc() == floodVideoSsrc) {
        floodSeqs.add(p.sequenceNumber());
      }
    }
    assertEquals(ROUND, floodSeqs.size());
    assertRound(calm, 0);

    // The flood: every video packet, hundreds of times, while the publisher goes on. In batches
    // that each fit the server's socket buffer, so that every NACK is read and can be counted.
    int[] all = floodSeqs.stream().mapToInt(Integer::intValue).toArray();
    var nack = List.of(GenericNack.fromLost(1, floodVideoSsrc, all));
    var floodStats = flooder.consumers.get(1);
    for (int batch = 0; batch < FLOOD / BATCH; batch++) {
      for (int i = 0; i < BATCH; i++) {
        flooder.browser.sendRtcp(nack);
      }
      if (batch == 1) {
        send(publisher, 1); // on the heels of the NACKs
      }
      long read = (long) (batch + 1) * BATCH * ROUND;
      eventually("NACKs read", ECHO, () -> floodStats.stats().nacksReceived() == read);
      if (batch == 1) {
        assertRound(calm, 1);
      }
    }
    send(publisher, 2);
    assertRound(calm, 2);

    var stats = floodStats.stats();
    assertTrue(
        stats.retransmitted() <= (long) MAX_PER_PACKET * ROUND,
        stats.retransmitted() + " retransmissions for " + ROUND + " packets");
    assertEquals(
        FLOOD * ROUND,
        stats.retransmitted()
            + stats.nacksOverRepeatLimit()
            + stats.nacksOverBudget()
            + stats.retransmissionMisses(),
        "every request answered or counted: " + stats);
    assertTrue(stats.nacksOverRepeatLimit() + stats.nacksOverBudget() > 0, stats.toString());
    assertEquals(0, calm.consumers.get(1).stats().nacksReceived(), "the calm one asked nothing");
    router.close();
  }

  private record Subscriber(FakeBrowser browser, List<Consumer> consumers) {}

  private Subscriber subscriber(Router router, Producer audio, Producer video) throws Exception {
    var states = new StateLog();
    var transport = engine.createTransport(states);
    var sub = router.attach(transport);
    var consumers =
        List.of(
            sub.consume(audio, ConsumerOptions.defaults()),
            sub.consume(video, ConsumerOptions.defaults()));
    var browser = media.connect(transport, states);
    return new Subscriber(browser, consumers);
  }

  /** Round {@code r}: ROUND audio and ROUND video packets, the video starting with a key frame. */
  private static void send(FakeBrowser publisher, int r) throws Exception {
    for (int i = 0; i < 2 * ROUND; i++) {
      boolean isAudio = i % 2 == 0;
      int n = r * ROUND + i / 2;
      byte[] payload = isAudio ? audioPayload(n) : vp8(i == 1, true, 300 + n, 1, 600 + n);
      publisher.sendRtp(
          isAudio ? AUDIO : VIDEO, isAudio ? OPUS : VP8, 100 + n, 3000L * (2 * n + i % 2), payload);
    }
  }

  private static byte[] audioPayload(int n) {
    var payload = new byte[60];
    payload[0] = (byte) n;
    return payload;
  }

  /** The calm subscriber got all of round {@code r}'s audio, in order: nothing was crowded out. */
  private static void assertRound(Subscriber calm, int r) throws Exception {
    long audioSsrc = calm.consumers.get(0).ssrc();
    long videoSsrc = calm.consumers.get(1).ssrc();
    var got = receive(calm.browser, 2 * ROUND);
    var audioIn = got.stream().filter(p -> p.ssrc() == audioSsrc).toList();
    assertEquals(ROUND, audioIn.size(), "round " + r + " audio");
    assertEquals(ROUND, got.stream().filter(p -> p.ssrc() == videoSsrc).count(), "video");
    for (int k = 0; k < ROUND; k++) {
      assertArrayEquals(audioPayload(r * ROUND + k), payload(audioIn.get(k)));
    }
  }

  private static List<RtpPacket> receive(FakeBrowser browser, int count) throws Exception {
    var packets = new ArrayList<RtpPacket>();
    while (packets.size() < count) {
      byte[] wire =
          browser
              .receiveRtp(ECHO)
              .orElseThrow(() -> new AssertionError("missing after " + packets.size()));
      packets.add(RtpPacket.parse(wire, 0, wire.length).orElseThrow());
    }
    return packets;
  }
}
