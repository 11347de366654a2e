package dev.chorus.media.rtp;

/**
 * Tells STUN, DTLS, RTP and RTCP apart on the single media port.
 *
 * <p>The first byte decides the protocol (<a
 * href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</a>): 0–3 STUN, 20–63 DTLS,
 * 128–191 RTP or RTCP. With rtcp-mux the second byte then separates RTCP from RTP (<a
 * href="https://www.rfc-editor.org/rfc/rfc5761#section-4">RFC 5761 §4</a>): RTCP packet types
 * 192–223 would be RTP payload types 64–95 with the marker bit set, which is why RFC 5761 forbids
 * those payload types when muxing. Reads at most two bytes; never allocates; never throws.
 */
public final class DatagramDemux {
  /** First RTCP packet type that collides with the RTP marker bit + payload type space. */
  static final int RTCP_PT_MIN = 192;

  static final int RTCP_PT_MAX = 223;

  private DatagramDemux() {}

  /** Classifies {@code len} bytes at {@code buf[off]}; UNKNOWN if empty or out of bounds. */
  public static DatagramKind classify(byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len < 1 || len > buf.length - off) {
      return DatagramKind.UNKNOWN;
    }
    int first = buf[off] & 0xFF;
    if (first <= 3) {
      return DatagramKind.STUN;
    }
    if (first >= 20 && first <= 63) {
      return DatagramKind.DTLS;
    }
    if (first >= 128 && first <= 191) {
      if (len < 2) {
        return DatagramKind.UNKNOWN;
      }
      return isRtcpPacketType(buf[off + 1] & 0xFF) ? DatagramKind.RTCP : DatagramKind.RTP;
    }
    return DatagramKind.UNKNOWN;
  }

  /** True if the second byte of an RTP/RTCP-range datagram marks RTCP (RFC 5761 §4). */
  public static boolean isRtcpPacketType(int secondByte) {
    return secondByte >= RTCP_PT_MIN && secondByte <= RTCP_PT_MAX;
  }
}
