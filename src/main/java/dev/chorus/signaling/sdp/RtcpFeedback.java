package dev.chorus.signaling.sdp;

/**
 * {@code a=rtcp-fb:<pt|*> <type> [<parameter>]} (RFC 4585 §4.2, <a
 * href="https://www.rfc-editor.org/rfc/rfc4585#section-4.2">rfc4585#section-4.2</a>), e.g. {@code
 * nack}, {@code nack pli}, {@code ccm fir} (RFC 5104), {@code transport-cc}, {@code goog-remb}.
 *
 * @param payloadType the payload type, or {@link #WILDCARD} for {@code *}
 * @param parameter the rest of the line after the type, or {@code null}
 */
public record RtcpFeedback(int payloadType, String type, String parameter) implements Attribute {
  public static final int WILDCARD = -1;

  public RtcpFeedback {
    if (payloadType != WILDCARD) {
      PayloadTypes.require(payloadType);
    }
    Grammar.requireToken(type, "rtcp-fb type");
    if (parameter != null) {
      Grammar.requireLineText(parameter, "rtcp-fb parameter");
      if (parameter.isEmpty()) {
        throw new IllegalArgumentException("rtcp-fb parameter is empty; use null");
      }
    }
  }

  public static RtcpFeedback of(int payloadType, String type) {
    return new RtcpFeedback(payloadType, type, null);
  }

  public static RtcpFeedback of(int payloadType, String type, String parameter) {
    return new RtcpFeedback(payloadType, type, parameter);
  }

  static RtcpFeedback parseValue(String value) throws Malformed {
    int sp = value.indexOf(' ');
    if (sp < 0) {
      throw new Malformed("rtcp-fb needs '<pt> <type>'");
    }
    String ptText = value.substring(0, sp);
    int pt = ptText.equals("*") ? WILDCARD : PayloadTypes.parse(ptText);
    String rest = value.substring(sp + 1);
    int sp2 = rest.indexOf(' ');
    String type = sp2 < 0 ? rest : rest.substring(0, sp2);
    String parameter = sp2 < 0 ? null : rest.substring(sp2 + 1);
    if (parameter != null && parameter.isEmpty()) {
      throw new Malformed("rtcp-fb: trailing space after type");
    }
    return new RtcpFeedback(pt, Grammar.token(type, "rtcp-fb type"), parameter);
  }

  public boolean appliesTo(int pt) {
    return payloadType == WILDCARD || payloadType == pt;
  }

  /** The feedback without its payload type, as {@code "nack pli"} or {@code "transport-cc"}. */
  public String kind() {
    return parameter == null ? type : type + " " + parameter;
  }

  @Override
  public String attributeName() {
    return "rtcp-fb";
  }

  @Override
  public String attributeValue() {
    return (payloadType == WILDCARD ? "*" : Integer.toString(payloadType)) + " " + kind();
  }
}
