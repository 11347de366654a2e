package dev.chorus.signaling.sdp;

import java.util.List;

/**
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>} (RFC 8866
 * §5.2, <a href="https://www.rfc-editor.org/rfc/rfc8866#section-5.2">rfc8866#section-5.2</a>). The
 * session id is kept as text: it is an opaque digit string that JSEP makes up to 63 bits long, and
 * nothing here does arithmetic on it.
 */
public record Origin(
    String username,
    String sessionId,
    long sessionVersion,
    String networkType,
    String addressType,
    String address) {

  public Origin {
    Grammar.requireVisible(username, "o= username");
    if (sessionId == null
        || sessionId.isEmpty()
        || !sessionId.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("o= session id must be digits: " + sessionId);
    }
    if (sessionVersion < 0) {
      throw new IllegalArgumentException("o= session version must not be negative");
    }
    Grammar.requireToken(networkType, "o= network type");
    Grammar.requireToken(addressType, "o= address type");
    Grammar.requireVisible(address, "o= address");
  }

  /** The origin JSEP implementations write: {@code - <id> <version> IN IP4 127.0.0.1}. */
  public static Origin of(String sessionId, long sessionVersion) {
    return new Origin("-", sessionId, sessionVersion, "IN", "IP4", "127.0.0.1");
  }

  /** The same origin with the version bumped, as a renegotiation needs (RFC 8866 §5.2). */
  public Origin nextVersion() {
    return new Origin(username, sessionId, sessionVersion + 1, networkType, addressType, address);
  }

  static Origin parseValue(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "o= line");
    if (f.size() != 6) {
      throw new Malformed("o= line needs 6 fields, got " + f.size());
    }
    Grammar.number(f.get(1), "o= session id", 0, Long.MAX_VALUE);
    return new Origin(
        f.get(0),
        f.get(1),
        Grammar.number(f.get(2), "o= session version", 0, Long.MAX_VALUE),
        Grammar.token(f.get(3), "o= network type"),
        Grammar.token(f.get(4), "o= address type"),
        f.get(5));
  }

  public String value() {
    return String.join(
        " ", username, sessionId, Long.toString(sessionVersion), networkType, addressType, address);
  }
}
