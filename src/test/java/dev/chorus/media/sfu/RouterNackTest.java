package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.VP8;
import static dev.chorus.media.sfu.RouterTestSupport.VP8_RTX;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.payload;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
import static dev.chorus.media.sfu.RouterTestSupport.video;
import static dev.chorus.media.sfu.RouterTestSupport.vp8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.BigEndian;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.SequenceNumbers;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import dev.chorus.media.sfu.stream.RetransmissionCache;
import dev.chorus.media.sfu.transport.RetransmissionBudget;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NACKs from subscribers are answered from the producer's cache (RFC 4585 §6.2.1), as RTX (RFC 4588
 * §4) when negotiated, never forwarded to the publisher; uplink losses are NACKed upstream.
 */
class RouterNackTest {
  private static final long MEDIA = 0xB0;
  private static final long RTX = 0xB1;

  private final ManualClock clock = new ManualClock();
  private final Router router = RouterTestSupport.router(clock, new EventLog());
  private final Sink publisherSink = new Sink();
  private final RouterTransport pub = transport(router, "pub", publisherSink);
  private final Producer producer = pub.produce(video(MEDIA, RTX));

  private List<RtpPacket> sendTen(Sink sink) {
    for (int i = 0; i < 10; i++) {
      byte[] payload = vp8(i == 0, true, 500 + i, 7, 200 + i);
      deliver(pub, rtp(MEDIA, VP8, 1000 + i, 90_000L + 3000L * i, payload));
      clock.advanceMillis(33);
    }
    var sent = sink.rtpPackets();
    assertEquals(10, sent.size());
    sink.clear();
    return sent;
  }

  @Test
  void nackIsAnsweredWithRtxCarryingTheOriginalSequenceNumber() {
    var sink = new Sink();
    var sub = transport(router, "sub", sink);
    var consumer = sub.consume(producer, ConsumerOptions.defaults());
    var sent = sendTen(sink);
    publisherSink.clear();

    int lost1 = sent.get(3).sequenceNumber();
    int lost2 = sent.get(5).sequenceNumber();
    deliver(
        sub,
        List.<RtcpPacket>of(GenericNack.fromLost(7, consumer.ssrc(), new int[] {lost1, lost2})));

    var rtx = sink.rtpPackets();
    assertEquals(2, rtx.size());
    for (int i = 0; i < 2; i++) {
      RtpPacket original = sent.get(i == 0 ? 3 : 5);
      RtpPacket r = rtx.get(i);
      assertEquals(consumer.rtxSsrc(), r.ssrc());
      assertEquals(VP8_RTX, r.payloadType());
      assertEquals(original.timestamp(), r.timestamp());
      byte[] p = payload(r);
      assertEquals(original.sequenceNumber(), BigEndian.u16(p, 0), "OSN first (RFC 4588 §4)");
      assertArrayEquals(payload(original), Arrays.copyOfRange(p, 2, p.length));
    }
    assertEquals(
        SequenceNumbers.add(rtx.get(0).sequenceNumber(), 1),
        rtx.get(1).sequenceNumber(),
        "RTX has its own sequence");
    var stats = consumer.stats();
    assertEquals(2, stats.nacksReceived());
    assertEquals(2, stats.retransmitted());
    assertEquals(0, stats.retransmissionMisses());
    assertTrue(publisherSink.rtcpOf(GenericNack.class).isEmpty(), "the publisher is not asked");
  }

  @Test
  void withoutRtxThePacketIsResentAsItWas() {
    var sink = new Sink();
    var sub = transport(router, "sub", sink);
    var consumer = sub.consume(producer, ConsumerOptions.defaults().withRtx(false));
    var sent = sendTen(sink);

    deliver(
        sub,
        List.<RtcpPacket>of(
            GenericNack.fromLost(7, consumer.ssrc(), new int[] {sent.get(8).sequenceNumber()})));

    byte[] again = sink.rtp.get(0);
    var expected = sent.get(8);
    assertArrayEquals(
        Arrays.copyOfRange(expected.buffer(), 0, expected.length()), again, "byte for byte");
  }

  @Test
  void packetsNoLongerCachedAreCountedAsMisses() {
    var sink = new Sink();
    var sub = transport(router, "sub", sink);
    var consumer = sub.consume(producer, ConsumerOptions.defaults());
    var sent = sendTen(sink);
    int first = sent.get(0).sequenceNumber();

    clock.advanceMillis(2000); // older than the cache's 1.5 s
    deliver(sub, List.<RtcpPacket>of(GenericNack.fromLost(7, consumer.ssrc(), new int[] {first})));
    // Never sent under this number at all:
    int never = SequenceNumbers.add(first, -5);
    deliver(sub, List.<RtcpPacket>of(GenericNack.fromLost(7, consumer.ssrc(), new int[] {never})));

    assertEquals(0, sink.rtp.size());
    var stats = consumer.stats();
    assertEquals(2, stats.nacksReceived());
    assertEquals(0, stats.retransmitted());
    assertEquals(2, stats.retransmissionMisses());
  }

