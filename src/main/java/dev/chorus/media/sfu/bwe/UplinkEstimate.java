package dev.chorus.media.sfu.bwe;

/**
 * The bitrate the router announces to a publisher in REMB (<a
 * href="https://datatracker.ietf.org/doc/html/draft-alvestrand-rmcat-remb-03#section-2">
 * draft-alvestrand-rmcat-remb-03 §2</a>): a loss-based ceiling, not a delay-based estimate.
 *
 * <p>It starts at the configured maximum, so a publisher is never held below what the router
 * accepts; on each receiver report interval it moves like libwebrtc's loss-based controller: more
 * than 10 % loss cuts it by half the loss fraction, less than 2 % raises it by 8 %, within [min,
 * max]. Real congestion control is the browser's own: with transport-cc negotiated it runs GoogCC
 * on the router's transport-cc feedback and treats REMB as a cap. Used by one thread.
 */
public final class UplinkEstimate {
  private final long min;
  private final long max;
  private long bitrate;

  public UplinkEstimate(long min, long max) {
    this.min = min;
    this.max = max;
    this.bitrate = max;
  }

  /**
   * Updates with the interval's loss.
   *
   * @param fractionLost in 1/256, as in a report block
   */
  public long onLoss(int fractionLost) {
    double loss = fractionLost / 256.0;
    if (loss > 0.10) {
      bitrate = (long) (bitrate * (1 - 0.5 * loss));
    } else if (loss < 0.02) {
      bitrate = (long) (bitrate * 1.08) + 1000;
    }
    bitrate = Math.max(min, Math.min(max, bitrate));
    return bitrate;
  }

  long bitrate() {
    return bitrate;
  }
}
