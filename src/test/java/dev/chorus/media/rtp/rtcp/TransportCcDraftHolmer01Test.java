package dev.chorus.media.rtp.rtcp;

import static dev.chorus.media.rtp.rtcp.TransportCcFeedback.Status.NOT_RECEIVED;
import static dev.chorus.media.rtp.rtcp.TransportCcFeedback.Status.RECEIVED_LARGE_DELTA;
import static dev.chorus.media.rtp.rtcp.TransportCcFeedback.Status.RECEIVED_SMALL_DELTA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.Hex;
import dev.chorus.media.rtp.rtcp.TransportCcFeedback.PacketResult;
import dev.chorus.media.rtp.rtcp.TransportCcFeedback.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parsing transport-wide CC feedback, draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1: the
 * chunk examples of §3.1.3/§3.1.4 and feedback captured from browsers.
 */
class TransportCcDraftHolmer01Test {

  private static TransportCcFeedback parseFixture(String name) {
    byte[] b = Hex.fixture(name);
    TransportCcFeedback f = TransportCcFeedback.parse(b, 0, b.length).orElseThrow();
    assertArrayEquals(b, f.toBytes(), "round trip of " + name);
    assertEquals(f, RtcpParser.parse(b, 0, b.length).orElseThrow());
    return f;
  }

  private static int[] decode(int word, int symbols) {
    byte[] out = new byte[symbols];
    assertEquals(symbols, TransportCcCodec.decodeChunk(word, out, 0));
    int[] r = new int[symbols];
    for (int i = 0; i < symbols; i++) {
      r[i] = out[i];
    }
    return r;
  }

  private static List<Status> statuses(TransportCcFeedback f) {
    List<Status> out = new ArrayList<>();
    for (int i = 0; i < f.packetStatusCount(); i++) {
      out.add(f.status(i));
    }
    return out;
  }

  private static int[] deltas(TransportCcFeedback f) {
    int[] out = new int[f.receivedCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.deltaTicks(i);
    }
    return out;
  }

  @Test
  void runLengthChunkExamplesOfSection3_1_3() {
    // example 1: 0|00|0000011011101 = 221 x "not received"
    int[] run = decode(0x00dd, 221);
    assertTrue(Arrays.stream(run).allMatch(s -> s == 0));
    // example 2: 0|11|0000000011000 = 24 x symbol 11, which -01 reserves (see below)
    assertTrue(Arrays.stream(decode(0x6018, 24)).allMatch(s -> s == 3));
    // the decoder stops at the status count
    assertEquals(5, TransportCcCodec.decodeChunk(0x00dd, new byte[5], 0));
  }

  @Test
  void statusVectorChunkExamplesOfSection3_1_4() {
    assertArrayEquals(new int[] {0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0}, decode(0x9f1c, 14));
    assertArrayEquals(new int[] {0, 3, 1, 1, 1, 0, 0}, decode(0xcd50, 7));
  }

  @Test
  void reservedSymbolMakesTheFeedbackMalformed() {
    // 24 packets described by the run length chunk of example 2 (symbol 11)
    byte[] b = Hex.bytes("8fcd0005 00000001 00000002 00000018 00000100 60180000");
    assertTrue(TransportCcFeedback.parse(b, 0, b.length).isEmpty());
    assertTrue(RtcpParser.parse(b, 0, b.length).isEmpty());
  }

  @Test
  void singleSmallDeltaWithOneByteOfRtcpPadding() {
    TransportCcFeedback f = parseFixture("rtcp-twcc-pion-example1.hex");
    assertEquals(0xfa17fa17L, f.senderSsrc());
    assertEquals(1124282272L, f.mediaSsrc());
    assertEquals(153, f.baseSequenceNumber());
    assertEquals(1, f.packetStatusCount());
    assertEquals(4057090, f.referenceTime());
    assertEquals(23, f.feedbackPacketCount());
    assertArrayEquals(new int[] {0x2001}, f.chunks());
    assertEquals(List.of(new PacketResult(153, true, 4057090L * 64_000 + 37_000)), f.packets());
    assertEquals(24, f.encodedLength());
  }

