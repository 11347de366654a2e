package dev.chorus.media.sfu.stream;

import dev.chorus.media.rtp.HeaderExtensionCursor;
import dev.chorus.media.rtp.RtpPacket;

/**
 * Turns a publisher's RTP header extensions (<a
 * href="https://www.rfc-editor.org/rfc/rfc8285#section-4">RFC 8285 §4</a>) into what one subscriber
 * negotiated, in place, in one walk over the elements:
 *
 * <ul>
 *   <li>MID (RFC 8843 §15.2): the subscriber's own MID under its id (a BUNDLEd receiver routes by
 *       it), re-laid out only when the length differs;
 *   <li>abs-send-time: our send time under the subscriber's id, for its receive-side bandwidth
 *       estimate (REMB);
 *   <li>audio level (RFC 6464): kept under the subscriber's id;
 *   <li>everything else — RID and repaired RID (the subscriber gets one stream), the publisher's
 *       transport-wide sequence numbers (they count the publisher's transport, not this one), and
 *       ids the subscriber did not negotiate — is blanked to padding, which receivers skip.
 * </ul>
 *
 * Immutable after construction, so the forwarding thread and the retransmission thread can share
 * it.
 */
public final class ExtensionRewriter {
  private static final int DROP = 0;
  private static final int MID = 1;
  private static final int ABS_SEND_TIME = 2;
  private static final int RENAME = 3;

  private final int[] roles = new int[256];
  private final int[] renames = new int[256];
  private final int midId;
  private final byte[] mid;
  private final int absSendTimeId;

  public ExtensionRewriter(HeaderExtensionIds from, HeaderExtensionIds to, byte[] mid) {
    this.midId = mid == null ? 0 : to.mid();
    this.mid = mid;
    this.absSendTimeId = to.absSendTime();
    if (from.mid() > 0) {
      roles[from.mid()] = MID;
    }
    if (from.absSendTime() > 0) {
      roles[from.absSendTime()] = ABS_SEND_TIME;
    }
    if (from.audioLevel() > 0 && to.audioLevel() > 0) {
      roles[from.audioLevel()] = RENAME;
      renames[from.audioLevel()] = to.audioLevel();
    }
  }

  /**
   * Rewrites the packet's extensions; it may grow when the MID's length changes (the view is
   * updated; use its new length).
   *
   * @param ntp the NTP time of sending, for abs-send-time
   */
  public void rewrite(RtpPacket packet, long ntp) {
    if (!packet.hasExtension()) {
      return;
    }
    byte[] buf = packet.buffer();
    HeaderExtensionCursor c = packet.extensions();
    boolean addMid = false;
    while (c.next()) {
      switch (roles[c.id()]) {
        case MID -> {
          if (midId > 0 && c.dataLength() == mid.length && c.setId(midId)) {
            c.setData(mid, 0, mid.length);
          } else {
            blank(buf, c);
            addMid = midId > 0;
          }
        }
        case ABS_SEND_TIME -> {
          if (absSendTimeId > 0 && c.dataLength() == 3 && c.setId(absSendTimeId)) {
            int value = NtpClock.absSendTime(ntp);
            int at = c.dataOffset();
            buf[at] = (byte) (value >>> 16);
            buf[at + 1] = (byte) (value >>> 8);
            buf[at + 2] = (byte) value;
          } else {
            blank(buf, c);
          }
        }
        case RENAME -> {
          if (!c.setId(renames[c.id()])) {
            blank(buf, c);
          }
        }
        default -> blank(buf, c);
      }
    }
    if (addMid) {
      // Best effort: without room the subscriber still has the SSRC from its SDP to route by.
      packet.setExtension(midId, mid, 0, mid.length);
    }
  }

  /** Zeroes the current element, header included: zero bytes are padding (RFC 8285 §4.2). */
  private static void blank(byte[] buf, HeaderExtensionCursor c) {
    int start = c.dataOffset() - (c.isTwoByte() ? 2 : 1);
    int end = c.dataOffset() + c.dataLength();
    for (int i = start; i < end; i++) {
      buf[i] = 0;
    }
  }
}
