package dev.chorus.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chorus.media.rtp.rtcp.FullIntraRequest;
import dev.chorus.media.rtp.rtcp.GenericNack;
import dev.chorus.media.rtp.rtcp.Goodbye;
import dev.chorus.media.rtp.rtcp.PictureLossIndication;
import dev.chorus.media.rtp.rtcp.ReceiverReport;
import dev.chorus.media.rtp.rtcp.Remb;
import dev.chorus.media.rtp.rtcp.RtcpCompound;
import dev.chorus.media.rtp.rtcp.RtcpCompoundIterator;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.rtp.rtcp.RtcpParser;
import dev.chorus.media.rtp.rtcp.SenderReport;
import dev.chorus.media.rtp.rtcp.SourceDescription;
import dev.chorus.media.rtp.rtcp.TransportCcFeedback;
import dev.chorus.media.rtp.rtcp.UnknownRtcp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds every parser tens of thousands of random, mutated and truncated inputs (fixed seeds): none
 * may throw, and whatever parses must be self-consistent and survive a write/parse round trip
 * unchanged.
 */
class ParserRobustnessTest {
  private static final List<String> RTP_FIXTURES =
      List.of(
          "rtp-mediasoup-packet1.hex", "rtp-mediasoup-packet2.hex", "rtp-mediasoup-packet3.hex");
  private static final List<String> RTCP_FIXTURES =
      List.of(
          "rtcp-compound-rr-sdes-bye-pli-rrr-app.hex",
          "rtcp-fir-two-entries.hex",
          "rtcp-nack-one-pair.hex",
          "rtcp-remb-chrome.hex",
          "rtcp-sdes-cname.hex",
          "rtcp-sr-no-blocks.hex",
          "rtcp-sr-one-block.hex",
          "rtcp-twcc-mediasoup-one-bit-vector.hex",
          "rtcp-twcc-pion-example1.hex",
          "rtcp-twcc-pion-example4.hex",
          "rtcp-twcc-pion-example6.hex");

  private final RtpPacket rtp = new RtpPacket();
  private final RtcpCompoundIterator iterator = new RtcpCompoundIterator();
  private int rtpAccepted;
  private int rtcpAccepted;

  @Test
  void randomBytes() {
    Random random = new Random(0x5EED);
    for (int i = 0; i < 30_000; i++) {
      int len = random.nextInt(300);
      byte[] buf = new byte[len + random.nextInt(8)];
      random.nextBytes(buf);
      int off = buf.length - len;
      if (len >= 4 && random.nextBoolean()) {
        // make it look like RTP/RTCP so that the parsers get past the version check
        buf[off] = (byte) (0x80 | (buf[off] & 0x3F));
        if (random.nextBoolean()) {
          buf[off + 1] = (byte) (200 + random.nextInt(7));
          if (random.nextBoolean()) {
            BigEndian.put16(buf, off + 2, len / 4 - 1);
          }
        }
      }
      check(buf, off, len);
    }
    assertTrue(rtpAccepted > 1000, "random RTP accepted " + rtpAccepted);
    assertTrue(rtcpAccepted > 100, "random RTCP accepted " + rtcpAccepted);
  }

  @Test
  void mutatedFixtures() {
    Random random = new Random(0xB17F11B);
    for (String name : concat(RTP_FIXTURES, RTCP_FIXTURES)) {
      byte[] original = Hex.fixture(name);
      for (int i = 0; i < 3_000; i++) {
        byte[] b = Arrays.copyOf(original, original.length + random.nextInt(3) * 4);
        int flips = 1 + random.nextInt(4);
        for (int f = 0; f < flips; f++) {
          int at = random.nextInt(b.length);
          b[at] =
              random.nextBoolean()
                  ? (byte) random.nextInt(256)
                  : (byte) (b[at] ^ 1 << random.nextInt(8));
        }
        check(b, 0, random.nextInt(4) == 0 ? random.nextInt(b.length + 1) : b.length);
      }
    }
    assertTrue(rtpAccepted > 1000, "mutated RTP accepted " + rtpAccepted);
    assertTrue(rtcpAccepted > 1000, "mutated RTCP accepted " + rtcpAccepted);
  }

