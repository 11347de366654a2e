package dev.chorus.signaling.sdp;

/** SSRC numbers: unsigned 32-bit (RFC 3550 §5.1), held in a long. */
final class Ssrcs {
  static final long MAX = 0xFFFF_FFFFL;

  private Ssrcs() {}

  static void require(long ssrc) {
    if (ssrc < 0 || ssrc > MAX) {
      throw new IllegalArgumentException("ssrc must be 0..2^32-1: " + ssrc);
    }
  }

  static long parse(String text) throws Malformed {
    return Grammar.number(text, "ssrc", 0, MAX);
  }
}
