package dev.chorus.media.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** RFC 4585 §6.3.1 PLI and §6.2.1 generic NACK; RFC 5104 §4.3.1 FIR. */
class RtcpFeedbackRfc4585Test {

  @Test
  void pictureLossIndication() {
    byte[] b = Hex.bytes("81ce0002 902f9e2e 4bc4fcb4");
    PictureLossIndication pli = PictureLossIndication.parse(b, 0, b.length).orElseThrow();
    assertEquals(new PictureLossIndication(0x902f9e2eL, 0x4bc4fcb4L), pli);
    assertArrayEquals(b, pli.toBytes());
    byte[] withFci = Hex.bytes("81ce0003 902f9e2e 4bc4fcb4 00000000");
    assertTrue(PictureLossIndication.parse(withFci, 0, withFci.length).isEmpty());
    byte[] wrongFmt = Hex.bytes("82ce0002 902f9e2e 4bc4fcb4");
    assertTrue(PictureLossIndication.parse(wrongFmt, 0, wrongFmt.length).isEmpty());
    assertInstanceOf(UnknownRtcp.class, RtcpParser.parse(wrongFmt, 0, wrongFmt.length).get());
  }

  @Test
  void genericNackExpandsPidAndBitmask() {
    byte[] b = Hex.fixture("rtcp-nack-one-pair.hex");
    GenericNack nack = GenericNack.parse(b, 0, b.length).orElseThrow();
    assertEquals(0x902f9e2eL, nack.senderSsrc());
    assertEquals(0x902f9e2eL, nack.mediaSsrc());
    assertEquals(List.of(new GenericNack.Pair(0xaaaa, 0x5555)), nack.pairs());
    // BLP 0x5555: bits 0, 2, ..., 14 -> PID + 1, + 3, ..., + 15
    assertArrayEquals(
        new int[] {0xaaaa, 0xaaab, 0xaaad, 0xaaaf, 0xaab1, 0xaab3, 0xaab5, 0xaab7, 0xaab9},
        nack.lostSequenceNumbers());
    assertArrayEquals(b, nack.toBytes());
    assertEquals(nack, RtcpParser.parse(b, 0, b.length).orElseThrow());
  }

  @Test
  void genericNackFromLostSequenceNumbersAcrossTheWrap() {
    GenericNack nack = GenericNack.fromLost(1, 2, new int[] {19, 3, 1, 2, 18, 65535, 0, 2});
    assertEquals(
        List.of(new GenericNack.Pair(65535, 0x000f), new GenericNack.Pair(18, 0x0001)),
        nack.pairs());
    assertArrayEquals(new int[] {65535, 0, 1, 2, 3, 18, 19}, nack.lostSequenceNumbers());
    assertEquals(
        "81cd0004 00000001 00000002 ffff000f 00120001".replace(" ", ""), Hex.of(nack.toBytes()));
  }

  @Test
  void genericNackRoundTripsRandomLossPatterns() {
    Random random = new Random(4585);
    for (int round = 0; round < 500; round++) {
      int start = random.nextInt(65536);
      TreeSet<Integer> offsets = new TreeSet<>();
      int n = 1 + random.nextInt(60);
      while (offsets.size() < n) {
        offsets.add(random.nextInt(200));
      }
      int[] lost = offsets.stream().mapToInt(o -> (start + o) & 0xFFFF).toArray();
      GenericNack nack = GenericNack.fromLost(7, 8, lost);
      byte[] wire = nack.toBytes();
      GenericNack parsed = GenericNack.parse(wire, 0, wire.length).orElseThrow();
      assertArrayEquals(lost, parsed.lostSequenceNumbers(), () -> Arrays.toString(lost));
      assertTrue(parsed.pairs().size() <= lost.length);
    }
  }

  @Test
  void genericNackNeedsAtLeastOnePair() {
    byte[] b = Hex.bytes("81cd0002 00000001 00000002");
    assertTrue(GenericNack.parse(b, 0, b.length).isEmpty());
    assertTrue(RtcpParser.parse(b, 0, b.length).isEmpty());
  }

  @Test
  void fullIntraRequestOfRfc5104() {
    byte[] b = Hex.fixture("rtcp-fir-two-entries.hex");
    FullIntraRequest fir = FullIntraRequest.parse(b, 0, b.length).orElseThrow();
    assertEquals(
        new FullIntraRequest(
            0,
            0x4bc4fcb4L,
            List.of(
                new FullIntraRequest.Entry(0x12345678L, 0x42),
                new FullIntraRequest.Entry(0x98765432L, 0x57))),
        fir);
    assertArrayEquals(b, fir.toBytes());
    assertEquals(fir, RtcpParser.parse(b, 0, b.length).orElseThrow());
  }

  @Test
  void fullIntraRequestNeedsWholeEntries() {
    byte[] none = Hex.bytes("84ce0002 00000000 4bc4fcb4");
    assertTrue(FullIntraRequest.parse(none, 0, none.length).isEmpty());
    byte[] half = Hex.bytes("84ce0003 00000000 4bc4fcb4 12345678");
    assertTrue(FullIntraRequest.parse(half, 0, half.length).isEmpty());
  }
}
