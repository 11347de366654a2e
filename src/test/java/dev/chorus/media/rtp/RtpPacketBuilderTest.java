package dev.chorus.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpPacketBuilderTest {

  @Test
  void writesEveryFieldWhereRfc3550PutsIt() {
    byte[] b =
        new RtpPacketBuilder()
            .marker(true)
            .payloadType(96)
            .sequenceNumber(0xabcd)
            .timestamp(0xfffffffeL)
            .ssrc(0x11223344L)
            .csrc(0xaabbccddL)
            .extension(1, Hex.bytes("01"))
            .payload(Hex.bytes("0102030405"))
            .padding(4)
            .build();
    assertEquals(
        "b1e0abcd fffffffe 11223344 aabbccdd bede0001 10010000 0102030405 00000004"
            .replace(" ", ""),
        Hex.of(b));
    RtpPacket p = RtpPacket.parse(b, 0, b.length).orElseThrow();
    assertEquals(4, p.paddingLength());
    assertEquals(5, p.payloadLength());
    assertEquals(0xaabbccddL, p.csrc(0));
  }

  @Test
  void minimalPacketIsTwelveBytes() {
    byte[] b = new RtpPacketBuilder().build();
    assertEquals("800000000000000000000000", Hex.of(b));
  }

  @Test
  void writeToHonoursOffsetAndReportsShortBuffers() {
    RtpPacketBuilder builder = new RtpPacketBuilder().ssrc(9).payload(new byte[20]);
    assertEquals(32, builder.length());
    byte[] buf = new byte[40];
    Arrays.fill(buf, (byte) 0x77);
    assertEquals(-1, builder.writeTo(buf, 9));
    assertEquals(0x77, buf[9] & 0xff);
    assertEquals(32, builder.writeTo(buf, 8));
    assertEquals(0x77, buf[7] & 0xff);
    assertEquals(0x80, buf[8] & 0xff);
    assertEquals(-1, builder.writeTo(null, 0));
    assertEquals(-1, builder.writeTo(buf, -1));
  }

  @Test
  void rtxStyleRetransmissionFromAParsedPacket() {
    // RFC 4588 §4: RTX payload = original sequence number (OSN) + original payload
    byte[] original = Hex.fixture("rtp-mediasoup-packet3.hex");
    RtpPacket p = RtpPacket.parse(original, 0, original.length).orElseThrow();
    byte[] rtxPayload = new byte[2 + p.payloadLength()];
    BigEndian.put16(rtxPayload, 0, p.sequenceNumber());
    System.arraycopy(original, p.payloadOffset(), rtxPayload, 2, p.payloadLength());
    byte[] rtx =
        RtpPacketBuilder.from(p)
            .ssrc(0x5555)
            .payloadType(97)
            .sequenceNumber(1)
            .payload(rtxPayload)
            .build();
    RtpPacket r = RtpPacket.parse(rtx, 0, rtx.length).orElseThrow();
    assertEquals(0x5555, r.ssrc());
    assertEquals(97, r.payloadType());
    assertEquals(p.timestamp(), r.timestamp());
    assertEquals(19354, BigEndian.u16(rtx, r.payloadOffset()));
    assertEquals(p.payloadLength() + 2, r.payloadLength());
    assertTrue(r.extensions().find(3));
  }

  @Test
  void rawExtensionBlockIsWrittenAsIs() {
    byte[] b = new RtpPacketBuilder().rawExtension(0xABCD, Hex.bytes("01020304")).build();
    assertEquals("90000000 00000000 00000000 abcd0001 01020304".replace(" ", ""), Hex.of(b));
  }

  @Test
  void programmingErrorsThrow() {
    RtpPacketBuilder b = new RtpPacketBuilder();
    assertThrows(IllegalArgumentException.class, () -> b.payloadType(128));
    assertThrows(IllegalArgumentException.class, () -> b.sequenceNumber(65536));
    assertThrows(IllegalArgumentException.class, () -> b.timestamp(-1));
    assertThrows(IllegalArgumentException.class, () -> b.ssrc(1L << 32));
    assertThrows(IllegalArgumentException.class, () -> b.extension(0, new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> b.extension(1, new byte[256]));
    assertThrows(IllegalArgumentException.class, () -> b.padding(256));
    assertThrows(IllegalArgumentException.class, () -> b.payload(new byte[2], 1, 2));
    assertThrows(IllegalArgumentException.class, () -> b.rawExtension(1, new byte[3]));
    for (int i = 0; i < 15; i++) {
      b.csrc(i);
    }
    assertThrows(IllegalArgumentException.class, () -> b.csrc(15));
  }

  @Test
  void payloadIsReferencedUntilWritten() {
    byte[] payload = Hex.bytes("0102");
    RtpPacketBuilder b = new RtpPacketBuilder().payload(payload);
    payload[0] = 9;
    assertArrayEquals(Hex.bytes("0902"), Arrays.copyOfRange(b.build(), 12, 14));
  }
}
