package dev.chorus.media.sfu.stream;

import java.util.function.LongSupplier;

/**
 * The router's clocks: a monotonic nanosecond clock for every interval and timeout, and the 64-bit
 * NTP time (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-4">RFC 3550 §4</a>: seconds
 * since 1900 in the high 32 bits, fraction in the low 32) derived from it, so both move together
 * and tests can drive them with one injected clock.
 */
public final class NtpClock {
  /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
  static final long UNIX_TO_NTP_SECONDS = 2_208_988_800L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final LongSupplier nanos;
  private final long nanosAtStart;
  private final long unixNanosAtStart;

  public NtpClock(LongSupplier nanos, long unixNanosAtStart) {
    this.nanos = nanos;
    this.nanosAtStart = nanos.getAsLong();
    this.unixNanosAtStart = unixNanosAtStart;
  }

  public static NtpClock system() {
    return new NtpClock(System::nanoTime, System.currentTimeMillis() * 1_000_000L);
  }

  /** Monotonic nanoseconds (only differences mean anything). */
  public long nanos() {
    return nanos.getAsLong();
  }

  /** The NTP timestamp at monotonic time {@code atNanos}. */
  public long ntp(long atNanos) {
    return fromUnixNanos(unixNanosAtStart + (atNanos - nanosAtStart));
  }

  public static long fromUnixNanos(long unixNanos) {
    long seconds = Math.floorDiv(unixNanos, NANOS_PER_SECOND) + UNIX_TO_NTP_SECONDS;
    long rest = Math.floorMod(unixNanos, NANOS_PER_SECOND);
    long fraction = (rest << 32) / NANOS_PER_SECOND;
    return (seconds << 32) | fraction;
  }

  /** Adds a duration to an NTP timestamp. */
  public static long plusNanos(long ntp, long nanos) {
    long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
    long rest = Math.floorMod(nanos, NANOS_PER_SECOND);
    return ntp + (seconds << 32) + (rest << 32) / NANOS_PER_SECOND;
  }

  /**
   * The abs-send-time header extension value at {@code ntp}: 6.18 fixed-point seconds, 24 bits (<a
   * href="http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time">abs-send-time</a>).
   */
  public static int absSendTime(long ntp) {
    return (int) ((ntp >>> 14) & 0xFF_FFFF);
  }

  /** A duration in the 1/65536 s units of DLSR (RFC 3550 §6.4.1), saturated to 32 bits. */
  static long toRtcpShortUnits(long nanos) {
    if (nanos <= 0) {
      return 0;
    }
    long units = (nanos << 16) / NANOS_PER_SECOND;
    return Math.min(units, 0xFFFF_FFFFL);
  }

  /** The inverse of {@link #toRtcpShortUnits}. */
  public static long fromRtcpShortUnits(long units) {
    return (units * NANOS_PER_SECOND) >>> 16;
  }
}
