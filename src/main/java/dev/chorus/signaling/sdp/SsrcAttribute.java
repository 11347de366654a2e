package dev.chorus.signaling.sdp;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1, <a
 * href="https://www.rfc-editor.org/rfc/rfc5576#section-4.1">rfc5576#section-4.1</a>), e.g. {@code
 * cname:...} or {@code msid:<stream> <track>}.
 *
 * @param value the text after the colon (may contain spaces), or {@code null}
 */
public record SsrcAttribute(long ssrc, String attribute, String value) implements Attribute {

  public SsrcAttribute {
    Ssrcs.require(ssrc);
    Grammar.requireToken(attribute, "ssrc attribute");
    if (value != null) {
      Grammar.requireLineText(value, "ssrc attribute value");
    }
  }

  public static SsrcAttribute cname(long ssrc, String cname) {
    return new SsrcAttribute(ssrc, "cname", cname);
  }

  public static SsrcAttribute msid(long ssrc, Msid msid) {
    return new SsrcAttribute(ssrc, "msid", msid.attributeValue());
  }

  static SsrcAttribute parseValue(String value) throws Malformed {
    int sp = value.indexOf(' ');
    if (sp < 0) {
      throw new Malformed("ssrc needs '<ssrc-id> <attribute>'");
    }
    long ssrc = Ssrcs.parse(value.substring(0, sp));
    String rest = value.substring(sp + 1);
    int colon = rest.indexOf(':');
    String name = colon < 0 ? rest : rest.substring(0, colon);
    return new SsrcAttribute(
        ssrc, Grammar.token(name, "ssrc attribute"), colon < 0 ? null : rest.substring(colon + 1));
  }

  @Override
  public String attributeName() {
    return "ssrc";
  }

  @Override
  public String attributeValue() {
    return ssrc + " " + (value == null ? attribute : attribute + ":" + value);
  }
}
