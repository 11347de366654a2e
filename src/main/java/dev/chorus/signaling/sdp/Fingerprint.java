package dev.chorus.signaling.sdp;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code a=fingerprint:<hash-func> <XX:XX:...>} (RFC 8122 §5, <a
 * href="https://www.rfc-editor.org/rfc/rfc8122#section-5">rfc8122#section-5</a>): the hash of the
 * peer's DTLS certificate. RFC 8122 asks for upper-case hex; lower case is accepted on input and
 * kept as written.
 */
public record Fingerprint(String hashFunction, String value) implements Attribute {

  public Fingerprint {
    Grammar.requireToken(hashFunction, "fingerprint hash function");
    if (!isHexPairs(value)) {
      throw new IllegalArgumentException("fingerprint must be colon-separated hex pairs");
    }
  }

  /** Formats a certificate digest the RFC 8122 way, e.g. {@code of("sha-256", digest)}. */
  public static Fingerprint of(String hashFunction, byte[] digest) {
    return new Fingerprint(
        hashFunction, HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
  }

  static Fingerprint parseValue(String value) throws Malformed {
    List<String> f = Grammar.fields(value, "fingerprint");
    if (f.size() != 2) {
      throw new Malformed("fingerprint needs '<hash-func> <hex pairs>'");
    }
    Grammar.token(f.get(0), "fingerprint hash function");
    if (!isHexPairs(f.get(1))) {
      throw new Malformed("fingerprint is not colon-separated hex pairs: '" + f.get(1) + "'");
    }
    return new Fingerprint(f.get(0), f.get(1));
  }

  private static boolean isHexPairs(String s) {
    if (s == null || s.length() < 2 || (s.length() + 1) % 3 != 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (i % 3 == 2 ? c != ':' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The digest bytes, for comparing with the hash of the certificate DTLS presented. */
  public byte[] digest() {
    return HexFormat.ofDelimiter(":").parseHex(value);
  }

  /**
   * Hash names compare case-insensitively (RFC 8122 §5: they are IANA "Hash Function Textual
   * Names").
   */
  public boolean matches(String hash, byte[] certificateDigest) {
    return hashFunction.toLowerCase(Locale.ROOT).equals(hash.toLowerCase(Locale.ROOT))
        && java.security.MessageDigest.isEqual(digest(), certificateDigest);
  }

  @Override
  public String attributeName() {
    return "fingerprint";
  }

  @Override
  public String attributeValue() {
    return hashFunction + " " + value;
  }
}
