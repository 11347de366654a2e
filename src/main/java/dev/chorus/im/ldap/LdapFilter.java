package dev.chorus.im.ldap;

import java.util.HexFormat;

/**
 * Builds search filters from configured templates without LDAP injection: a value typed by a user
 * is escaped as RFC 4515 section 3 requires before it is put into the filter, so {@code *}, {@code
 * (} or {@code )} in a username match themselves instead of changing the filter.
 */
public final class LdapFilter {
  /** Where a template takes the value, e.g. {@code (uid={0})}. */
  public static final String PLACEHOLDER = "{0}";

  private LdapFilter() {}

  /**
   * Escapes an assertion value (RFC 4515: {@code NUL ( ) * \} become {@code \00 \28 \29 \2a \5c};
   * other control characters are escaped too). The rest, non-ASCII included, passes unchanged: JNDI
   * sends the filter as UTF-8, which is what the RFC's {@code valueencoding} is.
   */
  public static String escape(String value) {
    var out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\0' -> out.append("\\00");
        case '(' -> out.append("\\28");
        case ')' -> out.append("\\29");
        case '*' -> out.append("\\2a");
        case '\\' -> out.append("\\5c");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            // Not required, but allowed: control characters travel visibly (RFC 4515's \04).
            out.append('\\').append(HexFormat.of().toHexDigits((byte) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** The template with every {@code {0}} replaced by the escaped value. */
  public static String format(String template, String value) {
    return template.replace(PLACEHOLDER, escape(value));
  }
}
