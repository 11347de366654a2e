package dev.chorus.media.sfu.transport;

import dev.chorus.media.rtp.rtcp.RtcpPacket;
import java.util.List;

/**
 * Where the router's RTCP for one transport goes: feedback (PLI, REMB, transport-cc) and receiver
 * reports to a publisher, sender reports to a subscriber. Called from any thread; must not block.
 */
@FunctionalInterface
public interface RtcpSink {
  /**
   * Sends the packets as one compound RTCP packet.
   *
   * @return true if it went out
   */
  boolean sendRtcp(List<? extends RtcpPacket> packets);
}
