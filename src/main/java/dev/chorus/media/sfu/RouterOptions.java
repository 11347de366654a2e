package dev.chorus.media.sfu;

import java.time.Duration;

/**
 * Tunables of a {@link Router}.
 *
 * @param keyframeRequestInterval minimum spacing of PLIs to one publisher stream (Jitsi: 200 ms)
 * @param reportInterval how often receiver reports and REMB go to each publisher and sender reports
 *     to each subscriber (RFC 3550 §6.2 suggests 5 s; browsers send about every second)
 * @param transportCcInterval how often transport-cc feedback goes to a publisher that negotiated it
 * @param retransmissionSlots packets kept per video stream for NACKs (a power of two)
 * @param retransmissionMaxAge how old a cached packet may be and still be resent
 * @param maxIncomingBitrate the REMB ceiling announced to each publisher transport, bits/s
 * @param minIncomingBitrate the REMB floor, bits/s
 */
public record RouterOptions(
    Duration keyframeRequestInterval,
    Duration reportInterval,
    Duration transportCcInterval,
    int retransmissionSlots,
    Duration retransmissionMaxAge,
    long maxIncomingBitrate,
    long minIncomingBitrate) {
  public RouterOptions {
    for (Duration d :
        new Duration[] {
          keyframeRequestInterval, reportInterval, transportCcInterval, retransmissionMaxAge
        }) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive");
      }
    }
    if (retransmissionSlots < 16 || Integer.bitCount(retransmissionSlots) != 1) {
      throw new IllegalArgumentException("retransmissionSlots: a power of two >= 16");
    }
    if (minIncomingBitrate < 10_000 || maxIncomingBitrate < minIncomingBitrate) {
      throw new IllegalArgumentException("need 10 kbit/s <= min <= max incoming bitrate");
    }
  }

  public static RouterOptions defaults() {
    return new RouterOptions(
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        Duration.ofMillis(100),
        512,
        Duration.ofMillis(1500),
        3_000_000L,
        100_000L);
  }
}
