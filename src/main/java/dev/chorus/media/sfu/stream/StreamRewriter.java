package dev.chorus.media.sfu.stream;

import dev.chorus.media.rtp.SequenceNumbers;

/**
 * Gives a consumer's outgoing stream one continuous sequence number and timestamp space (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-5.1">RFC 3550 §5.1</a>) while its source
 * changes: from nothing to the first packet, or from one simulcast layer (or producer) to another.
 *
 * <p>Offsets, not counters: within one source an outgoing number is the incoming one plus an
 * offset, so reordered and retransmitted packets keep their places and the subscriber's own NACKs
 * stay meaningful. At a switch the offsets are chosen so that the new source's first packet follows
 * the highest one sent (sequence + 1), and its timestamp follows the highest timestamp sent by the
 * time elapsed since, in the codec's clock. A packet of the new source older than its first
 * forwarded one would collide with numbers already used and is refused.
 *
 * <p>Used by one thread (the producer's packet thread). Starts at random values, as RFC 3550 asks.
 */
public final class StreamRewriter {
  /** How long after a switch late packets of the new source are told apart from new ones. */
  private static final int SWITCH_GUARD = 0x4000;

  private final int clockRate;
  private final int initialSeq;
  private final long initialTimestamp;
  private boolean started;
  private int source = -1;
  private int seqOffset;
  private long timestampOffset;
  private int firstSourceSeq;
  private int highestSourceSeq;
  private boolean sentAny;
  private int highestOutSeq;
  private long highestOutTimestamp;
  private long highestOutNanos;

  public StreamRewriter(int clockRate, int initialSeq, long initialTimestamp) {
    this.clockRate = clockRate;
    this.initialSeq = initialSeq & SequenceNumbers.MASK;
    this.initialTimestamp = initialTimestamp & 0xFFFF_FFFFL;
  }

  /** The source whose packets are being forwarded, -1 before the first. */
  public int source() {
    return source;
  }

  /**
   * Makes {@code newSource} current from its packet ({@code seq}, {@code timestamp}) on, which must
   * be the next one sent.
   */
  public void switchTo(int newSource, int seq, long timestamp, long now) {
    if (!started || !sentAny) {
      seqOffset = initialSeq - seq;
      timestampOffset = initialTimestamp - timestamp;
      started = true;
    } else {
      seqOffset = SequenceNumbers.add(highestOutSeq, 1) - seq;
      long elapsed = Math.max(0, now - highestOutNanos);
      long ticks = Math.max(1, elapsed / 1000 * clockRate / 1_000_000L);
      timestampOffset = highestOutTimestamp + ticks - timestamp;
    }
    source = newSource;
    firstSourceSeq = seq;
    highestSourceSeq = seq;
  }

  /**
   * The outgoing sequence number for an incoming one of the current source, or -1 if the packet
   * predates the switch to it.
   */
  public int sequenceNumber(int seq) {
    int sinceSwitch = SequenceNumbers.delta(seq, firstSourceSeq);
    if (sinceSwitch < 0 && SequenceNumbers.delta(highestSourceSeq, firstSourceSeq) < SWITCH_GUARD) {
      return -1;
    }
    if (SequenceNumbers.isNewer(seq, highestSourceSeq)) {
      highestSourceSeq = seq;
    }
    return (seq + seqOffset) & SequenceNumbers.MASK;
  }

  /** The outgoing timestamp for an incoming one of the current source. */
  public long timestamp(long timestamp) {
    return (timestamp + timestampOffset) & 0xFFFF_FFFFL;
  }

  /** The offset applied to the current source's timestamps (mod 2^32). */
  public long timestampOffset() {
    return timestampOffset & 0xFFFF_FFFFL;
  }

  /** Notes a sent packet, so that a later switch continues after the highest one. */
  public void sent(int outSeq, long outTimestamp, long now) {
    if (!sentAny || SequenceNumbers.isNewer(outSeq, highestOutSeq)) {
      highestOutSeq = outSeq;
      highestOutTimestamp = outTimestamp;
      highestOutNanos = now;
      sentAny = true;
    }
  }

  boolean sentAny() {
    return sentAny;
  }

  int highestOutSeq() {
    return highestOutSeq;
  }

  long highestOutTimestamp() {
    return highestOutTimestamp;
  }
}
