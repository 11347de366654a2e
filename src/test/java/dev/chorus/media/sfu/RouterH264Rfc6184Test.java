package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.PUBLISHER_EXTENSIONS;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.payload;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
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
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import dev.chorus.media.sfu.stream.RtpCodec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An H.264 simulcast publisher (two encodings by SSRC) packetized as browsers do in RFC 6184
 * packetization mode 1: a key frame is a STAP-A with SPS and PPS (§5.7.1) and an IDR in FU-A
 * fragments (§5.8), a delta frame a non-IDR slice in FU-A fragments. A subscriber must start and
 * switch layers only at a key frame's first packet, so that its decoder gets the new SPS and PPS
 * first; PLI and NACK (answered as RTX) work as they do for VP8.
 */
class RouterH264Rfc6184Test {
  private static final int H264 = 102;
  private static final int H264_RTX = 103;
  private static final int SUB_H264 = 100;
  private static final int SUB_H264_RTX = 101;
  private static final long[] SSRC = {0x61, 0x62};
  private static final long[] RTX_SSRC = {0x71, 0x72};
  private static final byte[] SPS = {0x67, 0x42, (byte) 0xe0, 0x1f, 0x11};
  private static final byte[] PPS = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};

  private final ManualClock clock = new ManualClock();
  private final Router router = RouterTestSupport.router(clock, new EventLog());
  private final Sink publisherSink = new Sink();
  private final RouterTransport pub = transport(router, "pub", publisherSink);
  private final Sink subSink = new Sink();
  private final RouterTransport sub = transport(router, "sub", subSink);
  private final int[] seq = {100, 60_000};
  private final long[] ts = {1000, 50_000};
  private Producer producer;
  private Consumer consumer;

  @BeforeEach
  void publish() {
    producer =
        pub.produce(
            new ProducerOptions(
                MediaKind.VIDEO,
                "1",
                "publisher-cname",
                List.of(new RtpCodec(H264, "video/H264", 90_000, H264_RTX)),
                List.of(
                    Encoding.ofSsrc(SSRC[0], RTX_SSRC[0]), Encoding.ofSsrc(SSRC[1], RTX_SSRC[1])),
                PUBLISHER_EXTENSIONS));
    consumer =
        sub.consume(
            producer,
            ConsumerOptions.defaults()
                .withCodecs(List.of(new RtpCodec(SUB_H264, "video/H264", 90_000, SUB_H264_RTX))));
  }

  /** STAP-A (type 24): each NAL unit preceded by its 16-bit size. */
  private static byte[] stapA(byte[]... nalUnits) {
    int size = 1 + Arrays.stream(nalUnits).mapToInt(n -> 2 + n.length).sum();
    byte[] p = new byte[size];
    p[0] = 0x78;
    int at = 1;
    for (var n : nalUnits) {
      p[at] = (byte) (n.length >>> 8);
      p[at + 1] = (byte) n.length;
      System.arraycopy(n, 0, p, at + 2, n.length);
      at += 2 + n.length;
    }
    return p;
  }

  /** FU-A (type 28): indicator with NRI 3, header S|E|type, then {@code layer} as filler. */
  private static byte[] fuA(boolean start, boolean end, int type, int layer) {
    byte[] p = new byte[300];
    p[0] = 0x7c;
    p[1] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | type);
    Arrays.fill(p, 2, p.length, (byte) layer);
    return p;
  }

  private void send(int layer, byte[] payload) {
    deliver(pub, rtp(SSRC[layer], H264, seq[layer], ts[layer], payload));
    seq[layer] = SequenceNumbers.add(seq[layer], 1);
  }

  /** One frame on each layer whose entry is true a key frame, else a delta frame. */
  private void frame(boolean... keyframe) {
    for (int layer = 0; layer < 2; layer++) {
      if (keyframe[layer]) {
        send(layer, stapA(SPS, PPS));
        send(layer, fuA(true, false, 5, layer));
        send(layer, fuA(false, true, 5, layer));
      } else {
        send(layer, fuA(true, false, 1, layer));
        send(layer, fuA(false, true, 1, layer));
      }
      ts[layer] += 3000;
    }
    clock.advanceMillis(33);
  }

  private List<PictureLossIndication> plisFor(int layer) {
    return publisherSink.rtcpOf(PictureLossIndication.class).stream()
        .filter(p -> p.mediaSsrc() == SSRC[layer])
        .toList();
  }

  @Test
  void aSubscriberWaitsForAnIdrAsksForItAndStartsAtTheSpsAndPps() {
    frame(false, false);
    frame(false, false);
    assertEquals(0, subSink.rtp.size(), "no delta frame before a key frame");
    assertTrue(!plisFor(1).isEmpty(), "a PLI for the target layer went to the publisher");

    frame(true, false);
    var out = subSink.rtpPackets();
    assertEquals(3, out.size(), "layer 0's key frame starts the stream");
    assertEquals(SUB_H264, out.get(0).payloadType());
    assertArrayEquals(stapA(SPS, PPS), payload(out.get(0)));
    assertEquals(0, consumer.currentLayer());
  }

  @Test
  void aLayerSwitchHappensAtTheKeyFramesFirstPacketWithoutAGap() {
    frame(true, false);
    frame(false, false);
    frame(false, true);
    frame(false, false);
    assertEquals(1, consumer.currentLayer());
    var out = subSink.rtpPackets();
    // layer 0: key frame (3), two deltas (2 + 2, the second in the frame where layer 1's key
    // frame comes after it); then layer 1 from its key frame: 3 + 2.
    assertEquals(12, out.size());
    assertArrayEquals(stapA(SPS, PPS), payload(out.get(7)), "the switch starts at SPS/PPS");
    assertEquals(0, payload(out.get(6))[2], "layer 0 up to the switch");
    for (int i = 1; i < out.size(); i++) {
      assertEquals(
          SequenceNumbers.add(out.get(i - 1).sequenceNumber(), 1),
          out.get(i).sequenceNumber(),
          "at " + i);
      long dt = (out.get(i).timestamp() - out.get(i - 1).timestamp()) & 0xFFFF_FFFFL;
      assertTrue(dt <= 3000, "timestamps go forward at " + i + ": " + dt);
      assertEquals(consumer.ssrc(), out.get(i).ssrc());
    }
    assertEquals(1, payload(out.get(11))[2], "layer 1's packets after the switch");
    assertEquals(2, producer.stats().layers().stream().mapToLong(l -> l.keyframes()).sum());
  }

  @Test
  void aSubscribersPliAsksThePublisherForAKeyFrameOfTheLayerItGets() {
    frame(true, true);
    assertEquals(1, consumer.currentLayer());
    clock.advanceMillis(1000);
    publisherSink.clear();
    deliver(sub, List.<RtcpPacket>of(new PictureLossIndication(9, consumer.ssrc())));
    assertEquals(
        List.of(new PictureLossIndication(pub.rtcpSsrc(), SSRC[1])),
        publisherSink.rtcpOf(PictureLossIndication.class));
  }

  @Test
  void aNackIsAnsweredWithH264Rtx() {
    frame(true, true);
    frame(false, false);
    var sent = subSink.rtpPackets();
    subSink.clear();
    var lost = sent.get(1);
    deliver(
        sub,
        List.<RtcpPacket>of(
            GenericNack.fromLost(9, consumer.ssrc(), new int[] {lost.sequenceNumber()})));
    var rtx = subSink.rtpPackets();
    assertEquals(1, rtx.size());
    RtpPacket r = rtx.get(0);
    assertEquals(consumer.rtxSsrc(), r.ssrc());
    assertEquals(SUB_H264_RTX, r.payloadType());
    byte[] p = payload(r);
    assertEquals(lost.sequenceNumber(), BigEndian.u16(p, 0), "OSN first (RFC 4588 §4)");
    assertArrayEquals(payload(lost), Arrays.copyOfRange(p, 2, p.length));
  }
}
