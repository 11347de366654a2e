package dev.chorus.media.sfu;

import static dev.chorus.media.sfu.RouterTestSupport.PUBLISHER_EXTENSIONS;
import static dev.chorus.media.sfu.RouterTestSupport.VP8;
import static dev.chorus.media.sfu.RouterTestSupport.deliver;
import static dev.chorus.media.sfu.RouterTestSupport.rtp;
import static dev.chorus.media.sfu.RouterTestSupport.transport;
import static dev.chorus.media.sfu.RouterTestSupport.vp8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.codec.Vp8PayloadDescriptor;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.SequenceNumbers;
import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.rtp.rtcp.Remb;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.sfu.RouterTestSupport.EventLog;
import dev.chorus.media.sfu.RouterTestSupport.ManualClock;
import dev.chorus.media.sfu.RouterTestSupport.Sink;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A three-layer VP8 simulcast publisher (RIDs q, h, f; RFC 8853) played like a browser: every
 * layer's first frame is a key frame, later ones come when a PLI for that layer arrives. The
 * subscriber must see one stream whose sequence numbers never skip, whose timestamps and VP8
 * PictureIDs never go back, across every layer switch.
 */
class SimulcastTest {
  private static final long[] SSRC = {0x51, 0x52, 0x53};
  private static final int[] PACKETS_PER_FRAME = {1, 2, 8};
  private static final int[] PACKET_SIZE = {400, 1000, 1000};

  private final ManualClock clock = new ManualClock();
  private final Router router = RouterTestSupport.router(clock, new EventLog());
  private final Sink publisherSink = new Sink();
  private final RouterTransport pub = transport(router, "pub", publisherSink);
  private final Sink subSink = new Sink();
  private final RouterTransport sub = transport(router, "sub", subSink);
  private final int[] seq = {1000, 5000, 65_530};
  private final long[] ts = {100_000, 900_000, 4_294_960_000L};
  private final int[] pictureId = {100, 2000, 32_760};
  private final int[] tl0 = {10, 50, 250};
  private final boolean[] keyframeNext = {true, true, true};
  private int plisAnswered;
  private Producer producer;
  private Consumer consumer;

  @BeforeEach
  void publish() {
    producer = pub.produce(RouterTestSupport.simulcastByRid());
    consumer = sub.consume(producer, ConsumerOptions.defaults());
  }

  /** One frame on every layer, 33 ms apart; PLIs since the last frame are answered. */
  private void frame() {
    var plis = publisherSink.rtcpOf(PictureLossIndication.class);
    for (; plisAnswered < plis.size(); plisAnswered++) {
      for (int layer = 0; layer < 3; layer++) {
        if (plis.get(plisAnswered).mediaSsrc() == SSRC[layer]) {
          keyframeNext[layer] = true;
        }
      }
    }
    for (int layer = 0; layer < 3; layer++) {
      for (int k = 0; k < PACKETS_PER_FRAME[layer]; k++) {
        byte[] payload =
            vp8(keyframeNext[layer], k == 0, pictureId[layer], tl0[layer], PACKET_SIZE[layer]);
        var packet = rtp(SSRC[layer], VP8, seq[layer], ts[layer], payload);
        if (seq[layer] < 65_540 && layer < 2 || seq[layer] >= 65_530) {
          packet
              .extension(PUBLISHER_EXTENSIONS.mid(), new byte[] {'1'})
              .extension(PUBLISHER_EXTENSIONS.rid(), new byte[] {(byte) "qhf".charAt(layer)});
        }
        deliver(pub, packet);
        seq[layer] = SequenceNumbers.add(seq[layer], 1);
      }
      keyframeNext[layer] = false;
      ts[layer] = (ts[layer] + 3000) & 0xFFFF_FFFFL;
      pictureId[layer] = (pictureId[layer] + 1) & 0x7FFF;
      tl0[layer] = (tl0[layer] + 1) & 0xFF;
    }
    clock.advanceMillis(33);
  }

  /** The subscriber's view: no gap in sequence numbers, time and pictures only go forward. */
  private void assertContinuous(long maxTimestampStep) {
    List<RtpPacket> out = subSink.rtpPackets();
    var vp8 = new Vp8PayloadDescriptor();
    int lastPicture = -1;
    for (int i = 0; i < out.size(); i++) {
      RtpPacket p = out.get(i);
      assertEquals(consumer.ssrc(), p.ssrc());
      assertTrue(vp8.wrap(p.buffer(), p.payloadOffset(), p.payloadLength()));
      if (i > 0) {
        RtpPacket prev = out.get(i - 1);
        assertEquals(SequenceNumbers.add(prev.sequenceNumber(), 1), p.sequenceNumber(), "at " + i);
        long dt = (p.timestamp() - prev.timestamp()) & 0xFFFF_FFFFL;
        assertTrue(dt <= maxTimestampStep, "timestamp went back or jumped at " + i + ": " + dt);
        int dp = (vp8.pictureId() - lastPicture) & 0x7FFF;
        assertTrue(dp == 0 || dp == 1, "picture id step " + dp + " at " + i);
      }
      lastPicture = vp8.pictureId();
    }
  }

