package dev.chorus.media.sfu.stream;

import dev.chorus.media.rtp.BigEndian;
import dev.chorus.media.rtp.RtpPacket;

/**
 * The RTX retransmission payload format (<a
 * href="https://www.rfc-editor.org/rfc/rfc4588#section-4">RFC 4588 §4</a>), converted in place: an
 * RTX packet is the original packet under the RTX SSRC, payload type and sequence numbering, with
 * the original sequence number (OSN) in the first two bytes of its payload.
 *
 * <pre>
 *  |                         RTP Header                            |
 *  |            OSN                |                               |
 *  |                  Original RTP Packet Payload                  |
 * </pre>
 */
public final class RtxPacket {
  static final int OSN_LENGTH = 2;

  private RtxPacket() {}

  /**
   * Turns the packet in view into its RTX form: drops padding, moves the payload two bytes right
   * behind the OSN, sets SSRC, payload type and sequence number.
   *
   * @return the new length, or -1 (packet unchanged) if the buffer has no room for the OSN
   */
  public static int encapsulate(RtpPacket packet, long rtxSsrc, int rtxPayloadType, int rtxSeq) {
    if (packet.length() - packet.paddingLength() + OSN_LENGTH > packet.capacity()) {
      return -1;
    }
    packet.removePadding();
    byte[] buf = packet.buffer();
    int payload = packet.payloadOffset();
    int end = packet.offset() + packet.length();
    System.arraycopy(buf, payload, buf, payload + OSN_LENGTH, end - payload);
    BigEndian.put16(buf, payload, packet.sequenceNumber());
    packet.setSsrc(rtxSsrc);
    packet.setPayloadType(rtxPayloadType);
    packet.setSequenceNumber(rtxSeq);
    return packet.length() + OSN_LENGTH;
  }

  /**
   * Turns the RTX packet in view back into the original: drops padding, takes the OSN as the
   * sequence number and moves the payload two bytes left.
   *
   * @return the new length, or -1 (packet unchanged) if there is no OSN (e.g. a padding-only RTX
   *     packet, which browsers send to probe bandwidth)
   */
  public static int decapsulate(RtpPacket packet, long mediaSsrc, int mediaPayloadType) {
    if (packet.payloadLength() < OSN_LENGTH) {
      return -1;
    }
    packet.removePadding();
    byte[] buf = packet.buffer();
    int payload = packet.payloadOffset();
    int end = packet.offset() + packet.length();
    int osn = BigEndian.u16(buf, payload);
    System.arraycopy(buf, payload + OSN_LENGTH, buf, payload, end - payload - OSN_LENGTH);
    packet.setSequenceNumber(osn);
    packet.setSsrc(mediaSsrc);
    packet.setPayloadType(mediaPayloadType);
    return packet.length() - OSN_LENGTH;
  }
}
