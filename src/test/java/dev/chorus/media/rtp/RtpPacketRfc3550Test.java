package dev.chorus.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 3550 §5.1 fixed header, CSRCs, padding; real captures and malformed input. */
class RtpPacketRfc3550Test {

  @Test
  void parsesRealOpusPacketWithAudioLevelExtension() {
    byte[] b = Hex.fixture("rtp-mediasoup-packet1.hex");
    RtpPacket p = RtpPacket.parse(b, 0, b.length).orElseThrow();
    assertEquals(2, p.version());
    assertFalse(p.hasPadding());
    assertTrue(p.hasExtension());
    assertEquals(0, p.csrcCount());
    assertFalse(p.marker());
    assertEquals(111, p.payloadType());
    assertEquals(23617, p.sequenceNumber());
    assertEquals(1660241882L, p.timestamp());
    assertEquals(0x9f7108e2L, p.ssrc());
    assertEquals(RtpPacket.ONE_BYTE_PROFILE, p.extensionProfile());
    assertEquals(4, p.extensionDataLength());
    assertEquals(20, p.headerLength());
    assertEquals(20, p.payloadOffset());
    assertEquals(34, p.payloadLength());
    assertEquals(0, p.paddingLength());
    assertEquals(54, p.length());
    HeaderExtensionCursor c = p.extensions();
    assertTrue(c.next());
    assertEquals(1, c.id());
    assertEquals(1, c.dataLength());
    assertEquals(0xff, c.dataU8(0));
    assertFalse(c.next());
    assertArrayEquals(b, RtpPacketBuilder.from(p).build());
  }

  @Test
  void parsesRealOpusPacketWithTwoExtensions() {
    byte[] b = Hex.fixture("rtp-mediasoup-packet3.hex");
    RtpPacket p = RtpPacket.parse(b, 0, b.length).orElseThrow();
    assertEquals(19354, p.sequenceNumber());
    assertEquals(863466045L, p.timestamp());
    assertEquals(235797202L, p.ssrc());
    assertEquals(111, p.payloadType());
    assertEquals(24, p.headerLength());
    assertEquals(78, p.payloadLength());
    assertEquals("094f4383", Hex.of(b, p.payloadOffset(), 4));
    HeaderExtensionCursor c = p.extensions();
    assertTrue(c.find(3));
    assertEquals("65341e", Hex.of(b, c.dataOffset(), c.dataLength()));
    assertTrue(c.find(1));
    assertEquals(0xd0, c.dataU8(0));
    assertFalse(c.find(2));
    assertArrayEquals(b, RtpPacketBuilder.from(p).build());
  }

  @Test
  void inPlaceSettersTouchOnlyTheirBits() {
    byte[] original = Hex.fixture("rtp-mediasoup-packet3.hex");
    byte[] b = original.clone();
    RtpPacket p = new RtpPacket();
    assertTrue(p.wrap(b, 0, b.length));
    p.setSequenceNumber(0xfffe);
    p.setTimestamp(0xfedcba98L);
    p.setSsrc(0x01020304L);
    p.setPayloadType(96);
    p.setMarker(true);
    assertEquals("90e0fffe fedcba98 01020304".replace(" ", ""), Hex.of(b, 0, 12));
    assertArrayEquals(
        Arrays.copyOfRange(original, 12, original.length), Arrays.copyOfRange(b, 12, b.length));
    assertEquals(0xfffe, p.sequenceNumber());
    assertEquals(0xfedcba98L, p.timestamp());
    assertEquals(0x01020304L, p.ssrc());
    assertEquals(96, p.payloadType());
    assertTrue(p.marker());
    p.setMarker(false);
    p.setPayloadType(0x7f);
    assertEquals(0x7f, b[1] & 0xff);
    p.setMarker(true);
    p.setPayloadType(0);
    assertEquals(0x80, b[1] & 0xff);
  }

  @Test
  void viewAtAnOffsetInsideALargerPooledBuffer() {
    byte[] pkt = Hex.fixture("rtp-mediasoup-packet1.hex");
    byte[] pool = new byte[1500];
    Arrays.fill(pool, (byte) 0x55);
    System.arraycopy(pkt, 0, pool, 100, pkt.length);
    RtpPacket p = new RtpPacket();
    assertTrue(p.wrap(pool, 100, pkt.length));
    assertEquals(120, p.payloadOffset());
    assertEquals(1400, p.capacity());
    p.setSequenceNumber(7);
    assertEquals(7, BigEndian.u16(pool, 102));
    assertEquals(0x55, pool[99] & 0xff);
  }

