package dev.chorus.signaling.sdp;

import java.util.Optional;

/**
 * {@code a=extmap:<id>[/<direction>] <URI> [<extension attributes>]} (RFC 8285 §5 signaling, §8
 * syntax, <a href="https://www.rfc-editor.org/rfc/rfc8285#section-8">rfc8285#section-8</a>). Ids
 * 1–14 fit the one-byte header form, up to 255 the two-byte form; 4096–4351 are the offer-only "no
 * preference" range.
 *
 * @param direction the {@code /direction} suffix, or {@code null}
 * @param attributes text after the URI, or {@code null}
 */
public record ExtMap(int id, Direction direction, String uri, String attributes)
    implements Attribute {

  public ExtMap {
    if (!validId(id)) {
      throw new IllegalArgumentException("extmap id must be 1..255 or 4096..4351: " + id);
    }
    Grammar.requireVisible(uri, "extmap URI");
    if (attributes != null) {
      Grammar.requireLineText(attributes, "extmap attributes");
      if (attributes.isEmpty()) {
        throw new IllegalArgumentException("extmap attributes are empty; use null");
      }
    }
  }

  public static ExtMap of(int id, String uri) {
    return new ExtMap(id, null, uri, null);
  }

  private static boolean validId(int id) {
    return id >= 1 && id <= 255 || id >= 4096 && id <= 4351;
  }

  static ExtMap parseValue(String value) throws Malformed {
    int sp = value.indexOf(' ');
    if (sp < 0) {
      throw new Malformed("extmap needs '<id> <URI>'");
    }
    String entry = value.substring(0, sp);
    Direction direction = null;
    int slash = entry.indexOf('/');
    if (slash >= 0) {
      String d = entry.substring(slash + 1);
      direction =
          Direction.fromToken(d)
              .orElseThrow(() -> new Malformed("extmap: unknown direction '" + d + "'"));
      entry = entry.substring(0, slash);
    }
    int id = Grammar.integer(entry, "extmap id", 1, 4351);
    if (!validId(id)) {
      throw new Malformed("extmap id " + id + " is outside 1..255 and 4096..4351");
    }
    String rest = value.substring(sp + 1);
    int sp2 = rest.indexOf(' ');
    String uri = Grammar.visible(sp2 < 0 ? rest : rest.substring(0, sp2), "extmap URI");
    String attributes = sp2 < 0 ? null : rest.substring(sp2 + 1);
    if (attributes != null && attributes.isEmpty()) {
      throw new Malformed("extmap: trailing space after URI");
    }
    return new ExtMap(id, direction, uri, attributes);
  }

  public Optional<Direction> directionIfAny() {
    return Optional.ofNullable(direction);
  }

  @Override
  public String attributeName() {
    return "extmap";
  }

  @Override
  public String attributeValue() {
    StringBuilder sb = new StringBuilder().append(id);
    if (direction != null) {
      sb.append('/').append(direction.token());
    }
    sb.append(' ').append(uri);
    if (attributes != null) {
      sb.append(' ').append(attributes);
    }
    return sb.toString();
  }
}