  @Test
  void everyTruncationOfEveryFixture() {
    for (String name : concat(RTP_FIXTURES, RTCP_FIXTURES)) {
      byte[] b = Hex.fixture(name);
      for (int len = 0; len <= b.length; len++) {
        check(b, 0, len);
      }
    }
    for (String name : RTCP_FIXTURES.subList(1, RTCP_FIXTURES.size())) {
      byte[] b = Hex.fixture(name);
      for (int len = 0; len < b.length; len++) {
        assertTrue(RtcpParser.parse(b, 0, len).isEmpty(), name + " cut to " + len);
        assertTrue(RtcpCompound.parse(b, 0, len).isEmpty(), name + " cut to " + len);
      }
    }
    for (String name : RTP_FIXTURES) {
      byte[] b = Hex.fixture(name);
      assertTrue(rtp.wrapHeader(b, 0, b.length));
      int header = rtp.headerLength();
      for (int len = 0; len < header; len++) {
        assertFalse(rtp.wrapHeader(b, 0, len), name + " cut to " + len);
      }
    }
  }

  @Test
  void randomExtensionEditsKeepPacketsWellFormed() {
    Random random = new Random(8285);
    for (String name : List.of("rtp-mediasoup-packet1.hex", "rtp-mediasoup-packet3.hex")) {
      byte[] original = Hex.fixture(name);
      for (int round = 0; round < 300; round++) {
        byte[] pool = Arrays.copyOf(original, original.length + random.nextInt(120));
        RtpPacket p = new RtpPacket();
        assertTrue(p.wrap(pool, 0, original.length));
        byte[] payload = Arrays.copyOfRange(pool, p.payloadOffset(), p.payloadOffset() + 78);
        int payloadLength = p.payloadLength();
        for (int op = 0; op < 6; op++) {
          byte[] before = Arrays.copyOf(pool, pool.length);
          int id = random.nextInt(4) == 0 ? 1 + random.nextInt(255) : 1 + random.nextInt(14);
          boolean changed;
          switch (random.nextInt(3)) {
            case 0 -> {
              byte[] value =
                  new byte[random.nextInt(4) == 0 ? random.nextInt(40) : 1 + random.nextInt(4)];
              random.nextBytes(value);
              changed = p.setExtension(id, value, 0, value.length);
              if (changed) {
                HeaderExtensionCursor c = p.extensions();
                assertTrue(c.find(id));
                assertEquals(Hex.of(value), Hex.of(pool, c.dataOffset(), c.dataLength()));
              }
            }
            case 1 -> changed = p.removeExtension(id);
            default -> {
              HeaderExtensionCursor c = p.extensions();
              changed = c.next() && c.setId(id);
            }
          }
          if (!changed) {
            assertArrayEquals(before, pool);
          }
          RtpPacket fresh = new RtpPacket();
          assertTrue(fresh.wrap(pool, 0, p.length()), () -> "after edit: " + Hex.of(pool));
          assertEquals(payloadLength, fresh.payloadLength());
          assertArrayEquals(
              Arrays.copyOf(payload, payloadLength),
              Arrays.copyOfRange(
                  pool, fresh.payloadOffset(), fresh.payloadOffset() + payloadLength));
          checkRtp(fresh);
        }
      }
    }
  }

  private void check(byte[] buf, int off, int len) {
    try {
      assertNotNull(DatagramDemux.classify(buf, off, len));
      if (rtp.wrap(buf, off, len)) {
        rtpAccepted++;
        checkRtp(rtp);
      }
      if (rtp.wrapHeader(buf, off, len)) {
        checkRtp(rtp);
      }
      checkRtcp(buf, off, len);
    } catch (RuntimeException | AssertionError e) {
      fail("input " + Hex.of(buf, off, Math.max(0, Math.min(len, buf.length - off))), e);
    }
  }