  @Test
  void aPacketIsResentAtMostMaxPerPacketTimes() {
    var sink = new Sink();
    var sub = router.addTransport("sub", sink, sink, new RetransmissionBudget(250_000, 2));
    var consumer = sub.consume(producer, ConsumerOptions.defaults());
    var sent = sendTen(sink);
    int lost = sent.get(4).sequenceNumber();

    for (int i = 0; i < 5; i++) {
      deliver(sub, List.<RtcpPacket>of(GenericNack.fromLost(7, consumer.ssrc(), new int[] {lost})));
      clock.advanceMillis(20);
    }
    assertEquals(2, sink.rtp.size(), "resent twice, then ignored");
    int other = sent.get(6).sequenceNumber();
    deliver(sub, List.<RtcpPacket>of(GenericNack.fromLost(7, consumer.ssrc(), new int[] {other})));
    assertEquals(3, sink.rtp.size(), "another packet has its own count");

    var stats = consumer.stats();
    assertEquals(6, stats.nacksReceived());
    assertEquals(3, stats.retransmitted());
    assertEquals(3, stats.nacksOverRepeatLimit());
    assertEquals(0, stats.nacksOverBudget());
  }

  @Test
  void retransmittedBytesStayWithinTheBudgetAndItRefillsWithTime() {
    var sink = new Sink();
    var sub = router.addTransport("sub", sink, sink, new RetransmissionBudget(2_000, 255));
    var consumer = sub.consume(producer, ConsumerOptions.defaults());
    var sent = sendTen(sink);
    int[] all = sent.stream().mapToInt(RtpPacket::sequenceNumber).toArray();

    // A flood: every packet, many times over, at one instant.
    for (int i = 0; i < 20; i++) {
      deliver(sub, List.<RtcpPacket>of(GenericNack.fromLost(7, consumer.ssrc(), all)));
    }
    int firstBurst = bytes(sink);
    assertTrue(firstBurst <= 2_000, firstBurst + " bytes resent at once");
    assertTrue(firstBurst > 1_000, "most of the bucket was usable: " + firstBurst);
    var stats = consumer.stats();
    assertEquals(200, stats.nacksReceived());
    assertEquals(200, stats.retransmitted() + stats.nacksOverBudget());
    sink.clear();

    clock.advanceMillis(500); // refills 1000 bytes
    for (int i = 0; i < 20; i++) {
      deliver(sub, List.<RtcpPacket>of(GenericNack.fromLost(7, consumer.ssrc(), all)));
    }
    int afterHalfASecond = bytes(sink);
    assertTrue(afterHalfASecond > 0, "the bucket refilled");
    assertTrue(afterHalfASecond <= 1_000 + 2_000 - firstBurst, afterHalfASecond + " bytes");
  }

  private static int bytes(Sink sink) {
    return sink.rtp.stream().mapToInt(b -> b.length).sum();
  }

  @Test
  void theCacheIsBoundedBySlots() {
    var cache = new RetransmissionCache(16, 1_000_000_000L);
    byte[] packet = new byte[100];
    for (int seq = 0; seq < 40; seq++) {
      packet[0] = (byte) seq;
      cache.store(seq, packet, 0, 100, 0);
    }
    byte[] out = new byte[200];
    assertEquals(-1, cache.copy(23, 0, out, 0), "overwritten by 39");
    assertEquals(100, cache.copy(24, 0, out, 0));
    assertEquals(24, out[0]);
    assertEquals(-1, cache.copy(39, 1_000_000_001L, out, 0), "too old");
    assertEquals(16, cache.capacity());
  }

  @Test
  void uplinkLossIsNackedToThePublisherAndItsRtxIsUnwrappedAndForwarded() {
    var sink = new Sink();
    var sub = transport(router, "sub", sink);
    sub.consume(producer, ConsumerOptions.defaults().withRtx(false));
    deliver(pub, rtp(MEDIA, VP8, 2000, 0, vp8(true, true, 1, 1, 100)));
    deliver(pub, rtp(MEDIA, VP8, 2003, 3000, vp8(false, true, 2, 1, 100))); // 2001, 2002 lost

    var nacks = publisherSink.rtcpOf(GenericNack.class);
    assertEquals(1, nacks.size());
    assertEquals(MEDIA, nacks.get(0).mediaSsrc());
    assertArrayEquals(new int[] {2001, 2002}, nacks.get(0).lostSequenceNumbers());

    // The publisher resends 2001 on RTX: OSN, then the original payload.
    byte[] original = vp8(false, false, 1, 1, 100);
    byte[] rtxPayload = new byte[original.length + 2];
    BigEndian.put16(rtxPayload, 0, 2001);
    System.arraycopy(original, 0, rtxPayload, 2, original.length);
    deliver(pub, rtp(RTX, VP8_RTX, 77, 0, rtxPayload));

    var out = sink.rtpPackets();
    assertEquals(3, out.size());
    assertArrayEquals(original, payload(out.get(2)));
    assertEquals(SequenceNumbers.add(out.get(0).sequenceNumber(), 1), out.get(2).sequenceNumber());
    assertEquals(1, producer.stats().layers().get(0).retransmissionsReceived());

    clock.advanceMillis(150);
    deliver(pub, rtp(MEDIA, VP8, 2004, 6000, vp8(false, true, 3, 1, 100)));
    var again = publisherSink.rtcpOf(GenericNack.class);
    assertEquals(2, again.size(), "a retry for the one still missing");
    assertArrayEquals(new int[] {2002}, again.get(1).lostSequenceNumbers());
  }
}