  private int layerOfLastPacket() {
    List<RtpPacket> out = subSink.rtpPackets();
    RtpPacket last = out.get(out.size() - 1);
    int payloadSize = last.payloadLength();
    return payloadSize == PACKET_SIZE[0] ? 0 : 2; // h and f share a size; see currentLayer()
  }

  @Test
  void startsOnTheFirstKeyframeThenClimbsToTheTargetWithoutAGap() {
    frame();
    // q's key frame starts the stream; f is not live yet, so h is the best known layer and its key
    // frame moves the stream up; then f's key frame, in the same frame, reaches the target.
    assertEquals(2, consumer.currentLayer());
    assertEquals(1 + 2 + 8, subSink.rtp.size());
    for (int i = 0; i < 10; i++) {
      frame();
    }
    assertEquals(11 + 10 * 8, subSink.rtp.size(), "only f from then on");
    assertContinuous(3000);
    var layers = producer.stats().layers();
    assertEquals(List.of(0x51L, 0x52L, 0x53L), layers.stream().map(l -> l.ssrc()).toList());
    assertTrue(layers.stream().allMatch(ProducerStats.Layer::active));
  }

  @Test
  void theSubscribersRembMovesItDownAndThePreferenceCapsIt() {
    for (int i = 0; i < 40; i++) {
      frame();
    }
    long[] rates = producer.stats().layers().stream().mapToLong(l -> l.bitrate()).toArray();
    assertTrue(rates[0] < rates[1] && rates[1] < rates[2], java.util.Arrays.toString(rates));

    // The subscriber can take h but not f: down to h at h's next key frame (asked for by PLI).
    deliver(sub, List.<RtcpPacket>of(new Remb(9, rates[1] + rates[1] / 4, List.of())));
    assertEquals(1, consumer.stats().targetLayer());
    int before = publisherSink.rtcpOf(PictureLossIndication.class).size();
    frame();
    var plis = publisherSink.rtcpOf(PictureLossIndication.class);
    assertEquals(before + 1, plis.size());
    assertEquals(SSRC[1], plis.get(plis.size() - 1).mediaSsrc());
    assertEquals(2, consumer.currentLayer(), "f goes on until h's key frame");
    frame();
    assertEquals(1, consumer.currentLayer());
    for (int i = 0; i < 5; i++) {
      frame();
    }
    assertContinuous(3000);

    // Preference caps the target: the lowest layer.
    consumer.setPreferredLayer(0);
    frame();
    frame();
    assertEquals(0, consumer.currentLayer());
    assertEquals(0, layerOfLastPacket());
    assertContinuous(3000);
    assertEquals(0, consumer.stats().targetLayer());
  }

  @Test
  void whenThePublisherDropsTheTopLayerTheConsumerFollowsDown() {
    for (int i = 0; i < 3; i++) {
      frame();
    }
    assertEquals(2, consumer.currentLayer());
    // The browser's own bandwidth estimate stops layer f: only q and h are sent from now on.
    for (int i = 0; i < 60; i++) {
      var plis = publisherSink.rtcpOf(PictureLossIndication.class);
      for (; plisAnswered < plis.size(); plisAnswered++) {
        if (plis.get(plisAnswered).mediaSsrc() == SSRC[1]) {
          keyframeNext[1] = true;
        }
      }
      for (int layer = 0; layer < 2; layer++) {
        for (int k = 0; k < PACKETS_PER_FRAME[layer]; k++) {
          deliver(
              pub,
              rtp(
                  SSRC[layer],
                  VP8,
                  seq[layer]++,
                  ts[layer],
                  vp8(keyframeNext[layer], k == 0, pictureId[layer], tl0[layer], 500)));
        }
        keyframeNext[layer] = false;
        ts[layer] += 3000;
        pictureId[layer]++;
        tl0[layer]++;
      }
      clock.advanceMillis(33);
    }
    assertEquals(1, consumer.currentLayer(), "a second after f stopped, h took over");
    // The subscriber saw nothing meanwhile; the timestamps say how long that was, no more.
    assertContinuous(90 * (1000 + 33 + 33));
  }
}