  @Test
  void csrcsAndPadding() {
    byte[] b =
        Hex.bytes(
            "a2 08 0001 00000002 00000003" // V=2 P=1 CC=2, PT 8, seq 1, ts 2, ssrc 3
                + "11111111 22222222" // CSRCs
                + "cafe" // payload
                + "000003"); // 3 bytes padding, count included
    RtpPacket p = RtpPacket.parse(b, 0, b.length).orElseThrow();
    assertEquals(2, p.csrcCount());
    assertEquals(0x11111111L, p.csrc(0));
    assertEquals(0x22222222L, p.csrc(1));
    assertEquals(20, p.headerLength());
    assertEquals(2, p.payloadLength());
    assertEquals(3, p.paddingLength());
    assertTrue(p.hasPadding());
    assertArrayEquals(b, RtpPacketBuilder.from(p).build());
    p.setCsrc(1, 0x33333333L);
    assertEquals(0x33333333L, p.csrc(1));
    assertEquals(22, p.removePadding());
    assertFalse(p.hasPadding());
    assertEquals(2, p.payloadLength());
    assertEquals(0x82, b[0] & 0xff);
  }

  @Test
  void paddingOnlyPacketHasEmptyPayload() {
    byte[] b = Hex.bytes("a0 60 0005 00000000 00000001 00000000 00000008");
    RtpPacket p = RtpPacket.parse(b, 0, b.length).orElseThrow();
    assertEquals(0, p.payloadLength());
    assertEquals(8, p.paddingLength());
  }

  @Test
  void opaqueTailParsesOnlyThroughWrapHeader() {
    // P is set but the last byte claims 241 bytes of padding in 240: what an encrypted tail
    // looks like to an RTP parser
    byte[] b = Hex.fixture("rtp-mediasoup-packet2.hex");
    RtpPacket p = new RtpPacket();
    assertFalse(p.wrap(b, 0, b.length));
    assertNull(p.buffer());
    assertTrue(p.wrapHeader(b, 0, b.length));
    assertEquals(100, p.payloadType());
    assertEquals(28478, p.sequenceNumber());
    assertEquals(172320136L, p.timestamp());
    assertEquals(3316375386L, p.ssrc());
    assertTrue(p.hasPadding());
    assertEquals(0, p.paddingLength());
    assertEquals(228, p.payloadLength());
  }

  @Test
  void rejectsMalformedHeaders() {
    byte[] ok = Hex.bytes("80 00 0001 00000002 00000003 ff");
    assertTrue(RtpPacket.parse(ok, 0, ok.length).isPresent());
    // truncated fixed header
    assertRejected(Hex.bytes("80 00 0001 00000002 000000"));
    assertRejected(new byte[0]);
    // wrong version (1 and 0)
    assertRejected(Hex.bytes("40 00 0001 00000002 00000003 ff"));
    assertRejected(Hex.bytes("00 00 0001 00000002 00000003 ff"));
    // CSRC count 2 but only one CSRC present
    assertRejected(Hex.bytes("82 00 0001 00000002 00000003 11111111"));
    // X set but no room for the extension header
    assertRejected(Hex.bytes("90 00 0001 00000002 00000003 bede"));
    // extension length 2 words but only one present
    assertRejected(Hex.bytes("90 00 0001 00000002 00000003 bede0002 10ff0000"));
    // padding count larger than payload + padding
    assertRejected(Hex.bytes("a0 00 0001 00000002 00000003 aa 03"));
    // padding count zero with P set
    assertRejected(Hex.bytes("a0 00 0001 00000002 00000003 aa 00"));
    // range outside the array
    assertFalse(new RtpPacket().wrap(ok, 1, ok.length));
    assertFalse(new RtpPacket().wrap(ok, -1, 4));
    assertFalse(new RtpPacket().wrap(null, 0, 12));
  }

  @Test
  void paddingMayCoverTheWholePayloadButNotTheHeader() {
    byte[] b = Hex.bytes("a0 00 0001 00000002 00000003 0000 03");
    assertEquals(3, RtpPacket.parse(b, 0, b.length).orElseThrow().paddingLength());
    byte[] tooMuch = Hex.bytes("a0 00 0001 00000002 00000003 0000 04");
    assertRejected(tooMuch);
  }

  private static void assertRejected(byte[] b) {
    assertTrue(RtpPacket.parse(b, 0, b.length).isEmpty(), () -> "accepted " + Hex.of(b));
    assertFalse(new RtpPacket().wrap(b, 0, b.length));
  }

  @Test
  void failedWrapClearsAPreviouslyValidView() {
    byte[] good = Hex.fixture("rtp-mediasoup-packet1.hex");
    RtpPacket p = new RtpPacket();
    assertTrue(p.wrap(good, 0, good.length));
    assertFalse(p.wrap(good, 0, 11));
    assertEquals(0, p.length());
    assertEquals(0, p.capacity());
    assertTrue(p.wrap(good, 0, good.length));
    assertEquals(23617, p.sequenceNumber());
  }
}
