package dev.chorus.signaling.sdp;

/**
 * Why a session description was rejected, and where.
 *
 * @param lineNumber 1-based line number, or 0 when the problem is the document as a whole
 * @param line the offending line (cut to 120 characters), or empty
 * @param reason what is wrong, in words
 */
public record SdpParseError(int lineNumber, String line, String reason) {
  private static final int MAX_LINE = 120;

  public SdpParseError {
    line = line == null ? "" : line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line;
    reason = reason == null ? "malformed" : reason;
  }

  /** E.g. {@code line 9: port is not a number: 'x' [m=audio x UDP/TLS/RTP/SAVPF 111]}. */
  public String message() {
    String where = lineNumber > 0 ? "line " + lineNumber + ": " : "";
    return line.isEmpty() ? where + reason : where + reason + " [" + line + "]";
  }
}
