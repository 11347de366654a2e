package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> <ssrc-id> *(SP <ssrc-id>)} (RFC 5576 §4.2, <a
 * href="https://www.rfc-editor.org/rfc/rfc5576#section-4.2">rfc5576#section-4.2</a>). {@code FID
 * <media> <rtx>} pairs a stream with its RTX repair stream (RFC 4588); {@code SIM} lists simulcast
 * layers, lowest first.
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) implements Attribute {
  public static final String FID = "FID";
  public static final String SIM = "SIM";

  public SsrcGroup {
    Grammar.requireToken(semantics, "ssrc-group semantics");
    ssrcs = Grammar.requireNoNulls(ssrcs, "ssrc-group ssrcs");
    if (ssrcs.isEmpty()) {
      throw new IllegalArgumentException("ssrc-group needs at least one ssrc");
    }
    ssrcs.forEach(Ssrcs::require);
  }

  public static SsrcGroup fid(long media, long rtx) {
    return new SsrcGroup(FID, List.of(media, rtx));
  }

  static SsrcGroup parseValue(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "ssrc-group");
    if (f.size() < 2) {
      throw new Malformed("ssrc-group needs '<semantics> <ssrc> ...'");
    }
    List<Long> ssrcs = new ArrayList<>();
    for (String s : f.subList(1, f.size())) {
      ssrcs.add(Ssrcs.parse(s));
    }
    return new SsrcGroup(Grammar.token(f.get(0), "ssrc-group semantics"), ssrcs);
  }

  @Override
  public String attributeName() {
    return "ssrc-group";
  }

  @Override
  public String attributeValue() {
    StringBuilder sb = new StringBuilder(semantics);
    ssrcs.forEach(s -> sb.append(' ').append(s));
    return sb.toString();
  }
}
