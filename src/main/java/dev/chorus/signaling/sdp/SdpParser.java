package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses SDP text (RFC 8866 §5 and §9, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-9">rfc8866#section-9</a>) into a {@link
 * SessionDescription}. Input is untrusted: every problem comes back as an {@link SdpParseError}
 * with the 1-based line number, never as an exception. Lines may end in CRLF or a bare LF; the
 * writer always uses CRLF.
 *
 * <p>Strict where the SFU would otherwise guess: the document must start {@code v=0}, {@code o=},
 * {@code s=}, have a {@code t=} line before the first {@code m=}, use only line types RFC 8866
 * defines in their section, and every attribute this package interprets must match its grammar.
 * Unknown attributes are kept verbatim. Control characters, TAB included, are rejected inside a
 * line: RFC 8866 would allow TAB inside text, but no WebRTC stack sends one, and refusing them
 * keeps logged and re-written SDP clean.
 *
 * <p>Lenient where real stacks deviate harmlessly (docs/media.md lists them): spaces and TABs at
 * the end of a line are dropped (except in {@code s=}, where RFC 8866 §5.3 recommends {@code "s=
 * "}), blank lines at the end of the document are ignored, a run of spaces between fields counts as
 * one ({@link Grammar#fields}), lines out of RFC 8866 §5 order are put in order, and
 * comma-separated {@code ice-options} are read ({@link Attribute.IceOptions}).
 */
public final class SdpParser {
  /** Longest text accepted; a browser offer with many transceivers is far below this. */
  public static final int MAX_LENGTH = 1 << 20;

  private final List<String> lines;
  private final List<SdpLine> sessionLines = new ArrayList<>();
  private final List<MediaDescription> media = new ArrayList<>();
  private MediaDescription header;
  private List<SdpLine> mediaLines;
  private boolean sawTiming;

  private SdpParser(List<String> lines) {
    this.lines = lines;
  }

  public static SdpResult<SessionDescription> parse(String text) {
    if (text == null) {
      return failed(0, "", "no session description (null)");
    }
    if (text.length() > MAX_LENGTH) {
      return failed(0, "", "session description is longer than " + MAX_LENGTH + " characters");
    }
    List<String> lines = splitLines(text);
    while (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // SIPp, IP cameras: CRLF CRLF at the end
    }
    if (lines.isEmpty()) {
      return failed(0, "", "empty session description");
    }
    return new SdpParser(lines).run();
  }

  private static List<String> splitLines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int lf = text.indexOf('\n', start);
      int end = lf < 0 ? text.length() : lf;
      int cut = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      String line = text.substring(start, cut);
      out.add(line.startsWith("s=") ? line : stripTrailingBlanks(line));
      start = end + 1;
    }
    return out;
  }

  /** Trailing SP and TAB: some SIP phones and cameras end lines with them (pjsip issue 64). */
  private static String stripTrailingBlanks(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static <T> SdpResult<T> failed(int lineNumber, String line, String reason) {
    return new SdpResult.Failed<>(new SdpParseError(lineNumber, line, reason));
  }

  private SdpResult<SessionDescription> run() {
    String first = lines.get(0);
    if (!first.equals("v=0")) {
      String reason =
          first.startsWith("v=")
              ? "unsupported SDP version (only v=0 exists)"
              : "the first line must be v=0 (RFC 8866 §5.1)";
      return failed(1, first, reason);
    }
    if (lines.size() < 2 || !lines.get(1).startsWith("o=")) {
      return failed(2, lines.size() < 2 ? "" : lines.get(1), "the second line must be o=");
    }
    Origin origin;
    try {
      origin = Origin.parseValue(checkedText(lines.get(1)).substring(2));
    } catch (Malformed | IllegalArgumentException e) {
      return failed(2, lines.get(1), e.getMessage());
    }
    if (lines.size() < 3 || !lines.get(2).startsWith("s=")) {
      return failed(3, lines.size() < 3 ? "" : lines.get(2), "the third line must be s=");
    }
    for (int i = 3; i < lines.size(); i++) {
      String line = lines.get(i);
      try {
        parseLine(checkedText(line));
      } catch (Malformed | IllegalArgumentException e) {
        return failed(i + 1, line, e.getMessage());
      }
    }
    flushMedia();
    if (!sawTiming) {
      return failed(0, "", "no t= line (RFC 8866 §5.9 requires one)");
    }
    try {
      String name = checkedText(lines.get(2)).substring(2);
      return new SdpResult.Ok<>(new SessionDescription(origin, name, sessionLines, media));
    } catch (Malformed | IllegalArgumentException e) {
      return failed(3, lines.get(2), e.getMessage());
    }
  }

  private static String checkedText(String line) throws Malformed {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new Malformed("control character 0x" + Integer.toHexString(c) + " in line");
      }
    }
    return line;
  }

  private void parseLine(String line) throws Malformed {
    if (line.length() < 2 || line.charAt(1) != '=') {
      throw new Malformed(line.isEmpty() ? "empty line" : "not a <type>=<value> line");
    }
    char type = line.charAt(0);
    String value = line.substring(2);
    boolean inMedia = header != null;
    switch (type) {
      case 'm' -> {
        if (!sawTiming) {
          throw new Malformed("m= line before any t= line");
        }
        flushMedia();
        header = parseMediaHeader(value);
        mediaLines = new ArrayList<>();
      }
      case 'a' -> add(AttributeParser.parse(value));
      case 'c' -> add(Connection.parseValue(value));
      case 't' -> {
        if (inMedia) {
          throw new Malformed("t= is not allowed inside a media section");
        }
        sessionLines.add(Timing.parseValue(value));
        sawTiming = true;
      }
      case 'v', 'o', 's' -> throw new Malformed(type + "= may appear only once, at the start");
      default -> {
        String allowed = inMedia ? Field.MEDIA_TYPES : Field.SESSION_TYPES;
        if (allowed.indexOf(type) < 0) {
          throw new Malformed(
              "'"
                  + type
                  + "=' lines are "
                  + (inMedia ? "not allowed in a media section" : "unknown"));
        }
        add(new Field(type, value));
      }
    }
  }

  private void add(SdpLine line) {
    if (header == null) {
      sessionLines.add(line);
    } else {
      mediaLines.add(line);
    }
  }

  private void flushMedia() {
    if (header != null) {
      media.add(
          new MediaDescription(
              header.media(),
              header.port(),
              header.portCount(),
              header.protocol(),
              header.formats(),
              mediaLines));
      header = null;
    }
  }

  /** {@code <media> <port>[/<number of ports>] <proto> 1*(SP <fmt>)} (RFC 8866 §5.14). */
  private static MediaDescription parseMediaHeader(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "m= line");
    if (f.size() < 4) {
      throw new Malformed(
          "m= line needs <media> <port> <proto> <fmt>..., got " + f.size() + " fields");
    }
    String media = Grammar.token(f.get(0), "media type");
    String portText = f.get(1);
    Integer count = null;
    int slash = portText.indexOf('/');
    if (slash >= 0) {
      count = Grammar.integer(portText.substring(slash + 1), "number of ports", 1, 65535);
      portText = portText.substring(0, slash);
    }
    int port = Grammar.integer(portText, "port", 0, 65535);
    String proto = f.get(2);
    if (!MediaDescription.isProtocol(proto)) {
      throw new Malformed("m= proto is not token *(\"/\" token): '" + proto + "'");
    }
    List<String> formats = f.subList(3, f.size());
    boolean rtp = MediaDescription.isRtp(proto);
    for (String format : formats) {
      Grammar.token(format, "m= format");
      if (rtp && !MediaDescription.isPayloadType(format)) {
        throw new Malformed("RTP format is not a payload type 0..127: '" + format + "'");
      }
    }
    return new MediaDescription(media, port, count, proto, formats, List.of());
  }
}
