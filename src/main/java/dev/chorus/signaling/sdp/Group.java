package dev.chorus.signaling.sdp;

import java.util.List;

/**
 * {@code a=group:<semantics> *(SP <mid>)} (RFC 5888 §5, <a
 * href="https://www.rfc-editor.org/rfc/rfc5888#section-5">rfc5888#section-5</a>); with semantics
 * {@code BUNDLE} all listed m-sections share one transport (RFC 9143, <a
 * href="https://www.rfc-editor.org/rfc/rfc9143">rfc9143</a>).
 */
public record Group(String semantics, List<String> mids) implements Attribute {
  public static final String BUNDLE = "BUNDLE";

  public Group {
    Grammar.requireToken(semantics, "group semantics");
    mids = Grammar.requireNoNulls(mids, "group mids");
    mids.forEach(m -> Grammar.requireToken(m, "group mid"));
  }

  public static Group bundle(List<String> mids) {
    return new Group(BUNDLE, mids);
  }

  static Group parseValue(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "group");
    for (String mid : f) {
      Grammar.token(mid, "group field");
    }
    return new Group(f.get(0), f.subList(1, f.size()));
  }

  public boolean isBundle() {
    return semantics.equals(BUNDLE);
  }

  @Override
  public String attributeName() {
    return "group";
  }

  @Override
  public String attributeValue() {
    return mids.isEmpty() ? semantics : semantics + " " + String.join(" ", mids);
  }
}
