package dev.chorus.media.srtp;

/**
 * Header sanity checks done before a packet reaches jitsi-srtp, which trusts the lengths it reads
 * from headers and would index past the packet on garbage.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3550#section-5.1">RFC 3550 §5.1</a> (RTP header)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1">RFC 3550 §6.4.1</a> (RTCP
 *     header)
 */
final class SrtpPacketChecks {
  static final int RTP_FIXED_HEADER_LENGTH = 12;
  static final int RTCP_HEADER_LENGTH = 8;
  private static final int RTP_VERSION = 2;

  private SrtpPacketChecks() {}

  /** True if {@code [offset, offset + length)} is a valid, non-overflowing range of {@code buf}. */
  static boolean inBounds(byte[] buf, int offset, int length) {
    return buf != null && offset >= 0 && length >= 0 && length <= buf.length - offset;
  }

  /**
   * The length of the RTP header (fixed part, CSRCs, extension) if it is version 2 and fits within
   * the first {@code limit} bytes, else -1.
   */
  static int rtpHeaderLength(byte[] buf, int offset, int limit) {
    if (limit < RTP_FIXED_HEADER_LENGTH || version(buf, offset) != RTP_VERSION) {
      return -1;
    }
    int headerLength = RTP_FIXED_HEADER_LENGTH + 4 * (buf[offset] & 0x0f);
    if ((buf[offset] & 0x10) != 0) {
      if (headerLength + 4 > limit) {
        return -1;
      }
      int extensionWords = readUint16(buf, offset + headerLength + 2);
      headerLength += 4 + 4 * extensionWords;
    }
    return headerLength <= limit ? headerLength : -1;
  }

  /** True if the first {@code limit} bytes hold an RTCP version 2 common header. */
  static boolean isRtcpHeader(byte[] buf, int offset, int limit) {
    return limit >= RTCP_HEADER_LENGTH && version(buf, offset) == RTP_VERSION;
  }

  static int rtpSsrc(byte[] buf, int offset) {
    return readInt(buf, offset + 8);
  }

  static int rtcpSenderSsrc(byte[] buf, int offset) {
    return readInt(buf, offset + 4);
  }

  static int readInt(byte[] buf, int at) {
    return (buf[at] & 0xff) << 24
        | (buf[at + 1] & 0xff) << 16
        | (buf[at + 2] & 0xff) << 8
        | (buf[at + 3] & 0xff);
  }

  private static int readUint16(byte[] buf, int at) {
    return (buf[at] & 0xff) << 8 | (buf[at + 1] & 0xff);
  }

  private static int version(byte[] buf, int offset) {
    return (buf[offset] & 0xff) >>> 6;
  }
}
