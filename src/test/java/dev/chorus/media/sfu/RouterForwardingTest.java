package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.OPUS;
import static dev.chorus.media.sfu.RouterTestSupport.SUBSCRIBER_EXTENSIONS;
import static dev.chorus.media.sfu.RouterTestSupport.VP8;
import static dev.chorus.media.sfu.RouterTestSupport.audio;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.extension;
import static dev.chorus.media.sfu.RouterTestSupport.payload;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
import static dev.chorus.media.sfu.RouterTestSupport.video;
import static dev.chorus.media.sfu.RouterTestSupport.vp8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.SequenceNumbers;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import dev.chorus.media.sfu.stream.NtpClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A producer's packets reach every consumer, rewritten for its subscriber. */
class RouterForwardingTest {
  private final ManualClock clock = new ManualClock();
  private final Router router = RouterTestSupport.router(clock, new EventLog());
  private final Sink publisherSink = new Sink();
  private final RouterTransport pub = transport(router, "pub", publisherSink);

  @Test
  void audioGoesToEveryConsumerWithItsOwnSsrcAndContinuousNumbers() {
    var s1 = new Sink();
    var s2 = new Sink();
    var producer = pub.produce(audio(0xA0));
    var c1 = transport(router, "s1", s1).consume(producer, ConsumerOptions.defaults());
    var c2 = transport(router, "s2", s2).consume(producer, ConsumerOptions.defaults());

    for (int i = 0; i < 50; i++) {
      deliver(
          pub,
          rtp(
              0xA0,
              OPUS,
              (65_520 + i) & 0xFFFF,
              (4_294_960_000L + 960L * i) & 0xFFFF_FFFFL,
              new byte[] {(byte) i}));
      clock.advanceMillis(20);
    }

    for (var pair : List.of(List.of(s1, c1), List.of(s2, c2))) {
      var packets = ((Sink) pair.get(0)).rtpPackets();
      var consumer = (Consumer) pair.get(1);
      assertEquals(50, packets.size());
      for (int i = 0; i < 50; i++) {
        RtpPacket p = packets.get(i);
        assertEquals(consumer.ssrc(), p.ssrc());
        assertEquals(OPUS, p.payloadType());
        assertEquals(SequenceNumbers.add(packets.get(0).sequenceNumber(), i), p.sequenceNumber());
        assertEquals((packets.get(0).timestamp() + 960L * i) & 0xFFFF_FFFFL, p.timestamp());
        assertArrayEquals(new byte[] {(byte) i}, payload(p));
      }
      assertEquals(50, consumer.stats().packets());
    }
    assertTrue(
        s1.rtpPackets().get(0).sequenceNumber() != s2.rtpPackets().get(0).sequenceNumber()
            || s1.rtpPackets().get(0).timestamp() != s2.rtpPackets().get(0).timestamp(),
        "each consumer starts at its own random numbers");
    assertEquals(50, producer.stats().layers().get(0).packets());
  }

  @Test
  void headerExtensionsAreRewrittenForTheSubscriber() {
    var sink = new Sink();
    var producer = pub.produce(audio(0xA0));
    var consumer =
        transport(router, "s", sink)
            .consume(producer, ConsumerOptions.defaults().withMid("7", SUBSCRIBER_EXTENSIONS));
    var ids = RouterTestSupport.PUBLISHER_EXTENSIONS;

    deliver(
        pub,
        rtp(0xA0, OPUS, 1, 960, new byte[20])
            .extension(ids.mid(), "0".getBytes(StandardCharsets.US_ASCII))
            .extension(ids.audioLevel(), new byte[] {(byte) 0x85})
            .extension(ids.absSendTime(), new byte[] {1, 2, 3})
            .extension(ids.transportCc(), new byte[] {0, 42})
            .extension(13, new byte[] {9, 9}));

    RtpPacket out = sink.rtpPackets().get(0);
    assertEquals(consumer.ssrc(), out.ssrc());
    assertArrayEquals("7".getBytes(StandardCharsets.US_ASCII), extension(out, 9).orElseThrow());
    assertArrayEquals(new byte[] {(byte) 0x85}, extension(out, 5).orElseThrow());
    int ast = NtpClock.absSendTime(router.clock().ntp(clock.getAsLong()));
    assertArrayEquals(
        new byte[] {(byte) (ast >>> 16), (byte) (ast >>> 8), (byte) ast},
        extension(out, 6).orElseThrow());
    for (int gone : new int[] {ids.mid(), ids.audioLevel(), ids.transportCc(), 13}) {
      if (gone != 9 && gone != 5 && gone != 6) {
        assertTrue(extension(out, gone).isEmpty(), "id " + gone + " blanked");
      }
    }
    assertArrayEquals(new byte[20], payload(out));
  }