  private static void checkRtp(RtpPacket p) {
    int off = p.offset();
    assertTrue(p.headerLength() >= RtpPacket.FIXED_HEADER_LENGTH);
    assertTrue(p.payloadLength() >= 0);
    assertEquals(off + p.length(), p.payloadOffset() + p.payloadLength() + p.paddingLength());
    int extStart = p.extensionDataOffset();
    HeaderExtensionCursor c = p.extensions();
    while (c.next()) {
      assertTrue(c.dataOffset() >= extStart);
      assertTrue(c.dataOffset() + c.dataLength() <= extStart + p.extensionDataLength());
    }
    assertFalse(c.malformed());
    byte[] copy = RtpPacketBuilder.from(p).build();
    RtpPacket q = RtpPacket.parse(copy, 0, copy.length).orElseThrow();
    assertEquals(p.sequenceNumber(), q.sequenceNumber());
    assertEquals(p.timestamp(), q.timestamp());
    assertEquals(p.ssrc(), q.ssrc());
    assertEquals(p.payloadType(), q.payloadType());
    assertEquals(p.marker(), q.marker());
    assertEquals(
        Hex.of(p.buffer(), p.payloadOffset(), p.payloadLength()),
        Hex.of(copy, q.payloadOffset(), q.payloadLength()));
  }

  private void checkRtcp(byte[] buf, int off, int len) {
    iterator.reset(buf, off, len);
    int total = 0;
    while (iterator.next()) {
      assertEquals(off + total, iterator.packetOffset());
      total += iterator.packetLength();
      assertTrue(
          iterator.bodyLength() >= 0 && iterator.bodyLength() <= iterator.packetLength() - 4);
    }
    assertTrue(total <= Math.max(0, len));
    RtcpCompound.Lenient lenient = RtcpCompound.parseLenient(buf, off, len);
    lenient.packets().forEach(ParserRobustnessTest::assertRoundTrip);
    Optional<List<RtcpPacket>> strict = RtcpCompound.parse(buf, off, len);
    if (strict.isPresent()) {
      rtcpAccepted++;
      byte[] again = RtcpCompound.toBytes(strict.get());
      assertEquals(strict, RtcpCompound.parse(again, 0, again.length));
    }
    List<Optional<? extends RtcpPacket>> single =
        List.of(
            RtcpParser.parse(buf, off, len),
            SenderReport.parse(buf, off, len),
            ReceiverReport.parse(buf, off, len),
            SourceDescription.parse(buf, off, len),
            Goodbye.parse(buf, off, len),
            PictureLossIndication.parse(buf, off, len),
            FullIntraRequest.parse(buf, off, len),
            GenericNack.parse(buf, off, len),
            Remb.parse(buf, off, len),
            TransportCcFeedback.parse(buf, off, len),
            UnknownRtcp.parse(buf, off, len));
    single.forEach(p -> p.ifPresent(ParserRobustnessTest::assertRoundTrip));
  }

  private static void assertRoundTrip(RtcpPacket packet) {
    byte[] wire = packet.toBytes();
    assertEquals(packet.encodedLength(), wire.length);
    Optional<RtcpPacket> back = RtcpParser.parse(wire, 0, wire.length);
    if (packet instanceof UnknownRtcp) {
      // an unknown packet may hold a known type whose body is malformed: it need only re-frame
      assertTrue(UnknownRtcp.parse(wire, 0, wire.length).isPresent());
      return;
    }
    assertEquals(Optional.of(packet), back);
    if (packet instanceof TransportCcFeedback f) {
      assertEquals(f.packetStatusCount(), f.packets().size());
      assertEquals(f.receivedCount(), f.packets().stream().filter(r -> r.received()).count());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
