package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.OPUS;
import static dev.chorus.media.sfu.RouterTestSupport.VP8;
import static dev.chorus.media.sfu.RouterTestSupport.VP8_RTX;
import static dev.chorus.media.sfu.RouterTestSupport.audio;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
import static dev.chorus.media.sfu.RouterTestSupport.video;
import static dev.chorus.media.sfu.RouterTestSupport.vp8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.SequenceNumbers;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Simulated downlink loss drops only first transmissions of video to the subscriber: the gaps are
 * repaired by RTX on NACK (RFC 4585 §6.2.1, RFC 4588 §4), audio and RTCP are untouched, and the
 * publisher is never asked.
 */
class RouterSimulatedLossTest {
  private static final long VIDEO = 0xC0;
  private static final long VIDEO_RTX = 0xC1;
  private static final long AUDIO = 0xC2;
  private static final int PACKETS = 200;

  private final ManualClock clock = new ManualClock();
  private final Router router = RouterTestSupport.router(clock, new EventLog());
  private final Sink publisherSink = new Sink();
  private final RouterTransport pub = transport(router, "pub", publisherSink);
  private final Producer camera = pub.produce(video(VIDEO, VIDEO_RTX));
  private final Producer microphone = pub.produce(audio(AUDIO));
  private final Sink sink = new Sink();
  private final RouterTransport sub = transport(router, "sub", sink);
  private final Consumer videoConsumer = sub.consume(camera, ConsumerOptions.defaults());
  private final Consumer audioConsumer = sub.consume(microphone, ConsumerOptions.defaults());

  private void publish() {
    for (int i = 0; i < PACKETS; i++) {
      deliver(pub, rtp(VIDEO, VP8, 3000 + i, 9000L * i, vp8(i == 0, true, 10 + i, 1, 300)));
      deliver(pub, rtp(AUDIO, OPUS, 500 + i, 960L * i, new byte[40]));
      clock.advanceMillis(5);
    }
  }

  private List<Integer> inArrivalOrder(long ssrc) {
    return sink.rtpPackets().stream()
        .filter(p -> p.ssrc() == ssrc)
        .map(RtpPacket::sequenceNumber)
        .toList();
  }

  private Set<Integer> received(long ssrc) {
    return Set.copyOf(inArrivalOrder(ssrc));
  }

  @Test
  void dropsAShareOfVideoOnlyAndCountsItAsSent() {
    sub.simulatedLoss().setPercent(20);
    publish();

    var video = received(videoConsumer.ssrc());
    var stats = videoConsumer.stats();
    assertTrue(stats.simulatedLossDrops() > 20, "dropped " + stats.simulatedLossDrops());
    assertTrue(stats.simulatedLossDrops() < 60, "dropped " + stats.simulatedLossDrops());
    assertEquals(PACKETS - stats.simulatedLossDrops(), video.size());
    assertEquals(PACKETS, stats.packets(), "a dropped packet counts as sent");
    assertEquals(stats.simulatedLossDrops(), sub.simulatedLoss().dropped());
    assertEquals(PACKETS, received(audioConsumer.ssrc()).size(), "audio is never dropped");
    assertEquals(0, audioConsumer.stats().simulatedLossDrops());
  }

  @Test
  void nackedGapsAreRepairedByRtxWhichIsNeverDropped() {
    sub.simulatedLoss().setPercent(50);
    publish();
    var inOrder = inArrivalOrder(videoConsumer.ssrc());
    var video = Set.copyOf(inOrder);
    // The gaps between the first and the last packet that arrived.
    int first = inOrder.get(0);
    int[] missing =
        IntStream.range(0, SequenceNumbers.delta(inOrder.get(inOrder.size() - 1), first))
            .map(i -> SequenceNumbers.add(first, i))
            .filter(seq -> !video.contains(seq))
            .toArray();
    assertTrue(missing.length > 50, "missing " + missing.length);
    sink.clear();
    publisherSink.clear();

    deliver(sub, List.<RtcpPacket>of(GenericNack.fromLost(9, videoConsumer.ssrc(), missing)));

    var rtx = sink.rtpPackets();
    assertEquals(missing.length, rtx.size(), "every gap resent, none dropped");
    assertTrue(rtx.stream().allMatch(p -> p.ssrc() == videoConsumer.rtxSsrc()));
    assertTrue(rtx.stream().allMatch(p -> p.payloadType() == VP8_RTX));
    var stats = videoConsumer.stats();
    assertEquals(missing.length, stats.retransmitted());
    assertEquals(0, stats.retransmissionMisses());
    assertTrue(
        publisherSink.rtcpOf(GenericNack.class).isEmpty(), "the publisher is not asked to resend");
  }

  @Test
  void turnedOffNothingIsDroppedAnyMore() {
    sub.simulatedLoss().setPercent(30);
    publish();
    long dropped = videoConsumer.stats().simulatedLossDrops();
    sub.simulatedLoss().setPercent(0);
    sink.clear();
    for (int i = 0; i < PACKETS; i++) {
      deliver(pub, rtp(VIDEO, VP8, 3200 + i, 9000L * (200 + i), vp8(false, true, 210 + i, 1, 300)));
      clock.advanceMillis(5);
    }
    assertEquals(PACKETS, received(videoConsumer.ssrc()).size());
    assertEquals(dropped, videoConsumer.stats().simulatedLossDrops());
  }
}
