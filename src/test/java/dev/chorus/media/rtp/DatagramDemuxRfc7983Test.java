package dev.chorus.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 7983 §7 first-byte demultiplexing and the RFC 5761 §4 RTP/RTCP split. */
class DatagramDemuxRfc7983Test {

  private static DatagramKind classify(int first, int second) {
    return DatagramDemux.classify(new byte[] {(byte) first, (byte) second, 0, 0}, 0, 4);
  }

  @Test
  void everyFirstByteFallsInItsRfc7983Range() {
    for (int b = 0; b < 256; b++) {
      DatagramKind expected;
      if (b <= 3) {
        expected = DatagramKind.STUN;
      } else if (b >= 20 && b <= 63) {
        expected = DatagramKind.DTLS;
      } else if (b >= 128 && b <= 191) {
        expected = DatagramKind.RTP;
      } else {
        expected = DatagramKind.UNKNOWN;
      }
      // second byte 0x6f: an RTP payload type, never RTCP
      assertEquals(expected, classify(b, 0x6f), "first byte " + b);
    }
  }

  @Test
  void rtcpPacketTypes192To223AreRtcpPerRfc5761() {
    for (int second = 0; second < 256; second++) {
      boolean rtcp = second >= 192 && second <= 223;
      assertEquals(rtcp ? DatagramKind.RTCP : DatagramKind.RTP, classify(0x80, second));
      assertEquals(rtcp, DatagramDemux.isRtcpPacketType(second));
    }
  }

  @Test
  void rtpWithMarkerAndPayloadTypeOutsideReservedRangeStaysRtp() {
    // marker set + PT 111 (Opus) = 0xef: above the RTCP range
    assertEquals(DatagramKind.RTP, classify(0x90, 0x80 | 111));
    // marker set + PT 96 = 0xe0 = 224: first value past the RTCP range
    assertEquals(DatagramKind.RTP, classify(0x80, 0x80 | 96));
    // marker set + PT 63 = 0xbf = 191: just below it
    assertEquals(DatagramKind.RTP, classify(0x80, 0x80 | 63));
  }

  @Test
  void realPacketsClassify() {
    assertEquals(DatagramKind.RTP, classifyAll(Hex.fixture("rtp-mediasoup-packet1.hex")));
    assertEquals(
        DatagramKind.RTCP, classifyAll(Hex.fixture("rtcp-compound-rr-sdes-bye-pli-rrr-app.hex")));
    assertEquals(DatagramKind.RTCP, classifyAll(Hex.fixture("rtcp-twcc-pion-example1.hex")));
    // STUN binding request header (RFC 5389 §6): type 0x0001, magic cookie 0x2112a442
    assertEquals(DatagramKind.STUN, classifyAll(Hex.bytes("0001 0000 2112a442")));
    // DTLS 1.2 handshake record (content type 22)
    assertEquals(DatagramKind.DTLS, classifyAll(Hex.bytes("16 fefd 0000")));
  }

  private static DatagramKind classifyAll(byte[] b) {
    return DatagramDemux.classify(b, 0, b.length);
  }

  @Test
  void shortOrOutOfBoundsInputIsUnknownNotAnException() {
    assertEquals(DatagramKind.UNKNOWN, DatagramDemux.classify(new byte[0], 0, 0));
    assertEquals(DatagramKind.UNKNOWN, DatagramDemux.classify(null, 0, 10));
    assertEquals(DatagramKind.UNKNOWN, DatagramDemux.classify(new byte[4], 3, 2));
    assertEquals(DatagramKind.UNKNOWN, DatagramDemux.classify(new byte[4], -1, 2));
    // an RTP-range first byte alone cannot be split into RTP or RTCP
    assertEquals(DatagramKind.UNKNOWN, DatagramDemux.classify(new byte[] {(byte) 0x80}, 0, 1));
    // but one byte is enough for STUN and DTLS
    assertEquals(DatagramKind.STUN, DatagramDemux.classify(new byte[] {1}, 0, 1));
    assertEquals(DatagramKind.DTLS, DatagramDemux.classify(new byte[] {22}, 0, 1));
  }

  @Test
  void offsetIsHonoured() {
    byte[] b = {0, 0, (byte) 0x81, (byte) 0xc9};
    assertEquals(DatagramKind.RTCP, DatagramDemux.classify(b, 2, 2));
    assertEquals(DatagramKind.STUN, DatagramDemux.classify(b, 0, 4));
    assertTrue(DatagramDemux.isRtcpPacketType(200));
    assertFalse(DatagramDemux.isRtcpPacketType(224));
  }
}
