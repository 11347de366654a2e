package dev.chorus.media.rtp;

import java.util.Arrays;

/**
 * Arithmetic on 16-bit RTP sequence numbers, which wrap (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-5.1">RFC 3550 §5.1</a>); comparison uses the
 * serial-number rule of <a href="https://www.rfc-editor.org/rfc/rfc1982">RFC 1982</a> (half the
 * space ahead is "newer").
 */
public final class SequenceNumbers {
  public static final int MODULUS = 1 << 16;
  public static final int MASK = MODULUS - 1;

  private SequenceNumbers() {}

  /** {@code (a + delta) mod 2^16}. */
  public static int add(int a, int delta) {
    return (a + delta) & MASK;
  }

  /** Signed distance from {@code b} to {@code a} in [-32768, 32767]: positive if a is newer. */
  public static int delta(int a, int b) {
    return (short) (a - b);
  }

  /** True if {@code a} comes after {@code b} in RFC 1982 order. */
  public static boolean isNewer(int a, int b) {
    return delta(a, b) > 0;
  }

  /**
   * Returns the distinct values of {@code seqs} in send order, assuming they span less than half
   * the sequence space: the sequence is cut at the largest gap between neighbours, so that a run
   * across the 65535→0 wrap stays in order.
   */
  public static int[] sortedInSendOrder(int[] seqs) {
    int[] s = Arrays.stream(seqs).map(v -> v & MASK).distinct().sorted().toArray();
    if (s.length < 2) {
      return s;
    }
    int cut = 0;
    int widest = s[0] + MODULUS - s[s.length - 1];
    for (int i = 1; i < s.length; i++) {
      int gap = s[i] - s[i - 1];
      if (gap > widest) {
        widest = gap;
        cut = i;
      }
    }
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[(cut + i) % s.length];
    }
    return out;
  }
}