  @Test
  void aMidOfAnotherLengthIsReLaidOut() {
    var sink = new Sink();
    var producer = pub.produce(audio(0xA0));
    transport(router, "s", sink)
        .consume(producer, ConsumerOptions.defaults().withMid("video-12", SUBSCRIBER_EXTENSIONS));
    deliver(
        pub,
        rtp(0xA0, OPUS, 1, 960, new byte[] {1, 2, 3})
            .extension(RouterTestSupport.PUBLISHER_EXTENSIONS.mid(), new byte[] {'0'}));
    RtpPacket out = sink.rtpPackets().get(0);
    assertArrayEquals(
        "video-12".getBytes(StandardCharsets.US_ASCII), extension(out, 9).orElseThrow());
    assertArrayEquals(new byte[] {1, 2, 3}, payload(out));
  }

  @Test
  void videoWaitsForAKeyframeAndPausedConsumersGetNothing() {
    var sink = new Sink();
    var producer = pub.produce(video(0xB0, 0xB1));
    var consumer = transport(router, "s", sink).consume(producer, ConsumerOptions.defaults());
    deliver(pub, rtp(0xB0, VP8, 100, 3000, vp8(false, true, 10, 1, 100)));
    assertEquals(0, sink.rtp.size(), "a delta frame cannot start a stream");
    deliver(pub, rtp(0xB0, VP8, 101, 6000, vp8(true, true, 11, 2, 100)));
    deliver(pub, rtp(0xB0, VP8, 102, 6000, vp8(true, false, 11, 2, 100)));
    assertEquals(2, sink.rtp.size());
    assertEquals(0, consumer.currentLayer());

    consumer.pause();
    deliver(pub, rtp(0xB0, VP8, 103, 9000, vp8(false, true, 12, 2, 100)));
    assertEquals(2, sink.rtp.size());
    clock.advanceMillis(300);
    consumer.resume();
    deliver(pub, rtp(0xB0, VP8, 104, 12000, vp8(false, true, 13, 2, 100)));
    assertEquals(2, sink.rtp.size(), "after a pause, a key frame again");
    deliver(pub, rtp(0xB0, VP8, 105, 15000, vp8(true, true, 14, 3, 100)));
    var out = sink.rtpPackets();
    assertEquals(3, out.size());
    assertEquals(
        SequenceNumbers.add(out.get(1).sequenceNumber(), 1),
        out.get(2).sequenceNumber(),
        "no gap across the pause: the subscriber has nothing to NACK");
  }

  @Test
  void unannouncedSsrcsAreLearnedFromMidAndRidThenLookedUp() {
    var sink = new Sink();
    var ids = RouterTestSupport.PUBLISHER_EXTENSIONS;
    var producer = pub.produce(RouterTestSupport.simulcastByRid());
    transport(router, "s", sink).consume(producer, ConsumerOptions.defaults());

    deliver(
        pub,
        rtp(0x51, VP8, 1, 0, vp8(true, true, 1, 1, 50))
            .extension(ids.mid(), new byte[] {'1'})
            .extension(ids.rid(), new byte[] {'h'}));
    deliver(pub, rtp(0x51, VP8, 2, 0, vp8(false, false, 1, 1, 50))); // no extensions any more
    deliver(
        pub,
        rtp(0x52, RouterTestSupport.VP8_RTX, 1, 0, new byte[] {0, 1, 2})
            .extension(ids.mid(), new byte[] {'1'})
            .extension(ids.repairedRid(), new byte[] {'h'}));
    deliver(
        pub,
        rtp(0x53, VP8, 1, 0, new byte[10])
            .extension(ids.mid(), new byte[] {'2'})
            .extension(ids.rid(), new byte[] {'h'}));

    var layers = producer.stats().layers();
    assertEquals(0x51, layers.get(1).ssrc());
    assertEquals(0x52, layers.get(1).rtxSsrc());
    assertEquals(0, layers.get(0).ssrc());
    assertEquals(2, layers.get(1).packets() - layers.get(1).retransmissionsReceived());
    assertEquals(1, pub.unknownSsrc.sum(), "the wrong MID is not learned");
  }

  @Test
  void packetsOfUnknownPayloadTypesAreDropped() {
    var sink = new Sink();
    var producer = pub.produce(audio(0xA0));
    transport(router, "s", sink).consume(producer, ConsumerOptions.defaults());
    deliver(pub, rtp(0xA0, 0, 1, 0, new byte[4]));
    assertEquals(0, sink.rtp.size());
    assertEquals(1, producer.stats().unknownPayloadType());
  }
}
