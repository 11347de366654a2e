package dev.chorus.media.sfu.stream;

import dev.chorus.media.rtp.SequenceNumbers;

/**
 * Asks the publisher again for packets lost on its way to the SFU (generic NACK, <a
 * href="https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1">RFC 4585 §6.2.1</a>), so that a loss
 * on the uplink is repaired once for every subscriber instead of becoming a loss for all of them.
 *
 * <p>A gap in the sequence numbers makes its packets missing; each is requested at once and again
 * every {@link #RETRY_NANOS} up to {@link #MAX_TRIES} times, and forgotten when it arrives (late or
 * as RTX), after {@link #MAX_AGE_NANOS}, or when more than {@link #CAPACITY} are missing (then the
 * oldest go: a burst that large is better healed by a key frame). Gaps wider than {@link #MAX_GAP}
 * are not requested at all.
 *
 * <p>Used by the publisher transport's packet thread only; allocation-free.
 */
public final class NackRequester {
  public static final int CAPACITY = 128;
  static final int MAX_GAP = 100;
  static final int MAX_TRIES = 3;
  static final long RETRY_NANOS = 100_000_000L;
  static final long MAX_AGE_NANOS = 1_000_000_000L;

  private final int[] seqs = new int[CAPACITY];
  private final long[] missedAt = new long[CAPACITY];
  private final long[] sentAt = new long[CAPACITY];
  private final int[] tries = new int[CAPACITY];
  private int count;

  public int missing() {
    return count;
  }

  /**
   * Notes a packet and its sequence step (from {@link ReceiveStatistics#onPacket}): a step above
   * one makes the packets in between missing; a step of zero or less may fill an earlier gap.
   */
  public void onPacket(int seq, int step, long now) {
    if (step > 1 && step <= MAX_GAP + 1) {
      for (int i = step - 1; i >= 1; i--) {
        add(SequenceNumbers.add(seq, -i), now);
      }
    } else if (step <= 0) {
      remove(seq);
    }
  }

  /**
   * Writes the sequence numbers to request now into {@code out} and marks them requested.
   *
   * @return how many were written
   */
  public int due(long now, int[] out) {
    int n = 0;
    int i = 0;
    while (i < count) {
      if (now - missedAt[i] > MAX_AGE_NANOS || tries[i] >= MAX_TRIES) {
        removeAt(i);
        continue;
      }
      if ((tries[i] == 0 || now - sentAt[i] >= RETRY_NANOS) && n < out.length) {
        out[n++] = seqs[i];
        sentAt[i] = now;
        tries[i]++;
      }
      i++;
    }
    return n;
  }

  private void add(int seq, long now) {
    if (count == CAPACITY) {
      removeAt(0);
    }
    seqs[count] = seq;
    missedAt[count] = now;
    sentAt[count] = 0;
    tries[count] = 0;
    count++;
  }

  private void remove(int seq) {
    for (int i = 0; i < count; i++) {
      if (seqs[i] == seq) {
        removeAt(i);
        return;
      }
    }
  }

  private void removeAt(int i) {
    int tail = count - i - 1;
    System.arraycopy(seqs, i + 1, seqs, i, tail);
    System.arraycopy(missedAt, i + 1, missedAt, i, tail);
    System.arraycopy(sentAt, i + 1, sentAt, i, tail);
    System.arraycopy(tries, i + 1, tries, i, tail);
    count--;
  }
}
