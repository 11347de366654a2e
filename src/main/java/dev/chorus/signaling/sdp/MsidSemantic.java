package dev.chorus.signaling.sdp;

import java.util.List;

/**
 * {@code a=msid-semantic:WMS [<stream ids>|*]}, the session-level stream list of
 * draft-ietf-mmusic-msid (dropped from the final RFC 8830, <a
 * href="https://www.rfc-editor.org/rfc/rfc8830">rfc8830</a>, but still sent by Chrome and Firefox).
 * Chrome writes a space after the colon ({@code a=msid-semantic: WMS}), Firefox does not; {@code
 * spaceAfterColon} records which, so the line is written back as it came.
 */
public record MsidSemantic(String semantic, List<String> streamIds, boolean spaceAfterColon)
    implements Attribute {

  public MsidSemantic {
    Grammar.requireToken(semantic, "msid-semantic");
    streamIds = Grammar.requireNoNulls(streamIds, "msid-semantic ids");
    streamIds.forEach(id -> Grammar.requireVisible(id, "msid-semantic id"));
  }

  static MsidSemantic parseValue(String value) throws Malformed {
    boolean space = value.startsWith(" ");
    List<String> f = Grammar.fields(space ? value.substring(1) : value, "msid-semantic");
    Grammar.token(f.get(0), "msid-semantic");
    return new MsidSemantic(f.get(0), f.subList(1, f.size()), space);
  }

  @Override
  public String attributeName() {
    return "msid-semantic";
  }

  @Override
  public String attributeValue() {
    StringBuilder sb = new StringBuilder(spaceAfterColon ? " " : "").append(semantic);
    streamIds.forEach(id -> sb.append(' ').append(id));
    return sb.toString();
  }
}
