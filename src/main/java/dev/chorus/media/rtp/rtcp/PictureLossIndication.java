package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;
import java.util.Optional;

/**
 * Picture loss indication: PSFB (206) with FMT 1 and no FCI (<a
 * href="https://www.rfc-editor.org/rfc/rfc4585#section-6.3.1">RFC 4585 §6.3.1</a>).
 */
public record PictureLossIndication(long senderSsrc, long mediaSsrc) implements RtcpPacket {
  private static final int LENGTH = 12;

  public PictureLossIndication {
    Checks.u32(senderSsrc, "sender ssrc");
    Checks.u32(mediaSsrc, "media ssrc");
  }

  /** Parses the PLI that is exactly {@code len} bytes at {@code off}; extra FCI is rejected. */
  public static Optional<PictureLossIndication> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len, RtcpHeader.PSFB, RtcpHeader.FMT_PLI);
    if (body != 8) {
      return Optional.empty();
    }
    int p = off + RtcpHeader.LENGTH;
    return Optional.of(new PictureLossIndication(BigEndian.u32(buf, p), BigEndian.u32(buf, p + 4)));
  }

  @Override
  public int packetType() {
    return RtcpHeader.PSFB;
  }

  @Override
  public int encodedLength() {
    return LENGTH;
  }

  @Override
  public int writeTo(byte[] buf, int off) {
    if (!RtcpHeader.fits(buf, off, LENGTH)) {
      return -1;
    }
    RtcpHeader.write(buf, off, RtcpHeader.FMT_PLI, RtcpHeader.PSFB, LENGTH, false);
    BigEndian.put32(buf, off + 4, senderSsrc);
    BigEndian.put32(buf, off + 8, mediaSsrc);
    return LENGTH;
  }
}
