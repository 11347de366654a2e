package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.VP8;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
import static dev.chorus.media.sfu.RouterTestSupport.vp8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.media.rtp.rtcp.Remb;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import dev.chorus.media.sfu.stream.HeaderExtensionIds;
import dev.chorus.media.sfu.stream.RtpCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sharing a subscriber's REMB among its simulcast consumers: greedy when over budget, upgrades that
 * fit, and a trusting probe when the estimate cannot show headroom.
 */
class LayerAllocatorTest {
  private static final long[] SSRC = {0x61, 0x62, 0x63};
  // 1250-byte packets per 100 ms on each layer: 100, 400 and 1500 kbit/s.
  private static final int[] PACKETS_PER_TICK = {1, 4, 15};

  private final ManualClock clock = new ManualClock();
  private final Router router = RouterTestSupport.router(clock, new EventLog());
  private final RouterTransport pub = transport(router, "pub", new Sink());
  private final RouterTransport sub = transport(router, "sub", new Sink());
  private int seq;

  private Producer simulcast(String mid, long base) {
    return pub.produce(
        new ProducerOptions(
            MediaKind.VIDEO,
            mid,
            null,
            List.of(RtpCodec.of(VP8, "video/VP8", 90_000)),
            List.of(
                Encoding.ofSsrc(base, 0),
                Encoding.ofSsrc(base + 1, 0),
                Encoding.ofSsrc(base + 2, 0)),
            HeaderExtensionIds.NONE));
  }

  /** A second of media on every layer of the producers. */
  private void second(Producer... producers) {
    for (int tick = 0; tick < 10; tick++) {
      for (Producer p : producers) {
        for (int layer = 0; layer < 3; layer++) {
          for (int k = 0; k < PACKETS_PER_TICK[layer]; k++) {
            deliver(
                pub,
                rtp(p.stream(layer).ssrc(), VP8, seq++ & 0xFFFF, 0, vp8(false, true, 1, 1, 1238)));
          }
        }
      }
      clock.advanceMillis(100);
    }
  }

  private void remb(long bitrate) {
    deliver(sub, List.<RtcpPacket>of(new Remb(1, bitrate, List.of())));
  }

  @Test
  void overBudgetSharesGreedilyThenProbesUpOneStepAtATime() {
    var p1 = simulcast("a", SSRC[0]);
    var p2 = simulcast("b", 0x71);
    var c1 = sub.consume(p1, ConsumerOptions.defaults());
    var c2 = sub.consume(p2, ConsumerOptions.defaults());
    second(p1, p2);
    assertEquals(2, c1.targetLayer());

    remb(1_200_000); // far below 2 x 1.5 Mbit/s
    assertEquals(List.of(1, 1), List.of(c1.targetLayer(), c2.targetLayer()), "0.8 Mbit/s of h");

    remb(1_000_000); // the browser now reports what it gets, a little more
    second(p1, p2);
    remb(1_000_000);
    assertEquals(List.of(1, 1), List.of(c1.targetLayer(), c2.targetLayer()));

    for (int s = 0; s < 16; s++) {
      second(p1, p2);
    }
    remb(1_000_000); // > 16 s without trouble (8 s probe interval, doubled once after the cut)
    assertEquals(3, c1.targetLayer() + c2.targetLayer(), "one consumer probes one layer up");

    remb(500_000); // the probe hurt
    assertEquals(List.of(1, 0), List.of(c1.targetLayer(), c2.targetLayer()));
  }

  @Test
  void upgradesThatFitTheEstimateHappenAtOnceWithinThePreference() {
    var p1 = simulcast("a", SSRC[0]);
    var c1 = sub.consume(p1, ConsumerOptions.defaults().withPreferredLayer(1));
    second(p1);
    remb(150_000);
    assertEquals(0, c1.targetLayer());
    remb(5_000_000);
    assertEquals(1, c1.targetLayer(), "h fits; f would too but the preference is h");
    assertEquals(1, c1.stats().targetLayer());
  }
}
