package dev.chorus.media.sfu.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.media.rtp.rtcp.ReportBlock;
import org.junit.jupiter.api.Test;

/** Reception statistics as RFC 3550 Appendix A.1, A.3 and A.8 define them. */
class ReceiveStatisticsRfc3550Test {
  private static final long MS = 1_000_000L;

  @Test
  void extendedHighestSequenceCountsCyclesAcrossTheWrap() {
    var s = new ReceiveStatistics(90_000);
    s.onPacket(65_534, 0, 0);
    s.onPacket(65_535, 0, 0);
    assertEquals(1, s.onPacket(0, 0, 0));
    s.onPacket(1, 0, 0);
    assertEquals(65_536 + 1, s.extendedHighest());
    assertEquals(4, s.expected());
    assertEquals(-1, s.onPacket(0, 0, 0), "a duplicate");
  }

  @Test
  void reportBlockFractionAndCumulativeLossPerInterval() {
    var s = new ReceiveStatistics(8000);
    for (int seq = 0; seq < 100; seq++) {
      if (seq % 4 != 3) {
        s.onPacket(seq, 160L * seq, 20 * MS * seq);
      }
    }
    ReportBlock first = s.reportBlock(0x1234, 0, 0);
    assertEquals(0x1234, first.ssrc());
    assertEquals(98, first.extendedHighestSequence());
    assertEquals(25 - 1, first.cumulativeLost(), "99 expected (0..98), 75 received");
    assertEquals(24 * 256 / 99, first.fractionLost());
    for (int seq = 100; seq < 200; seq++) {
      s.onPacket(seq, 160L * seq, 20 * MS * seq);
    }
    ReportBlock second = s.reportBlock(0x1234, 0xABCD, 1500 * MS);
    assertEquals(256 / 101, second.fractionLost(), "99..199 expected, 99 lost");
    assertEquals(25, second.cumulativeLost(), "99's loss shows once 100 arrived");
    assertEquals(0xABCD, second.lastSenderReport());
    assertEquals(65_536 * 3 / 2, second.delaySinceLastSenderReport());
  }

  @Test
  void jitterStaysZeroForPerfectTimingAndGrowsWithVariation() {
    var steady = new ReceiveStatistics(90_000);
    for (int i = 0; i < 100; i++) {
      steady.onPacket(i, 3000L * i, 33_333_333L * i);
    }
    assertTrue(steady.jitter() <= 1, "" + steady.jitter());

    var shaky = new ReceiveStatistics(90_000);
    for (int i = 0; i < 200; i++) {
      long wobble = (i % 2 == 0 ? 0 : 10) * MS; // every other packet 10 ms late
      shaky.onPacket(i, 3000L * i, 33_333_333L * i + wobble);
    }
    // |D| = 900 ticks every packet, so J converges to 900.
    assertTrue(Math.abs(shaky.jitter() - 900) < 20, "" + shaky.jitter());
  }

  @Test
  void aHugeJumpRestartsCounting() {
    var s = new ReceiveStatistics(90_000);
    s.onPacket(10, 0, 0);
    s.onPacket(11, 0, 0);
    assertEquals(0, s.onPacket(30_000, 0, 0));
    s.onPacket(30_001, 0, 0);
    ReportBlock b = s.reportBlock(1, 0, 0);
    assertEquals(0, b.cumulativeLost());
    assertEquals(30_001, b.extendedHighestSequence());
  }
}
