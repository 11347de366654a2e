package dev.chorus.media.sfu.transport;

import dev.chorus.media.rtp.RtpPacket;
import dev.chorus.media.rtp.rtcp.RtcpPacket;
import java.util.List;

/**
 * Where a {@link WebRtcTransport} delivers what its peer sends, decrypted: the producer path (RTP)
 * and the feedback path (RTCP).
 *
 * <p>The packet methods run on the transport's packet path, one packet at a time: threads of the
 * engine's shared packet pool in turn (each call happens-after the previous one; in this package
 * "the transport's packet thread" means that one-at-a-time turn). They must not block and must not
 * keep the {@link RtpPacket}: the view and its buffer are reused for the next datagram as soon as
 * the call returns. They may edit the packet in place (it is not used afterwards) and send it, or
 * copies of it, on any transport. An exception thrown here is counted in {@link
 * TransportStats#listenerErrors} and the packet is dropped; the thread carries on.
 */
public interface MediaListener {
  /** Drops everything; the default until {@link WebRtcTransport#setMediaListener} is called. */
  MediaListener DISCARD = new MediaListener() {};

  /**
   * One authenticated, decrypted RTP packet.
   *
   * @param from the transport it arrived on
   * @param packet a view of the packet, valid only during this call
   */
  default void onRtp(WebRtcTransport from, RtpPacket packet) {}

  /**
   * The packets of one authenticated, decrypted compound RTCP packet that parsed (see {@link
   * dev.chorus.media.rtp.rtcp.RtcpCompound#parseLenient}); never empty.
   *
   * @param from the transport it arrived on
   * @param packets immutable values, which may be kept
   */
  default void onRtcp(WebRtcTransport from, List<RtcpPacket> packets) {}

  /**
   * The transport ended (CLOSED or FAILED), told once, on the engine's scheduler, just before its
   * {@link TransportStateListener} hears of it; to the listener set at that moment. A {@link
   * RouterTransport} closes its producers and consumers here.
   */
  default void onTransportEnded(WebRtcTransport from, TransportState state) {}
}
