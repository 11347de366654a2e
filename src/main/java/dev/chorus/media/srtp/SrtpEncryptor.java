package dev.chorus.media.srtp;

import static dev.chorus.media.srtp.SrtpPacketChecks.inBounds;

import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;

/**
 * The sending half of an {@link SrtpSession}: encrypts and tags RTP and RTCP in place.
 *
 * <p>Thread-safe: contexts are created under the table's monitor, and jitsi-srtp synchronizes each
 * context, so sends of one SSRC are serialized while different SSRCs encrypt in parallel. The SSRC
 * cap is a safety net only: an evicted SSRC restarts with rollover counter 0, which a receiver
 * cannot follow once that stream has wrapped, so call {@link #forget(int)} when a stream ends.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3711#section-3.3">RFC 3711 §3.3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3711#section-3.4">RFC 3711 §3.4</a>
 */
final class SrtpEncryptor {
  private static final System.Logger LOG = System.getLogger(SrtpEncryptor.class.getName());

  private final SrtpProfile profile;
  private final SrtpContextFactory factory;
  private final ContextTable<SrtpCryptoContext> rtpContexts;
  private final ContextTable<SrtcpCryptoContext> rtcpContexts;
  private volatile boolean closed;

  SrtpEncryptor(SrtpKeyingMaterial keys, SrtpRole localRole, int maxSsrcs) {
    this.profile = keys.profile();
    this.factory = JitsiSrtp.factory(keys, localRole, true);
    this.rtpContexts = new ContextTable<>(maxSsrcs);
    this.rtcpContexts = new ContextTable<>(maxSsrcs);
  }

  SrtpResult encryptRtp(byte[] buf, int offset, int length) {
    if (closed) {
      return SrtpResult.failure(SrtpStatus.CLOSED);
    }
    if (!inBounds(buf, offset, length)
        || SrtpPacketChecks.rtpHeaderLength(buf, offset, length) < 0) {
      return SrtpResult.failure(SrtpStatus.MALFORMED);
    }
    if (buf.length - offset - length < profile.rtpOverhead()) {
      return SrtpResult.failure(SrtpStatus.BUFFER_TOO_SMALL);
    }
    int ssrc = SrtpPacketChecks.rtpSsrc(buf, offset);
    PacketBuffer packet = new PacketBuffer(buf, offset, length);
    try {
      SrtpCryptoContext context;
      synchronized (rtpContexts) {
        context = rtpContexts.get(ssrc);
        if (context == null) {
          if (closed) {
            return SrtpResult.failure(SrtpStatus.CLOSED);
          }
          context = factory.deriveContext(ssrc, 0);
          rtpContexts.put(ssrc, context);
        }
      }
      return JitsiSrtp.result(context.transformPacket(packet), packet, offset);
    } catch (GeneralSecurityException | RuntimeException e) {
      return JitsiSrtp.cryptoError(LOG, "SRTP encrypt", e);
    }
  }

  SrtpResult encryptRtcp(byte[] buf, int offset, int length) {
    if (closed) {
      return SrtpResult.failure(SrtpStatus.CLOSED);
    }
    if (!inBounds(buf, offset, length) || !SrtpPacketChecks.isRtcpHeader(buf, offset, length)) {
      return SrtpResult.failure(SrtpStatus.MALFORMED);
    }
    if (buf.length - offset - length < profile.rtcpOverhead()) {
      return SrtpResult.failure(SrtpStatus.BUFFER_TOO_SMALL);
    }
    int ssrc = SrtpPacketChecks.rtcpSenderSsrc(buf, offset);
    PacketBuffer packet = new PacketBuffer(buf, offset, length);
    try {
      SrtcpCryptoContext context;
      synchronized (rtcpContexts) {
        context = rtcpContexts.get(ssrc);
        if (context == null) {
          if (closed) {
            return SrtpResult.failure(SrtpStatus.CLOSED);
          }
          context = factory.deriveControlContext(ssrc);
          rtcpContexts.put(ssrc, context);
        }
      }
      return JitsiSrtp.result(context.transformPacket(packet), packet, offset);
    } catch (GeneralSecurityException | RuntimeException e) {
      return JitsiSrtp.cryptoError(LOG, "SRTCP encrypt", e);
    }
  }

  void forget(int ssrc) {
    synchronized (rtpContexts) {
      rtpContexts.remove(ssrc);
    }
    synchronized (rtcpContexts) {
      rtcpContexts.remove(ssrc);
    }
  }

  int rtpContextCount() {
    return rtpContexts.sizeLocked();
  }

  int rtcpContextCount() {
    return rtcpContexts.sizeLocked();
  }

  /** See {@link SrtpDecryptor#close()} for why the monitors are taken before wiping. */
  void close() {
    closed = true;
    synchronized (rtpContexts) {
      rtpContexts.clear();
    }
    synchronized (rtcpContexts) {
      rtcpContexts.clear();
    }
    factory.close();
  }
}
