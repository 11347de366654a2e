package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;

/**
 * One reception report block of an SR or RR (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC 3550 §6.4.1</a>): 24 bytes.
 *
 * @param ssrc source this block reports on
 * @param fractionLost loss since the previous report, in 1/256ths (0–255)
 * @param cumulativeLost packets lost since the start, a signed 24-bit value (duplicates can make it
 *     negative)
 * @param extendedHighestSequence cycles &lt;&lt; 16 | highest sequence number received
 * @param jitter interarrival jitter in timestamp units
 * @param lastSenderReport middle 32 bits of the NTP timestamp of the last SR received (LSR)
 * @param delaySinceLastSenderReport DLSR in 1/65536 seconds
 */
public record ReportBlock(
    long ssrc,
    int fractionLost,
    int cumulativeLost,
    long extendedHighestSequence,
    long jitter,
    long lastSenderReport,
    long delaySinceLastSenderReport) {
  public static final int LENGTH = 24;

  public ReportBlock {
    Checks.u32(ssrc, "ssrc");
    Checks.range(fractionLost, 0, 255, "fraction lost");
    Checks.range(cumulativeLost, -(1 << 23), (1 << 23) - 1, "cumulative lost");
    Checks.u32(extendedHighestSequence, "extended highest sequence");
    Checks.u32(jitter, "jitter");
    Checks.u32(lastSenderReport, "LSR");
    Checks.u32(delaySinceLastSenderReport, "DLSR");
  }

  static ReportBlock read(byte[] buf, int off) {
    return new ReportBlock(
        BigEndian.u32(buf, off),
        BigEndian.u8(buf, off + 4),
        BigEndian.s24(buf, off + 5),
        BigEndian.u32(buf, off + 8),
        BigEndian.u32(buf, off + 12),
        BigEndian.u32(buf, off + 16),
        BigEndian.u32(buf, off + 20));
  }

  void write(byte[] buf, int off) {
    BigEndian.put32(buf, off, ssrc);
    BigEndian.put8(buf, off + 4, fractionLost);
    BigEndian.put24(buf, off + 5, cumulativeLost);
    BigEndian.put32(buf, off + 8, extendedHighestSequence);
    BigEndian.put32(buf, off + 12, jitter);
    BigEndian.put32(buf, off + 16, lastSenderReport);
    BigEndian.put32(buf, off + 20, delaySinceLastSenderReport);
  }
}
