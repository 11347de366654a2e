package dev.chorus.media.sfu.transport;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.LongAdder;

/**
 * A diagnostics knob of the {@link MediaEngine}: drops a share of the video RTP packets that
 * consumers send to subscribers, as if the downlink had lost them, so that NACK (<a
 * href="https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1">RFC 4585 §6.2.1</a>) and RTX (<a
 * href="https://www.rfc-editor.org/rfc/rfc4588#section-4">RFC 4588 §4</a>) repair can be watched in
 * a real browser. Off (0 %) by default.
 *
 * <p>Only first transmissions are dropped: retransmissions answering a NACK, RTCP and audio always
 * go out, so every dropped packet can be repaired. A dropped packet counts as sent (it is in the
 * consumer's history and sender reports, as a packet lost on the network would be).
 *
 * <p>The choice is a hash of the consumer's SSRC and the packet's sequence number, not a random
 * draw: the same stream loses the same packets, and over a few hundred packets the share dropped is
 * close to the setting (no shared state on the packet threads but the counter).
 */
public final class SimulatedLoss {
  /** More than this would leave too little for the repair to work with. */
  public static final int MAX_PERCENT = 50;

  private static final System.Logger LOG = System.getLogger(SimulatedLoss.class.getName());

  private final LongAdder dropped = new LongAdder();
  private volatile int percent;

  /** The share of video packets dropped, 0 (off) to {@link #MAX_PERCENT}. */
  public int percent() {
    return percent;
  }

  /**
   * Sets the share dropped from the next packet on; logs a warning while it is on.
   *
   * @throws IllegalArgumentException unless 0 &lt;= percent &lt;= {@link #MAX_PERCENT}
   */
  public synchronized void setPercent(int percent) {
    if (percent < 0 || percent > MAX_PERCENT) {
      throw new IllegalArgumentException("percent must be 0.." + MAX_PERCENT + ": " + percent);
    }
    int before = this.percent;
    this.percent = percent;
    if (percent > 0 && percent != before) {
      LOG.log(
          Level.WARNING,
          "Simulated loss ON: dropping {0} % of the video RTP packets sent to subscribers"
              + " (diagnostics only; set it to 0 to turn it off)",
          percent);
    } else if (percent == 0 && before > 0) {
      LOG.log(Level.INFO, "Simulated loss off ({0} packets dropped so far)", dropped.sum());
    }
  }

  /** Packets dropped since the engine started. */
  public long dropped() {
    return dropped.sum();
  }

  /**
   * Whether to drop this first transmission of a video packet; counts it if so. Called on packet
   * threads: no lock, no allocation.
   */
  public boolean drops(long ssrc, int sequenceNumber) {
    int p = percent;
    if (p == 0 || Math.floorMod(mix((ssrc << 16) ^ sequenceNumber), 100) >= p) {
      return false;
    }
    dropped.increment();
    return true;
  }

  /** SplitMix64's finalizer: neighbouring sequence numbers land far apart. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
