package dev.chorus.media.srtp;

import static dev.chorus.media.srtp.SrtpPacketChecks.inBounds;

import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;

/**
 * The receiving half of an {@link SrtpSession}: verifies and decrypts SRTP and SRTCP in place.
 *
 * <p>A context for an SSRC is kept only once a packet from that SSRC has authenticated. The first
 * packet of an unknown SSRC is tried on a spare "probe" context; if it authenticates, the probe
 * becomes that SSRC's context, otherwise it is left exactly as it was. So forged packets with
 * made-up SSRCs cost one failed decryption each, not a key derivation (60-150 µs measured), and
 * leave no state behind. Authenticated SSRCs are capped as well (least recently used out), because
 * a peer holding the keys could still invent many. Every method is thread-safe.
 *
 * <p>The probe relies on two jitsi-srtp 1.1 behaviours, both covered by tests: a context takes the
 * SSRC for its IV and tag from the packet, not from its constructor argument (which only appears in
 * its log lines), and a packet that fails leaves the context's replay and rollover state as it was.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc3711#section-3.3">RFC 3711 §3.3</a>
 */
final class SrtpDecryptor {
  private static final System.Logger LOG = System.getLogger(SrtpDecryptor.class.getName());

  private final SrtpProfile profile;
  private final SrtpContextFactory factory;
  private final ContextTable<SrtpCryptoContext> rtpContexts;
  private final ContextTable<SrtcpCryptoContext> rtcpContexts;

  /** Spare contexts for first packets; each guarded by its table's monitor. */
  private SrtpCryptoContext rtpProbe;

  private SrtcpCryptoContext rtcpProbe;

  private volatile boolean closed;

  SrtpDecryptor(SrtpKeyingMaterial keys, SrtpRole localRole, int maxSsrcs) {
    this.profile = keys.profile();
    this.factory = JitsiSrtp.factory(keys, localRole.peer(), false);
    this.rtpContexts = new ContextTable<>(maxSsrcs);
    this.rtcpContexts = new ContextTable<>(maxSsrcs);
  }

  SrtpResult decryptRtp(byte[] buf, int offset, int length) {
    if (closed) {
      return SrtpResult.failure(SrtpStatus.CLOSED);
    }
    if (!inBounds(buf, offset, length)
        || SrtpPacketChecks.rtpHeaderLength(buf, offset, length - profile.authTagLength()) < 0) {
      return SrtpResult.failure(SrtpStatus.MALFORMED);
    }
    int ssrc = SrtpPacketChecks.rtpSsrc(buf, offset);
    PacketBuffer packet = new PacketBuffer(buf, offset, length);
    try {
      SrtpCryptoContext context;
      synchronized (rtpContexts) {
        context = rtpContexts.get(ssrc);
        if (context == null) {
          return decryptFirstRtp(ssrc, packet, offset);
        }
      }
      return JitsiSrtp.result(context.reverseTransformPacket(packet, false), packet, offset);
    } catch (GeneralSecurityException | RuntimeException e) {
      return JitsiSrtp.cryptoError(LOG, "SRTP decrypt", e);
    }
  }

  /** Called holding the table's monitor, so two first packets of one SSRC cannot race. */
  private SrtpResult decryptFirstRtp(int ssrc, PacketBuffer packet, int offset)
      throws GeneralSecurityException {
    if (closed) {
      return SrtpResult.failure(SrtpStatus.CLOSED);
    }
    if (rtpProbe == null) {
      rtpProbe = factory.deriveContext(ssrc, 0);
    }
    SrtpErrorStatus status;
    try {
      status = rtpProbe.reverseTransformPacket(packet, false);
    } catch (GeneralSecurityException | RuntimeException e) {
      // An exception may have left the probe half-updated; never reuse it.
      rtpProbe = null;
      throw e;
    }
    if (status == SrtpErrorStatus.OK) {
      rtpContexts.put(ssrc, rtpProbe);
      rtpProbe = null;
    }
    return JitsiSrtp.result(status, packet, offset);
  }

  /**
   * Unencrypted SRTCP (E flag clear) is refused under GCM: jitsi-srtp's tag-only path ignores the
   * buffer offset, and browsers always encrypt SRTCP.
   */
  SrtpResult decryptRtcp(byte[] buf, int offset, int length) {
    if (closed) {
      return SrtpResult.failure(SrtpStatus.CLOSED);
    }
    int minimum =
        SrtpPacketChecks.RTCP_HEADER_LENGTH
            + SrtpProfile.SRTCP_INDEX_LENGTH
            + profile.authTagLength();
    if (!inBounds(buf, offset, length)
        || length < minimum
        || !SrtpPacketChecks.isRtcpHeader(buf, offset, length)) {
      return SrtpResult.failure(SrtpStatus.MALFORMED);
    }
    if (profile.isAead()
        && SrtpPacketChecks.readInt(buf, offset + length - SrtpProfile.SRTCP_INDEX_LENGTH) >= 0) {
      return SrtpResult.failure(SrtpStatus.UNSUPPORTED);
    }
    int ssrc = SrtpPacketChecks.rtcpSenderSsrc(buf, offset);
    PacketBuffer packet = new PacketBuffer(buf, offset, length);
    try {
      SrtcpCryptoContext context;
      synchronized (rtcpContexts) {
        context = rtcpContexts.get(ssrc);
        if (context == null) {
          return decryptFirstRtcp(ssrc, packet, offset);
        }
      }
      return JitsiSrtp.result(context.reverseTransformPacket(packet), packet, offset);
    } catch (GeneralSecurityException | RuntimeException e) {
      return JitsiSrtp.cryptoError(LOG, "SRTCP decrypt", e);
    }
  }

  private SrtpResult decryptFirstRtcp(int ssrc, PacketBuffer packet, int offset)
      throws GeneralSecurityException {
    if (closed) {
      return SrtpResult.failure(SrtpStatus.CLOSED);
    }
    if (rtcpProbe == null) {
      rtcpProbe = factory.deriveControlContext(ssrc);
    }
    SrtpErrorStatus status;
    try {
      status = rtcpProbe.reverseTransformPacket(packet);
    } catch (GeneralSecurityException | RuntimeException e) {
      rtcpProbe = null;
      throw e;
    }
    if (status == SrtpErrorStatus.OK) {
      rtcpContexts.put(ssrc, rtcpProbe);
      rtcpProbe = null;
    }
    return JitsiSrtp.result(status, packet, offset);
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

  /**
   * Wipes the master key only after taking both tables' monitors, so no context can be derived from
   * a half-wiped key.
   */
  void close() {
    closed = true;
    synchronized (rtpContexts) {
      rtpContexts.clear();
      rtpProbe = null;
    }
    synchronized (rtcpContexts) {
      rtcpContexts.clear();
      rtcpProbe = null;
    }
    factory.close();
  }
}
