package dev.chorus.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8285 §4.2 (one-byte) and §4.3 (two-byte) header extension elements. */
class RtpHeaderExtensionRfc8285Test {
  private static final String HEADER = "90 00 0001 00000002 00000003";

  /** The figure of RFC 8285 §4.2 with concrete data: L=0, L=1, two pad bytes, L=3. */
  private static final String ONE_BYTE_EXAMPLE = "bede 0003  10 aa  21 bbcc  00 00  33 01020304";

  /** The figure of RFC 8285 §4.3 with concrete data: L=0, L=1, one pad byte, L=4. */
  private static final String TWO_BYTE_EXAMPLE = "1000 0003  01 00  02 01 dd  00  03 04 01020304";

  private static RtpPacket wrap(byte[] b) {
    RtpPacket p = new RtpPacket();
    assertTrue(p.wrap(b, 0, b.length), () -> "rejected " + Hex.of(b));
    return p;
  }

  private static List<String> elements(RtpPacket p) {
    List<String> out = new ArrayList<>();
    HeaderExtensionCursor c = p.extensions();
    while (c.next()) {
      out.add(c.id() + ":" + Hex.of(p.buffer(), c.dataOffset(), c.dataLength()));
    }
    return out;
  }

  @Test
  void oneByteFormExampleOfSection4_2() {
    byte[] b = Hex.bytes(HEADER + ONE_BYTE_EXAMPLE + "ab");
    RtpPacket p = wrap(b);
    assertEquals(0xBEDE, p.extensionProfile());
    assertEquals(12, p.extensionDataLength());
    assertEquals(List.of("1:aa", "2:bbcc", "3:01020304"), elements(p));
    assertFalse(p.extensions().isTwoByte());
    assertEquals(1, p.payloadLength());
    byte[] rebuilt =
        new RtpPacketBuilder()
            .payloadType(0)
            .sequenceNumber(1)
            .timestamp(2)
            .ssrc(3)
            .extension(1, Hex.bytes("aa"))
            .extension(2, Hex.bytes("bbcc"))
            .extensionPadding(2)
            .extension(3, Hex.bytes("01020304"))
            .payload(Hex.bytes("ab"))
            .build();
    assertArrayEquals(b, rebuilt);
  }

  @Test
  void twoByteFormExampleOfSection4_3() {
    byte[] b = Hex.bytes(HEADER + TWO_BYTE_EXAMPLE + "ab");
    RtpPacket p = wrap(b);
    assertEquals(0x1000, p.extensionProfile());
    assertTrue(p.extensions().isTwoByte());
    assertEquals(List.of("1:", "2:dd", "3:01020304"), elements(p));
    HeaderExtensionCursor c = p.extensions();
    assertTrue(c.find(1));
    assertEquals(0, c.dataLength());
    byte[] rebuilt =
        new RtpPacketBuilder()
            .sequenceNumber(1)
            .timestamp(2)
            .ssrc(3)
            .twoByteExtensions(0)
            .extension(1, new byte[0])
            .extension(2, Hex.bytes("dd"))
            .extensionPadding(1)
            .extension(3, Hex.bytes("01020304"))
            .payload(Hex.bytes("ab"))
            .build();
    assertArrayEquals(b, rebuilt);
  }

  @Test
  void twoByteFormKeepsAppBitsAndAllowsLargeIdsAndLengths() {
    byte[] value = new byte[200];
    Arrays.fill(value, (byte) 7);
    byte[] b =
        new RtpPacketBuilder()
            .twoByteExtensions(0xF)
            .extension(255, value)
            .extension(14, Hex.bytes("01"))
            .build();
    RtpPacket p = wrap(b);
    assertEquals(0x100F, p.extensionProfile());
    HeaderExtensionCursor c = p.extensions();
    assertTrue(c.find(255));
    assertEquals(200, c.dataLength());
    assertEquals(7, c.dataU8(199));
    assertArrayEquals(b, RtpPacketBuilder.from(p).build());
  }

