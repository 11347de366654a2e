package dev.chorus.media.rtp.rtcp;

/**
 * Walks the packets of a compound RTCP packet in place (<a
 * href="https://www.rfc-editor.org/rfc/rfc3550#section-6.1">RFC 3550 §6.1</a>) without allocating:
 * each step checks one header (version 2, length word inside the datagram, padding count) and
 * exposes its type and extent. A framing error ends the walk and sets {@link #malformed()}; the RFC
 * then treats the whole compound packet as invalid. Reusable; not thread-safe.
 */
public final class RtcpCompoundIterator {
  private byte[] buf;
  private int pos;
  private int end;
  private int packetOffset;
  private int packetLength;
  private int bodyLength;
  private boolean malformed;

  /** Starts a walk over {@code len} bytes at {@code off}. */
  public RtcpCompoundIterator reset(byte[] buf, int off, int len) {
    boolean ok = buf != null && off >= 0 && len >= 0 && len <= buf.length - off;
    this.buf = buf;
    this.pos = ok ? off : 0;
    this.end = ok ? off + len : 0;
    this.malformed = !ok;
    this.packetOffset = -1;
    this.packetLength = 0;
    this.bodyLength = -1;
    return this;
  }

  /** Moves to the next packet; false at the end of the datagram or on a framing error. */
  public boolean next() {
    if (malformed || pos >= end) {
      return false;
    }
    if (end - pos < RtcpHeader.LENGTH) {
      malformed = true;
      return false;
    }
    int len = RtcpHeader.announcedLength(buf, pos);
    int body = len <= end - pos ? RtcpHeader.bodyLength(buf, pos, len) : -1;
    if (body < 0) {
      malformed = true;
      return false;
    }
    packetOffset = pos;
    packetLength = len;
    bodyLength = body;
    pos += len;
    return true;
  }

  /** True once a framing error has ended the walk (or the range given to reset was invalid). */
  public boolean malformed() {
    return malformed;
  }

  public byte[] buffer() {
    return buf;
  }

  /** Absolute offset of the current packet's header. */
  public int packetOffset() {
    return packetOffset;
  }

  /** Length of the current packet in bytes, padding included. */
  public int packetLength() {
    return packetLength;
  }

  /** Body bytes after the 4-byte header, padding excluded. */
  public int bodyLength() {
    return bodyLength;
  }

  public int packetType() {
    return RtcpHeader.packetType(buf, packetOffset);
  }

  /** The 5-bit RC/SC/FMT field. */
  public int countOrFormat() {
    return RtcpHeader.countOrFormat(buf, packetOffset);
  }
}
