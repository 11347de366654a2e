package dev.chorus.media.rtp;

/**
 * What a datagram on the shared media port carries, as told by {@link DatagramDemux} (<a
 * href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc5761#section-4">RFC 5761 §4</a>).
 */
public enum DatagramKind {
  /** STUN (ICE connectivity checks), first byte 0–3. */
  STUN,
  /** DTLS record, first byte 20–63. */
  DTLS,
  /** RTP (SRTP on the wire), first byte 128–191 and not an RTCP packet type. */
  RTP,
  /** RTCP (SRTCP on the wire), first byte 128–191 and second byte 192–223. */
  RTCP,
  /** Anything else (ZRTP, TURN channels, garbage, or too short to tell). */
  UNKNOWN
}
