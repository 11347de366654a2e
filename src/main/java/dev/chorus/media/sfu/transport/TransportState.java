package dev.chorus.media.sfu.transport;

/**
 * Life cycle of a {@link WebRtcTransport}, the states of the W3C {@code RTCPeerConnectionState}
 * that a server side can observe (<a
 * href="https://www.w3.org/TR/webrtc/#rtcpeerconnectionstate-enum">WebRTC §4.3.3</a>), without
 * "disconnected": a silent peer goes from connected straight to failed once ICE consent expires.
 */
public enum TransportState {
  /** Created; local ICE credentials, candidates and DTLS fingerprint are known. */
  NEW,
  /** The remote description is set: ICE checks, then the DTLS handshake, are under way. */
  CONNECTING,
  /** ICE selected a pair and DTLS-SRTP keys are in place: media flows both ways. */
  CONNECTED,
  /**
   * ICE failed or consent expired, or the DTLS handshake failed, or the peer sent a fatal DTLS
   * alert. Everything the transport held is already released; {@link WebRtcTransport#close()} still
   * reports {@link #CLOSED}.
   */
  FAILED,
  /** {@link WebRtcTransport#close()} was called or the peer sent a DTLS close_notify. Final. */
  CLOSED;

  /** Whether the transport can no longer carry media. */
  public boolean isTerminal() {
    return this == FAILED || this == CLOSED;
  }
}
