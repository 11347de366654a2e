package dev.chorus.signaling.sdp;

/**
 * Internal signal that a field does not match its grammar. Never escapes the package: {@link
 * SdpParser} turns it into an {@link SdpParseError} with the line number. No stack trace, since
 * garbage input is an expected case, not a bug.
 */
final class Malformed extends Exception {
  Malformed(String reason) {
    super(reason, null, false, false);
  }
}
