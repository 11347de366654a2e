package dev.chorus.signaling.sdp;

import java.util.List;
import java.util.Optional;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830 §2, <a
 * href="https://www.rfc-editor.org/rfc/rfc8830#section-2">rfc8830#section-2</a>): ties an m-section
 * to a MediaStream. Stream id {@code -} means "no stream" (Firefox, Chrome without streams).
 *
 * @param trackId the application data (track id), or {@code null}
 */
public record Msid(String streamId, String trackId) implements Attribute {

  public Msid {
    requireId(streamId, "msid stream id");
    if (trackId != null) {
      requireId(trackId, "msid track id");
    }
  }

  private static void requireId(String id, String what) {
    Grammar.requireToken(id, what);
    if (id.length() > 64) {
      throw new IllegalArgumentException(what + " is longer than 64 characters");
    }
  }

  static Msid parseValue(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "msid");
    if (f.size() > 2) {
      throw new Malformed("msid has more than two fields");
    }
    return new Msid(f.get(0), f.size() == 2 ? f.get(1) : null);
  }

  public Optional<String> track() {
    return Optional.ofNullable(trackId);
  }

  @Override
  public String attributeName() {
    return "msid";
  }

  @Override
  public String attributeValue() {
    return trackId == null ? streamId : streamId + " " + trackId;
  }
}
