package dev.chorus.im.session;

import java.util.Set;

/**
 * Every session of an account that was valid was ended ("log out everywhere", a password change),
 * after commit. Sockets opened with one of {@code tokenHashes} must close; a session issued in the
 * same step (the new one after a password change) is not among them and keeps its sockets. The
 * hashes travel with the event so observers need no database.
 */
public record AllSessionsRevoked(String accountId, Set<String> tokenHashes) {
  public AllSessionsRevoked {
    tokenHashes = Set.copyOf(tokenHashes);
  }
}
