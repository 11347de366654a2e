package dev.chorus.media.sfu.transport;

import dev.chorus.media.rtp.DatagramDemux;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.rtcp.RtcpCompound;
import dev.chorus.media.srtp.SrtpResult;
import dev.chorus.media.srtp.SrtpSession;
import dev.chorus.media.srtp.SrtpStatus;
import java.lang.System.Logger.Level;

/**
 * The receive path of one transport, declared here in order. It is continued, for RTP in a room, by
 * the forward path declared on {@link dev.chorus.media.sfu.Producer#onRtp}; the way out of the SFU
 * is {@link SrtpSender}.
 *
 * <ol>
 *   <li>ICE lets through what the peer sends (STUN never gets here: the ICE endpoint answers it);
 *       {@link PushReceiver} copies it into a bounded queue drained on the engine's packet pool;
 *   <li>{@link #handle}: nothing for a closed transport; no exception escapes a datagram;
 *   <li>{@link #dispatch}: demultiplex by first byte (<a
 *       href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</a>, <a
 *       href="https://www.rfc-editor.org/rfc/rfc5761#section-4">RFC 5761 §4</a>);
 *   <li>DTLS: rate-limited, to the {@link DtlsLink} (handshake, then the SRTP keys);
 *   <li>SRTP ({@link #rtp}): decrypt in place, wrap the reused {@link RtpPacket} view, count, hand
 *       to the {@link MediaListener} ({@code RouterTransport} in a room, {@code EchoForwarder} for
 *       the connection test);
 *   <li>SRTCP ({@link #rtcp}): decrypt, parse leniently, count, hand the packets over as values.
 * </ol>
 *
 * <p>Nothing a peer sends can break it: bad input is counted in {@link TransportStats}, and any
 * unexpected exception while handling one datagram is caught, counted and logged at DEBUG. One view
 * per transport; no allocation per RTP packet here.
 */
final class ReceivePath {
  /** Bigger than any Ethernet datagram; longer ones are dropped as malformed. */
  static final int BUFFER_SIZE = 2048;

  private static final System.Logger LOG = System.getLogger(ReceivePath.class.getName());

  private final WebRtcTransport transport;
  private final DtlsLink dtls;
  private final TransportStats stats;
  private final RtpPacket view = new RtpPacket();
  private final int dtlsPerSecond;
  private double dtlsTokens; // packet thread only, like the view
  private long dtlsRefilledAt;

  /**
   * @param dtlsPerSecond DTLS datagrams handled per second (one second's worth may come at once);
   *     more are dropped, so a flood of DTLS costs the packet pool little
   */
  ReceivePath(WebRtcTransport transport, DtlsLink dtls, TransportStats stats, int dtlsPerSecond) {
    this.transport = transport;
    this.dtls = dtls;
    this.stats = stats;
    this.dtlsPerSecond = dtlsPerSecond;
    this.dtlsTokens = dtlsPerSecond;
    this.dtlsRefilledAt = System.nanoTime();
  }

  /**
   * Handles one datagram: demultiplex, decrypt, deliver. Callers must not run it concurrently for
   * one transport (the view is reused). Never throws.
   */
  void handle(byte[] buf, int off, int len) {
    if (transport.state().isTerminal()) {
      return;
    }
    try {
      dispatch(buf, off, len);
    } catch (RuntimeException e) {
      stats.malformed.increment();
      LOG.log(Level.DEBUG, "Datagram handling failed", e);
    }
  }

  private void dispatch(byte[] buf, int off, int len) {
    switch (DatagramDemux.classify(buf, off, len)) {
      case DTLS -> {
        stats.dtlsPacketsIn.increment();
        if (takeDtlsToken()) {
          dtls.receive(buf, off, len);
        } else {
          stats.dropped.increment();
        }
      }
      case RTP -> rtp(buf, off, len);
      case RTCP -> rtcp(buf, off, len);
      default -> stats.malformed.increment();
    }
  }

  private void rtp(byte[] buf, int off, int len) {
    SrtpSession srtp = transport.srtp();
    if (srtp == null) {
      stats.dropped.increment();
      return;
    }
    SrtpResult result = srtp.decryptRtp(buf, off, len);
    if (!countFailure(result)) {
      return;
    }
    if (!view.wrap(buf, off, result.length())) {
      stats.malformed.increment();
      return;
    }
    stats.rtpPacketsIn.increment();
    stats.rtpBytesIn.add(len);
    try {
      transport.mediaListener().onRtp(transport, view);
    } catch (RuntimeException e) {
      stats.listenerErrors.increment();
      LOG.log(Level.DEBUG, "Media listener failed on RTP", e);
    }
  }

  private void rtcp(byte[] buf, int off, int len) {
    SrtpSession srtp = transport.srtp();
    if (srtp == null) {
      stats.dropped.increment();
      return;
    }
    SrtpResult result = srtp.decryptRtcp(buf, off, len);
    if (!countFailure(result)) {
      return;
    }
    stats.rtcpPacketsIn.increment();
    stats.rtcpBytesIn.add(len);
    var compound = RtcpCompound.parseLenient(buf, off, result.length());
    if (compound.skipped() > 0 || compound.framingError()) {
      stats.malformed.add(compound.skipped() + (compound.framingError() ? 1 : 0));
    }
    if (compound.packets().isEmpty()) {
      return;
    }
    try {
      transport.mediaListener().onRtcp(transport, compound.packets());
    } catch (RuntimeException e) {
      stats.listenerErrors.increment();
      LOG.log(Level.DEBUG, "Media listener failed on RTCP", e);
    }
  }

  private boolean takeDtlsToken() {
    long now = System.nanoTime();
    long elapsed = now - dtlsRefilledAt;
    if (elapsed > 0) {
      dtlsRefilledAt = now;
      dtlsTokens = Math.min(dtlsPerSecond, dtlsTokens + dtlsPerSecond * (elapsed / 1e9));
    }
    if (dtlsTokens < 1) {
      return false;
    }
    dtlsTokens--;
    return true;
  }

  /** True if the packet was decrypted; otherwise counts why not. */
  private boolean countFailure(SrtpResult result) {
    if (result.isOk()) {
      return true;
    }
    if (result.status() == SrtpStatus.MALFORMED) {
      stats.malformed.increment();
    } else if (result.status() == SrtpStatus.CLOSED) {
      stats.dropped.increment();
    } else {
      stats.srtpFailures.increment();
    }
    return false;
  }
}
