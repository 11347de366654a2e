package dev.chorus.media.dtls;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Authenticates a DTLS peer by the {@code a=fingerprint} values from its SDP instead of a CA chain
 * (<a href="https://www.rfc-editor.org/rfc/rfc5763#section-5">RFC 5763 §5</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc8122#section-5">RFC 8122 §5</a>): the end-entity
 * certificate must hash to one of them. Used from inside a BouncyCastle callback, so failures are
 * thrown as fatal alerts, which abort the handshake and tell the peer.
 */
final class PeerFingerprintVerifier {

  private final List<DtlsFingerprint> expected;

  /** Outcome of the last {@link #verify} call, so the handshake driver can report it. */
  private volatile String failure;

  private volatile DtlsHandshakeException.Reason failureReason;

  PeerFingerprintVerifier(List<DtlsFingerprint> expected) {
    if (expected.isEmpty()) {
      throw new IllegalArgumentException("at least one remote fingerprint is required");
    }
    this.expected = List.copyOf(expected);
  }

  /**
   * Returns the peer certificate's fingerprint (in the hash function that matched) or throws {@code
   * bad_certificate} / {@code handshake_failure}.
   */
  DtlsFingerprint verify(Certificate chain) throws IOException {
    if (chain == null || chain.isEmpty()) {
      failureReason = DtlsHandshakeException.Reason.NO_PEER_CERTIFICATE;
      failure = "peer sent no certificate; DTLS-SRTP requires one (RFC 5763 §5)";
      // RFC 5246 §7.4.6: a server that requires a client certificate answers handshake_failure.
      throw new TlsFatalAlert(AlertDescription.handshake_failure, failure);
    }
    byte[] der = chain.getCertificateAt(0).getEncoded();
    for (DtlsFingerprint candidate : expected) {
      if (candidate.matches(der)) {
        return candidate;
      }
    }
    failureReason = DtlsHandshakeException.Reason.FINGERPRINT_MISMATCH;
    failure =
        "peer certificate fingerprint "
            + DtlsFingerprint.of(expected.get(0).hashFunction(), der)
            + " does not match the SDP fingerprint(s) "
            + expected;
    throw new TlsFatalAlert(AlertDescription.bad_certificate, failure);
  }

  /** Reason of the last rejection, or null if nothing was rejected. */
  DtlsHandshakeException.Reason failureReason() {
    return failureReason;
  }

  String failure() {
    return failure;
  }
}
