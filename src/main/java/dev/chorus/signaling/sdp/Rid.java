package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code a=rid:<rid-id> <send|recv> [<restrictions>]} (RFC 8851 §10, <a
 * href="https://www.rfc-editor.org/rfc/rfc8851#section-10">rfc8851#section-10</a>): one RTP stream
 * of a simulcast or restricted send, named by the RtpStreamId header extension (RFC 8852).
 *
 * @param restrictions {@code pt=...;max-width=...} as written, or {@code null}
 */
public record Rid(String id, Rid.Direction direction, String restrictions) implements Attribute {

  /** {@code rid-dir}: the stream is sent or received by the one who wrote the line. */
  public enum Direction {
    SEND,
    RECV;

    String token() {
      return this == SEND ? "send" : "recv";
    }
  }

  public Rid {
    if (!isRidId(id)) {
      throw new IllegalArgumentException("rid-id must be letters, digits, '-' or '_': " + id);
    }
    if (direction == null) {
      throw new IllegalArgumentException("rid direction is null");
    }
    if (restrictions != null) {
      Grammar.requireVisible(restrictions, "rid restrictions");
    }
  }

  static boolean isRidId(String id) {
    if (id == null || id.isEmpty()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static Rid parseValue(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "rid");
    if (f.size() < 2 || f.size() > 3) {
      throw new Malformed("rid needs '<rid-id> <send|recv> [<restrictions>]'");
    }
    if (!isRidId(f.get(0))) {
      throw new Malformed("rid-id has characters outside [A-Za-z0-9_-]: '" + f.get(0) + "'");
    }
    Direction direction =
        switch (f.get(1)) {
          case "send" -> Direction.SEND;
          case "recv" -> Direction.RECV;
          default -> throw new Malformed("rid direction must be send or recv: '" + f.get(1) + "'");
        };
    return new Rid(f.get(0), direction, f.size() == 3 ? f.get(2) : null);
  }

  /** The restrictions as a map ({@code max-width -> 1280}); {@code pt} included. */
  public Map<String, String> restrictionMap() {
    return restrictions == null ? Map.of() : Fmtp.parse(restrictions);
  }

  /** Payload types from {@code pt=96,97}; empty when unrestricted or not numeric. */
  public List<Integer> payloadTypes() {
    String pt = restrictionMap().get("pt");
    List<Integer> out = new ArrayList<>();
    if (pt != null) {
      for (String p : pt.split(",")) {
        try {
          out.add(PayloadTypes.parse(p.trim()));
        } catch (Malformed e) {
          return List.of();
        }
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String attributeName() {
    return "rid";
  }

  @Override
  public String attributeValue() {
    String v = id + " " + direction.token();
    return restrictions == null ? v : v + " " + restrictions;
  }
}
