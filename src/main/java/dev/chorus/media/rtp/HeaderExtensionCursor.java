package dev.chorus.media.rtp;

/**
 * Walks the elements of an RFC 8285 header extension block in place: the one-byte form (<a
 * href="https://www.rfc-editor.org/rfc/rfc8285#section-4.2">§4.2</a>, profile 0xBEDE, ids 1–14,
 * 1–16 data bytes) or the two-byte form (<a
 * href="https://www.rfc-editor.org/rfc/rfc8285#section-4.3">§4.3</a>, profile 0x100X, ids 1–255,
 * 0–255 data bytes).
 *
 * <p>Reusable and allocation-free: an {@link RtpPacket} owns one and hands it out from {@link
 * RtpPacket#extensions()}. Zero bytes between elements are padding and are skipped. In the one-byte
 * form id 15 ends the walk (its length is ignored, as §4.2 requires), and so does a non-zero byte
 * with id 0, which is neither padding nor an element. An element whose data runs past the block
 * ends the walk and sets {@link #malformed()}.
 */
public final class HeaderExtensionCursor {
  static final int ONE_BYTE_RESERVED_ID = 15;

  private byte[] buf;
  private int start;
  private int end;
  private boolean twoByte;
  private int pos;
  private int id;
  private int dataOffset;
  private int dataLength;
  private int stop;
  private boolean malformed;

  HeaderExtensionCursor() {}

  /** Points the cursor before the first element of [start, end); an empty range walks nothing. */
  void reset(byte[] buf, int start, int end, boolean twoByte) {
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.twoByte = twoByte;
    rewind();
  }

  /** Goes back before the first element. */
  public void rewind() {
    pos = start;
    id = 0;
    dataOffset = -1;
    dataLength = 0;
    stop = -1;
    malformed = false;
  }

  /** Moves to the next element; false at the end of the block, at a terminator, or on overrun. */
  public boolean next() {
    if (stop >= 0) {
      return false;
    }
    while (pos < end) {
      int b = buf[pos] & 0xFF;
      if (b == 0) {
        pos++;
        continue;
      }
      int elementId;
      int length;
      int headerSize;
      if (twoByte) {
        if (pos + 2 > end) {
          return fail();
        }
        elementId = b;
        length = buf[pos + 1] & 0xFF;
        headerSize = 2;
      } else {
        elementId = b >>> 4;
        if (elementId == ONE_BYTE_RESERVED_ID || elementId == 0) {
          stop = pos;
          return false;
        }
        length = (b & 0x0F) + 1;
        headerSize = 1;
      }
      if (pos + headerSize + length > end) {
        return fail();
      }
      id = elementId;
      dataOffset = pos + headerSize;
      dataLength = length;
      pos = dataOffset + length;
      return true;
    }
    stop = end;
    return false;
  }

  private boolean fail() {
    malformed = true;
    stop = pos;
    return false;
  }

  /** Rewinds, then moves to the first element with {@code id}; false if there is none. */
  public boolean find(int wantedId) {
    rewind();
    while (next()) {
      if (id == wantedId) {
        return true;
      }
    }
    return false;
  }

  /** Id of the current element (valid after {@link #next()} or {@link #find} returned true). */
  public int id() {
    return id;
  }

  /** Absolute offset of the current element's data in {@link RtpPacket#buffer()}. */
  public int dataOffset() {
    return dataOffset;
  }

  public int dataLength() {
    return dataLength;
  }

  /** Offset of the current element's own header byte(s). */
  int elementOffset() {
    return dataOffset - (twoByte ? 2 : 1);
  }

  public boolean isTwoByte() {
    return twoByte;
  }

  /** True if the walk stopped because an element ran past the end of the block. */
  public boolean malformed() {
    return malformed;
  }

  /**
   * Where the walk stopped once {@link #next()} has returned false: the block end, a terminator, or
   * the overrunning element. Bytes from here on carry no elements a receiver would read.
   */
  int stopOffset() {
    return stop;
  }

  /** First data byte of the current element, for one-byte-valued extensions such as audio level. */
  public int dataU8(int index) {
    return buf[dataOffset + index] & 0xFF;
  }

  /**
   * Renumbers the current element in place, e.g. to map a publisher's extmap id to a subscriber's.
   * False (nothing written) if the id does not fit the block's form.
   */
  public boolean setId(int newId) {
    if (dataOffset < 0 || newId < 1 || newId > (twoByte ? 255 : 14)) {
      return false;
    }
    int at = elementOffset();
    if (twoByte) {
      buf[at] = (byte) newId;
    } else {
      buf[at] = (byte) ((newId << 4) | (buf[at] & 0x0F));
    }
    id = newId;
    return true;
  }

  /** Overwrites the current element's data with {@code len} bytes; false unless len matches. */
  public boolean setData(byte[] src, int srcOff, int len) {
    if (dataOffset < 0 || len != dataLength || src == null || srcOff < 0) {
      return false;
    }
    if (len > src.length - srcOff) {
      return false;
    }
    System.arraycopy(src, srcOff, buf, dataOffset, len);
    return true;
  }
}
