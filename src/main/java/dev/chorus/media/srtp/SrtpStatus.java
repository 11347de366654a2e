package dev.chorus.media.srtp;

/** Why an SRTP or SRTCP operation did or did not produce a packet. */
public enum SrtpStatus {
  /** The packet was transformed; {@link SrtpResult#length()} is valid. */
  OK,
  /** Too short, not RTP/RTCP version 2, or a header that runs past the end of the packet. */
  MALFORMED,
  /** The authentication tag (HMAC or GCM) did not verify: corrupted, forged or wrong keys. */
  AUTH_FAILED,
  /** The packet index was already accepted within the replay window (RFC 3711 §3.3.2). */
  REPLAYED,
  /** The packet index is older than the 64-packet replay window. */
  TOO_OLD,
  /** Encrypting needs {@link SrtpProfile#rtpOverhead()}/{@code rtcpOverhead()} free bytes. */
  BUFFER_TOO_SMALL,
  /** A well-formed packet this session deliberately does not handle (see its Javadoc). */
  UNSUPPORTED,
  /** The cipher failed in an unexpected way; logged at debug with the cause. */
  CRYPTO_ERROR,
  /** The session was closed. */
  CLOSED
}
