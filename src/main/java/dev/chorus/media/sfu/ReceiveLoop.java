package dev.chorus.media.sfu;

import dev.chorus.media.ice.DatagramHandler;
import dev.chorus.media.ice.IceSession;
import dev.chorus.media.rtp.DatagramDemux;
import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.rtcp.RtcpCompound;
import dev.chorus.media.srtp.SrtpResult;
import dev.chorus.media.srtp.SrtpSession;
import dev.chorus.media.srtp.SrtpStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.util.concurrent.CountDownLatch;

/**
 * The packet path of one transport, and in pull mode its thread: reads (or, in push mode, is handed
 * by {@link PushReceiver}) what ICE lets through from the peer and sorts it by first byte (<a
 * href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</a>, <a
 * href="https://www.rfc-editor.org/rfc/rfc5761#section-4">RFC 5761 §4</a>): DTLS to the {@link
 * DtlsLink}; SRTP decrypted in place and handed to the {@link MediaListener} as a reused {@link
 * RtpPacket} view; SRTCP decrypted, parsed leniently and handed over as values. STUN never gets
 * here (ice4j answers it).
 *
 * <p>Nothing a peer sends can end the loop: bad input is counted in {@link TransportStats}, and any
 * unexpected exception while handling one datagram is caught, counted and logged at DEBUG. The loop
 * ends when the ICE session closes or fails (its {@code receive} throws) or the thread is
 * interrupted. One buffer and one view per loop; no allocation per RTP packet here.
 */
final class ReceiveLoop implements Runnable {
  /** Bigger than any Ethernet datagram; ICE-TCP frames longer than this are cut and fail SRTP. */
  static final int BUFFER_SIZE = 2048;

  private static final System.Logger LOG = System.getLogger(ReceiveLoop.class.getName());

  /** Consecutive socket errors, none of them "closed", after which the loop gives up. */
  private static final int MAX_CONSECUTIVE_ERRORS = 100;

  private final WebRtcTransport transport;
  private final IceSession ice;
  private final DtlsLink dtls;
  private final TransportStats stats;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final RtpPacket view = new RtpPacket();

  private volatile DatagramHandler handOff;

  ReceiveLoop(WebRtcTransport transport, IceSession ice, DtlsLink dtls, TransportStats stats) {
    this.transport = transport;
    this.ice = ice;
    this.dtls = dtls;
    this.stats = stats;
  }

  /**
   * In push mode, where datagrams this loop reads (ICE-TCP) go instead of being handled here, so
   * that all of a transport's packet work runs in one queue.
   */
  void handOffTo(DatagramHandler queue) {
    this.handOff = queue;
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

  /** Counts down once the loop has returned. */
  CountDownLatch finished() {
    return finished;
  }

  @Override
  public void run() {
    byte[] buf = new byte[BUFFER_SIZE];
    var packet = new DatagramPacket(buf, buf.length);
    int errors = 0;
    try {
      while (!transport.state().isTerminal()) {
        packet.setData(buf, 0, buf.length);
        try {
          ice.receive(packet);
          errors = 0;
        } catch (InterruptedIOException e) {
          return;
        } catch (IOException e) {
          if (ice.state().isTerminal() || ++errors >= MAX_CONSECUTIVE_ERRORS) {
            if (!ice.state().isTerminal()) {
              transport.fail("socket keeps failing: " + e);
            }
            return;
          }
          continue;
        }
        DatagramHandler queue = handOff;
        if (queue != null) {
          queue.onDatagram(buf, packet.getOffset(), packet.getLength());
        } else {
          handle(buf, packet.getOffset(), packet.getLength());
        }
      }
    } finally {
      finished.countDown();
    }
  }

  private void dispatch(byte[] buf, int off, int len) {
    switch (DatagramDemux.classify(buf, off, len)) {
      case DTLS -> {
        stats.dtlsPacketsIn.increment();
        dtls.receive(buf, off, len);
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