  @Test
  void runOfSevenSmallDeltas() {
    TransportCcFeedback f = parseFixture("rtcp-twcc-pion-example4.hex");
    assertEquals(4, f.baseSequenceNumber());
    assertEquals(1074030, f.referenceTime());
    assertEquals(1, f.feedbackPacketCount());
    assertEquals(Collections.nCopies(7, RECEIVED_SMALL_DELTA), statuses(f));
    assertArrayEquals(new int[] {76, 36, 36, 16, 12, 12, 16}, deltas(f));
    List<PacketResult> packets = f.packets();
    assertEquals(7, packets.size());
    assertEquals(10, packets.get(6).sequenceNumber());
    long expected = 1074030L * 64_000 + (76 + 36 + 36 + 16 + 12 + 12 + 16) * 250L;
    assertEquals(expected, packets.get(6).arrivalTimeMicros());
  }

  @Test
  void twoBitVectorThenLongRunWithLargeDelta() {
    TransportCcFeedback f = parseFixture("rtcp-twcc-pion-example6.hex");
    assertEquals(2608133663L, f.senderSsrc());
    assertEquals(2473712828L, f.mediaSsrc());
    assertEquals(34108, f.baseSequenceNumber());
    assertEquals(6551830, f.referenceTime());
    assertEquals(179, f.feedbackPacketCount());
    assertArrayEquals(new int[] {0xd552, 0x0030}, f.chunks());
    assertEquals(
        List.of(
            RECEIVED_SMALL_DELTA,
            RECEIVED_SMALL_DELTA,
            RECEIVED_SMALL_DELTA,
            RECEIVED_SMALL_DELTA,
            RECEIVED_SMALL_DELTA,
            NOT_RECEIVED,
            RECEIVED_LARGE_DELTA,
            NOT_RECEIVED,
            NOT_RECEIVED),
        statuses(f));
    // 38.75, 42.5, 26.5, 42.5, 30.75 and 66.25 ms
    assertArrayEquals(new int[] {155, 170, 106, 170, 123, 265}, deltas(f));
    PacketResult lost = f.packets().get(5);
    assertEquals(new PacketResult(34113, false, 0), lost);
  }

  @Test
  void oneBitVectorWithoutPadding() {
    TransportCcFeedback f = parseFixture("rtcp-twcc-mediasoup-one-bit-vector.hex");
    assertEquals(39, f.baseSequenceNumber());
    assertEquals(13, f.packetStatusCount());
    assertEquals(0x5fc2f1, f.referenceTime());
    assertEquals(3, f.feedbackPacketCount());
    assertEquals(10, f.receivedCount());
    assertEquals(
        List.of(true, true, true, true, true, true, true, false, false, false, true, true, true),
        f.packets().stream().map(PacketResult::received).toList());
    assertArrayEquals(new int[] {16, 0, 0, 0, 0, 0, 0, 28, 4, 0}, deltas(f));
  }

  @Test
  void negativeReferenceTimeAndEmptyFeedback() {
    // mediasoup TestFeedbackRtpTransport.cpp "negative reference time": 0xfffffe = -2
    byte[] b = Hex.bytes("8fcd0004 fa17fa17 09faff67 00270000 fffffe01");
    TransportCcFeedback f = TransportCcFeedback.parse(b, 0, b.length).orElseThrow();
    assertEquals(-2, f.referenceTime());
    assertEquals(-128_000, f.referenceTimeMicros());
    assertEquals(0, f.packetStatusCount());
    assertArrayEquals(b, f.toBytes());
  }

  @Test
  void missingChunksOrDeltasAreRejected() {
    // pion "example8": three packets announced, one small delta present
    byte[] fewDeltas = Hex.bytes("afcd0005 fa17fa17 43032fa0 00990003 3de80217 20039401");
    assertTrue(TransportCcFeedback.parse(fewDeltas, 0, fewDeltas.length).isEmpty());
    // pion "example9": two large deltas announced, three bytes present
    byte[] shortLarge = Hex.bytes("afcd0005 fa17fa17 43032fa0 00990002 3de80217 40029401");
    assertTrue(TransportCcFeedback.parse(shortLarge, 0, shortLarge.length).isEmpty());
    // status count 100, one run-length chunk of 1, then RTCP padding: chunks run out
    byte[] fewChunks = Hex.bytes("afcd0005 00000001 00000002 00000064 00000000 20010002");
    assertTrue(TransportCcFeedback.parse(fewChunks, 0, fewChunks.length).isEmpty());
    // header cut before the fb pkt count
    byte[] cut = Hex.bytes("8fcd0003 00000001 00000002 00000000");
    assertTrue(TransportCcFeedback.parse(cut, 0, cut.length).isEmpty());
    // a whole spare word after the deltas
    byte[] spare = Hex.bytes("8fcd0006 00000001 00000002 00000001 00000000 20010100 00000000");
    assertTrue(TransportCcFeedback.parse(spare, 0, spare.length).isEmpty());
  }
}
