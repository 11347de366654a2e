package dev.chorus.media.codec;

/**
 * A reusable view of the VP8 payload descriptor (<a
 * href="https://www.rfc-editor.org/rfc/rfc7741#section-4.2">RFC 7741 §4.2</a>) at the start of an
 * RTP payload, and the first byte of the VP8 payload header behind it (<a
 * href="https://www.rfc-editor.org/rfc/rfc7741#section-4.3">§4.3</a>):
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      |X|R|N|S|R| PID |   required
 *  X:  |I|L|T|K| RSV   |
 *  I:  |M| PictureID   |   M=1: a second byte, 15 bits in all
 *  L:  |   TL0PICIDX   |
 *  T/K:|TID|Y| KEYIDX  |
 *      |Size0|H| VER |P|   payload header, only at the start of partition 0; P=0: key frame
 * </pre>
 *
 * <p>An SFU that switches a subscriber between simulcast encodings rewrites PictureID and TL0PICIDX
 * so that the receiver sees one continuous numbering ({@link #setPictureId}, {@link #setTl0PicIdx},
 * in place). {@link #wrap} validates without allocating and returns false for a payload too short
 * for the fields it announces. Not thread-safe; one per packet thread.
 */
public final class Vp8PayloadDescriptor {
  /** PictureID values wrap at 2^15 in the long form (and 2^7 in the short form). */
  public static final int PICTURE_ID_MODULUS = 1 << 15;

  private byte[] buf;
  private int off;
  private int length;
  private int pictureIdOffset = -1;
  private boolean longPictureId;
  private int tl0Offset = -1;
  private int tidOffset = -1;
  private int headerLength;

  /** True if the payload is a VP8 key frame's first packet; false for anything else or garbage. */
  public static boolean isKeyframe(byte[] buf, int off, int len) {
    var d = new Vp8PayloadDescriptor();
    return d.wrap(buf, off, len) && d.isKeyframe();
  }

  /** Points the view at a payload; false (view empty) if it is too short for its own fields. */
  public boolean wrap(byte[] buf, int off, int len) {
    this.buf = null;
    pictureIdOffset = -1;
    tl0Offset = -1;
    tidOffset = -1;
    if (buf == null || off < 0 || len < 1 || len > buf.length - off) {
      return false;
    }
    int at = off;
    int first = buf[at++] & 0xFF;
    if ((first & 0x80) != 0) {
      if (at >= off + len) {
        return false;
      }
      int ext = buf[at++] & 0xFF;
      if ((ext & 0x80) != 0) {
        if (at >= off + len) {
          return false;
        }
        pictureIdOffset = at;
        longPictureId = (buf[at] & 0x80) != 0;
        at += longPictureId ? 2 : 1;
      }
      if ((ext & 0x40) != 0) {
        tl0Offset = at++;
      }
      if ((ext & 0x30) != 0) {
        tidOffset = at++;
      }
    }
    if (at > off + len) {
      pictureIdOffset = -1;
      tl0Offset = -1;
      tidOffset = -1;
      return false;
    }
    this.buf = buf;
    this.off = off;
    this.length = len;
    this.headerLength = at - off;
    return true;
  }

  /** Bytes of the descriptor; the VP8 payload starts after them. */
  public int length() {
    return headerLength;
  }

  /** S: this packet starts a VP8 partition. */
  public boolean isStartOfPartition() {
    return (buf[off] & 0x10) != 0;
  }

  /** PID: the partition index (0–7). */
  public int partitionIndex() {
    return buf[off] & 0x07;
  }

  /** N: the frame is not used as a reference, so dropping it harms no other frame. */
  public boolean isNonReference() {
    return (buf[off] & 0x20) != 0;
  }

  /**
   * True at the start of partition 0 of a key frame: S=1, PID=0, and the P bit of the VP8 payload
   * header is 0 (RFC 7741 §4.3). A packet with no payload after the descriptor is not one.
   */
  public boolean isKeyframe() {
    if (!isStartOfPartition() || partitionIndex() != 0 || headerLength >= length) {
      return false;
    }
    return (buf[off + headerLength] & 0x01) == 0;
  }

  public boolean hasPictureId() {
    return pictureIdOffset >= 0;
  }

  /** True for the 15-bit form (M=1), false for 7 bits; meaningful only with a PictureID. */
  public boolean hasLongPictureId() {
    return longPictureId;
  }

  /** The PictureID, or -1 if absent. */
  public int pictureId() {
    if (pictureIdOffset < 0) {
      return -1;
    }
    if (longPictureId) {
      return ((buf[pictureIdOffset] & 0x7F) << 8) | (buf[pictureIdOffset + 1] & 0xFF);
    }
    return buf[pictureIdOffset] & 0x7F;
  }

  /**
   * Writes a PictureID in place, keeping the form (taken mod 2^15 or 2^7); false if there is none.
   */
  public boolean setPictureId(int pictureId) {
    if (pictureIdOffset < 0) {
      return false;
    }
    if (longPictureId) {
      buf[pictureIdOffset] = (byte) (0x80 | ((pictureId >>> 8) & 0x7F));
      buf[pictureIdOffset + 1] = (byte) pictureId;
    } else {
      buf[pictureIdOffset] = (byte) (pictureId & 0x7F);
    }
    return true;
  }

  public boolean hasTl0PicIdx() {
    return tl0Offset >= 0;
  }

  /** TL0PICIDX, or -1 if absent. */
  public int tl0PicIdx() {
    return tl0Offset < 0 ? -1 : buf[tl0Offset] & 0xFF;
  }

  /** Writes TL0PICIDX (mod 256) in place; false if there is none. */
  public boolean setTl0PicIdx(int tl0PicIdx) {
    if (tl0Offset < 0) {
      return false;
    }
    buf[tl0Offset] = (byte) tl0PicIdx;
    return true;
  }

  /** The temporal layer index (TID), or -1 if absent. */
  public int temporalLayer() {
    return tidOffset < 0 ? -1 : (buf[tidOffset] & 0xFF) >>> 6;
  }
}
