package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.audio;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
import static dev.chorus.media.sfu.RouterTestSupport.video;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import dev.chorus.media.sfu.stream.RtpCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Router, producer, consumer and transport lifecycles: who closes what, in which order, reported
 * how often, and that nothing is left behind.
 */
class RouterLifecycleTest {
  private final ManualClock clock = new ManualClock();
  private final EventLog log = new EventLog();
  private final Router router = RouterTestSupport.router(clock, log);

  @Test
  void closingAProducerClosesItsConsumersFirstEachReportedOnce() {
    var pub = transport(router, "pub", new Sink());
    var sub1 = transport(router, "sub1", new Sink());
    var sub2 = transport(router, "sub2", new Sink());
    var producer = pub.produce(video(1000, 1001));
    var c1 = sub1.consume(producer, ConsumerOptions.defaults());
    var c2 = sub2.consume(producer, ConsumerOptions.defaults());
    assertEquals(List.of(c1, c2), producer.consumers());

    producer.close();
    producer.close();

    assertEquals(
        List.of(
            "consumer " + c1.id() + " PRODUCER_CLOSED",
            "consumer " + c2.id() + " PRODUCER_CLOSED",
            "producer " + producer.id() + " CLOSED"),
        log.events);
    assertTrue(c1.isClosed() && c2.isClosed() && producer.isClosed());
    assertEquals(List.of(), sub1.consumers());
    assertEquals(List.of(), pub.producers());
    assertEquals(0, router.producers().size() + router.consumers().size());
    assertEquals(3, router.transports().size());
  }

  @Test
  void closingATransportClosesItsConsumersAndProducersAndTheirConsumersElsewhere() {
    var sinkA = new Sink();
    var a = transport(router, "a", sinkA);
    var b = transport(router, "b", new Sink());
    var aAudio = a.produce(audio(10));
    var bVideo = b.produce(video(20, 21));
    var bSeesA = b.consume(aAudio, ConsumerOptions.defaults());
    var aSeesB = a.consume(bVideo, ConsumerOptions.defaults());

    a.close();

    assertEquals(
        List.of(
            "consumer " + aSeesB.id() + " TRANSPORT_CLOSED",
            "consumer " + bSeesA.id() + " PRODUCER_CLOSED",
            "producer " + aAudio.id() + " TRANSPORT_CLOSED",
            "transport a CLOSED"),
        log.events);
    assertEquals(List.of(b), router.transports());
    assertEquals(List.of(bVideo), router.producers());
    assertEquals(List.of(), router.consumers());
    assertEquals(List.of(), bVideo.consumers());
    assertThrows(IllegalStateException.class, () -> a.produce(audio(11)));
    assertThrows(IllegalStateException.class, () -> b.consume(aAudio, ConsumerOptions.defaults()));
  }

  @Test
  void closingTheRouterClosesEverythingOnceAndRefusesMore() {
    var a = transport(router, "a", new Sink());
    var b = transport(router, "b", new Sink());
    var p = a.produce(audio(10));
    var c = b.consume(p, ConsumerOptions.defaults());

    router.close();
    router.close();

    assertEquals(
        List.of(
            "consumer " + c.id() + " PRODUCER_CLOSED",
            "producer " + p.id() + " TRANSPORT_CLOSED",
            "transport a ROUTER_CLOSED",
            "transport b ROUTER_CLOSED"),
        log.events);
    assertTrue(router.isClosed());
    assertEquals(0, router.transports().size());
    assertThrows(IllegalStateException.class, () -> transport(router, "c", new Sink()));
  }

