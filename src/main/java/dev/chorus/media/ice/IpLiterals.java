package dev.chorus.media.ice;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever resolving a host name.
 *
 * <p>{@link InetAddress#getByName} falls back to DNS for anything that is not a literal, which
 * would let a remote ICE candidate (e.g. an mDNS {@code .local} name) or a configuration typo
 * trigger lookups from a media thread. Candidate addresses in SDP (RFC 8839 section 5.1) and the
 * advertised address of {@link IceConfig} must be literals, so anything else is rejected here.
 */
final class IpLiterals {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpLiterals() {}

  /** The address {@code text} denotes, or empty if it is not an IPv4 or IPv6 literal. */
  static Optional<InetAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    var v4 = IPV4.matcher(s);
    if (v4.matches()) {
      var bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(v4.group(i + 1));
        if (octet > 255) {
          return Optional.empty();
        }
        bytes[i] = (byte) octet;
      }
      return byAddress(bytes);
    }
    // A string with a colon is never looked up by the JDK: it is an IPv6 literal or an error.
    if (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()) {
      try {
        return Optional.of(InetAddress.getByName(s));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<InetAddress> byAddress(byte[] bytes) {
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
