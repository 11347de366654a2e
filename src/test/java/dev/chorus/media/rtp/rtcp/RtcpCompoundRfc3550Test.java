package dev.chorus.media.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3550 §6.1 compound packets, §6.4.1 common header checks (version, length, padding). */
class RtcpCompoundRfc3550Test {
  private static final long SSRC = 0x902f9e2eL;

  private static byte[] compound() {
    return Hex.fixture("rtcp-compound-rr-sdes-bye-pli-rrr-app.hex");
  }

  @Test
  void parsesEveryPacketOfARealCompoundAndWritesItBackByteForByte() {
    byte[] b = compound();
    List<RtcpPacket> packets = RtcpCompound.parse(b, 0, b.length).orElseThrow();
    List<RtcpPacket> expected =
        List.of(
            new ReceiverReport(
                SSRC, List.of(new ReportBlock(0xbc5e9a40L, 0, 0, 0x46e1, 273, 0x9f36432, 150137))),
            SourceDescription.cname(SSRC, "{9c00eb92-1afb-9d49-a47d-91f64eee69f5}"),
            Goodbye.of(SSRC),
            new PictureLossIndication(SSRC, SSRC),
            new UnknownRtcp(RtcpHeader.RTPFB, 5, Hex.bytes("902f9e2e 902f9e2e")),
            new UnknownRtcp(RtcpHeader.APP, 0, Hex.bytes("4baae1ab 4e414d45 41424344")));
    assertEquals(expected, packets);
    assertArrayEquals(b, RtcpCompound.toBytes(packets));
    assertEquals(b.length, RtcpCompound.encodedLength(packets));
  }

  @Test
  void iteratorWalksHeadersWithoutParsingBodies() {
    byte[] b = compound();
    RtcpCompoundIterator it = new RtcpCompoundIterator().reset(b, 0, b.length);
    List<String> seen = new ArrayList<>();
    while (it.next()) {
      seen.add(
          it.packetOffset()
              + "/"
              + it.packetLength()
              + "/"
              + it.packetType()
              + "/"
              + it.countOrFormat()
              + "/"
              + it.bodyLength());
    }
    assertFalse(it.malformed());
    assertEquals(
        List.of(
            "0/32/201/1/28",
            "32/52/202/1/48",
            "84/8/203/1/4",
            "92/12/206/1/8",
            "104/12/205/5/8",
            "116/16/204/0/12"),
        seen);
  }

  @Test
  void truncatedCompoundIsRejected() {
    byte[] b = compound();
    for (int cut = 1; cut < b.length; cut++) {
      boolean boundary = cut == 32 || cut == 84 || cut == 92 || cut == 104 || cut == 116;
      assertEquals(boundary, RtcpCompound.parse(b, 0, cut).isPresent(), "cut at " + cut);
    }
    RtcpCompoundIterator it = new RtcpCompoundIterator().reset(b, 0, 34);
    assertTrue(it.next());
    assertFalse(it.next());
    assertTrue(it.malformed());
  }

  @Test
  void compoundNeedNotStartWithAReport() {
    // reduced-size RTCP (RFC 5506) and pion's "BYE + PLI" slice of the same capture
    byte[] b = compound();
    List<RtcpPacket> packets = RtcpCompound.parse(b, 84, 20).orElseThrow();
    assertEquals(List.of(Goodbye.of(SSRC), new PictureLossIndication(SSRC, SSRC)), packets);
  }

  @Test
  void badLengthWordsAreRejected() {
    byte[] longer = compound();
    longer[3] = 8; // RR claims 36 bytes: the next header lands inside the SDES
    assertTrue(RtcpCompound.parse(longer, 0, longer.length).isEmpty());
    byte[] past = Arrays.copyOf(compound(), 32);
    past[3] = 8; // RR claims 36 bytes of a 32-byte datagram
    assertTrue(RtcpCompound.parse(past, 0, past.length).isEmpty());
    assertTrue(ReceiverReport.parse(past, 0, past.length).isEmpty());
    byte[] shorter = Arrays.copyOf(compound(), 32);
    shorter[3] = 6; // RR of 28 bytes cannot hold its report block; 4 bytes left over
    assertTrue(RtcpCompound.parse(shorter, 0, shorter.length).isEmpty());
    assertTrue(ReceiverReport.parse(shorter, 0, 28).isEmpty());
  }

  @Test
  void wrongVersionIsRejected() {
    byte[] b = compound();
    b[32] = (byte) 0x41; // SDES with version 1
    assertTrue(RtcpCompound.parse(b, 0, b.length).isEmpty());
    RtcpCompound.Lenient lenient = RtcpCompound.parseLenient(b, 0, b.length);
    assertTrue(lenient.framingError());
    assertEquals(1, lenient.packets().size());
  }

  @Test
  void malformedBodyFailsStrictParseButLenientParseKeepsTheRest() {
    // PLI followed by a NACK with no FCI pair (length 2): well framed, malformed body
    byte[] b = Hex.bytes("81ce0002 00000001 00000002  81cd0002 00000001 00000002");
    assertTrue(RtcpCompound.parse(b, 0, b.length).isEmpty());
    RtcpCompound.Lenient lenient = RtcpCompound.parseLenient(b, 0, b.length);
    assertEquals(List.of(new PictureLossIndication(1, 2)), lenient.packets());
    assertEquals(1, lenient.skipped());
    assertFalse(lenient.framingError());
  }

  @Test
  void paddingIsCountedAndChecked() {
    // RR without blocks + 4 bytes of RTCP padding
    byte[] padded = Hex.bytes("a0c90002 12345678 00000004");
    assertEquals(4, RtcpHeader.bodyLength(padded, 0, padded.length));
    assertEquals(
        List.of(new ReceiverReport(0x12345678L, List.of())),
        RtcpCompound.parse(padded, 0, padded.length).orElseThrow());
    byte[] tooMuch = Hex.bytes("a0c90002 12345678 00000009");
    assertEquals(-1, RtcpHeader.bodyLength(tooMuch, 0, tooMuch.length));
    assertTrue(RtcpCompound.parse(tooMuch, 0, tooMuch.length).isEmpty());
    byte[] zero = Hex.bytes("a0c90002 12345678 00000000");
    assertTrue(RtcpCompound.parse(zero, 0, zero.length).isEmpty());
  }

  @Test
  void emptyOrTrailingBytesAreNotACompound() {
    assertTrue(RtcpCompound.parse(new byte[0], 0, 0).isEmpty());
    byte[] trailing = Arrays.copyOf(compound(), 134);
    assertTrue(RtcpCompound.parse(trailing, 0, trailing.length).isEmpty());
    assertTrue(RtcpCompound.parse(null, 0, 4).isEmpty());
    assertTrue(RtcpCompound.parse(compound(), 100, 100).isEmpty());
  }

  @Test
  void writeReportsAShortBuffer() {
    List<RtcpPacket> packets = List.of(Goodbye.of(1), new PictureLossIndication(1, 2));
    byte[] buf = new byte[19];
    assertEquals(-1, RtcpCompound.write(packets, buf, 0));
    assertEquals(20, RtcpCompound.write(packets, new byte[20], 0));
    assertEquals(-1, Goodbye.of(1).writeTo(new byte[7], 0));
    assertEquals(-1, new PictureLossIndication(1, 2).writeTo(new byte[12], 1));
  }
}
