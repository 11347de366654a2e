package dev.chorus.media.sfu.stream;

/**
 * The RTP header extension ids one side negotiated ({@code a=extmap}, <a
 * href="https://www.rfc-editor.org/rfc/rfc8285#section-8">RFC 8285 §8</a>); 0 where not negotiated.
 * Ids are 1–255 (1–14 fit the one-byte form browsers use).
 *
 * @param mid {@code urn:ietf:params:rtp-hdrext:sdes:mid} (RFC 8843 §15.2)
 * @param rid {@code urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id} (RFC 8852 §3.1)
 * @param repairedRid {@code urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id} (RFC 8852 §3.2)
 * @param audioLevel {@code urn:ietf:params:rtp-hdrext:ssrc-audio-level} (RFC 6464)
 * @param absSendTime {@code http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time}
 * @param transportCc {@code
 *     http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01}
 */
public record HeaderExtensionIds(
    int mid, int rid, int repairedRid, int audioLevel, int absSendTime, int transportCc) {
  /** Nothing negotiated. */
  public static final HeaderExtensionIds NONE = new HeaderExtensionIds(0, 0, 0, 0, 0, 0);

  public HeaderExtensionIds {
    for (int id : new int[] {mid, rid, repairedRid, audioLevel, absSendTime, transportCc}) {
      if (id < 0 || id > 255) {
        throw new IllegalArgumentException("header extension id out of range: " + id);
      }
    }
  }

  public HeaderExtensionIds withMid(int id) {
    return new HeaderExtensionIds(id, rid, repairedRid, audioLevel, absSendTime, transportCc);
  }

  public HeaderExtensionIds withRid(int id, int repairedId) {
    return new HeaderExtensionIds(mid, id, repairedId, audioLevel, absSendTime, transportCc);
  }

  public HeaderExtensionIds withAudioLevel(int id) {
    return new HeaderExtensionIds(mid, rid, repairedRid, id, absSendTime, transportCc);
  }

  public HeaderExtensionIds withAbsSendTime(int id) {
    return new HeaderExtensionIds(mid, rid, repairedRid, audioLevel, id, transportCc);
  }

  public HeaderExtensionIds withTransportCc(int id) {
    return new HeaderExtensionIds(mid, rid, repairedRid, audioLevel, absSendTime, id);
  }
}
