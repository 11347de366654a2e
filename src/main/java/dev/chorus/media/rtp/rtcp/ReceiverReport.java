package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Receiver report, PT 201 (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.2">RFC 3550
 * §6.4.2</a>). Profile-specific extensions after the report blocks are skipped when parsing and not
 * written.
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reportBlocks) implements RtcpPacket {

  public ReceiverReport {
    Checks.u32(ssrc, "ssrc");
    reportBlocks = List.copyOf(reportBlocks);
    Checks.maxCount(reportBlocks.size(), "report blocks");
  }

  /** Parses the RR that is exactly {@code len} bytes at {@code off}. */
  public static Optional<ReceiverReport> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len, RtcpHeader.RR, -1);
    int count = body < 0 ? 0 : RtcpHeader.countOrFormat(buf, off);
    if (body < 4 + count * ReportBlock.LENGTH) {
      return Optional.empty();
    }
    int p = off + RtcpHeader.LENGTH;
    List<ReportBlock> blocks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      blocks.add(ReportBlock.read(buf, p + 4 + i * ReportBlock.LENGTH));
    }
    return Optional.of(new ReceiverReport(BigEndian.u32(buf, p), blocks));
  }

  @Override
  public int packetType() {
    return RtcpHeader.RR;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + 4 + reportBlocks.size() * ReportBlock.LENGTH;
  }

  @Override
  public int writeTo(byte[] buf, int off) {
    int len = encodedLength();
    if (!RtcpHeader.fits(buf, off, len)) {
      return -1;
    }
    RtcpHeader.write(buf, off, reportBlocks.size(), RtcpHeader.RR, len, false);
    BigEndian.put32(buf, off + RtcpHeader.LENGTH, ssrc);
    int p = off + RtcpHeader.LENGTH + 4;
    for (ReportBlock b : reportBlocks) {
      b.write(buf, p);
      p += ReportBlock.LENGTH;
    }
    return len;
  }
}
