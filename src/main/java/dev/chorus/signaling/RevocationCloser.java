package dev.chorus.signaling;

import dev.chorus.im.session.AllSessionsRevoked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Log out everywhere" and a password change close every socket whose session they ended, at once
 * rather than at its next frame. Sockets of a session issued meanwhile (the new one after a
 * password change) stay open.
 */
@ApplicationScoped
public class RevocationCloser {
  private static final Logger LOG = Logger.getLogger(RevocationCloser.class.getName());

  @Inject Connections connections;

  void onAllRevoked(@ObservesAsync AllSessionsRevoked event) {
    for (var c : connections.of(event.accountId())) {
      try {
        if (event.tokenHashes().contains(c.tokenHash())) {
          c.close(Connection.POLICY, "logged out everywhere");
        }
      } catch (RuntimeException e) {
        // One socket failing to close must not keep the others open.
        LOG.log(Level.WARNING, "could not close socket " + c.id() + " after revocation", e);
      }
    }
  }
}
