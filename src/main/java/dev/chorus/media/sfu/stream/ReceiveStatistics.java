package dev.chorus.media.sfu.stream;

import dev.chorus.media.rtp.SequenceNumbers;
import dev.chorus.media.rtp.rtcp.ReportBlock;

/**
 * What a receiver knows about one incoming RTP stream, kept as RFC 3550 Appendix A describes:
 * sequence validation and the extended highest sequence number (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#appendix-A.1">A.1</a>), loss for a report block (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#appendix-A.3">A.3</a>) and interarrival jitter (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#appendix-A.8">A.8</a>).
 *
 * <p>Simplified from A.1: no probation (the SRTP layer already authenticated the source), and a
 * jump of more than {@link #MAX_DROPOUT} restarts the count. Written and read on the stream's
 * packet thread; the volatile totals may be read from anywhere.
 */
public final class ReceiveStatistics {
  static final int MAX_DROPOUT = 3000;
  static final int MAX_MISORDER = 100;

  private final int clockRate;
  private boolean started;
  private int baseSeq;
  private int maxSeq;
  private long cycles;
  private long received;
  private long expectedPrior;
  private long receivedPrior;
  private long jitterQ4;
  private long lastTransit;
  private boolean haveTransit;
  private long firstArrivalNanos;
  private volatile long cumulativeLost;
  private volatile int lastFractionLost;

  public ReceiveStatistics(int clockRate) {
    this.clockRate = clockRate;
  }

  /**
   * Counts a packet.
   *
   * @return the sequence number's distance ahead of the previous highest (1 for in order, larger
   *     after a gap, 0 or negative for a duplicate or late packet, 0 for the first packet)
   */
  public int onPacket(int seq, long rtpTimestamp, long arrivalNanos) {
    int step;
    if (!started) {
      started = true;
      baseSeq = seq;
      maxSeq = seq;
      step = 0;
    } else {
      step = SequenceNumbers.delta(seq, maxSeq);
      if (step > 0 && step <= MAX_DROPOUT) {
        if (seq < maxSeq) {
          cycles += SequenceNumbers.MODULUS;
        }
        maxSeq = seq;
      } else if (step > MAX_DROPOUT || step < -MAX_MISORDER) {
        // The sender restarted or jumped: start counting afresh, as A.1 does after a resync.
        baseSeq = seq;
        maxSeq = seq;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        step = 0;
      }
    }
    received++;
    updateJitter(rtpTimestamp, arrivalNanos);
    return step;
  }

  private void updateJitter(long rtpTimestamp, long arrivalNanos) {
    if (!haveTransit) {
      firstArrivalNanos = arrivalNanos;
    }
    // Relative to the first arrival: nanoTime values are arbitrary and could overflow here.
    long arrival = (arrivalNanos - firstArrivalNanos) / 1000 * clockRate / 1_000_000L;
    long transit = arrival - rtpTimestamp;
    if (haveTransit) {
      long d = Math.abs(transit - lastTransit);
      if (d < (long) clockRate * 10) { // ignore timestamp jumps (source switch, restart)
        // J += (|D| - J) / 16, kept times 16 so that rounding does not accumulate
        jitterQ4 += d - ((jitterQ4 + 8) >> 4);
      }
    }
    lastTransit = transit;
    haveTransit = true;
  }

  public boolean started() {
    return started;
  }

  long extendedHighest() {
    return cycles + maxSeq;
  }

  long expected() {
    return extendedHighest() - baseSeq + 1;
  }

  long received() {
    return received;
  }

  /** Interarrival jitter in timestamp units. */
  public long jitter() {
    return jitterQ4 >> 4;
  }

  /** Lost packets as of the last report block (may be negative with duplicates). */
  public long cumulativeLost() {
    return cumulativeLost;
  }

  /** Fraction lost in the last report interval, in 1/256. */
  public int fractionLost() {
    return lastFractionLost;
  }

  /**
   * The report block for this interval (A.3), moving the interval on.
   *
   * @param lastSrCompact LSR: the middle 32 bits of the last SR's NTP timestamp, 0 if none
   * @param sinceLastSrNanos time since that SR arrived (ignored without one)
   */
  public ReportBlock reportBlock(long ssrc, long lastSrCompact, long sinceLastSrNanos) {
    long expected = expected();
    long lost = expected - received;
    long expectedInterval = expected - expectedPrior;
    long receivedInterval = received - receivedPrior;
    expectedPrior = expected;
    receivedPrior = received;
    long lostInterval = expectedInterval - receivedInterval;
    int fraction =
        expectedInterval <= 0 || lostInterval <= 0
            ? 0
            : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    long clampedLost = Math.max(-(1L << 23), Math.min((1L << 23) - 1, lost));
    cumulativeLost = clampedLost;
    lastFractionLost = fraction;
    long dlsr = lastSrCompact == 0 ? 0 : NtpClock.toRtcpShortUnits(sinceLastSrNanos);
    return new ReportBlock(
        ssrc,
        fraction,
        (int) clampedLost,
        extendedHighest() & 0xFFFF_FFFFL,
        Math.min(jitter(), 0xFFFF_FFFFL),
        lastSrCompact,
        dlsr);
  }
}
