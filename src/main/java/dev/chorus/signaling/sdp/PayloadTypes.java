package dev.chorus.signaling.sdp;

/** RTP payload type numbers as they appear in m= formats and attributes (RFC 3550 §5.1: 7 bits). */
final class PayloadTypes {
  private PayloadTypes() {}

  static void require(int pt) {
    if (pt < 0 || pt > 127) {
      throw new IllegalArgumentException("payload type must be 0..127: " + pt);
    }
  }

  static int parse(String text) throws Malformed {
    return Grammar.integer(text, "payload type", 0, 127);
  }
}
