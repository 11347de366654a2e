package dev.chorus.signaling.sdp;

/**
 * Any other {@code <type>=<value>} line this package keeps verbatim: {@code i= u= e= p= b= r= z=
 * k=} (RFC 8866 §5.4–§5.12, <a
 * href="https://www.rfc-editor.org/rfc/rfc8866#section-5">rfc8866#section-5</a>). Only {@code i=},
 * {@code b=} and {@code k=} may appear inside a media section.
 */
public record Field(char type, String value) implements SdpLine {
  static final String SESSION_TYPES = "iuepbrzk";
  static final String MEDIA_TYPES = "ibk";

  public Field {
    if (SESSION_TYPES.indexOf(type) < 0) {
      throw new IllegalArgumentException("not a free-form SDP line type: " + type);
    }
    Grammar.requireLineText(value, type + "= value");
  }

  /** {@code b=<bwtype>:<bandwidth>} (RFC 8866 §5.8), e.g. {@code bandwidth("AS", 300)}. */
  public static Field bandwidth(String type, long value) {
    return new Field('b', Grammar.requireToken(type, "bandwidth type") + ":" + value);
  }

  @Override
  public String toLine() {
    return type + "=" + value;
  }
}
