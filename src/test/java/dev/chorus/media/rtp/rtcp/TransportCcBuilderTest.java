package dev.chorus.media.rtp.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.Hex;
import dev.chorus.media.rtp.rtcp.TransportCcFeedback.PacketResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Building transport-wide CC feedback from arrivals and reading the same arrivals back. */
class TransportCcBuilderTest {

  private static TransportCcFeedback reparse(TransportCcFeedback f) {
    byte[] wire = f.toBytes();
    assertEquals(0, wire.length % 4);
    TransportCcFeedback back = TransportCcFeedback.parse(wire, 0, wire.length).orElseThrow();
    assertEquals(f, back);
    assertArrayEquals(wire, back.toBytes());
    return back;
  }

  @Test
  void exactBytesForASmallFeedback() {
    TransportCcBuilder b = new TransportCcBuilder(1, 2, 5);
    assertTrue(b.add(100, 1_000_000)); // 15 x 64 ms + 40 ms -> ref 15, delta 160 ticks
    assertTrue(b.add(101, 1_000_250)); // +1 tick
    assertTrue(b.add(103, 1_000_000)); // 102 lost; -1 tick: large delta
    TransportCcFeedback f = b.build().orElseThrow();
    // 2-bit vector 01 01 00 10 + 3 not-received fillers; deltas a0, 01, ffff; 2 bytes of padding
    assertEquals(
        "afcd0006 00000001 00000002 00640004 00000f05 d480a001 ffff0002".replace(" ", ""),
        Hex.of(f.toBytes()));
    assertEquals(
        List.of(
            new PacketResult(100, true, 1_000_000),
            new PacketResult(101, true, 1_000_250),
            new PacketResult(102, false, 0),
            new PacketResult(103, true, 1_000_000)),
        reparse(f).packets());
  }

  @Test
  void arrivalsComeBackQuantizedTo250MicrosWithoutDrift() {
    Random random = new Random(8888);
    for (int round = 0; round < 300; round++) {
      int start = random.nextInt(65536);
      long t = 1_000_000L + random.nextInt(1_000_000_000);
      Map<Integer, Long> arrivals = new LinkedHashMap<>();
      int seq = start;
      int n = 1 + random.nextInt(300);
      for (int i = 0; i < n; i++) {
        seq = (seq + 1 + (random.nextInt(10) == 0 ? random.nextInt(40) : 0)) & 0xFFFF;
        t += random.nextInt(8) == 0 ? -random.nextInt(20_000) : random.nextInt(90_000);
        arrivals.put(seq, t);
      }
      List<TransportCcFeedback> feedback = TransportCcBuilder.fromArrivals(1, 2, 250, arrivals);
      Map<Integer, Long> seen = new HashMap<>();
      int expectedCount = 250;
      for (TransportCcFeedback f : feedback) {
        assertEquals(expectedCount, f.feedbackPacketCount());
        expectedCount = (expectedCount + 1) & 0xFF;
        for (PacketResult p : reparse(f).packets()) {
          if (p.received()) {
            seen.put(p.sequenceNumber(), p.arrivalTimeMicros());
          } else {
            assertFalse(arrivals.containsKey(p.sequenceNumber()));
          }
        }
      }
      assertEquals(arrivals.size(), seen.size());
      arrivals.forEach(
          (s, time) -> assertEquals(Math.floorDiv(time, 250) * 250, seen.get(s), "seq " + s));
    }
  }

  @Test
  void runsOfLossesUseRunLengthChunksAndStayCompact() {
    TransportCcBuilder b = new TransportCcBuilder(1, 2, 0);
    assertTrue(b.add(0, 0));
    assertTrue(b.add(5000, 1000)); // 4999 lost in between
    assertTrue(b.add(5001, 2000));
    TransportCcFeedback f = reparse(b.build().orElseThrow());
    assertEquals(5002, f.packetStatusCount());
    assertTrue(f.encodedLength() <= 32, "encoded " + f.encodedLength());
    assertEquals(3, f.receivedCount());
  }

  @Test
  void deltaBeyondSixteenBitsStartsANewFeedback() {
    Map<Integer, Long> arrivals = new LinkedHashMap<>();
    arrivals.put(65534, 0L);
    arrivals.put(65535, 1_000L);
    arrivals.put(0, 10_000_000L); // 10 s later: more than 32767 ticks
    arrivals.put(1, 10_001_000L);
    List<TransportCcFeedback> feedback = TransportCcBuilder.fromArrivals(7, 8, 255, arrivals);
    assertEquals(2, feedback.size());
    assertEquals(65534, feedback.get(0).baseSequenceNumber());
    assertEquals(2, feedback.get(0).packetStatusCount());
    assertEquals(255, feedback.get(0).feedbackPacketCount());
    assertEquals(0, feedback.get(1).baseSequenceNumber());
    assertEquals(0, feedback.get(1).feedbackPacketCount());
    assertEquals(10_000_000L, feedback.get(1).packets().get(0).arrivalTimeMicros());
  }

  @Test
  void refusesWhatItCannotCarry() {
    TransportCcBuilder b = new TransportCcBuilder(1, 2, 0);
    assertTrue(b.isEmpty());
    assertTrue(b.build().isEmpty());
    assertTrue(b.add(10, 64_000));
    assertFalse(b.add(10, 65_000)); // duplicate
    assertFalse(b.add(9, 65_000)); // older
    assertFalse(b.add(11, 64_000 + 32_768 * 250L)); // delta 32768 ticks
    assertTrue(b.add(11, 64_000 - 32_768 * 250L)); // delta -32768 ticks is the limit
    TransportCcFeedback f = reparse(b.build().orElseThrow());
    assertEquals(-32_768, f.deltaTicks(1));
  }

  @Test
  void sizeCapSplitsLongFeedback() {
    Map<Integer, Long> arrivals = new LinkedHashMap<>();
    for (int i = 0; i < 3000; i++) {
      // alternate received/lost with large deltas: the least compact pattern
      if (i % 2 == 0) {
        arrivals.put(i, i * 100_000L);
      }
    }
    List<TransportCcFeedback> feedback = TransportCcBuilder.fromArrivals(1, 2, 0, arrivals);
    assertTrue(feedback.size() > 1);
    int received = 0;
    for (TransportCcFeedback f : feedback) {
      assertTrue(f.encodedLength() <= TransportCcBuilder.DEFAULT_MAX_LENGTH);
      received += reparse(f).receivedCount();
    }
    assertEquals(1500, received);
  }

  @Test
  void chunkEncoderHandlesEveryShapeOfSymbols() {
    Random random = new Random(15);
    for (int round = 0; round < 2000; round++) {
      int n = 1 + random.nextInt(100);
      byte[] symbols = new byte[n];
      int kinds = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        symbols[i] =
            (byte) (random.nextInt(4) == 0 ? random.nextInt(kinds) : symbols[Math.max(0, i - 1)]);
      }
      List<Integer> decoded = new ArrayList<>();
      byte[] out = new byte[n];
      int filled = 0;
      for (int word : TransportCcCodec.encodeChunks(symbols)) {
        filled = TransportCcCodec.decodeChunk(word, out, filled);
      }
      assertEquals(n, filled);
      for (byte s : out) {
        decoded.add((int) s);
      }
      for (int i = 0; i < n; i++) {
        assertEquals(symbols[i], decoded.get(i).byteValue(), "symbol " + i);
      }
    }
  }
}
