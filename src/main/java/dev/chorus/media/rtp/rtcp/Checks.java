package dev.chorus.media.rtp.rtcp;

/** Argument checks for values built by application code (parsed values always pass). */
final class Checks {
  private Checks() {}

  static long u32(long v, String what) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(what + " is not an unsigned 32-bit value: " + v);
    }
    return v;
  }

  static int range(int v, int min, int max, String what) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(what + " out of range [" + min + ", " + max + "]: " + v);
    }
    return v;
  }

  static int maxCount(int size, String what) {
    return range(size, 0, RtcpHeader.MAX_COUNT, what);
  }
}
