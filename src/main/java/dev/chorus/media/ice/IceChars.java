package dev.chorus.media.ice;

/**
 * The {@code ice-char} alphabet of ICE ufrags and passwords (<a
 * href="https://www.rfc-editor.org/rfc/rfc8839#section-5.4">RFC 8839 §5.4</a>): letters, digits,
 * {@code +} and {@code /}, at most 256 of them.
 */
final class IceChars {
  private IceChars() {}

  /** Whether {@code s} is {@code minLength} to 256 ice-chars. */
  static boolean valid(String s, int minLength) {
    return valid(s, minLength, 256);
  }

  /** Whether {@code s} is {@code minLength} to {@code maxLength} ice-chars. */
  static boolean valid(String s, int minLength, int maxLength) {
    return s != null
        && s.length() >= minLength
        && s.length() <= maxLength
        && s.chars().allMatch(IceChars::isIceChar);
  }

  private static boolean isIceChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/';
  }
}