  @Test
  void manyJoinLeaveCyclesLeaveNothingBehind() {
    var staying = transport(router, "staying", new Sink());
    var stayingAudio = staying.produce(audio(1));
    var stayingVideo = staying.produce(video(2, 3));
    for (int cycle = 0; cycle < 200; cycle++) {
      var send = transport(router, "send" + cycle, new Sink());
      var recv = transport(router, "recv" + cycle, new Sink());
      var a = send.produce(audio(100));
      var v = send.produce(video(200, 201));
      recv.consume(stayingAudio, ConsumerOptions.defaults());
      recv.consume(stayingVideo, ConsumerOptions.defaults());
      staying.consume(a, ConsumerOptions.defaults());
      staying.consume(v, ConsumerOptions.defaults());
      assertEquals(4, router.consumers().size());
      if (cycle % 2 == 0) {
        send.close();
        recv.close();
      } else {
        a.close(); // unshow first, then leave
        v.close();
        recv.close();
        send.close();
      }
    }
    assertEquals(List.of(staying), router.transports());
    assertEquals(List.of(stayingAudio, stayingVideo), router.producers());
    assertEquals(List.of(), router.consumers());
    assertEquals(List.of(), staying.consumers());
    var stats = router.stats();
    assertEquals(List.of("staying"), stats.transports().stream().map(t -> t.id()).toList());
    assertEquals(2, stats.producers().size());
    assertEquals(0, stats.producers().get(1).consumers());
    assertEquals(List.of(), stats.consumers());
    assertEquals(List.of(), stayingAudio.consumers());
    assertEquals(800, log.count("consumer "));
    assertEquals(400, log.count("producer "));
    assertEquals(400, log.count("transport "));
    assertEquals(log.events.size(), new HashSet<>(log.events).size(), "every close reported once");
  }

  @Test
  void aClosedConsumersSsrcsAreRetiredOnItsSinkOnce() {
    var pubSink = new Sink();
    var pub = transport(router, "pub", pubSink);
    var subSink = new Sink();
    var sub = transport(router, "sub", subSink);
    var a = pub.produce(audio(10));
    var v = pub.produce(video(20, 21));
    var ca = sub.consume(a, ConsumerOptions.defaults());
    var cv = sub.consume(v, ConsumerOptions.defaults());
    assertEquals(List.of(), subSink.retired);

    cv.close();
    cv.close();
    assertEquals(List.of(cv.ssrc(), cv.rtxSsrc()), subSink.retired, "video and its RTX, once");

    pub.close(); // the audio producer goes, and its consumer with it
    assertEquals(List.of(cv.ssrc(), cv.rtxSsrc(), ca.ssrc()), subSink.retired);
    assertEquals(List.of(), pubSink.retired, "the publisher's side had no consumer");
  }

  @Test
  void consumersGetDistinctSsrcsAndRtxOnlyForVideoWithRtx() {
    var pub = transport(router, "pub", new Sink());
    var sub = transport(router, "sub", new Sink());
    var a = pub.produce(audio(10));
    var v = pub.produce(video(20, 21));
    var ca = sub.consume(a, ConsumerOptions.defaults());
    var cv = sub.consume(v, ConsumerOptions.defaults());
    var cvPlain = sub.consume(v, ConsumerOptions.defaults().withRtx(false));
    var ssrcs = new ArrayList<Long>();
    for (var c : List.of(ca, cv, cvPlain)) {
      ssrcs.add(c.ssrc());
      if (c.rtxSsrc() != 0) {
        ssrcs.add(c.rtxSsrc());
      }
    }
    assertEquals(4, new HashSet<>(ssrcs).size());
    assertFalse(ssrcs.contains(sub.rtcpSsrc()));
    assertEquals(0, ca.rtxSsrc());
    assertNotEquals(0, cv.rtxSsrc());
    assertEquals(0, cvPlain.rtxSsrc());
    assertEquals(List.of(new RtpCodec(96, "video/VP8", 90_000, 97)), cv.codecs());
    assertEquals(List.of(RtpCodec.of(96, "video/VP8", 90_000)), cvPlain.codecs());
  }

  @Test
  void subscriberPayloadTypesAreMatchedByCodec() {
    var pub = transport(router, "pub", new Sink());
    var sub = transport(router, "sub", new Sink());
    var v = pub.produce(video(20, 21));
    var c =
        sub.consume(
            v,
            ConsumerOptions.defaults()
                .withCodecs(
                    List.of(
                        RtpCodec.of(100, "video/H264", 90_000),
                        new RtpCodec(120, "video/vp8", 90_000, 121))));
    assertEquals(List.of(new RtpCodec(120, "video/vp8", 90_000, 121)), c.codecs());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            sub.consume(
                v,
                ConsumerOptions.defaults()
                    .withCodecs(List.of(RtpCodec.of(100, "video/H264", 90_000)))));
  }

  @Test
  void producerSsrcsAndMidsMustBeUniquePerTransport() {
    var pub = transport(router, "pub", new Sink());
    pub.produce(video(20, 21));
    assertThrows(IllegalArgumentException.class, () -> pub.produce(audio(21)));
    assertThrows(IllegalArgumentException.class, () -> pub.produce(video(30, 31)));
    assertThrows(IllegalArgumentException.class, () -> transport(router, "pub", new Sink()));
  }
}
