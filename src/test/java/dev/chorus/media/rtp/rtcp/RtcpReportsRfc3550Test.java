package dev.chorus.media.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.Hex;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SR (§6.4.1), RR (§6.4.2), SDES (§6.5) and BYE (§6.6) of RFC 3550. */
class RtcpReportsRfc3550Test {

  @Test
  void senderReportWithOneBlock() {
    byte[] b = Hex.fixture("rtcp-sr-one-block.hex");
    SenderReport sr = SenderReport.parse(b, 0, b.length).orElseThrow();
    assertEquals(0x902f9e2eL, sr.ssrc());
    assertEquals(0xda8bd1fcdddda05aL, sr.ntpTimestamp());
    assertEquals(0xd1fcddddL, sr.compactNtp());
    assertEquals(0xaaf4edd5L, sr.rtpTimestamp());
    assertEquals(1, sr.packetCount());
    assertEquals(2, sr.octetCount());
    assertEquals(
        List.of(new ReportBlock(0xbc5e9a40L, 0, 0, 0x46e1, 273, 0x9f36432, 150137)),
        sr.reportBlocks());
    assertArrayEquals(b, sr.toBytes());
    assertEquals(sr, RtcpParser.parse(b, 0, b.length).orElseThrow());
    byte[] asPublished = b.clone();
    asPublished[3] = 7; // pion's length word: 32 bytes announced, 52 present
    assertTrue(SenderReport.parse(asPublished, 0, asPublished.length).isEmpty());
    assertTrue(RtcpCompound.parse(asPublished, 0, asPublished.length).isEmpty());
  }

  @Test
  void senderReportWithoutBlocks() {
    byte[] b = Hex.fixture("rtcp-sr-no-blocks.hex");
    SenderReport sr = SenderReport.parse(b, 0, b.length).orElseThrow();
    assertEquals(0x5d931534L, sr.ssrc());
    assertEquals(3711615412L, sr.ntpTimestamp() >>> 32);
    assertEquals(1985245553L, sr.ntpTimestamp() & 0xFFFFFFFFL);
    assertEquals(577280, sr.rtpTimestamp());
    assertEquals(3608, sr.packetCount());
    assertEquals(577280, sr.octetCount());
    assertTrue(sr.reportBlocks().isEmpty());
    assertArrayEquals(b, sr.toBytes());
  }

  @Test
  void reportCountBeyondTheLengthIsRejected() {
    byte[] b = Hex.fixture("rtcp-sr-one-block.hex");
    b[0] = (byte) 0x82; // claims two report blocks
    assertTrue(SenderReport.parse(b, 0, b.length).isEmpty());
    byte[] rr = Hex.bytes("81c90001 12345678");
    assertTrue(ReceiverReport.parse(rr, 0, rr.length).isEmpty());
    byte[] wrongType = Hex.fixture("rtcp-sr-one-block.hex");
    wrongType[1] = (byte) 201;
    assertTrue(SenderReport.parse(wrongType, 0, wrongType.length).isEmpty());
  }

  @Test
  void receiverReportBlockFieldsIncludingNegativeCumulativeLoss() {
    // fraction lost 0x40 (25 %), cumulative lost -1 (duplicates), ext. highest seq 0x0001ffff
    byte[] b =
        Hex.bytes("81c90007 00000001  00000002 40ffffff 0001ffff 00000010 a1b2c3d4 00010000");
    ReceiverReport rr = ReceiverReport.parse(b, 0, b.length).orElseThrow();
    ReportBlock block = rr.reportBlocks().get(0);
    assertEquals(new ReportBlock(2, 0x40, -1, 0x1ffff, 16, 0xa1b2c3d4L, 0x10000), block);
    assertArrayEquals(b, rr.toBytes());
  }

  @Test
  void sdesCnameAsBrowsersSendIt() {
    byte[] b = Hex.fixture("rtcp-sdes-cname.hex");
    SourceDescription sdes = SourceDescription.parse(b, 0, b.length).orElseThrow();
    assertEquals(SourceDescription.cname(0x9f65e742L, "t7mkYnCm46OcINy/"), sdes);
    assertEquals(Optional.of("t7mkYnCm46OcINy/"), sdes.cnameOf(0x9f65e742L));
    assertEquals(Optional.empty(), sdes.cnameOf(1));
    assertArrayEquals(b, sdes.toBytes());
  }

