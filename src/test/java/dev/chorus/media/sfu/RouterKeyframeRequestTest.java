package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.VP8;
import static dev.chorus.media.sfu.RouterTestSupport.audio;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
import static dev.chorus.media.sfu.RouterTestSupport.video;
import static dev.chorus.media.sfu.RouterTestSupport.vp8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.media.rtp.rtcp.FullIntraRequest;
import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import dev.chorus.media.sfu.stream.KeyframeRequestThrottle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key frame requests (PLI, RFC 4585 §6.3.1; FIR, RFC 5104 §4.3.1): new consumers and subscribers'
 * requests reach the publisher as PLIs, at most one per stream per 200 ms.
 */
class RouterKeyframeRequestTest {
  private static final long MEDIA = 0xC0;

  private final ManualClock clock = new ManualClock();
  private final Router router = RouterTestSupport.router(clock, new EventLog());
  private final Sink publisherSink = new Sink();
  private final RouterTransport pub = transport(router, "pub", publisherSink);
  private final Producer producer = pub.produce(video(MEDIA, 0));

  private List<PictureLossIndication> plis() {
    return publisherSink.rtcpOf(PictureLossIndication.class);
  }

  @Test
  void manySubscribersAtOnceCostOnePli() {
    var consumers = new ArrayList<Consumer>();
    for (int i = 0; i < 20; i++) {
      consumers.add(
          transport(router, "s" + i, new Sink()).consume(producer, ConsumerOptions.defaults()));
      clock.advanceMillis(5);
    }
    assertEquals(List.of(new PictureLossIndication(pub.rtcpSsrc(), MEDIA)), plis());
    assertEquals(19, producer.stats().keyframeRequestsThrottled());

    clock.advanceMillis(200);
    transport(router, "late", new Sink()).consume(producer, ConsumerOptions.defaults());
    assertEquals(2, plis().size(), "the interval has passed");
    assertEquals(2, producer.stats().keyframeRequestsSent());
  }

  @Test
  void subscriberPliAndFirAreThrottledPerStream() {
    var subSink = new Sink();
    var sub = transport(router, "sub", subSink);
    var consumer = sub.consume(producer, ConsumerOptions.defaults().withPaused(true));
    assertEquals(0, plis().size(), "a paused consumer asks for nothing yet");
    consumer.resume();
    assertEquals(1, plis().size(), "resume asks for a key frame");
    deliver(pub, rtp(MEDIA, VP8, 1, 0, vp8(true, true, 1, 1, 50)));

    clock.advanceMillis(250);
    for (int i = 0; i < 5; i++) {
      deliver(sub, List.<RtcpPacket>of(new PictureLossIndication(9, consumer.ssrc())));
      deliver(
          sub,
          List.<RtcpPacket>of(
              new FullIntraRequest(9, 0, List.of(new FullIntraRequest.Entry(consumer.ssrc(), i)))));
      clock.advanceMillis(10);
    }
    assertEquals(2, plis().size());
    assertEquals(10, consumer.stats().keyframeRequestsReceived());
    assertEquals(0, subSink.rtcpOf(PictureLossIndication.class).size());

    // A PLI about an SSRC this transport does not send is ignored.
    clock.advanceMillis(500);
    deliver(sub, List.<RtcpPacket>of(new PictureLossIndication(9, 0x1234)));
    assertEquals(2, plis().size());
  }

  @Test
  void aConsumerWaitsForItsTransportBeforeTakingAKeyframe() {
    var subSink = new Sink();
    subSink.ready = false; // the subscriber is still connecting
    var consumer = transport(router, "sub", subSink).consume(producer, ConsumerOptions.defaults());
    deliver(pub, rtp(MEDIA, VP8, 1, 0, vp8(true, true, 1, 1, 50)));
    assertEquals(0, plis().size(), "no key frame asked for a transport that would drop it");
    assertEquals(-1, consumer.currentLayer());
    assertEquals(0, subSink.rtp.size());

    subSink.ready = true;
    deliver(pub, rtp(MEDIA, VP8, 2, 3000, vp8(false, true, 2, 1, 50)));
    assertEquals(1, plis().size(), "now it asks");
    assertEquals(0, subSink.rtp.size());
    deliver(pub, rtp(MEDIA, VP8, 3, 6000, vp8(true, true, 3, 1, 50)));
    assertEquals(1, subSink.rtp.size());
    assertEquals(0, consumer.currentLayer());
  }

  @Test
  void audioConsumersRequestNothing() {
    var audioProducer = pub.produce(audio(0xD0));
    var consumer =
        transport(router, "sub", new Sink()).consume(audioProducer, ConsumerOptions.defaults());
    consumer.onKeyframeRequest(clock.getAsLong());
    assertEquals(0, plis().size());
  }

  @Test
  void throttleAdmitsOncePerInterval() {
    var throttle = new KeyframeRequestThrottle(200_000_000L);
    assertEquals(true, throttle.admit(-5_000_000_000L), "negative clocks work too");
    assertEquals(false, throttle.admit(-4_900_000_000L));
    assertEquals(true, throttle.admit(-4_800_000_000L));
  }
}
