package dev.chorus.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Runs the server side of a DTLS-SRTP handshake (<a
 * href="https://www.rfc-editor.org/rfc/rfc5764#section-4">RFC 5764 §4</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc5763#section-5">RFC 5763 §5</a>): the SFU answers {@code
 * a=setup:passive}, so the browser is the DTLS client.
 *
 * <p>One instance per process is enough: it holds the certificate and BouncyCastle's crypto
 * provider, both safe to share. {@link #accept} blocks its calling thread for the whole handshake
 * (up to the timeout), so callers run it on an executor, never on the socket reader or a media
 * thread. Interrupting that thread, or closing the transport, aborts the handshake.
 *
 * <p>No HelloVerifyRequest cookie exchange is done: ICE connectivity checks have already proven the
 * peer's address, and BouncyCastle's stateless cookie path cannot reassemble a fragmented
 * ClientHello (Chromium sends it in two datagrams), whereas the stateful path used here can.
 */
public final class DtlsServer {

  private final DtlsCertificate certificate;
  private final BcTlsCrypto crypto;

  public DtlsServer(DtlsCertificate certificate, SecureRandom random) {
    this.certificate = certificate;
    this.crypto = new BcTlsCrypto(random);
  }

  public DtlsCertificate certificate() {
    return certificate;
  }

  /**
   * Performs the handshake over {@code transport}; blocks until it completes or fails.
   *
   * @param transport datagrams from and to this one peer (see {@link QueueDatagramTransport});
   *     BouncyCastle closes it if the handshake fails
   * @param remoteFingerprints the {@code a=fingerprint} values of the peer's SDP; its certificate
   *     must match one of them
   * @param timeout the whole handshake must finish within this
   * @throws DtlsHandshakeException with a {@link DtlsHandshakeException.Reason} and a readable
   *     message; never a RuntimeException for anything the peer sends
   */
  public DtlsHandshakeResult accept(
      DatagramTransport transport, List<DtlsFingerprint> remoteFingerprints, Duration timeout)
      throws DtlsHandshakeException {
    if (timeout.isNegative() || timeout.isZero()) {
      // BouncyCastle reads 0 as "wait forever".
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    var verifier = new PeerFingerprintVerifier(remoteFingerprints);
    var server = new DtlsSrtpTlsServer(crypto, certificate, verifier, timeoutMillis);
    try {
      DTLSTransport dtls = new DTLSServerProtocol().accept(server, transport);
      DtlsSrtpKeyingMaterial srtp = server.keyingMaterial();
      if (srtp == null) {
        dtls.close();
        throw new DtlsHandshakeException(
            DtlsHandshakeException.Reason.PROTOCOL_ERROR, "no keying material exported", null);
      }
      return new DtlsHandshakeResult(srtp, dtls);
    } catch (IOException e) {
      throw classify(e, server, verifier);
    } catch (RuntimeException e) {
      // accept() wraps most runtime failures itself; this is a last line of defence.
      throw new DtlsHandshakeException(
          DtlsHandshakeException.Reason.PROTOCOL_ERROR, "internal failure: " + e, e);
    }
  }

  private static DtlsHandshakeException classify(
      IOException e, DtlsSrtpTlsServer server, PeerFingerprintVerifier verifier) {
    if (verifier.failureReason() != null) {
      return new DtlsHandshakeException(verifier.failureReason(), verifier.failure(), e);
    }
    if (server.srtpFailure() != null) {
      return new DtlsHandshakeException(
          DtlsHandshakeException.Reason.NO_COMMON_SRTP_PROFILE, server.srtpFailure(), e);
    }
    if (e instanceof TlsTimeoutException || e instanceof SocketTimeoutException) {
      return new DtlsHandshakeException(
          DtlsHandshakeException.Reason.TIMEOUT, "no complete handshake in time", e);
    }
    if (e instanceof TlsFatalAlertReceived received) {
      return new DtlsHandshakeException(
          DtlsHandshakeException.Reason.PEER_ALERT,
          "peer aborted with alert " + AlertDescription.getText(received.getAlertDescription()),
          e);
    }
    if (e instanceof TlsFatalAlert alert) {
      return new DtlsHandshakeException(
          DtlsHandshakeException.Reason.PROTOCOL_ERROR,
          "aborted with alert "
              + AlertDescription.getText(alert.getAlertDescription())
              + (alert.getMessage() == null ? "" : ": " + alert.getMessage()),
          e);
    }
    if (e instanceof InterruptedIOException) {
      Thread.currentThread().interrupt();
      return new DtlsHandshakeException(
          DtlsHandshakeException.Reason.INTERRUPTED, "handshake thread interrupted", e);
    }
    return new DtlsHandshakeException(
        DtlsHandshakeException.Reason.TRANSPORT_ERROR, "datagram transport failed: " + e, e);
  }
}
