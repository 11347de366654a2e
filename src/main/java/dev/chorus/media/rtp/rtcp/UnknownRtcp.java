package dev.chorus.media.rtp.rtcp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An RTCP packet of a type or format this package does not model (APP, XR, RTPFB/PSFB formats other
 * than those handled, AFB messages other than REMB), kept as its header fields and body so that it
 * can be relayed or written back unchanged (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-6.1">RFC 3550 §6.1</a>). Padding is not
 * kept.
 *
 * @param countOrFormat the 5-bit RC/SC/FMT field
 * @param body the bytes after the 4-byte header, padding excluded, a multiple of 4 bytes
 */
public record UnknownRtcp(int packetType, int countOrFormat, byte[] body) implements RtcpPacket {

  public UnknownRtcp {
    Checks.range(packetType, 0, 255, "packet type");
    Checks.range(countOrFormat, 0, 31, "count/format");
    if (body.length % 4 != 0 || body.length > 0xFFFF * 4) {
      throw new IllegalArgumentException("body length not a multiple of 4: " + body.length);
    }
    body = body.clone();
  }

  /** Parses any well-framed RTCP packet that is exactly {@code len} bytes at {@code off}. */
  public static Optional<UnknownRtcp> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len);
    if (body < 0 || body % 4 != 0) {
      return Optional.empty();
    }
    byte[] copy = Arrays.copyOfRange(buf, off + RtcpHeader.LENGTH, off + RtcpHeader.LENGTH + body);
    return Optional.of(
        new UnknownRtcp(RtcpHeader.packetType(buf, off), RtcpHeader.countOrFormat(buf, off), copy));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + body.length;
  }

  @Override
  public int writeTo(byte[] buf, int off) {
    int len = encodedLength();
    if (!RtcpHeader.fits(buf, off, len)) {
      return -1;
    }
    RtcpHeader.write(buf, off, countOrFormat, packetType, len, false);
    System.arraycopy(body, 0, buf, off + RtcpHeader.LENGTH, body.length);
    return len;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnknownRtcp u
        && packetType == u.packetType
        && countOrFormat == u.countOrFormat
        && Arrays.equals(body, u.body);
  }

  @Override
  public int hashCode() {
    return (packetType * 32 + countOrFormat) * 31 + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "UnknownRtcp[pt="
        + packetType
        + ", countOrFormat="
        + countOrFormat
        + ", body="
        + HexFormat.of().formatHex(body)
        + "]";
  }
}
