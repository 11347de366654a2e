package dev.chorus.signaling.sdp;

/**
 * Writes a {@link SessionDescription} as SDP text: {@code v=0}, {@code o=}, {@code s=}, the session
 * lines, then each media section, every line ended by CRLF (RFC 8866 §5). The model keeps its lines
 * in RFC 8866 §5 order ({@code c=} before {@code a=}), so what is written here is in the order
 * strict parsers such as Firefox's SIPCC demand.
 */
public final class SdpWriter {
  private static final String CRLF = "\r\n";

  private SdpWriter() {}

  public static String write(SessionDescription description) {
    StringBuilder sb = new StringBuilder(4096);
    sb.append("v=0").append(CRLF);
    sb.append("o=").append(description.origin().value()).append(CRLF);
    sb.append("s=").append(description.sessionName()).append(CRLF);
    for (SdpLine line : description.lines()) {
      sb.append(line.toLine()).append(CRLF);
    }
    for (MediaDescription m : description.media()) {
      sb.append(m.headerLine()).append(CRLF);
      for (SdpLine line : m.lines()) {
        sb.append(line.toLine()).append(CRLF);
      }
    }
    return sb.toString();
  }
}
