package dev.chorus.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 1982 serial number arithmetic on 16-bit RTP sequence numbers (RFC 3550 §5.1). */
class SequenceNumbersTest {

  @Test
  void wrapAroundCountsAsNewer() {
    assertTrue(SequenceNumbers.isNewer(0, 65535));
    assertFalse(SequenceNumbers.isNewer(65535, 0));
    assertEquals(1, SequenceNumbers.delta(0, 65535));
    assertEquals(-1, SequenceNumbers.delta(65535, 0));
    assertEquals(-32768, SequenceNumbers.delta(32768, 0));
    assertEquals(32767, SequenceNumbers.delta(32767, 0));
    assertEquals(2, SequenceNumbers.add(65534, 4));
    assertEquals(65535, SequenceNumbers.add(0, -1));
  }

  @Test
  void sendOrderCutsAtTheLargestGap() {
    assertArrayEquals(
        new int[] {65534, 65535, 0, 3},
        SequenceNumbers.sortedInSendOrder(new int[] {3, 0, 65535, 65534, 0}));
    assertArrayEquals(new int[] {5, 6, 9}, SequenceNumbers.sortedInSendOrder(new int[] {9, 5, 6}));
    assertArrayEquals(new int[] {7}, SequenceNumbers.sortedInSendOrder(new int[] {7}));
    assertArrayEquals(new int[0], SequenceNumbers.sortedInSendOrder(new int[0]));
  }
}
