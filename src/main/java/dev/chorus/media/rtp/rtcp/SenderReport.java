package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sender report, PT 200 (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC 3550
 * §6.4.1</a>). Profile-specific extensions after the report blocks are skipped when parsing and not
 * written.
 *
 * @param ntpTimestamp the 64-bit NTP timestamp (seconds since 1900 in the high 32 bits)
 */
public record SenderReport(
    long ssrc,
    long ntpTimestamp,
    long rtpTimestamp,
    long packetCount,
    long octetCount,
    List<ReportBlock> reportBlocks)
    implements RtcpPacket {
  private static final int SENDER_INFO = 24;

  public SenderReport {
    Checks.u32(ssrc, "ssrc");
    Checks.u32(rtpTimestamp, "RTP timestamp");
    Checks.u32(packetCount, "packet count");
    Checks.u32(octetCount, "octet count");
    reportBlocks = List.copyOf(reportBlocks);
    Checks.maxCount(reportBlocks.size(), "report blocks");
  }

  /** Parses the SR that is exactly {@code len} bytes at {@code off}. */
  public static Optional<SenderReport> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len, RtcpHeader.SR, -1);
    int count = body < 0 ? 0 : RtcpHeader.countOrFormat(buf, off);
    if (body < SENDER_INFO + count * ReportBlock.LENGTH) {
      return Optional.empty();
    }
    int p = off + RtcpHeader.LENGTH;
    List<ReportBlock> blocks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      blocks.add(ReportBlock.read(buf, p + SENDER_INFO + i * ReportBlock.LENGTH));
    }
    return Optional.of(
        new SenderReport(
            BigEndian.u32(buf, p),
            BigEndian.u64(buf, p + 4),
            BigEndian.u32(buf, p + 12),
            BigEndian.u32(buf, p + 16),
            BigEndian.u32(buf, p + 20),
            blocks));
  }

  /** The middle 32 bits of the NTP timestamp, which receivers echo as LSR. */
  public long compactNtp() {
    return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
  }

  @Override
  public int packetType() {
    return RtcpHeader.SR;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + SENDER_INFO + reportBlocks.size() * ReportBlock.LENGTH;
  }

  @Override
  public int writeTo(byte[] buf, int off) {
    int len = encodedLength();
    if (!RtcpHeader.fits(buf, off, len)) {
      return -1;
    }
    RtcpHeader.write(buf, off, reportBlocks.size(), RtcpHeader.SR, len, false);
    int p = off + RtcpHeader.LENGTH;
    BigEndian.put32(buf, p, ssrc);
    BigEndian.put64(buf, p + 4, ntpTimestamp);
    BigEndian.put32(buf, p + 12, rtpTimestamp);
    BigEndian.put32(buf, p + 16, packetCount);
    BigEndian.put32(buf, p + 20, octetCount);
    p += SENDER_INFO;
    for (ReportBlock b : reportBlocks) {
      b.write(buf, p);
      p += ReportBlock.LENGTH;
    }
    return len;
  }
}
