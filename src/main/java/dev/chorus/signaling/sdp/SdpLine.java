package dev.chorus.signaling.sdp;

/**
 * One line of a session description after {@code s=}, in document order (RFC 8866 §5, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-5">rfc8866#section-5</a>). Keeping the lines
 * in order, including ones this package does not interpret, is what makes a parse→write round trip
 * lossless.
 */
public sealed interface SdpLine permits Attribute, Connection, Timing, Field {
  /** The line as written, without its line terminator, e.g. {@code "a=mid:0"}. */
  String toLine();
}
