package dev.chorus.admin.metrics;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may scrape: a request is let in when it carries the scrape token ({@code
 * chorus.metrics.token} as {@code Authorization: Bearer <token>}) or comes from an address of the
 * allow-list ({@code chorus.metrics.allow}); either is enough. Otherwise it is refused: 401 when a
 * token is configured (so the client knows to send one, or sent a wrong one), 403 when none is
 * (only the address counts, and it is not allowed).
 */
public final class ScrapeAccess {
  private static final String PREFIX = "Bearer ";

  /** The decision for one request. */
  public enum Decision {
    ALLOWED,
    UNAUTHORIZED,
    FORBIDDEN
  }

  private final byte[] token; // null: no token configured
  private final AddressAllowList allowList;

  /**
   * @param token the scrape token; empty or blank means none
   */
  public ScrapeAccess(Optional<String> token, AddressAllowList allowList) {
    this.token =
        token
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .map(t -> t.getBytes(StandardCharsets.UTF_8))
            .orElse(null);
    this.allowList = allowList;
  }

  /** Whether a scrape token is configured. */
  public boolean tokenConfigured() {
    return token != null;
  }

  public Decision decide(String authorizationHeader, InetAddress remote) {
    if (token != null && presentsToken(authorizationHeader)) {
      return Decision.ALLOWED;
    }
    if (allowList.allows(remote)) {
      return Decision.ALLOWED;
    }
    return token != null ? Decision.UNAUTHORIZED : Decision.FORBIDDEN;
  }

  private boolean presentsToken(String header) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    var given = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    // Constant time: the comparison must not tell how much of a guess was right.
    return MessageDigest.isEqual(given, token);
  }
}