  @Test
  void builderPicksTwoByteFormOnlyWhenNeeded() {
    RtpPacket small = wrap(new RtpPacketBuilder().extension(14, new byte[16]).build());
    assertEquals(0xBEDE, small.extensionProfile());
    assertEquals(
        0x1000, wrap(new RtpPacketBuilder().extension(15, new byte[1]).build()).extensionProfile());
    assertEquals(
        0x1000, wrap(new RtpPacketBuilder().extension(1, new byte[17]).build()).extensionProfile());
    assertEquals(
        0x1000, wrap(new RtpPacketBuilder().extension(1, new byte[0]).build()).extensionProfile());
  }

  @Test
  void id15EndsTheOneByteWalkAndItsLengthIsIgnored() {
    // id 1 (aa), then 0xf3: id 15 -> stop; the bytes after it are not elements
    RtpPacket p = wrap(Hex.bytes(HEADER + "bede 0001 10 aa f3 21"));
    assertEquals(List.of("1:aa"), elements(p));
    assertFalse(p.extensions().find(2));
  }

  @Test
  void elementsRunningPastTheBlockAreRejected() {
    byte[] oneByte = Hex.bytes(HEADER + "bede 0001 13 aabbcc ff");
    assertFalse(new RtpPacket().wrap(oneByte, 0, oneByte.length));
    byte[] twoByte = Hex.bytes(HEADER + "1000 0001 01 05 aabb ff");
    assertFalse(new RtpPacket().wrap(twoByte, 0, twoByte.length));
    byte[] twoByteHeaderCut = Hex.bytes(HEADER + "1000 0001 000000 01 ff");
    assertFalse(new RtpPacket().wrap(twoByteHeaderCut, 0, twoByteHeaderCut.length));
  }

  @Test
  void otherProfilesAreOpaque() {
    byte[] b = Hex.bytes(HEADER + "abcd 0001 13 aabbcc ff");
    RtpPacket p = wrap(b);
    assertEquals(0xABCD, p.extensionProfile());
    assertFalse(p.extensions().next());
    assertFalse(p.setExtension(1, new byte[1], 0, 1));
    assertArrayEquals(b, RtpPacketBuilder.from(p).build());
  }

  @Test
  void rewriteValueAndIdInPlace() {
    byte[] b = Hex.fixture("rtp-mediasoup-packet3.hex");
    int length = b.length;
    RtpPacket p = wrap(b);
    HeaderExtensionCursor c = p.extensions();
    assertTrue(c.find(3));
    assertTrue(c.setData(Hex.bytes("010203"), 0, 3));
    assertFalse(c.setData(Hex.bytes("0102"), 0, 2));
    assertTrue(c.setId(7));
    assertFalse(c.setId(15));
    assertTrue(p.setExtension(1, Hex.bytes("7f"), 0, 1));
    assertEquals(List.of("7:010203", "1:7f"), elements(p));
    assertEquals(length, p.length());
    assertEquals("7201020310 7f0000".replace(" ", ""), Hex.of(b, 16, 8));
  }

  @Test
  void removeBlanksTheElementToPadding() {
    byte[] b = Hex.fixture("rtp-mediasoup-packet3.hex");
    RtpPacket p = wrap(b);
    assertTrue(p.removeExtension(3));
    assertFalse(p.removeExtension(3));
    assertEquals(List.of("1:d0"), elements(p));
    assertEquals("00000000 10d00000".replace(" ", ""), Hex.of(b, 16, 8));
    assertTrue(wrap(b).extensions().find(1));
  }

  @Test
  void addingIntoFreePaddingDoesNotGrowThePacket() {
    byte[] b = Hex.fixture("rtp-mediasoup-packet1.hex");
    RtpPacket p = wrap(b);
    assertTrue(p.setExtension(2, Hex.bytes("42"), 0, 1));
    assertEquals(54, p.length());
    assertEquals(List.of("1:ff", "2:42"), elements(p));
  }

