package dev.chorus.signaling.sdp;

import java.util.List;

/**
 * {@code t=<start-time> <stop-time>} (RFC 8866 §5.9, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-5.9">rfc8866#section-5.9</a>). WebRTC always
 * uses {@code t=0 0} (an unbounded session).
 */
public record Timing(long start, long stop) implements SdpLine {
  public static final Timing UNBOUNDED = new Timing(0, 0);

  public Timing {
    if (start < 0 || stop < 0) {
      throw new IllegalArgumentException("t= times must not be negative");
    }
  }

  static Timing parseValue(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "t= line");
    if (f.size() != 2) {
      throw new Malformed("t= line needs <start-time> <stop-time>");
    }
    return new Timing(
        Grammar.number(f.get(0), "t= start time", 0, Long.MAX_VALUE),
        Grammar.number(f.get(1), "t= stop time", 0, Long.MAX_VALUE));
  }

  @Override
  public String toLine() {
    return "t=" + start + " " + stop;
  }
}
