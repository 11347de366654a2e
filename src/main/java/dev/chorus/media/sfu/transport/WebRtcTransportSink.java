package dev.chorus.media.sfu.transport;

/**
 * A {@link WebRtcTransport} as a router's {@link RtpSink}: encrypts in the router's scratch buffer
 * ({@link WebRtcTransport#sendRtpInPlace}), is ready once the transport is CONNECTED, and forgets
 * the SRTP state of a retired SSRC ({@link WebRtcTransport#retireSsrc}).
 */
final class WebRtcTransportSink implements RtpSink {
  private final WebRtcTransport transport;

  WebRtcTransportSink(WebRtcTransport transport) {
    this.transport = transport;
  }

  @Override
  public boolean sendRtp(byte[] buf, int off, int len) {
    return transport.sendRtpInPlace(buf, off, len);
  }

  @Override
  public boolean isReady() {
    return transport.state() == TransportState.CONNECTED;
  }

  @Override
  public void retire(long ssrc) {
    transport.retireSsrc(ssrc);
  }
}
