package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Receiver estimated maximum bitrate: PSFB (206), FMT 15 (application layer feedback) with the
 * identifier "REMB" (<a
 * href="https://datatracker.ietf.org/doc/html/draft-alvestrand-rmcat-remb-03#section-2.2">
 * draft-alvestrand-rmcat-remb-03 §2.2</a>). The bitrate travels as an 18-bit mantissa and a 6-bit
 * exponent (mantissa × 2^exp bit/s), so encoding rounds down to 18 significant bits; the media SSRC
 * of the common header is always 0 and the SSRCs the estimate applies to follow.
 *
 * @param bitrate bits per second; decoding saturates at {@link #MAX_BITRATE}, which encoding also
 *     clamps to
 */
public record Remb(long senderSsrc, long bitrate, List<Long> ssrcs) implements RtcpPacket {
  /** "REMB" in ASCII. */
  static final long IDENTIFIER = 0x52454D42L;

  private static final int MANTISSA_BITS = 18;
  private static final long MAX_MANTISSA = (1L << MANTISSA_BITS) - 1;

  /**
   * The largest bitrate both the wire format and a {@code long} hold: 18 one-bits shifted by 45.
   * Larger exponents (up to 63) decode to this, so that what parses re-encodes to itself.
   */
  public static final long MAX_BITRATE = MAX_MANTISSA << 45;

  public Remb {
    Checks.u32(senderSsrc, "sender ssrc");
    if (bitrate < 0) {
      throw new IllegalArgumentException("negative bitrate: " + bitrate);
    }
    ssrcs = List.copyOf(ssrcs);
    Checks.range(ssrcs.size(), 0, 255, "REMB ssrc count");
    ssrcs.forEach(s -> Checks.u32(s, "ssrc"));
  }

  /** True if the PSFB/AFB packet at {@code off} carries the "REMB" identifier. */
  static boolean isRemb(byte[] buf, int off, int bodyLength) {
    return bodyLength >= 12 && BigEndian.u32(buf, off + RtcpHeader.LENGTH + 8) == IDENTIFIER;
  }

  /** Parses the REMB that is exactly {@code len} bytes at {@code off}. */
  public static Optional<Remb> parse(byte[] buf, int off, int len) {
    int body = RtcpHeader.bodyLength(buf, off, len, RtcpHeader.PSFB, RtcpHeader.FMT_AFB);
    if (body < 16 || !isRemb(buf, off, body)) {
      return Optional.empty();
    }
    int p = off + RtcpHeader.LENGTH;
    int count = buf[p + 12] & 0xFF;
    if (body < 16 + 4 * count) {
      return Optional.empty();
    }
    int exponent = (buf[p + 13] & 0xFF) >>> 2;
    long mantissa = BigEndian.u24(buf, p + 13) & MAX_MANTISSA;
    List<Long> ssrcs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ssrcs.add(BigEndian.u32(buf, p + 16 + 4 * i));
    }
    return Optional.of(new Remb(BigEndian.u32(buf, p), decode(mantissa, exponent), ssrcs));
  }

  static long decode(long mantissa, int exponent) {
    if (exponent > 0 && mantissa > (MAX_BITRATE >>> exponent)) {
      return MAX_BITRATE;
    }
    return mantissa << exponent;
  }

  /** The smallest exponent whose mantissa fits in 18 bits. */
  static int exponentFor(long bitrate) {
    int exponent = 0;
    while ((bitrate >>> exponent) > MAX_MANTISSA) {
      exponent++;
    }
    return exponent;
  }

  @Override
  public int packetType() {
    return RtcpHeader.PSFB;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + 16 + 4 * ssrcs.size();
  }

  @Override
  public int writeTo(byte[] buf, int off) {
    int len = encodedLength();
    if (!RtcpHeader.fits(buf, off, len)) {
      return -1;
    }
    RtcpHeader.write(buf, off, RtcpHeader.FMT_AFB, RtcpHeader.PSFB, len, false);
    int p = off + RtcpHeader.LENGTH;
    BigEndian.put32(buf, p, senderSsrc);
    BigEndian.put32(buf, p + 4, 0);
    BigEndian.put32(buf, p + 8, IDENTIFIER);
    int exponent = exponentFor(bitrate);
    long mantissa = bitrate >>> exponent;
    buf[p + 12] = (byte) ssrcs.size();
    BigEndian.put24(buf, p + 13, (int) ((exponent << MANTISSA_BITS) | mantissa));
    for (int i = 0; i < ssrcs.size(); i++) {
      BigEndian.put32(buf, p + 16 + 4 * i, ssrcs.get(i));
    }
    return len;
  }
}
