package dev.chorus.media.rtp;

/**
 * Network-order (big-endian) reads and writes on a byte array, shared by the RTP and RTCP codecs.
 *
 * <p>Callers check bounds before calling: these helpers sit on the per-packet path and do no
 * validation of their own. Unsigned 32-bit fields come back as {@code long} so that SSRCs and
 * timestamps never show up negative.
 */
public final class BigEndian {
  private BigEndian() {}

  public static int u8(byte[] buf, int off) {
    return buf[off] & 0xFF;
  }

  public static int u16(byte[] buf, int off) {
    return ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
  }

  public static int u24(byte[] buf, int off) {
    return ((buf[off] & 0xFF) << 16) | ((buf[off + 1] & 0xFF) << 8) | (buf[off + 2] & 0xFF);
  }

  /** A 24-bit two's-complement field, sign-extended. */
  public static int s24(byte[] buf, int off) {
    return (u24(buf, off) << 8) >> 8;
  }

  public static long u32(byte[] buf, int off) {
    return ((long) (buf[off] & 0xFF) << 24)
        | ((buf[off + 1] & 0xFF) << 16)
        | ((buf[off + 2] & 0xFF) << 8)
        | (buf[off + 3] & 0xFF);
  }

  public static long u64(byte[] buf, int off) {
    return (u32(buf, off) << 32) | u32(buf, off + 4);
  }

  public static void put8(byte[] buf, int off, int value) {
    buf[off] = (byte) value;
  }

  public static void put16(byte[] buf, int off, int value) {
    buf[off] = (byte) (value >>> 8);
    buf[off + 1] = (byte) value;
  }

  public static void put24(byte[] buf, int off, int value) {
    buf[off] = (byte) (value >>> 16);
    buf[off + 1] = (byte) (value >>> 8);
    buf[off + 2] = (byte) value;
  }

  public static void put32(byte[] buf, int off, long value) {
    buf[off] = (byte) (value >>> 24);
    buf[off + 1] = (byte) (value >>> 16);
    buf[off + 2] = (byte) (value >>> 8);
    buf[off + 3] = (byte) value;
  }

  public static void put64(byte[] buf, int off, long value) {
    put32(buf, off, value >>> 32);
    put32(buf, off + 4, value);
  }
}
