package dev.chorus.media.sfu.transport;

import dev.chorus.media.dtls.DtlsFingerprint;
import dev.chorus.media.ice.IceCandidate;
import java.util.List;

/**
 * What the SDP answer must say about the server side of one {@link WebRtcTransport}: {@code
 * a=ice-ufrag}, {@code a=ice-pwd}, {@code a=candidate} lines (RFC 8839), {@code a=fingerprint} (RFC
 * 8122) and {@code a=setup:passive} (RFC 5763 §5: the server is the DTLS server, so the browser
 * must be {@code active}).
 *
 * @param iceUfrag local ICE ufrag
 * @param icePassword local ICE password
 * @param candidates local host candidates (UDP, and passive ICE-TCP when enabled)
 * @param fingerprint SHA-256 fingerprint of the server's DTLS certificate
 */
public record LocalParameters(
    String iceUfrag,
    String icePassword,
    List<IceCandidate> candidates,
    DtlsFingerprint fingerprint) {

  /** The {@code a=setup} value of every answer: the server waits for the browser's ClientHello. */
  public static final String DTLS_SETUP = "passive";

  public LocalParameters {
    candidates = List.copyOf(candidates);
  }
}
