package dev.chorus.media.dtls;

/**
 * Why a DTLS-SRTP handshake did not complete. The message is meant for logs; {@link #reason()} is
 * for code (e.g. to decide whether an ICE restart is worth trying).
 */
public final class DtlsHandshakeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Failure classes the SFU reacts to differently. */
  public enum Reason {
    /** The peer's certificate does not hash to any fingerprint from its SDP (RFC 5763 §5). */
    FINGERPRINT_MISMATCH,
    /** The peer sent no certificate although we sent a CertificateRequest. */
    NO_PEER_CERTIFICATE,
    /** No use_srtp extension, or no protection profile in common (RFC 5764 §4.1.1). */
    NO_COMMON_SRTP_PROFILE,
    /** The peer aborted with a fatal alert. */
    PEER_ALERT,
    /** Nothing (useful) arrived before the handshake timeout. */
    TIMEOUT,
    /** Any other protocol failure detected locally (bad version, cipher suite, MAC, ...). */
    PROTOCOL_ERROR,
    /** The datagram transport failed or was closed underneath the handshake. */
    TRANSPORT_ERROR,
    /** The handshake thread was interrupted (e.g. the session was closed). */
    INTERRUPTED
  }

  private final Reason reason;

  public DtlsHandshakeException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