  @Test
  void sdesWithSeveralChunksItemsAndUtf8() {
    SourceDescription sdes =
        new SourceDescription(
            List.of(
                new SourceDescription.Chunk(
                    1234,
                    List.of(
                        new SourceDescription.Item(SourceDescription.CNAME, "qwerty"),
                        new SourceDescription.Item(SourceDescription.TOOL, "iñaki"))),
                new SourceDescription.Chunk(5678, List.of()),
                new SourceDescription.Chunk(
                    9, List.of(new SourceDescription.Item(SourceDescription.LOC, "œæ€")))));
    byte[] b = sdes.toBytes();
    assertEquals(
        "83ca000c 000004d2 0106717765727479 060669c3b1616b69 00000000".replace(" ", "")
            + "0000162e00000000"
            + "00000009 0507c593c3a6e282ac 000000".replace(" ", ""),
        Hex.of(b));
    assertEquals(sdes, SourceDescription.parse(b, 0, b.length).orElseThrow());
  }

  @Test
  void sdesWithoutNullTerminatorOrWithBadTextIsRejected() {
    byte[] noNull = Hex.bytes("81ca0002 11223344 08026162");
    assertTrue(SourceDescription.parse(noNull, 0, noNull.length).isEmpty());
    byte[] itemPastEnd = Hex.bytes("81ca0002 11223344 01056162");
    assertTrue(SourceDescription.parse(itemPastEnd, 0, itemPastEnd.length).isEmpty());
    byte[] badUtf8 = Hex.bytes("81ca0002 11223344 0101ff00");
    assertTrue(SourceDescription.parse(badUtf8, 0, badUtf8.length).isEmpty());
    byte[] missingChunk = Hex.bytes("82ca0002 11223344 01016100");
    assertTrue(SourceDescription.parse(missingChunk, 0, missingChunk.length).isEmpty());
    byte[] extraWord = Hex.bytes("81ca0003 11223344 01016100 00000000");
    assertTrue(SourceDescription.parse(extraWord, 0, extraWord.length).isEmpty());
  }

  @Test
  void byeWithAndWithoutReason() {
    byte[] b = Hex.bytes("82cb0003 00000001 00000002 03627965");
    Goodbye bye = Goodbye.parse(b, 0, b.length).orElseThrow();
    assertEquals(new Goodbye(List.of(1L, 2L), Optional.of("bye")), bye);
    assertArrayEquals(b, bye.toBytes());
    byte[] padded = Hex.bytes("81cb0002 00000001 01780000");
    assertEquals(Optional.of("x"), Goodbye.parse(padded, 0, padded.length).orElseThrow().reason());
    assertArrayEquals(padded, new Goodbye(List.of(1L), Optional.of("x")).toBytes());
    byte[] reasonPastEnd = Hex.bytes("81cb0002 00000001 05780000");
    assertTrue(Goodbye.parse(reasonPastEnd, 0, reasonPastEnd.length).isEmpty());
    byte[] sourcesPastEnd = Hex.bytes("83cb0002 00000001 00000002");
    assertTrue(Goodbye.parse(sourcesPastEnd, 0, sourcesPastEnd.length).isEmpty());
  }

  @Test
  void valuesBuiltByTheApplicationAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new ReceiverReport(-1, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ReportBlock(1, 256, 0, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new ReportBlock(1, 0, 1 << 23, 0, 0, 0, 0));
    ReportBlock block = new ReportBlock(1, 0, 0, 0, 0, 0, 0);
    List<ReportBlock> tooMany = java.util.Collections.nCopies(32, block);
    assertThrows(IllegalArgumentException.class, () -> new ReceiverReport(1, tooMany));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SourceDescription.Item(SourceDescription.CNAME, "x".repeat(256)));
  }
}
