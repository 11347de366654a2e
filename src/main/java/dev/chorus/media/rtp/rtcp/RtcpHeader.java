package dev.chorus.media.rtp.rtcp;

import dev.chorus.media.rtp.BigEndian;

/**
 * The 4-byte header every RTCP packet starts with (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC 3550 §6.4.1</a>), and the packet
 * type and feedback message type (FMT, <a
 * href="https://www.rfc-editor.org/rfc/rfc4585#section-6.1">RFC 4585 §6.1</a>) numbers.
 *
 * <pre>
 * |V=2|P| RC/FMT  |      PT       |  length in 32-bit words - 1   |
 * </pre>
 */
public final class RtcpHeader {
  public static final int LENGTH = 4;
  public static final int VERSION = 2;

  public static final int SR = 200;
  public static final int RR = 201;
  public static final int SDES = 202;
  public static final int BYE = 203;
  public static final int APP = 204;

  /** Transport layer feedback (RFC 4585). */
  public static final int RTPFB = 205;

  /** Payload-specific feedback (RFC 4585). */
  public static final int PSFB = 206;

  public static final int FMT_GENERIC_NACK = 1;
  public static final int FMT_TRANSPORT_CC = 15;
  public static final int FMT_PLI = 1;
  public static final int FMT_FIR = 4;

  /** Application layer feedback, which REMB uses. */
  public static final int FMT_AFB = 15;

  /** Largest count a 5-bit RC/SC field holds. */
  public static final int MAX_COUNT = 31;

  private RtcpHeader() {}

  public static int countOrFormat(byte[] buf, int off) {
    return buf[off] & 0x1F;
  }

  public static int packetType(byte[] buf, int off) {
    return buf[off + 1] & 0xFF;
  }

  /** Total packet length in bytes that the length word announces. */
  public static int announcedLength(byte[] buf, int off) {
    return (BigEndian.u16(buf, off + 2) + 1) * 4;
  }

  /**
   * Checks the header of the RTCP packet that is exactly {@code len} bytes at {@code off}: version
   * 2, a length word matching {@code len}, and if P is set a padding count from 1 to the body size.
   * Returns the body length (bytes after the header, padding excluded), or -1.
   */
  public static int bodyLength(byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len < LENGTH || len > buf.length - off) {
      return -1;
    }
    if ((buf[off] & 0xFF) >>> 6 != VERSION || announcedLength(buf, off) != len) {
      return -1;
    }
    int body = len - LENGTH;
    if ((buf[off] & 0x20) != 0) {
      int pad = buf[off + len - 1] & 0xFF;
      if (pad == 0 || pad > body) {
        return -1;
      }
      body -= pad;
    }
    return body;
  }

  /**
   * Like {@link #bodyLength} but also requires packet type {@code type} and, when {@code format} is
   * not negative, that RC/FMT value.
   */
  static int bodyLength(byte[] buf, int off, int len, int type, int format) {
    int body = bodyLength(buf, off, len);
    if (body < 0 || packetType(buf, off) != type) {
      return -1;
    }
    if (format >= 0 && countOrFormat(buf, off) != format) {
      return -1;
    }
    return body;
  }

  /** Writes a header for a packet of {@code totalLength} bytes (a multiple of 4). */
  public static void write(
      byte[] buf, int off, int countOrFormat, int type, int totalLength, boolean padding) {
    buf[off] = (byte) ((VERSION << 6) | (padding ? 0x20 : 0) | (countOrFormat & 0x1F));
    buf[off + 1] = (byte) type;
    BigEndian.put16(buf, off + 2, totalLength / 4 - 1);
  }

  static boolean fits(byte[] buf, int off, int len) {
    return buf != null && off >= 0 && len <= buf.length - off;
  }

  static int roundUp4(int n) {
    return (n + 3) & ~3;
  }
}
