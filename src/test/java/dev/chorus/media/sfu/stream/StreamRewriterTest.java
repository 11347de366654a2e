package dev.chorus.media.sfu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chorus.media.rtp.SequenceNumbers;
import org.junit.jupiter.api.Test;

/**
 * Sequence number and timestamp continuity (RFC 3550 §5.1) of a consumer's stream while its source
 * changes: a simulcast layer or another producer altogether, with unrelated numbering.
 */
class StreamRewriterTest {
  private static final long MS = 1_000_000L;

  @Test
  void startsAtTheChosenInitialValues() {
    var r = new StreamRewriter(90_000, 40_000, 7);
    r.switchTo(0, 65_000, 4_000_000_000L, 0);
    assertEquals(40_000, r.sequenceNumber(65_000));
    assertEquals(7, r.timestamp(4_000_000_000L));
    assertEquals(
        40_001 + 1000, r.sequenceNumber((65_000 + 1001) & 0xFFFF), "wraps with the source");
    assertEquals(7 + 3000, r.timestamp(4_000_003_000L));
  }

  @Test
  void aProducerSwitchContinuesAfterTheHighestSentBothInSequenceAndTime() {
    var r = new StreamRewriter(48_000, 65_534, 4_294_967_000L);
    long now = 0;
    int out = 0;
    long outTs = 0;
    // Producer A: seq 100.., ts 1000.. (20 ms frames)
    r.switchTo(1, 100, 1000, now);
    for (int i = 0; i < 5; i++) {
      out = r.sequenceNumber(100 + i);
      outTs = r.timestamp(1000 + 960L * i);
      r.sent(out, outTs, now);
      now += 20 * MS;
    }
    assertEquals(SequenceNumbers.add(65_534, 4), out);
    // Producer B, 30 ms after A's last packet: numbering from elsewhere entirely.
    now += 10 * MS;
    r.switchTo(2, 33_333, 777_777, now);
    int first = r.sequenceNumber(33_333);
    long firstTs = r.timestamp(777_777);
    assertEquals(SequenceNumbers.add(out, 1), first, "no gap, so nothing to NACK");
    assertEquals((outTs + 30 * 48) & 0xFFFF_FFFFL, firstTs, "30 ms later in the 48 kHz clock");
    r.sent(first, firstTs, now);
    assertEquals(SequenceNumbers.add(first, 1), r.sequenceNumber(33_334));
    assertEquals((firstTs + 960) & 0xFFFF_FFFFL, r.timestamp(777_777 + 960));
  }

  @Test
  void lateAndReorderedPacketsKeepTheirPlaces() {
    var r = new StreamRewriter(90_000, 10, 0);
    r.switchTo(0, 500, 0, 0);
    assertEquals(10, r.sequenceNumber(500));
    assertEquals(13, r.sequenceNumber(503));
    assertEquals(12, r.sequenceNumber(502), "a late packet gets its own number, not the next");
  }

  @Test
  void packetsOfTheNewSourceFromBeforeTheSwitchAreRefused() {
    var r = new StreamRewriter(90_000, 10, 0);
    r.switchTo(0, 500, 0, 0);
    r.sent(r.sequenceNumber(500), 0, 0);
    r.switchTo(1, 9000, 0, MS);
    assertEquals(11, r.sequenceNumber(9000));
    assertEquals(-1, r.sequenceNumber(8999), "would collide with numbers already used");
    assertEquals(12, r.sequenceNumber(9001));
  }

  @Test
  void aSwitchWithinTheSameInstantStillMovesTimeForward() {
    var r = new StreamRewriter(90_000, 0, 1000);
    r.switchTo(0, 1, 50, 0);
    r.sent(r.sequenceNumber(1), r.timestamp(50), 0);
    r.switchTo(1, 7, 99_999, 0);
    assertEquals(1001, r.timestamp(99_999));
  }
}
