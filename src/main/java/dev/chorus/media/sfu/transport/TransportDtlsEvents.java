package dev.chorus.media.sfu.transport;

import dev.chorus.media.dtls.DtlsHandshakeException;
import dev.chorus.media.dtls.DtlsHandshakeResult;

/** What a transport's DTLS link reports, turned into the transport's state changes. */
final class TransportDtlsEvents implements DtlsLink.Events {
  private final WebRtcTransport transport;

  TransportDtlsEvents(WebRtcTransport transport) {
    this.transport = transport;
  }

  @Override
  public void established(DtlsHandshakeResult result) {
    transport.keysReady(result);
  }

  @Override
  public void handshakeFailed(DtlsHandshakeException failure) {
    transport.engine().countDtlsFailure();
    transport.fail("DTLS: " + failure.getMessage());
  }

  @Override
  public void peerEnded(boolean clean, String reason) {
    if (clean) {
      transport.end(TransportState.CLOSED, reason);
    } else {
      transport.engine().countDtlsFailure();
      transport.fail(reason);
    }
  }
}
