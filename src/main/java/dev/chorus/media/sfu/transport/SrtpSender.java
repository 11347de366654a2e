package dev.chorus.media.sfu.transport;

import dev.chorus.media.ice.IceSession;
import dev.chorus.media.rtp.rtcp.RtcpCompound;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import dev.chorus.media.srtp.SrtpSession;
import java.io.IOException;
import java.util.List;

/**
 * The send path of one transport: copy into a pooled buffer, encrypt in place (SRTP, RFC 3711 §3;
 * SRTCP, §3.4), hand to ICE. Callable from any thread; the pool is lock-free and per transport, so
 * senders on different transports share nothing. Failures are counted, never thrown.
 */
final class SrtpSender {
  /** Concurrent senders per transport are few: its own packet work and a few producers'. */
  private static final int POOL_SLOTS = 4;

  /** Any packet the receive path can deliver, plus room for the largest SRTCP trailer. */
  private static final int BUFFER_SIZE = ReceivePath.BUFFER_SIZE + 64;

  private final IceSession ice;
  private final TransportStats stats;
  private final BufferPool buffers = new BufferPool(POOL_SLOTS, BUFFER_SIZE);

  SrtpSender(IceSession ice, TransportStats stats) {
    this.ice = ice;
    this.stats = stats;
  }

  boolean send(SrtpSession session, byte[] src, int off, int len, boolean rtcp) {
    if (src == null || off < 0 || len < 1 || len > src.length - off) {
      stats.malformed.increment();
      return false;
    }
    int overhead = rtcp ? session.profile().rtcpOverhead() : session.profile().rtpOverhead();
    if (len > BUFFER_SIZE - overhead) {
      stats.dropped.increment();
      return false;
    }
    byte[] buf = buffers.acquire();
    try {
      System.arraycopy(src, off, buf, 0, len);
      return encryptAndSend(session, buf, len, rtcp);
    } finally {
      buffers.release(buf);
    }
  }

  /**
   * Encrypts in the caller's buffer, which must have room for the SRTP trailer after the packet,
   * and sends: no copy. The buffer's contents are unspecified afterwards.
   */
  boolean sendInPlace(SrtpSession session, byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len < 1 || len > buf.length - off) {
      stats.malformed.increment();
      return false;
    }
    if (buf.length - off - len < session.profile().rtpOverhead()) {
      stats.dropped.increment();
      return false;
    }
    var result = session.encryptRtp(buf, off, len);
    if (!result.isOk()) {
      stats.srtpFailures.increment();
      return false;
    }
    try {
      if (!ice.send(buf, off, result.length())) {
        stats.sendErrors.increment(); // no room in the socket buffer: lost like on the wire
        return false;
      }
    } catch (IOException e) {
      stats.sendErrors.increment();
      return false;
    }
    stats.rtpPacketsOut.increment();
    stats.rtpBytesOut.add(result.length());
    return true;
  }

  boolean sendRtcp(SrtpSession session, List<? extends RtcpPacket> packets) {
    int len = packets.isEmpty() ? 0 : RtcpCompound.encodedLength(packets);
    if (len < 1 || len > BUFFER_SIZE - session.profile().rtcpOverhead()) {
      stats.dropped.increment();
      return false;
    }
    byte[] buf = buffers.acquire();
    try {
      return RtcpCompound.write(packets, buf, 0) == len && encryptAndSend(session, buf, len, true);
    } finally {
      buffers.release(buf);
    }
  }

  private boolean encryptAndSend(SrtpSession session, byte[] buf, int len, boolean rtcp) {
    var result = rtcp ? session.encryptRtcp(buf, 0, len) : session.encryptRtp(buf, 0, len);
    if (!result.isOk()) {
      stats.srtpFailures.increment();
      return false;
    }
    try {
      if (!ice.send(buf, 0, result.length())) {
        stats.sendErrors.increment(); // no room in the socket buffer: lost like on the wire
        return false;
      }
    } catch (IOException e) {
      stats.sendErrors.increment();
      return false;
    }
    if (rtcp) {
      stats.rtcpPacketsOut.increment();
      stats.rtcpBytesOut.add(result.length());
    } else {
      stats.rtpPacketsOut.increment();
      stats.rtpBytesOut.add(result.length());
    }
    return true;
  }
}