  @Test
  void growingTheBlockMovesThePayloadInsideTheBuffer() {
    byte[] original = Hex.fixture("rtp-mediasoup-packet1.hex");
    RtpPacket orig = wrap(original.clone());
    byte[] pool = Arrays.copyOf(original, 1500);
    RtpPacket p = new RtpPacket();
    assertTrue(p.wrap(pool, 0, original.length));
    // transport-wide sequence number (id 5, 2 bytes) and a 4-byte value (id 6)
    assertTrue(p.setExtension(5, Hex.bytes("1234"), 0, 2));
    assertTrue(p.setExtension(6, Hex.bytes("deadbeef"), 0, 4));
    byte[] expected =
        RtpPacketBuilder.from(orig)
            .extension(5, Hex.bytes("1234"))
            .extension(6, Hex.bytes("deadbeef"))
            .build();
    assertEquals(expected.length, p.length());
    assertArrayEquals(expected, Arrays.copyOf(pool, p.length()));
  }

  @Test
  void addingToAPacketWithoutExtensionInsertsABlock() {
    byte[] b = Arrays.copyOf(Hex.bytes("a0 60 0005 00000000 00000001 cafe 0002"), 64);
    RtpPacket p = new RtpPacket();
    assertTrue(p.wrap(b, 0, 16));
    assertTrue(p.setExtension(3, Hex.bytes("010203"), 0, 3));
    assertEquals(
        "b0600005 00000000 00000001 bede0001 32010203 cafe0002".replace(" ", ""),
        Hex.of(b, 0, p.length()));
    assertEquals(2, p.paddingLength());
    assertEquals(2, p.payloadLength());
  }

  @Test
  void needingTheTwoByteFormConvertsTheWholeBlock() {
    byte[] original = Hex.fixture("rtp-mediasoup-packet3.hex");
    RtpPacket orig = wrap(original.clone());
    byte[] pool = Arrays.copyOf(original, 1500);
    RtpPacket p = new RtpPacket();
    assertTrue(p.wrap(pool, 0, original.length));
    assertTrue(p.setExtension(20, Hex.bytes("abcd"), 0, 2));
    byte[] expected =
        RtpPacketBuilder.from(orig).twoByteExtensions(0).extension(20, Hex.bytes("abcd")).build();
    assertArrayEquals(expected, Arrays.copyOf(pool, p.length()));
    assertEquals(List.of("3:65341e", "1:d0", "20:abcd"), elements(p));
    // and an empty value, which only the two-byte form can carry
    assertTrue(p.setExtension(21, new byte[0], 0, 0));
    assertEquals(List.of("3:65341e", "1:d0", "20:abcd", "21:"), elements(p));
  }

  @Test
  void conversionSurvivesPaddingBetweenElements() {
    byte[] pool = Arrays.copyOf(Hex.bytes(HEADER + ONE_BYTE_EXAMPLE + "ab"), 100);
    RtpPacket p = new RtpPacket();
    assertTrue(p.wrap(pool, 0, 29));
    assertTrue(p.setExtension(2, new byte[20], 0, 20));
    assertEquals(List.of("1:aa", "3:01020304", "2:" + "00".repeat(20)), elements(p));
    assertEquals(1, p.payloadLength());
    assertEquals(0xab, pool[p.payloadOffset()] & 0xff);
  }

  @Test
  void refusedEditsLeaveThePacketUnchanged() {
    byte[] b = Hex.fixture("rtp-mediasoup-packet1.hex");
    byte[] before = b.clone();
    RtpPacket p = wrap(b);
    assertFalse(p.setExtension(5, new byte[8], 0, 8)); // no capacity to grow
    assertFalse(p.setExtension(0, new byte[1], 0, 1));
    assertFalse(p.setExtension(256, new byte[1], 0, 1));
    assertFalse(p.setExtension(1, new byte[300], 0, 256));
    assertFalse(p.setExtension(1, new byte[1], 1, 1));
    assertArrayEquals(before, b);
    assertEquals(54, p.length());
  }
}
