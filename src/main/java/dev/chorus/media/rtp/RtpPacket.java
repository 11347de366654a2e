package dev.chorus.media.rtp;

import java.util.Optional;

/**
 * A flyweight view of one RTP packet (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-5.1">
 * RFC 3550 §5.1</a>) in a caller-owned buffer, with in-place setters for the fields an SFU rewrites
 * per consumer (sequence number, timestamp, SSRC, payload type, marker) and RFC 8285 header
 * extension access through {@link #extensions()}.
 *
 * <pre>
 *  0                   1                   2                   3
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * |            contributing source (CSRC) identifiers (CC)        |
 * |  defined by profile (X)       |       length in words         |
 * |                 header extension elements ...                 |
 * |                 payload ...           | padding ... | count   |
 * </pre>
 *
 * <p>One instance is meant to be reused for many packets on one thread: {@link #wrap} validates and
 * caches offsets without allocating and returns false on malformed input instead of throwing. After
 * a false return the view is empty and its accessors must not be used. Not thread-safe.
 */
public final class RtpPacket {
  public static final int VERSION = 2;
  public static final int FIXED_HEADER_LENGTH = 12;

  /** RFC 8285 §4.2 "defined by profile" value of the one-byte form. */
  public static final int ONE_BYTE_PROFILE = 0xBEDE;

  /** RFC 8285 §4.3 value of the two-byte form; the low 4 bits are "appbits". */
  public static final int TWO_BYTE_PROFILE = 0x1000;

  private final HeaderExtensionCursor cursor = new HeaderExtensionCursor();
  private byte[] buf;
  private int off;
  private int len;
  private int headerLength;
  private int extStart = -1;
  private int extEnd = -1;
  private int paddingLength;
  private boolean paddingChecked;

  /** Parses a copy-free view; empty if the bytes are not a well-formed RTP packet. */
  public static Optional<RtpPacket> parse(byte[] buf, int off, int len) {
    RtpPacket p = new RtpPacket();
    return p.wrap(buf, off, len) ? Optional.of(p) : Optional.empty();
  }

  /**
   * Points this view at a decrypted packet: validates the fixed header, CSRC list, extension block
   * (including every RFC 8285 element) and padding. False, leaving the view empty, if malformed.
   */
  public boolean wrap(byte[] buf, int off, int len) {
    return wrap(buf, off, len, true);
  }

  /**
   * Like {@link #wrap} but leaves padding alone, for an SRTP packet before decryption whose tail
   * (payload, padding, auth tag) is still opaque: the payload is then everything after the header.
   */
  public boolean wrapHeader(byte[] buf, int off, int len) {
    return wrap(buf, off, len, false);
  }

  private boolean wrap(byte[] b, int o, int l, boolean checkPadding) {
    clear();
    if (b == null || o < 0 || l < FIXED_HEADER_LENGTH || l > b.length - o) {
      return false;
    }
    int first = b[o] & 0xFF;
    if ((first >>> 6) != VERSION) {
      return false;
    }
    int h = FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
    if (h > l) {
      return false;
    }
    int es = -1;
    int ee = -1;
    if ((first & 0x10) != 0) {
      if (h + 4 > l) {
        return false;
      }
      int words = BigEndian.u16(b, o + h + 2);
      es = o + h + 4;
      ee = es + 4 * words;
      if (ee > o + l) {
        return false;
      }
      h += 4 + 4 * words;
    }
    int pad = 0;
    if (checkPadding && (first & 0x20) != 0) {
      pad = b[o + l - 1] & 0xFF;
      if (pad == 0 || pad > l - h) {
        return false;
      }
    }
    this.buf = b;
    this.off = o;
    this.len = l;
    this.headerLength = h;
    this.extStart = es;
    this.extEnd = ee;
    this.paddingLength = pad;
    this.paddingChecked = checkPadding;
    if (es >= 0 && isRfc8285(extensionProfile())) {
      HeaderExtensionCursor c = extensions();
      while (c.next()) {
        // walk only to validate element lengths
      }
      if (c.malformed()) {
        clear();
        return false;
      }
    }
    return true;
  }

  private void clear() {
    buf = null;
    off = 0;
    len = 0;
    headerLength = 0;
    extStart = -1;
    extEnd = -1;
    paddingLength = 0;
  }

  /** Re-validates after an in-place edit that changed the length. */
  boolean rewrap(int newLen) {
    return wrap(buf, off, newLen, paddingChecked);
  }

  static boolean isRfc8285(int profile) {
    return profile == ONE_BYTE_PROFILE || (profile & 0xFFF0) == TWO_BYTE_PROFILE;
  }

  public byte[] buffer() {
    return buf;
  }

  public int offset() {
    return off;
  }

