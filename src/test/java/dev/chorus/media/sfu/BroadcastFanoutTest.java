package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.VP8;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.payload;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
import static dev.chorus.media.sfu.RouterTestSupport.video;
import static dev.chorus.media.sfu.RouterTestSupport.vp8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A broadcast is the SFU's best case, and stays so: one producer, {@value #VIEWERS} consumers. The
 * producer takes each packet in once (parsed, counted, its layer detected); each viewer's consumer
 * copies, rewrites and sends it once; what goes back to the publisher (key frame requests) does not
 * grow with the number of viewers.
 */
class BroadcastFanoutTest {
  static final int VIEWERS = 100;
  static final int PACKETS = 60;
  private static final long MEDIA = 0xB0;

  /** What one run of the broadcast leaves behind. */
  private record Run(Producer producer, List<Consumer> consumers, List<Sink> sinks, Sink pub) {}

  private static Run broadcast(int viewers) {
    var clock = new ManualClock();
    var router = RouterTestSupport.router(clock, new EventLog());
    var publisherSink = new Sink();
    var pub = transport(router, "presenter", publisherSink);
    var producer = pub.produce(video(MEDIA, 0));
    var consumers = new ArrayList<Consumer>();
    var sinks = new ArrayList<Sink>();
    for (int i = 0; i < viewers; i++) {
      var sink = new Sink();
      sinks.add(sink);
      consumers.add(
          transport(router, "viewer-" + i, sink).consume(producer, ConsumerOptions.defaults()));
    }
    clock.advanceMillis(1); // every viewer joined within the same key frame interval
    for (int i = 0; i < PACKETS; i++) {
      boolean key = i % 30 == 0;
      deliver(pub, rtp(MEDIA, VP8, 1000 + i, 3000L * (i / 3), vp8(key, i % 3 == 0, i / 3, 1, 900)));
      clock.advanceMillis(10);
    }
    return new Run(producer, consumers, sinks, publisherSink);
  }

  @Test
  void eachPacketIsTakenInOnceAndSentOncePerViewer() {
    var run = broadcast(VIEWERS);

    // In once: the producer's one layer counted every packet exactly once, not once per viewer.
    assertEquals(PACKETS, run.producer().stats().layers().get(0).packets());
    var ssrcs = new HashSet<Long>();
    for (int v = 0; v < VIEWERS; v++) {
      var consumer = run.consumers().get(v);
      var packets = run.sinks().get(v).rtpPackets();
      // Out once per viewer: every packet, rewritten for this viewer, with the payload intact.
      assertEquals(PACKETS, packets.size(), "viewer " + v);
      assertEquals(PACKETS, consumer.stats().packets(), "viewer " + v);
      for (int i = 0; i < PACKETS; i++) {
        assertEquals(consumer.ssrc(), packets.get(i).ssrc());
      }
      assertArrayEquals(
          vp8(true, true, 0, 1, 900), payload(packets.get(0)), "viewer " + v + " got a copy");
      ssrcs.add(consumer.ssrc());
    }
    assertEquals(VIEWERS, ssrcs.size(), "each viewer its own stream");
  }

  @Test
  void aHundredViewersJoiningCostThePublisherOneKeyFrameRequest() {
    var run = broadcast(VIEWERS);
    var plis = run.pub().rtcpOf(PictureLossIndication.class);
    assertEquals(1, plis.size(), plis.toString());
    assertEquals(MEDIA, plis.get(0).mediaSsrc());
    assertEquals(VIEWERS - 1, run.producer().stats().keyframeRequestsThrottled());
  }

  @Test
  void whatThePublisherHearsDoesNotGrowWithTheViewers() {
    var one = broadcast(1);
    var hundred = broadcast(VIEWERS);
    assertEquals(one.pub().rtcp.size(), hundred.pub().rtcp.size());
    assertEquals(one.pub().rtp.size(), hundred.pub().rtp.size());
    assertTrue(hundred.pub().rtp.isEmpty(), "nothing is echoed to the presenter");
  }
}