  /** Length of the whole packet, padding included. */
  public int length() {
    return len;
  }

  /** Bytes available for growth in place: from {@link #offset()} to the end of the buffer. */
  public int capacity() {
    return buf == null ? 0 : buf.length - off;
  }

  public int version() {
    return (buf[off] & 0xFF) >>> 6;
  }

  public boolean hasPadding() {
    return (buf[off] & 0x20) != 0;
  }

  public boolean hasExtension() {
    return (buf[off] & 0x10) != 0;
  }

  public int csrcCount() {
    return buf[off] & 0x0F;
  }

  public boolean marker() {
    return (buf[off + 1] & 0x80) != 0;
  }

  public int payloadType() {
    return buf[off + 1] & 0x7F;
  }

  public int sequenceNumber() {
    return BigEndian.u16(buf, off + 2);
  }

  public long timestamp() {
    return BigEndian.u32(buf, off + 4);
  }

  public long ssrc() {
    return BigEndian.u32(buf, off + 8);
  }

  /** The {@code index}-th CSRC; index must be below {@link #csrcCount()}. */
  public long csrc(int index) {
    return BigEndian.u32(buf, off + FIXED_HEADER_LENGTH + 4 * index);
  }

  public void setMarker(boolean marker) {
    buf[off + 1] = (byte) ((buf[off + 1] & 0x7F) | (marker ? 0x80 : 0));
  }

  /** Sets the 7-bit payload type, keeping the marker bit. */
  public void setPayloadType(int payloadType) {
    buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | (payloadType & 0x7F));
  }

  public void setSequenceNumber(int seq) {
    BigEndian.put16(buf, off + 2, seq);
  }

  public void setTimestamp(long timestamp) {
    BigEndian.put32(buf, off + 4, timestamp);
  }

  public void setSsrc(long ssrc) {
    BigEndian.put32(buf, off + 8, ssrc);
  }

  public void setCsrc(int index, long csrc) {
    BigEndian.put32(buf, off + FIXED_HEADER_LENGTH + 4 * index, csrc);
  }

  /** Fixed header + CSRCs + extension block: where the payload starts, relative to offset(). */
  public int headerLength() {
    return headerLength;
  }

  /** Absolute offset of the payload in {@link #buffer()}. */
  public int payloadOffset() {
    return off + headerLength;
  }

  public int payloadLength() {
    return len - headerLength - paddingLength;
  }

  /** Padding bytes at the end, count byte included; 0 without the P bit or after wrapHeader. */
  public int paddingLength() {
    return paddingLength;
  }

  /** The "defined by profile" field of the extension block, or -1 without one. */
  public int extensionProfile() {
    return extStart < 0 ? -1 : BigEndian.u16(buf, extStart - 4);
  }

  /** Absolute offset of the extension block's data (after its 4-byte header), or -1. */
  public int extensionDataOffset() {
    return extStart;
  }

  /** Bytes of extension data after the 4-byte block header (a multiple of 4), or 0. */
  public int extensionDataLength() {
    return extStart < 0 ? 0 : extEnd - extStart;
  }

  /**
   * This view's reusable cursor, rewound to the first RFC 8285 element. Walks nothing if there is
   * no extension block or its profile is neither 0xBEDE nor 0x100X (e.g. encrypted, RFC 9335).
   */
  public HeaderExtensionCursor extensions() {
    int profile = extensionProfile();
    if (isRfc8285(profile)) {
      cursor.reset(buf, extStart, extEnd, profile != ONE_BYTE_PROFILE);
    } else {
      cursor.reset(buf, 0, 0, false);
    }
    return cursor;
  }

  /**
   * Sets extension element {@code id} to {@code len} bytes of {@code value}: overwritten in place
   * when an element of that size exists, else re-laid out in the buffer (switching to the two-byte
   * form if id &gt; 14 or len is 0 or &gt; 16), moving the payload if the block must grow. False,
   * with the packet unchanged, if the buffer lacks capacity, the arguments are out of range, or the
   * packet carries a non-RFC 8285 extension block.
   */
  public boolean setExtension(int id, byte[] value, int valueOff, int len) {
    return HeaderExtensionEditor.set(this, id, value, valueOff, len);
  }

  /** Blanks every element with {@code id} to padding, in place; false if there was none. */
  public boolean removeExtension(int id) {
    return HeaderExtensionEditor.remove(this, id);
  }

  /**
   * Drops the padding in place (clears P, shortens the length) so that a forwarded packet does not
   * carry another sender's padding. Returns the new length.
   */
  public int removePadding() {
    if (paddingLength > 0) {
      buf[off] = (byte) (buf[off] & ~0x20);
      len -= paddingLength;
      paddingLength = 0;
    }
    return len;
  }
}
